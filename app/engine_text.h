#pragma once
// Engine strings shown in the GUI, in the reader's language. The engine is Qt-free and writes English; its
// catalogue and its FB_TEXT-marked problem sentences reach the .ts files through generated string lists
// (resources/translations/make_node_catalogue_strings.py, make_engine_message_strings.py) and are
// translated here, where they are shown.
#include <QCoreApplication>
#include <QString>

#include <string>

#include "graph/diagnostic.h"

namespace fusebench::app {

// A node type's title, category or doc (context NodeCatalogue): the palette, inspector, canvas, summary.
inline QString catalogueText(const std::string& s) {
  return s.empty() ? QString() : QCoreApplication::translate("NodeCatalogue", s.c_str());
}

// A plain engine sentence marked FB_TEXT (no values to put back), e.g. an example dataset's description.
inline QString engineText(const std::string& s) {
  return s.empty() ? QString() : QCoreApplication::translate("EngineMessages", s.c_str());
}

// Diagnostic::format() in the reader's language: "节点 'fuse'，端口 'in1'：…（应为 …，实际为 …）". A diagnostic
// written without patterns keeps its English sentence inside the translated frame.
QString diagnosticText(const Diagnostic& d);

}  // namespace fusebench::app
