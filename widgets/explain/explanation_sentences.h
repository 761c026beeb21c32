#pragma once
// The plain sentences an explanation says about itself (how sure, how much repeated answers agree), written
// here from the numbers rather than in the engine, so that they follow the reader's language: the app's on
// screen, the one chosen for a case report.
#include <QString>
#include <QStringList>

#include "explain/explanation_data.h"

namespace fusebench::widgets {

// "52 %" as the reader writes a percentage (p in [0, 1]).
QString percentText(double p);

// "The model is unsure: it gives 'a' 52 % and 'b' 41 %." — empty when the model is sure (or not a classifier).
QString certaintySentence(const ExplanationData& e);

// One sentence per Monte-Carlo dropout or ensemble spread.
QStringList spreadSentences(const ExplanationData& e);

}  // namespace fusebench::widgets
