#pragma once
// The case report: one explained prediction as a PDF a domain expert can read without the app (Qt's PDF
// writer): identification (model, run, dataset, sample, date), the prediction, each modality's contribution,
// every overlay with its legend, and how to read them. One or two A4 pages.
#include <QCoreApplication>
#include <QLocale>
#include <QString>

#include "explain/explain_painting.h"
#include "explain/explanation_data.h"

namespace fusebench::widgets {

// The report's strings: translated in the context "CaseReport".
struct CaseReport {
  Q_DECLARE_TR_FUNCTIONS(CaseReport)
};

struct CaseReportResult {
  bool ok = false;
  QString error;
  int pages = 0;
};

// `style` is the method and colours the user chose on screen; the report adds Integrated Gradients and
// Grad-CAM for images when the chosen method is another one. `language`: the reader's (default: the app's);
// its strings, numbers and dates, with a CJK font embedded for Chinese, Japanese and Korean.
CaseReportResult writeCaseReport(const ExplanationData& e, const OverlayStyle& style, const QString& path,
                                 const QLocale& language = QLocale());

}  // namespace fusebench::widgets
