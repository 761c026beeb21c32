#pragma once
// One prepared field's numbers in the compact type they are kept in between epochs (memory cache, disk
// cache): an 8-bit image as bytes rather than floats, a waveform as 16-bit samples, a log-mel spectrogram
// as half floats. Floats come back when a batch is collated, optionally scaled and shifted on the way
// (the image normalization), in one vectorizable loop. Plain header: no torch.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace fusebench::data {

enum class ValueType : uint8_t {
  Float32 = 0,  // as computed (tabular values, 32-bit float images)
  UInt8 = 1,    // [0, 1] as 0..255 (8-bit images)
  UInt16 = 2,   // [0, 1] as 0..65535 (16-bit images, DICOM)
  Int16 = 3,    // [-1, 1] as -32767..32767 (waveforms)
  Float16 = 4,  // IEEE half, round to nearest even (log-mel spectrograms)
};
const char* valueTypeName(ValueType t);
std::size_t valueTypeSize(ValueType t);

class CompactValues {
 public:
  CompactValues() = default;
  // Stores `n` floats as `type`: integer types clamp to their range and round to nearest.
  static CompactValues encode(const float* values, std::size_t n, ValueType type);
  static CompactValues encode(const std::vector<float>& values, ValueType type) {
    return encode(values.data(), values.size(), type);
  }
  // Takes bytes already in the stored form of `type` (an 8-bit image as decoded); its size must be a
  // multiple of the element size.
  static CompactValues adopt(ValueType type, std::vector<unsigned char>&& bytes);
  // Adopts stored bytes as they are (from the disk cache); false when `bytes` is not n elements of `type`.
  static bool fromStored(ValueType type, const void* bytes, std::size_t byte_count, CompactValues& out);

  ValueType type() const { return type_; }
  std::size_t size() const { return count_; }
  bool empty() const { return count_ == 0; }
  const unsigned char* storedBytes() const { return bytes_.data(); }
  std::size_t storedSize() const { return bytes_.size(); }

  // out[j] = value(begin + j) * scale + shift for j < n: the expansion to float and an affine map in one pass.
  void decode(float* out, std::size_t begin, std::size_t n, float scale = 1.0f, float shift = 0.0f) const;
  void decode(float* out) const { decode(out, 0, count_); }
  std::vector<float> toFloat() const;
  float at(std::size_t i) const;

  bool operator==(const CompactValues& o) const { return type_ == o.type_ && count_ == o.count_ && bytes_ == o.bytes_; }
  bool operator!=(const CompactValues& o) const { return !(*this == o); }

 private:
  ValueType type_ = ValueType::Float32;
  std::size_t count_ = 0;
  std::vector<unsigned char> bytes_;
};

// IEEE 754 half-precision conversions (round to nearest even; infinities and NaN kept).
uint16_t floatToHalf(float f);
float halfToFloat(uint16_t h);

}  // namespace fusebench::data
