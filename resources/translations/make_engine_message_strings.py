#!/usr/bin/env python3
"""Writes engine_message_strings.cpp: every engine sentence marked FB_TEXT("...") (graph problems and their
expected/found wording) as QT_TRANSLATE_NOOP("EngineMessages", ...), so that lupdate puts them into the .ts
files. The engine is Qt-free; FB_TEXT is the literal itself there, and the app translates the pattern where it
shows a problem (app/engine_text.cpp). Not compiled. Run after adding or changing an FB_TEXT sentence:

    python3 resources/translations/make_engine_message_strings.py
    cmake --build --preset release --target fusebench_update_translations

tests/app/test_translations.cpp reads the engine sources the same way and fails on a marked sentence the
catalogue does not translate.
"""
import pathlib
import re
import sys

from string_list import write_string_list

ROOT = pathlib.Path(__file__).resolve().parents[2]
# FB_TEXT( "literal" ["literal" ...] ): adjacent literals are one string, as in C++.
MARKED = re.compile(r'FB_TEXT\(\s*((?:"(?:[^"\\]|\\.)*"\s*)+)\)')
LITERAL = re.compile(r'"((?:[^"\\]|\\.)*)"')


def marked_strings():
    seen, out = set(), []
    for path in sorted((ROOT / "engine").rglob("*")):
        if path.suffix not in (".cpp", ".h") or path.name == "diagnostic.h":
            continue
        for m in MARKED.finditer(path.read_text(encoding="utf-8")):
            s = "".join(LITERAL.findall(m.group(1)))
            if s and s not in seen:
                seen.add(s)
                out.append(s)
    return out


def main():
    strings = marked_strings()  # as written in C++: escapes stay escaped
    write_string_list(pathlib.Path(__file__).with_name("engine_message_strings.cpp"), pathlib.Path(__file__).name,
                      "the engine's FB_TEXT sentences", "EngineMessages", "kEngineMessageStrings",
                      ['"%s"' % s for s in strings])


if __name__ == "__main__":
    main()
