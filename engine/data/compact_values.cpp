#include "data/compact_values.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace fusebench::data {

const char* valueTypeName(ValueType t) {
  switch (t) {
    case ValueType::Float32: return "float32";
    case ValueType::UInt8: return "uint8";
    case ValueType::UInt16: return "uint16";
    case ValueType::Int16: return "int16";
    case ValueType::Float16: return "float16";
  }
  return "?";
}

std::size_t valueTypeSize(ValueType t) {
  switch (t) {
    case ValueType::Float32: return 4;
    case ValueType::UInt8: return 1;
    case ValueType::UInt16:
    case ValueType::Int16:
    case ValueType::Float16: return 2;
  }
  return 0;
}

uint16_t floatToHalf(float f) {
  uint32_t x;
  std::memcpy(&x, &f, 4);
  const uint32_t sign = (x >> 16) & 0x8000u;
  uint32_t mant = x & 0x7fffffu;
  const int32_t exp = static_cast<int32_t>((x >> 23) & 0xffu);
  if (exp == 0xff) return static_cast<uint16_t>(sign | 0x7c00u | (mant ? 0x200u : 0u));
  const int32_t e = exp - 127 + 15;
  if (e >= 31) return static_cast<uint16_t>(sign | 0x7c00u);
  if (e <= 0) {  // a half subnormal (or zero): m * 2^-24
    if (e < -10) return static_cast<uint16_t>(sign);
    mant |= 0x800000u;
    const int shift = 14 - e;
    uint32_t half = mant >> shift;
    const uint32_t rest = mant & ((1u << shift) - 1), halfway = 1u << (shift - 1);
    if (rest > halfway || (rest == halfway && (half & 1u))) ++half;
    return static_cast<uint16_t>(sign | half);
  }
  uint32_t half = (static_cast<uint32_t>(e) << 10) | (mant >> 13);
  const uint32_t rest = mant & 0x1fffu;
  if (rest > 0x1000u || (rest == 0x1000u && (half & 1u))) ++half;  // a carry into the exponent is right
  return static_cast<uint16_t>(sign | half);
}

float halfToFloat(uint16_t h) {
  const uint32_t sign = (static_cast<uint32_t>(h) & 0x8000u) << 16;
  const uint32_t exp = (h >> 10) & 0x1fu, mant = h & 0x3ffu;
  uint32_t bits;
  if (exp == 0) {
    const float v = std::ldexp(static_cast<float>(mant), -24);
    return sign ? -v : v;
  }
  if (exp == 31) bits = sign | 0x7f800000u | (mant << 13);
  else bits = sign | ((exp + 112) << 23) | (mant << 13);
  float f;
  std::memcpy(&f, &bits, 4);
  return f;
}

namespace {

// Round half away from zero, as std::lround, in a form the compiler vectorizes.
template <class T>
void storeAll(unsigned char* out, const float* v, std::size_t n, float scale, float lo, float hi) {
  T* o = reinterpret_cast<T*>(out);  // vector storage is suitably aligned for T
  for (std::size_t i = 0; i < n; ++i) {
    const float x = std::min(std::max(v[i] * scale, lo), hi);  // NaN becomes lo; inputs are finite
    o[i] = static_cast<T>(x + (x >= 0.0f ? 0.5f : -0.5f));
  }
}

// The unit of one stored step: stored * unit = value.
float unitOf(ValueType t) {
  switch (t) {
    case ValueType::UInt8: return 1.0f / 255.0f;
    case ValueType::UInt16: return 1.0f / 65535.0f;
    case ValueType::Int16: return 1.0f / 32767.0f;
    default: return 1.0f;
  }
}

template <class T>
void expand(const unsigned char* bytes, float* out, std::size_t begin, std::size_t n, float scale, float shift) {
  const T* in = reinterpret_cast<const T*>(bytes) + begin;  // vector storage is suitably aligned for T
  for (std::size_t j = 0; j < n; ++j) out[j] = static_cast<float>(in[j]) * scale + shift;
}

}  // namespace

CompactValues CompactValues::encode(const float* values, std::size_t n, ValueType type) {
  CompactValues c;
  c.type_ = type;
  c.count_ = n;
  c.bytes_.resize(n * valueTypeSize(type));
  unsigned char* out = c.bytes_.data();
  switch (type) {
    case ValueType::Float32:
      if (n) std::memcpy(out, values, n * 4);
      break;
    case ValueType::UInt8: storeAll<uint8_t>(out, values, n, 255.0f, 0.0f, 255.0f); break;
    case ValueType::UInt16: storeAll<uint16_t>(out, values, n, 65535.0f, 0.0f, 65535.0f); break;
    case ValueType::Int16: storeAll<int16_t>(out, values, n, 32767.0f, -32767.0f, 32767.0f); break;
    case ValueType::Float16:
      for (std::size_t i = 0; i < n; ++i) {
        const uint16_t h = floatToHalf(values[i]);
        std::memcpy(out + 2 * i, &h, 2);
      }
      break;
  }
  return c;
}

CompactValues CompactValues::adopt(ValueType type, std::vector<unsigned char>&& bytes) {
  CompactValues c;
  c.type_ = type;
  c.count_ = bytes.size() / valueTypeSize(type);
  c.bytes_ = std::move(bytes);
  c.bytes_.resize(c.count_ * valueTypeSize(type));
  return c;
}

bool CompactValues::fromStored(ValueType type, const void* bytes, std::size_t byteCount, CompactValues& out) {
  const std::size_t size = valueTypeSize(type);
  if (size == 0 || byteCount % size != 0) return false;
  out.type_ = type;
  out.count_ = byteCount / size;
  out.bytes_.assign(static_cast<const unsigned char*>(bytes), static_cast<const unsigned char*>(bytes) + byteCount);
  return true;
}

void CompactValues::decode(float* out, std::size_t begin, std::size_t n, float scale, float shift) const {
  const float s = scale * unitOf(type_);
  switch (type_) {
    case ValueType::Float32: expand<float>(bytes_.data(), out, begin, n, s, shift); break;
    case ValueType::UInt8: expand<uint8_t>(bytes_.data(), out, begin, n, s, shift); break;
    case ValueType::UInt16: expand<uint16_t>(bytes_.data(), out, begin, n, s, shift); break;
    case ValueType::Int16: expand<int16_t>(bytes_.data(), out, begin, n, s, shift); break;
    case ValueType::Float16: {
      const auto* in = reinterpret_cast<const uint16_t*>(bytes_.data()) + begin;
      for (std::size_t j = 0; j < n; ++j) out[j] = halfToFloat(in[j]) * scale + shift;
      break;
    }
  }
}

std::vector<float> CompactValues::toFloat() const {
  std::vector<float> v(count_);
  decode(v.data());
  return v;
}

float CompactValues::at(std::size_t i) const {
  float v = 0;
  if (i < count_) decode(&v, i, 1);
  return v;
}

}  // namespace fusebench::data
