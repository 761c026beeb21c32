#include "training/model_export.h"

#include <QAction>
#include <QCoreApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QPointer>
#include <QThreadPool>
#include <cstdio>

#ifdef FUSEBENCH_HAS_ONNX
#include "export/onnx_export.h"
#endif

namespace fusebench::app {

namespace {

#ifdef FUSEBENCH_HAS_ONNX
QString shapeText(const nlohmann::json& shape) {
  QStringList parts;
  for (const auto& d : shape) parts << (d.is_string() ? QString::fromStdString(d.get<std::string>()) : QString::number(d.get<int64_t>()));
  return QStringLiteral("[") + parts.join(QStringLiteral(", ")) + QStringLiteral("]");
}

QString valuesText(const nlohmann::json& values) {
  QStringList lines;
  for (const auto& v : values)
    lines << QStringLiteral("  %1  %2 %3").arg(QString::fromStdString(v["name"].get<std::string>()),
                                               QString::fromStdString(v["type"].get<std::string>()), shapeText(v["shape"]));
  return lines.join(QLatin1Char('\n'));
}

QString number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2e", v);
  return QString::fromLatin1(buf);
}

ModelExportResult describe(const onnx_export::OnnxExportOutcome& r) {
  ModelExportResult out;
  out.ok = r.ok;
  out.file = QString::fromStdString(r.file);
  QStringList text;
  if (r.bytes > 0) {
    text << QObject::tr("Wrote %1 (%L2 bytes, %3 operators, opset 17).").arg(out.file).arg(r.bytes).arg(r.operators);
    if (!r.sidecar.empty()) text << QObject::tr("Inputs, preprocessing and classes: %1").arg(QString::fromStdString(r.sidecar));
    text << QString() << QObject::tr("Inputs:") << valuesText(r.inputs) << QObject::tr("Outputs:") << valuesText(r.outputs) << QString();
  }
  const auto& v = r.verification;
  if (v.ran && v.error.empty()) {
    text << QObject::tr("Checked in %1 on %2 samples (%3 with a modality missing), one at a time and together:")
                .arg(QString::fromStdString(v.runtime)).arg(v.samples).arg(v.missing_cases);
    for (const auto& o : v.outputs)
      text << QObject::tr("  %1: largest difference %2 (batch 1), %3 (batch %4)")
                  .arg(QString::fromStdString(o.output), number(o.batch1), number(o.batchN)).arg(v.samples);
    text << (v.passed() ? QObject::tr("Passed (tolerance %1).").arg(number(v.tolerance))
                        : QObject::tr("FAILED: the file differs from the trained model."));
  } else if (!v.ran && !v.not_run.empty()) {
    text << QObject::tr("Not checked: %1. Install ONNX Runtime (README: ONNX export) to check exports.")
                .arg(QString::fromStdString(v.not_run));
  }
  if (!r.error.empty()) text << QObject::tr("Error: %1").arg(QString::fromStdString(r.error));
  out.summary = text.join(QLatin1Char('\n'));
  return out;
}
#endif

}  // namespace

ModelExport::ModelExport(QWidget* window, std::function<QString()> currentRun)
    : QObject(window), window_(window), currentRun_(std::move(currentRun)) {
  onnx_ = new QAction(tr("&ONNX…"), this);
  onnx_->setStatusTip(tr("Write the selected run's model as an ONNX file and check it in ONNX Runtime"));
  connect(onnx_, &QAction::triggered, this, [this] { chooseFileAndExport(); });
  present_ = [this](const ModelExportResult& r) {
    QMessageBox box(r.ok ? QMessageBox::Information : QMessageBox::Warning, tr("ONNX Export"),
                    r.ok ? tr("The model was exported.") : tr("The export did not succeed."), QMessageBox::Ok, window_);
    box.setInformativeText(r.summary);
    box.exec();
  };
}

void ModelExport::chooseFileAndExport() {
  const QString run = currentRun_();
  if (run.isEmpty()) {
    QMessageBox::information(window_, tr("ONNX Export"), tr("There is no trained run to export yet: train a model first."));
    return;
  }
  const QString suggested = QDir(run).filePath(QStringLiteral("model.onnx"));
  const QString file = QFileDialog::getSaveFileName(window_, tr("Export Model as ONNX"), suggested, tr("ONNX (*.onnx)"));
  if (!file.isEmpty()) exportOnnx(run, file);
}

void ModelExport::exportOnnx(const QString& runDir, const QString& file) {
  if (busy_) return;
  busy_ = true;
  onnx_->setEnabled(false);
  Q_EMIT statusMessage(tr("Exporting %1 as ONNX and checking it in ONNX Runtime…").arg(QFileInfo(runDir).fileName()));
  QPointer<ModelExport> self(this);
  const std::string run = runDir.toStdString(), out = file.toStdString();
  QThreadPool::globalInstance()->start([self, run, out] {
    ModelExportResult result;
#ifdef FUSEBENCH_HAS_ONNX
    result = describe(onnx_export::exportBundle(run, out, onnx_export::ModelExportOptions{}));
#else
    result.summary = QObject::tr("This build has no ONNX export: install libonnx-dev and libprotobuf-dev, then rebuild.");
#endif
    QMetaObject::invokeMethod(QCoreApplication::instance(), [self, result] {
      if (!self) return;
      self->busy_ = false;
      self->onnx_->setEnabled(true);
      Q_EMIT self->statusMessage(result.ok ? tr("Exported %1").arg(result.file) : tr("ONNX export failed"));
      Q_EMIT self->finished(result);
      if (self->present_) self->present_(result);
    });
  });
}

}  // namespace fusebench::app
