#pragma once
// Plain view data for the dataset browser, filled by app/ from the engine (widgets never see the engine).
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <memory>

namespace fusebench::widgets {

struct BrowserColumn {
  enum class Kind { Image, Audio, Text, Numeric, Categorical };
  QString name;
  Kind kind = Kind::Text;
};

struct BrowserSample {
  QString id;
  int line = 0;         // line in the manifest, for messages
  QString split;        // "train" / "val" / "test" / "" (unknown)
  QString target;       // as written ("Coat", "cat;dog", "3.5"); empty when missing
  QStringList values;   // one per BrowserDataset::columns: absolute file path for media, else the text
};

// The samples behind the browser, asked for one value at a time: a million-row manifest is not copied into
// the view, whose memory grows with the rows it shows. Called from the GUI thread only.
class BrowserRows {
 public:
  virtual ~BrowserRows() = default;
  virtual int count() const = 0;
  virtual QString id(int row) const = 0;
  virtual int line(int row) const = 0;
  virtual QString split(int row) const = 0;
  virtual QString target(int row) const = 0;
  virtual QString value(int row, int column) const = 0;  // column of BrowserDataset::columns
  BrowserSample sample(int row, int columns) const;
};

// Rows held as a list: small datasets made in memory, and tests.
class BrowserSampleList final : public BrowserRows {
 public:
  explicit BrowserSampleList(QList<BrowserSample> samples) : samples_(std::move(samples)) {}
  int count() const override { return static_cast<int>(samples_.size()); }
  QString id(int row) const override { return samples_.at(row).id; }
  int line(int row) const override { return samples_.at(row).line; }
  QString split(int row) const override { return samples_.at(row).split; }
  QString target(int row) const override { return samples_.at(row).target; }
  QString value(int row, int column) const override { return samples_.at(row).values.value(column); }

 private:
  QList<BrowserSample> samples_;
};

struct BrowserDataset {
  QString name, dir, provenance;
  QList<BrowserColumn> columns;  // the modality columns, in manifest order
  QString targetName;
  QStringList classes;
  std::shared_ptr<const BrowserRows> rows;
  QMap<QString, QList<int>> classCounts;  // split -> samples per class (the histogram); see countClasses
  int sampleRate = 16000;

  int size() const { return rows ? rows->count() : 0; }
  bool empty() const { return size() == 0; }
  BrowserSample sample(int row) const { return rows ? rows->sample(row, static_cast<int>(columns.size())) : BrowserSample{}; }
  QString searchText(int row) const;  // the id and every text value: what the search box looks in
  void setSamples(QList<BrowserSample> samples);  // rows held as a list, classes counted
};

// Samples per class in each split, a multi-label target counting once per label.
QMap<QString, QList<int>> countClasses(const BrowserRows& rows, const QStringList& classes);

// What `data validate` found, per sample (row index into samples) and for the dataset as a whole.
struct BrowserValidation {
  QMap<int, QStringList> sampleProblems;  // row -> messages ("column 'image', file '…': missing file")
  QStringList datasetProblems;
  QString summary;                        // the engine's summary text
  bool complete = false;                  // false while validation runs
};

// A decoded picture with its original values, so the detail view can window/level 16-bit data.
struct DecodedImage {
  int width = 0, height = 0, channels = 0, bitDepth = 8;
  QList<float> pixels;  // channel-major C x H x W, in [0, 1]
  double windowCenter = -1, windowWidth = -1;  // the file's own display window (DICOM), in [0, 1] units; < 0: none
  // Grayscale DICOM: modality value (HU for CT) = pixel * valueScale + valueOffset; 0: no such scale.
  double valueScale = 0, valueOffset = 0;
  struct Preset {
    QString name;          // "Lung (L -600, W 1500)"
    double level, window;  // in [0, 1] pixel units
  };
  QList<Preset> presets;  // the radiology windows this image's scale allows; empty for photos
  struct Attribute {
    QString name, value;  // "Modality", "CT"
    bool identifying = false;  // the patient's name, ID, birth date, …: shown only when patient data is switched on
  };
  QList<Attribute> attributes;  // DICOM: descriptive attributes, then identifying ones
};

struct DecodedAudio {
  int sampleRate = 0;
  QList<float> samples;  // mono, [-1, 1], at the dataset's rate
};

// The spectrogram the model is given after preprocessing (log-mel), for the detail view.
struct ModelSpectrogram {
  int mels = 0, frames = 0;
  QList<float> values;  // mels x frames, row-major
  QString description;  // "64 mel bands, n_fft 400, hop 160 (input node 'speech')"
};

}  // namespace fusebench::widgets
