#!/usr/bin/env python3
"""Writes node_catalogue_strings.cpp: every user-visible string of the node catalogue (titles, palette
categories, node, port and parameter docs) as QT_TRANSLATE_NOOP("NodeCatalogue", ...), so that lupdate puts
them into the .ts files. The engine is Qt-free and cannot mark its strings; the app translates them with
QCoreApplication::translate("NodeCatalogue", ...). Not compiled. Run after changing a node's docs:

    python3 resources/translations/make_node_catalogue_strings.py build/release/engine/cli/fusebench-cli
    cmake --build --preset release --target fusebench_update_translations
"""
import json
import pathlib
import subprocess
import sys

from string_list import cpp_literal, write_string_list


def catalogue_strings(nodes):
    seen, out = set(), []
    def add(s):
        if s and s not in seen:
            seen.add(s)
            out.append(s)
    for t in nodes:
        add(t["category"])
    for t in nodes:
        add(t["title"])
        add(t["doc"])
        for p in t["inputs"] + t["outputs"] + t["params"]:
            add(p["doc"])
    return out


def main():
    args = [a for a in sys.argv[1:] if a != "--check"]
    cli = args[0] if args else "build/release/engine/cli/fusebench-cli"
    nodes = json.loads(subprocess.run([cli, "graph", "nodes", "--json"], check=True, capture_output=True, text=True).stdout)
    write_string_list(pathlib.Path(__file__).with_name("node_catalogue_strings.cpp"), pathlib.Path(__file__).name,
                      "`fusebench-cli graph nodes --json`", "NodeCatalogue", "kNodeCatalogueStrings",
                      [cpp_literal(s) for s in catalogue_strings(nodes)])


if __name__ == "__main__":
    main()
