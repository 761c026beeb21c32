#pragma once
// Plain view data for the dataset browser, filled by app/ from the engine (widgets never see the engine).
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

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

struct BrowserDataset {
  QString name, dir, provenance;
  QList<BrowserColumn> columns;  // the modality columns, in manifest order
  QString targetName;
  QStringList classes;
  QList<BrowserSample> samples;
  int sampleRate = 16000;
  bool empty() const { return samples.isEmpty(); }
};

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
