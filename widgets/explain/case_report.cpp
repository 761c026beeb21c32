#include "explain/case_report.h"

#include <QFile>
#include <QSaveFile>
#include <QFileInfo>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>

#include "explain/explanation_sentences.h"
#include "i18n/translations.h"

namespace fusebench::widgets {

namespace {

// Lays blocks top to bottom, starting a new page when the next block does not fit.
class Pages {
 public:
  Pages(QPdfWriter& w, QPainter& p) : writer_(w), p_(p) {
    const auto r = w.pageLayout().paintRectPixels(w.resolution());
    width_ = r.width();
    height_ = r.height();
  }
  QRect take(int h) {
    if (y_ + h > height_ - 40 && y_ > 0) newPage();
    const QRect r(0, y_, width_, h);
    y_ += h;
    return r;
  }
  void space(int h) { y_ += h; }
  void ensure(int h) {
    if (y_ + h > height_ - 40 && y_ > 0) newPage();
  }
  void newPage() {
    footer();
    writer_.newPage();
    ++pages_;
    y_ = 0;
  }
  void footer() {
    p_.save();
    QFont f = p_.font();
    f.setPointSizeF(7.5);
    p_.setFont(f);
    p_.setPen(QColor(110, 110, 110));
    p_.drawText(QRect(0, height_ - 24, width_, 20), Qt::AlignRight | Qt::AlignVCenter, CaseReport::tr("page %1").arg(pages_));
    p_.drawText(QRect(0, height_ - 24, width_, 20), Qt::AlignLeft | Qt::AlignVCenter, footerText);
    p_.restore();
  }
  int width() const { return width_; }
  int pages() const { return pages_; }
  QString footerText;

 private:
  QPdfWriter& writer_;
  QPainter& p_;
  int width_ = 0, height_ = 0, y_ = 0, pages_ = 1;
};

QString fmt(double v) { return QLocale().toString(v, 'f', 3); }

// `keepWith`: the height of what follows, which must start on the same page as its heading.
void heading(QPainter& p, Pages& pages, const QString& text, int keepWith = 60) {
  pages.space(6);
  pages.ensure(24 + keepWith);
  const QRect r = pages.take(24);
  QFont f = p.font();
  f.setPointSizeF(11);
  f.setBold(true);
  p.save();
  p.setFont(f);
  p.setPen(QColor(20, 60, 110));
  p.drawText(r, Qt::AlignLeft | Qt::AlignBottom, text);
  p.setPen(QColor(20, 60, 110, 80));
  p.drawLine(r.bottomLeft(), r.bottomRight());
  p.restore();
}

void paragraph(QPainter& p, Pages& pages, const QString& text, double points = 8.5, QColor color = Qt::black) {
  QFont f = p.font();
  f.setPointSizeF(points);
  p.save();
  p.setFont(f);
  const QRect bound = p.boundingRect(QRect(0, 0, pages.width(), 10000), Qt::TextWordWrap, text);
  const QRect r = pages.take(bound.height() + 4);
  p.setPen(color);
  p.drawText(r, Qt::TextWordWrap, text);
  p.restore();
}

}  // namespace

CaseReportResult writeCaseReport(const ExplanationData& e, const OverlayStyle& chosen, const QString& path,
                                 const QLocale& language) {
  const ScopedLanguage speak(language);  // every tr() below, and the numbers and dates, in the reader's language
  CaseReportResult out;
  if (!e.ok) {
    out.error = CaseReport::tr("there is no explanation to report");
    return out;
  }
  // Written beside the target and renamed over it when complete (QSaveFile): a full disk leaves the previous
  // report as it was and no partial PDF, and its error says why.
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly)) {
    out.error = CaseReport::tr("cannot write '%1': %2").arg(path, file.errorString());
    return out;
  }
  QPdfWriter writer(&file);
  writer.setPageSize(QPageSize(QPageSize::A4));
  writer.setPageMargins(QMarginsF(16, 14, 16, 14), QPageLayout::Millimeter);
  writer.setResolution(110);
  writer.setTitle(CaseReport::tr("Case report: sample %1").arg(e.sample));
  writer.setCreator(QStringLiteral("Fusebench"));
  QPainter p(&writer);
  if (!p.isActive()) {
    out.error = CaseReport::tr("cannot write '%1'").arg(path);
    return out;
  }
  p.setRenderHint(QPainter::Antialiasing);
  QFont base = p.font();
  const QString family = reportFontFamily(language);
  if (!family.isEmpty()) base.setFamily(family);  // embedded by the PDF writer: the report reads on any machine
  base.setPointSizeF(8.5);
  p.setFont(base);
  Pages pages(writer, p);
  const QString when = QLocale().toString(e.when.isValid() ? e.when : QDateTime::currentDateTime(), QLocale::ShortFormat);
  pages.footerText = CaseReport::tr("Fusebench case report · %1 · sample %2 · %3").arg(e.model, e.sample, when);

  // Title and identification.
  {
    const QRect r = pages.take(34);
    QFont f = base;
    f.setPointSizeF(16);
    f.setBold(true);
    p.save();
    p.setFont(f);
    const QString title = e.task == QLatin1String("regression") ? CaseReport::tr("What drove output %1 of the model").arg(e.target)
                          : e.target == e.predicted             ? CaseReport::tr("Why the model predicted %1").arg(e.className(e.predicted))
                                                                : CaseReport::tr("Evidence for %1 (the model predicted %2)")
                                                                      .arg(e.className(e.target), e.className(e.predicted));
    p.drawText(r, Qt::AlignLeft | Qt::AlignVCenter, title);
    p.restore();
  }
  QString id = CaseReport::tr("Sample: %1").arg(e.sample);
  if (e.row >= 0) id += CaseReport::tr(" (row %1)").arg(e.row + 1);
  if (e.label >= 0) id += CaseReport::tr(" · true class: %1").arg(e.className(e.label));
  paragraph(p, pages, id, 9.5);
  paragraph(p, pages,
            CaseReport::tr("Model: %1 · Run: %2\nDataset: %3\nReport created %4 by Fusebench.")
                .arg(e.model, e.run.isEmpty() ? QStringLiteral("–") : e.run, e.dataset.isEmpty() ? CaseReport::tr("given values") : e.dataset, when),
            8, QColor(70, 70, 70));
  if (!e.masked.isEmpty() || !e.overrides.isEmpty()) {
    QString w = CaseReport::tr("What-if: this is not the recorded sample.");
    if (!e.masked.isEmpty()) w += CaseReport::tr(" Switched off: %1.").arg(e.masked.join(QStringLiteral(", ")));
    for (auto it = e.overrides.begin(); it != e.overrides.end(); ++it) w += CaseReport::tr(" %1 edited to \"%2\".").arg(it.key(), it.value());
    paragraph(p, pages, w, 9, QColor(170, 90, 0));
  }

  heading(p, pages, CaseReport::tr("Prediction"));
  {
    const int top = std::min<int>(5, static_cast<int>(e.scores.size()));
    const QRect r = pages.take(top * 20 + 6);
    paintProbabilities(p, QRect(r.x(), r.y(), r.width() * 2 / 3, r.height()), e, top);
  }
  const QString certainty = certaintySentence(e);
  if (!certainty.isEmpty()) paragraph(p, pages, certainty, 9.5, QColor(170, 90, 0));
  for (const QString& s : spreadSentences(e)) paragraph(p, pages, s, 9);
  if (e.task == QLatin1String("classification"))
    paragraph(p, pages,
              e.calibrated ? CaseReport::tr("These percentages were adjusted on cases the model did not learn from, so that "
                                            "of the answers given with about 80 %, about 80 % were right.")
                           : CaseReport::tr("These percentages are the model's own and were not checked against held-out "
                                            "cases: read them as a ranking more than as a chance of being right."),
              8.5, QColor(70, 70, 70));
  heading(p, pages, CaseReport::tr("How much each kind of data contributed"));
  {
    QStringList labels, notes;
    QVector<double> values;
    for (const auto& m : e.modalities) {
      labels << CaseReport::tr("%1 (%2)").arg(m.field, modalityKindName(m.kind));
      values << m.shapley;
      notes << (!m.present ? CaseReport::tr("missing")
                : e.task == QLatin1String("regression") ? CaseReport::tr("without it: %1").arg(fmt(e.targetProbability() - m.removal))
                                                        : CaseReport::tr("answer without it: %1").arg(percentText(e.targetProbability() - m.removal)));
    }
    const QRect r = pages.take(signedBarsHeight(static_cast<int>(labels.size())));
    paintSignedBars(p, r, labels, values, notes);
    paragraph(p, pages,
              e.task == QLatin1String("regression")
                  ? CaseReport::tr("Each bar is that kind of data's fair share of output %1: %2 with no data, %3 with all of it. "
                                   "Red bars raised it, blue ones lowered it.")
                        .arg(e.target)
                        .arg(fmt(e.pNone), fmt(e.targetProbability()))
                  : CaseReport::tr("Each bar is that kind of data's fair share of the answer %1: with no data at all the model "
                                   "gives it %2, with all of it %3. Red bars raised the answer, blue ones lowered it.")
                        .arg(e.className(e.target), percentText(e.pNone), percentText(e.targetProbability())),
              8, QColor(70, 70, 70));
  }

  // Images: the chosen method, plus Integrated Gradients and Grad-CAM.
  for (const auto& img : e.images) {
    if (!img.present) continue;
    QStringList methods{chosen.method};
    for (const auto* m : {"integrated_gradients", "gradcam"})
      if (!methods.contains(QLatin1String(m))) methods << QLatin1String(m);
    QStringList shown;
    for (const auto& m : methods)
      if (img.maps.contains(m)) shown << m;
    const int cols = 1 + static_cast<int>(shown.size());
    const int w = (pages.width() - (cols - 1) * 12) / cols;
    heading(p, pages, CaseReport::tr("Image: %1 (%2)").arg(img.field, QFileInfo(img.source).fileName()), w + 52);
    const QRect r = pages.take(w + 52);
    paintImageOverlay(p, QRect(r.x(), r.y() + 14, w, w), img.image, nullptr, chosen);
    p.drawText(QRect(r.x(), r.y(), w, 14), Qt::AlignCenter, CaseReport::tr("original"));
    for (int k = 0; k < shown.size(); ++k) {
      OverlayStyle s = chosen;
      s.method = shown[k];
      const QRect cell(r.x() + (k + 1) * (w + 12), r.y() + 14, w, w);
      p.drawText(QRect(cell.x(), r.y(), w, 14), Qt::AlignCenter, methodTitle(s.method));
      const HeatMap map = img.maps.value(s.method);
      const QRect pic = paintImageOverlay(p, cell, img.image, &map, s);
      float peak = 0;
      peak = mapPeak(map);
      paintLegend(p, QRect(pic.x(), pic.bottom() + 6, pic.width(), 30), s, peak);
    }
  }
  for (const auto& t : e.texts) {
    if (!t.present) continue;
    heading(p, pages, CaseReport::tr("Text: %1").arg(t.field));
    for (const auto* m : {"integrated_gradients", "occlusion"}) {
      if (!t.scores.contains(QLatin1String(m))) continue;
      paragraph(p, pages, CaseReport::tr("%1:").arg(methodTitle(QLatin1String(m))), 8, QColor(70, 70, 70));
      int h = 0;
      const QRect r = pages.take(60);
      paintTokens(p, r, t.tokens, t.known, t.scores[QLatin1String(m)], true, &h, t.joined);
    }
  }
  for (const auto& a : e.audios) {
    if (!a.present) continue;
    heading(p, pages, CaseReport::tr("Audio: %1 (%2 s, %3)").arg(a.field).arg(a.seconds).arg(QFileInfo(a.source).fileName()), 224);
    OverlayStyle s = chosen;
    if (!a.maps.contains(s.method)) s.method = QStringLiteral("integrated_gradients");
    const QRect block = pages.take(224);  // spectrogram and its legend stay on one page
    const QRect r(block.x(), block.y(), block.width(), 190);
    paintSpectrogram(p, r, a, s, -1);
    float peak = 0;
    if (a.maps.contains(s.method)) peak = mapPeak(a.maps.value(s.method));
    const QRect legend(block.x(), block.y() + 190, block.width(), 34);
    paintLegend(p, QRect(legend.x(), legend.y() + 2, 260, 30), s, peak);
    p.drawText(QRect(legend.x() + 280, legend.y(), legend.width() - 280, 30), Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap,
               CaseReport::tr("%1 over the log-mel spectrogram (low pitches at the bottom); the bars: how much each moment mattered.")
                   .arg(methodTitle(s.method)));
  }
  for (const auto& t : e.tabular) {
    if (!t.present) continue;
    heading(p, pages, CaseReport::tr("Values: %1").arg(t.field));
    QStringList labels;
    for (int k = 0; k < t.features.size(); ++k) labels << QStringLiteral("%1 = %2").arg(t.features[k], t.values.value(k));
    QVector<double> v;
    for (float x : t.scores.value(QStringLiteral("integrated_gradients"))) v << x;
    const QRect r = pages.take(signedBarsHeight(static_cast<int>(labels.size())));
    paintSignedBars(p, r, labels, v);
  }
  for (const auto& a : e.attention) {
    heading(p, pages, CaseReport::tr("Attention in %1 (rows attend to columns)").arg(a.node));
    const QRect r = pages.take(std::min(320, 80 + 16 * a.weights.rows));
    paintAttention(p, r, a);
  }
  for (const auto& w : e.fusionWeights) {
    heading(p, pages, CaseReport::tr("%1 of %2").arg(w.kind == QLatin1String("gates") ? CaseReport::tr("Gates") : CaseReport::tr("Modality weights"), w.node));
    QVector<double> v;
    for (float x : w.values) v << x;
    const QRect r = pages.take(signedBarsHeight(static_cast<int>(w.modalities.size())));
    paintSignedBars(p, QRect(r.x(), r.y(), r.width() / 2, r.height()), w.modalities, v);
  }

  if (!e.similarCases.isEmpty()) {
    const int h = similarCasesHeight(static_cast<int>(e.similarCases.size()));
    heading(p, pages, CaseReport::tr("Known cases that look most alike to the model"), h);
    paintSimilarCases(p, pages.take(h), e.similarCases);
    paragraph(p, pages,
              CaseReport::tr("Training cases whose data the model sees as closest to this one (1.00 = the same). Their "
                             "recorded classes can help judge the answer; closeness is the model's view, not a clinical one."),
              8, QColor(70, 70, 70));
  }
  heading(p, pages, CaseReport::tr("How to read this report"));
  paragraph(p, pages,
            CaseReport::tr(
                "Red marks what made the model more sure of %1, blue what made it less sure. \"Integrated Gradients\" "
                "compares this case with a neutral one (for pictures %2, for sound %3) and shares the difference in "
                "the answer out over the parts of the case; \"Occlusion\" covers one part at a time and measures how "
                "much the answer drops; \"Grad-CAM\" shows the regions of the picture the model's image layers "
                "responded to most. These maps show what the model used, not what is medically relevant: a highlighted "
                "region was used by the model, which does not make it a finding.")
                .arg(e.className(e.target),
                     e.imageBaseline == QLatin1String("mean")      ? CaseReport::tr("the average training picture")
                     : e.imageBaseline == QLatin1String("blurred") ? CaseReport::tr("a blurred copy of the picture")
                                                                   : CaseReport::tr("a black picture"),
                     e.audioBaseline == QLatin1String("silence") ? CaseReport::tr("silence") : CaseReport::tr("the recording's own background level")),
            8);
  paragraph(p, pages,
            CaseReport::tr("For the technical reader: attributions explain the model's %1; the Integrated Gradients add "
                           "up to %2 (expected %3, %4 steps).")
                .arg(e.attributionScore, fmt(e.igTotal), fmt(e.f - e.fBaseline))
                .arg(e.igSteps),
            7.5, QColor(110, 110, 110));
  for (const auto& n : e.notes) paragraph(p, pages, CaseReport::tr("Note: ") + n, 8, QColor(140, 80, 0));
  pages.footer();
  p.end();
  if (!file.commit()) {
    out.error = CaseReport::tr("cannot write '%1': %2").arg(path, file.errorString());
    return out;
  }
  out.pages = pages.pages();
  out.ok = true;
  return out;
}

}  // namespace fusebench::widgets
