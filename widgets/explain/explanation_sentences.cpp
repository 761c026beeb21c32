#include "explain/explanation_sentences.h"

#include <QCoreApplication>
#include <QLocale>

namespace fusebench::widgets {
namespace {

struct ExplanationSentences {
  Q_DECLARE_TR_FUNCTIONS(ExplanationSentences)
};

QString quotedClass(const ExplanationData& e, int k) {
  return k >= 0 && k < e.classes.size() ? ExplanationSentences::tr("'%1'").arg(e.classes[k])
                                        : ExplanationSentences::tr("class %1").arg(k);
}

}  // namespace

QString percentText(double p) { return ExplanationSentences::tr("%1 %").arg(QLocale().toString(100 * p, 'f', 0)); }

QString certaintySentence(const ExplanationData& e) {
  if (!e.unsure || e.task != QLatin1String("classification") || e.scores.size() < 2) return QString();
  int top = 0;
  for (int k = 1; k < e.scores.size(); ++k)
    if (e.scores[k] > e.scores[top]) top = k;
  int second = top == 0 ? 1 : 0;
  for (int k = 0; k < e.scores.size(); ++k)
    if (k != top && e.scores[k] > e.scores[second]) second = k;
  return ExplanationSentences::tr("The model is unsure: it gives %1 %2 and %3 %4.")
      .arg(quotedClass(e, top), percentText(e.scores[top]), quotedClass(e, second), percentText(e.scores[second]));
}

QStringList spreadSentences(const ExplanationData& e) {
  QStringList out;
  for (const SpreadData& s : e.spreads) {
    if (s.members <= 0) continue;
    const QString range = ExplanationSentences::tr("%1 ± %2").arg(percentText(s.mean), percentText(s.stddev));
    out << (s.kind == QLatin1String("ensemble")
                ? ExplanationSentences::tr("%1 of %2 separately trained models answer %3 (on average %4).")
                      .arg(s.agree)
                      .arg(s.members)
                      .arg(quotedClass(e, s.top), range)
                : ExplanationSentences::tr("Asked %1 times with parts of the model switched off at random, it answers %2 "
                                           "in %3 of %4 (probability %5).")
                      .arg(s.members)
                      .arg(quotedClass(e, s.top))
                      .arg(s.agree)
                      .arg(s.members)
                      .arg(range));
  }
  return out;
}

}  // namespace fusebench::widgets
