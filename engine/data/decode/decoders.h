#pragma once
// Decoded media as plain arrays, and the decoder functions the loader and the validator call. The
// implementations (OpenCV, libsndfile) live in the media library; a core-only build has none, and says so.
#include <functional>
#include <string>
#include <vector>

namespace fusebench::data {

// A DICOM attribute as a reader sees it ("Modality" = "CT"); identifying ones (the patient's name, ID, birth
// date, …) are marked so that no display shows their value unless the user asked for patient data.
struct ImageAttribute {
  std::string name, value;
  bool identifying = false;
};

struct Image {
  int width = 0, height = 0, channels = 0;  // channels: 1 (gray) or 3 (RGB); alpha is dropped
  int bit_depth = 8;                        // of the file: 8, 16 or 32 (float)
  std::vector<float> pixels;                // channel-major (C x H x W), scaled to [0, 1]
  // From Decoders::image_bytes only: an 8-bit file's pixels as they are, channel-major, with `pixels`
  // left empty (what a prepared sample stores, without a round trip through float).
  std::vector<unsigned char> bytes;
  // The file's own display window in the same [0, 1] units (DICOM Window Center / Width); < 0: none.
  double window_center = -1, window_width = -1;
  // DICOM grayscale: the modality value (after Rescale Slope / Intercept: Hounsfield units for CT) of a pixel is
  // pixel * value_scale + value_offset. value_scale 0: the file has no such scale (photos, colour images).
  double value_scale = 0, value_offset = 0;
  // DICOM: the identifying attributes the file carries with a value ("PatientName", "PatientID", …), in the
  // order of kIdentityTags (dicom.h); never their values. `data validate` warns about them.
  std::vector<std::string> identity;
  // DICOM: what describes the scan (modality, study date and description, body part, slice thickness, pixel
  // spacing, …) and the identifying attributes with their values (marked), in that order.
  std::vector<ImageAttribute> attributes;
  int frames = 1;  // frames in the file (multi-frame DICOM); the decoded one is the first unless asked otherwise
};

struct Audio {
  int sample_rate = 0;      // after resampling: the rate asked for
  int file_rate = 0;        // as stored in the file
  int file_channels = 0;    // before the mono mix-down
  std::vector<float> samples;  // mono, [-1, 1]
  double seconds() const { return sample_rate ? static_cast<double>(samples.size()) / sample_rate : 0.0; }
};

// Each returns false and sets `error` to a reason a user understands ("missing file", "truncated
// JPEG", "unsupported audio format: ...") instead of throwing.
using ImageDecoder = std::function<bool(const std::string& path, Image& out, std::string& error)>;
using AudioDecoder = std::function<bool(const std::string& path, int sample_rate, Audio& out, std::string& error)>;

struct Decoders {
  ImageDecoder image;  // empty in a core-only build
  AudioDecoder audio;
  // Optional: as `image`, but an 8-bit file comes back in Image::bytes (other depths as `image` does).
  ImageDecoder image_bytes;
  // Optional: frame `frame` (0-based) of a multi-frame file (DICOM); other files have only frame 0.
  std::function<bool(const std::string& path, int frame, Image& out, std::string& error)> image_frame;
};

// The decoders this build has (OpenCV and libsndfile unless FUSEBENCH_CORE_ONLY).
const Decoders& mediaDecoders();

// Band-limited (windowed-sinc) resampling of mono audio.
std::vector<float> resample(const std::vector<float>& in, int from_rate, int to_rate);

}  // namespace fusebench::data
