#pragma once
// Where the dataset browser gets decoded media from. app/ implements it with the engine's decoders (the
// same ones training uses); tests use a fake. Every method is called from worker threads, concurrently.
#include <QString>

#include "dataset/browser_data.h"

namespace fusebench::widgets {

class SampleMediaSource {
 public:
  virtual ~SampleMediaSource() = default;
  // Each returns false and sets `error` to a reason a user understands ("missing file", "truncated PNG").
  virtual bool image(const QString& path, DecodedImage& out, QString& error) const = 0;
  virtual bool audio(const QString& path, DecodedAudio& out, QString& error) const = 0;
  // The model's view of the sample's audio column; false with a reason when the project has no
  // spectrogram input for it (then the view shows why).
  virtual bool spectrogram(int row, const QString& column, ModelSpectrogram& out, QString& error) const = 0;
};

}  // namespace fusebench::widgets
