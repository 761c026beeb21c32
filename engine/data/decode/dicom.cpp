#include "data/decode/dicom.h"

#include "util/files.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>

namespace fusebench::data {

namespace {

constexpr uint32_t kUndefined = 0xFFFFFFFFu;

struct Element {
  uint16_t group = 0, element = 0;
  std::string vr;
  uint32_t length = 0;
  std::size_t value = 0;  // offset of the value
  uint32_t tag() const { return (static_cast<uint32_t>(group) << 16) | element; }
};

// A little-endian cursor over the file; every read is bounds-checked (a truncated file is an error, never a
// read past the end).
struct Cursor {
  const std::string& d;
  std::size_t pos = 0;
  bool has(std::size_t n) const { return pos <= d.size() && d.size() - pos >= n; }
  uint16_t u16() {
    const auto* p = reinterpret_cast<const unsigned char*>(d.data() + pos);
    pos += 2;
    return static_cast<uint16_t>(p[0] | (p[1] << 8));
  }
  uint32_t u32() {
    const auto* p = reinterpret_cast<const unsigned char*>(d.data() + pos);
    pos += 4;
    return static_cast<uint32_t>(p[0]) | (static_cast<uint32_t>(p[1]) << 8) | (static_cast<uint32_t>(p[2]) << 16) |
           (static_cast<uint32_t>(p[3]) << 24);
  }
};

bool longLengthVR(const std::string& vr) {
  static const char* vrs[] = {"OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV"};
  return std::find(std::begin(vrs), std::end(vrs), vr) != std::end(vrs);
}

bool isVR(const std::string& d, std::size_t at) {
  return at + 2 <= d.size() && std::isupper(static_cast<unsigned char>(d[at])) && std::isupper(static_cast<unsigned char>(d[at + 1]));
}

bool readElement(Cursor& c, bool explicitVR, Element& e) {
  if (!c.has(8)) return false;
  e.group = c.u16();
  e.element = c.u16();
  e.vr.clear();
  if (e.group == 0xFFFE) {  // item and delimiters: never a VR
    e.length = c.u32();
  } else if (explicitVR) {
    e.vr = c.d.substr(c.pos, 2);
    c.pos += 2;
    if (longLengthVR(e.vr)) {
      if (!c.has(6)) return false;
      c.pos += 2;
      e.length = c.u32();
    } else {
      e.length = c.u16();
    }
  } else {
    e.length = c.u32();
  }
  e.value = c.pos;
  return true;
}

// Skips a value of undefined length (a sequence, or encapsulated pixel data): items until the sequence
// delimiter, each item either of known length or a nested dataset up to its item delimiter.
bool skipUndefined(Cursor& c, bool explicitVR, int depth) {
  if (depth > 32) return false;  // a malicious nesting, not a scan
  Element e;
  while (readElement(c, explicitVR, e)) {
    if (e.tag() == 0xFFFEE0DD) return true;  // sequence delimiter
    if (e.tag() == 0xFFFEE00D) continue;     // item delimiter
    if (e.length == kUndefined) {
      if (e.tag() == 0xFFFEE000) continue;  // an item of undefined length: its elements follow
      if (!skipUndefined(c, explicitVR, depth + 1)) return false;
      continue;
    }
    if (!c.has(e.length)) return false;
    c.pos += e.length;
  }
  return false;
}

std::string text(const Cursor& c, const Element& e) {
  std::string s = c.d.substr(e.value, e.length);
  const auto backslash = s.find('\\');  // multi-valued: the first value
  if (backslash != std::string::npos) s.resize(backslash);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\0')) s.pop_back();
  while (!s.empty() && s.front() == ' ') s.erase(s.begin());
  return s;
}

std::string transferSyntaxName(const std::string& uid) {
  static const std::map<std::string, std::string> names = {
      {"1.2.840.10008.1.2.2", "explicit VR big endian"},
      {"1.2.840.10008.1.2.1.99", "deflated explicit VR little endian"},
      {"1.2.840.10008.1.2.4.50", "JPEG baseline"},
      {"1.2.840.10008.1.2.4.51", "JPEG extended"},
      {"1.2.840.10008.1.2.4.57", "JPEG lossless"},
      {"1.2.840.10008.1.2.4.70", "JPEG lossless (first-order prediction)"},
      {"1.2.840.10008.1.2.4.80", "JPEG-LS lossless"},
      {"1.2.840.10008.1.2.4.81", "JPEG-LS near-lossless"},
      {"1.2.840.10008.1.2.4.90", "JPEG 2000 lossless"},
      {"1.2.840.10008.1.2.4.91", "JPEG 2000"},
      {"1.2.840.10008.1.2.5", "RLE lossless"}};
  const auto it = names.find(uid);
  return it != names.end() ? it->second : "unknown";
}

}  // namespace

bool hasDicomExtension(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  for (auto& ch : ext) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return ext == ".dcm" || ext == ".dicom";
}

bool looksLikeDicom(const std::string& path) {
  if (hasDicomExtension(path)) return true;
  std::ifstream in(path, std::ios::binary);
  char magic[132] = {};
  return in.read(magic, 132) && std::memcmp(magic + 128, "DICM", 4) == 0;
}

bool decodeDicom(const std::string& path, Image& out, std::string& error) {
  std::string d;
  if (!readWholeFile(path, d, error)) {
    error = std::filesystem::exists(path) ? "cannot open file" : "missing file";
    return false;
  }
  return decodeDicomBytes(d, out, error);
}

bool decodeDicomBytes(const std::string& d, Image& out, std::string& error) {
  Cursor c{d};
  std::string syntax;
  bool explicitVR = true;
  if (d.size() >= 132 && d.compare(128, 4, "DICM") == 0) {
    c.pos = 132;
    // File meta information: group 0002, always explicit VR little endian.
    Element e;
    // Peek at each element's group without consuming it: the meta group ends where another begins.
    while (c.has(8) && Cursor{d, c.pos}.u16() == 0x0002) {
      if (!readElement(c, true, e) || !c.has(e.length)) {
        error = "truncated DICOM header";
        return false;
      }
      if (e.element == 0x0010) syntax = text(c, e);
      c.pos += e.length;
    }
    if (syntax.empty()) syntax = isVR(d, c.pos + 4) ? "1.2.840.10008.1.2.1" : "1.2.840.10008.1.2";
  } else {
    syntax = isVR(d, 4) ? "1.2.840.10008.1.2.1" : "1.2.840.10008.1.2";  // a bare dataset: guess from its bytes
  }
  if (syntax == "1.2.840.10008.1.2") {
    explicitVR = false;
  } else if (syntax != "1.2.840.10008.1.2.1") {
    error = "DICOM transfer syntax " + syntax + " (" + transferSyntaxName(syntax) +
            ") is not supported: only uncompressed little endian (convert with e.g. `gdcmconv --raw`)";
    return false;
  }

  int rows = 0, cols = 0, samples = 1, bitsAllocated = 0, bitsStored = 0, pixelRepresentation = 0, planar = 0;
  std::string photometric = "MONOCHROME2";
  double slope = 1, intercept = 0, center = NAN, width = NAN;
  bool havePixels = false;
  std::size_t pixelPos = 0, pixelLength = 0;
  Element e;
  while (readElement(c, explicitVR, e)) {
    if (e.length == kUndefined) {
      if (e.tag() == 0x7FE00010) {
        error = "compressed (encapsulated) DICOM pixel data is not supported";
        return false;
      }
      if (!skipUndefined(c, explicitVR, 0)) {
        error = "truncated or malformed DICOM sequence";
        return false;
      }
      continue;
    }
    if (e.tag() == 0x7FE00010) {
      havePixels = true;
      pixelPos = e.value;
      pixelLength = std::min<std::size_t>(e.length, d.size() - std::min(d.size(), e.value));
      break;
    }
    if (!c.has(e.length)) {
      error = "truncated DICOM file";
      return false;
    }
    auto us = [&] { return e.length >= 2 ? static_cast<int>(Cursor{d, e.value}.u16()) : 0; };
    auto ds = [&](double fallback) {
      try {
        const std::string t = text(c, e);
        return t.empty() ? fallback : std::stod(t);
      } catch (const std::exception&) {
        return fallback;
      }
    };
    switch (e.tag()) {
      case 0x00280002: samples = us(); break;
      case 0x00280004: photometric = text(c, e); break;
      case 0x00280006: planar = us(); break;
      case 0x00280010: rows = us(); break;
      case 0x00280011: cols = us(); break;
      case 0x00280100: bitsAllocated = us(); break;
      case 0x00280101: bitsStored = us(); break;
      case 0x00280103: pixelRepresentation = us(); break;
      case 0x00281050: center = ds(NAN); break;
      case 0x00281051: width = ds(NAN); break;
      case 0x00281052: intercept = ds(0.0); break;
      case 0x00281053: slope = ds(1.0); break;
      default: break;
    }
    c.pos += e.length;
  }
  if (!havePixels) {
    error = "DICOM file without pixel data (not an image)";
    return false;
  }
  if (rows <= 0 || cols <= 0 || bitsAllocated == 0) {
    error = "DICOM image without rows, columns or bits allocated";
    return false;
  }
  if (bitsStored <= 0 || bitsStored > bitsAllocated) bitsStored = bitsAllocated;
  const bool mono = photometric == "MONOCHROME1" || photometric == "MONOCHROME2";
  const bool rgb = photometric == "RGB" || photometric == "YBR_FULL";
  if (!((mono && samples == 1 && (bitsAllocated == 8 || bitsAllocated == 16 || bitsAllocated == 32)) ||
        (rgb && samples == 3 && bitsAllocated == 8))) {
    error = "unsupported DICOM pixel layout: " + photometric + ", " + std::to_string(samples) + " sample(s) of " +
            std::to_string(bitsAllocated) + " bits";
    return false;
  }
  const std::size_t bytes = static_cast<std::size_t>(bitsAllocated / 8);
  const std::size_t plane = static_cast<std::size_t>(rows) * static_cast<std::size_t>(cols);
  const std::size_t needed = plane * static_cast<std::size_t>(samples) * bytes;  // the first frame
  if (pixelLength < needed) {
    error = "truncated DICOM pixel data (" + std::to_string(pixelLength) + " of " + std::to_string(needed) + " bytes)";
    return false;
  }
  out.width = cols;
  out.height = rows;
  out.channels = samples == 3 ? 3 : 1;
  out.bit_depth = bitsAllocated;
  out.pixels.assign(plane * static_cast<std::size_t>(out.channels), 0.0f);
  const double range = std::ldexp(1.0, bitsStored) - 1.0;
  const double offset = pixelRepresentation == 1 ? std::ldexp(1.0, bitsStored - 1) : 0.0;
  const auto* raw = reinterpret_cast<const unsigned char*>(d.data() + pixelPos);
  auto stored = [&](std::size_t i) -> double {  // sample i, masked to the bits stored, sign-extended
    uint64_t v = 0;
    for (std::size_t b = 0; b < bytes; ++b) v |= static_cast<uint64_t>(raw[i * bytes + b]) << (8 * b);
    v &= (bitsStored >= 64 ? ~0ull : ((1ull << bitsStored) - 1));
    if (pixelRepresentation == 1 && (v >> (bitsStored - 1)) & 1) return static_cast<double>(v) - std::ldexp(1.0, bitsStored);
    return static_cast<double>(v);
  };
  if (mono) {
    for (std::size_t i = 0; i < plane; ++i) {
      const float v = static_cast<float>((stored(i) + offset) / range);
      out.pixels[i] = photometric == "MONOCHROME1" ? 1.0f - v : v;
    }
  } else {
    for (std::size_t i = 0; i < plane; ++i) {
      double px[3];
      for (int k = 0; k < 3; ++k) px[k] = stored(planar == 1 ? k * plane + i : i * 3 + static_cast<std::size_t>(k)) / 255.0;
      if (photometric == "YBR_FULL") {  // ITU-R BT.601 full range, as DICOM defines YBR_FULL
        const double y = px[0], cb = px[1] - 0.5, cr = px[2] - 0.5;
        px[0] = y + 1.402 * cr;
        px[1] = y - 0.344136 * cb - 0.714136 * cr;
        px[2] = y + 1.772 * cb;
      }
      for (int k = 0; k < 3; ++k) out.pixels[static_cast<std::size_t>(k) * plane + i] = static_cast<float>(std::clamp(px[k], 0.0, 1.0));
    }
  }
  // The default display window, from modality units (after Rescale) to the [0, 1] pixel scale.
  if (mono && std::isfinite(center) && std::isfinite(width) && width > 0 && slope != 0) {
    double c01 = ((center - intercept) / slope + offset) / range;
    out.window_width = width / std::abs(slope) / range;
    out.window_center = photometric == "MONOCHROME1" ? 1.0 - c01 : c01;
  }
  return true;
}

}  // namespace fusebench::data
