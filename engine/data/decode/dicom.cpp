#include "data/decode/dicom.h"

#include <gdcmConfigure.h>
#include <gdcmGlobal.h>
#include <gdcmImage.h>
#include <gdcmImageReader.h>
#include <gdcmTrace.h>
#include <gdcmUIDs.h>
#include <gdcmWriter.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <optional>
#include <sstream>

#include "data/decode/gdcm_guard.h"
#include "util/files.h"

namespace fusebench::data {

namespace {

// GDCM prints its warnings to stderr and keeps global dictionaries: silence it and build those once, before the
// loader's threads read files at the same time.
void initGdcm() {
  static std::once_flag once;
  std::call_once(once, [] {
    gdcm::Trace::SetWarning(false);
    gdcm::Trace::SetError(false);
    gdcm::Trace::SetDebug(false);
    gdcm::Global::GetInstance();
  });
}

std::string transferSyntaxName(const gdcm::TransferSyntax& ts) {
  const char* uid = gdcm::TransferSyntax::GetTSString(ts);
  gdcm::UIDs names;
  if (uid && names.SetFromUID(uid) && names.GetName()) return names.GetName();
  return uid ? uid : "an unknown transfer syntax";
}

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\0')) s.pop_back();
  return s;
}

// The first value of a decimal string element ("40\400" -> 40), NaN when absent or not a number.
double firstDecimal(const gdcm::DataSet& ds, uint16_t group, uint16_t element) {
  const gdcm::Tag tag(group, element);
  if (!ds.FindDataElement(tag)) return NAN;
  const gdcm::ByteValue* bv = ds.GetDataElement(tag).GetByteValue();
  if (!bv || bv->GetLength() == 0) return NAN;
  std::string text(bv->GetPointer(), bv->GetLength());
  text = text.substr(0, text.find('\\'));
  try {
    return std::stod(text);
  } catch (const std::exception&) {
    return NAN;
  }
}

// Bytes of native pixel data the file really holds after the last Pixel Data tag (GDCM reports the declared length
// and pads a file cut short). Explicit VR: tag, "OB"/"OW", 2 reserved, 4-byte length; implicit: tag, length.
std::size_t pixelBytesPresent(const std::string& file, bool bigEndian, bool explicitVR) {
  const std::string tag = bigEndian ? std::string("\x7f\xe0\x00\x10", 4) : std::string("\xe0\x7f\x10\x00", 4);
  const std::size_t at = file.rfind(tag);
  if (at == std::string::npos) return 0;
  const std::size_t value = at + (explicitVR ? 12 : 8);
  return value <= file.size() ? file.size() - value : 0;
}

// The patient's identity as DICOM files most often carry it (PS3.15 E.1's basic profile lists many more; these
// are the ones worth a warning: who the patient is, or where and when they were seen).
constexpr std::pair<uint32_t, const char*> kIdentityTags[] = {
    {0x00100010, "PatientName"},      {0x00100020, "PatientID"},         {0x00100030, "PatientBirthDate"},
    {0x00101000, "OtherPatientIDs"},  {0x00101001, "OtherPatientNames"}, {0x00101040, "PatientAddress"},
    {0x00102154, "PatientTelephoneNumbers"}, {0x00080080, "InstitutionName"}, {0x00080090, "ReferringPhysicianName"},
    {0x00080050, "AccessionNumber"}};

// What a radiologist reads first about a scan (not identifying on their own).
constexpr std::pair<uint32_t, const char*> kDescriptiveTags[] = {
    {0x00080060, "Modality"},          {0x00080020, "Study Date"},       {0x00081030, "Study Description"},
    {0x0008103E, "Series Description"}, {0x00180015, "Body Part"},        {0x00180050, "Slice Thickness (mm)"},
    {0x00280030, "Pixel Spacing (mm)"}, {0x00200013, "Instance Number"},  {0x00100040, "Patient Sex"},
    {0x00101010, "Patient Age"},       {0x00080070, "Manufacturer"}};

std::string stringValue(const gdcm::DataSet& ds, uint32_t tag) {
  const gdcm::Tag t(static_cast<uint16_t>(tag >> 16), static_cast<uint16_t>(tag & 0xffff));
  if (!ds.FindDataElement(t)) return {};
  const gdcm::ByteValue* bv = ds.GetDataElement(t).GetByteValue();
  if (!bv) return {};
  std::string v = trimmed(std::string(bv->GetPointer(), std::min<uint32_t>(bv->GetLength(), 256)));
  for (char& c : v)
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';  // control bytes (padding, a mis-set VR) are no text
  return v;
}

// "PatientBirthDate" -> "Patient Birth Date", "OtherPatientIDs" -> "Other Patient IDs".
std::string spacedName(const char* camel) {
  std::string out;
  for (const char* c = camel; *c; ++c) {
    if (c != camel && std::isupper(static_cast<unsigned char>(*c)) && std::islower(static_cast<unsigned char>(c[-1]))) out += ' ';
    out += *c;
  }
  return out;
}

// The descriptive attributes, then the identifying ones, each only when the file has a value.
std::vector<ImageAttribute> attributesIn(const gdcm::DataSet& ds) {
  std::vector<ImageAttribute> out;
  for (const auto& [tag, name] : kDescriptiveTags)
    if (auto v = stringValue(ds, tag); !v.empty()) out.push_back({name, v, false});
  for (const auto& [tag, name] : kIdentityTags)
    if (auto v = stringValue(ds, tag); !v.empty()) out.push_back({spacedName(name), v, true});
  return out;
}

std::vector<std::string> identityIn(const gdcm::DataSet& ds) {
  std::vector<std::string> found;
  const gdcm::Tag removed(0x0012, 0x0062);  // Patient Identity Removed: what is left are pseudonyms
  if (ds.FindDataElement(removed) && ds.GetDataElement(removed).GetByteValue()) {
    const auto* bv = ds.GetDataElement(removed).GetByteValue();
    if (trimmed(std::string(bv->GetPointer(), bv->GetLength())) == "YES") return found;
  }
  for (const auto& [tag, name] : kIdentityTags) {
    const gdcm::Tag t(static_cast<uint16_t>(tag >> 16), static_cast<uint16_t>(tag & 0xffff));
    if (!ds.FindDataElement(t)) continue;
    const gdcm::ByteValue* bv = ds.GetDataElement(t).GetByteValue();
    if (!bv) continue;
    const std::string value = trimmed(std::string(bv->GetPointer(), bv->GetLength()));
    if (!value.empty() && value != "ANONYMOUS" && value != "ANONYMIZED") found.push_back(name);
  }
  return found;
}

struct Layout {
  int rows = 0, cols = 0, samples = 1, bitsAllocated = 0, bitsStored = 0, highBit = 0, representation = 0, planar = 0;
  int shift = 0;  // native data only: bits below the stored ones (HighBit + 1 - BitsStored); codecs return values
  std::string photometric;
  gdcm::TransferSyntax ts;
};

// Stored sample i of the decoded (little-endian, native) buffer: masked to the bits stored starting at
// HighBit + 1 - BitsStored, sign-extended when signed.
double storedValue(const Layout& l, const unsigned char* raw, std::size_t i) {
  if (l.bitsAllocated == 1) return (raw[i / 8] >> (i % 8)) & 1;  // bit-packed (segmentations, masks), LSB first
  const std::size_t bytes = static_cast<std::size_t>(l.bitsAllocated / 8);
  uint64_t v = 0;
  for (std::size_t b = 0; b < bytes; ++b) v |= static_cast<uint64_t>(raw[i * bytes + b]) << (8 * b);
  v >>= l.shift;
  v &= l.bitsStored >= 64 ? ~0ull : ((1ull << l.bitsStored) - 1);
  if (l.representation == 1 && ((v >> (l.bitsStored - 1)) & 1)) return static_cast<double>(v) - std::ldexp(1.0, l.bitsStored);
  return static_cast<double>(v);
}

// YBR as DICOM defines YBR_FULL (ITU-R BT.601, full range), to RGB in [0, 1].
void ybrToRgb(double px[3]) {
  const double y = px[0], cb = px[1] - 0.5, cr = px[2] - 0.5;
  px[0] = y + 1.402 * cr;
  px[1] = y - 0.344136 * cb - 0.714136 * cr;
  px[2] = y + 1.772 * cb;
}

bool layoutOf(const gdcm::Image& image, Layout& l, std::string& error) {
  const gdcm::PixelFormat& pf = image.GetPixelFormat();
  l.cols = static_cast<int>(image.GetDimension(0));
  l.rows = static_cast<int>(image.GetDimension(1));
  l.samples = pf.GetSamplesPerPixel();
  l.bitsAllocated = pf.GetBitsAllocated();
  l.bitsStored = pf.GetBitsStored();
  l.highBit = pf.GetHighBit();
  l.representation = pf.GetPixelRepresentation();
  l.planar = static_cast<int>(image.GetPlanarConfiguration());
  l.photometric = trimmed(gdcm::PhotometricInterpretation::GetPIString(image.GetPhotometricInterpretation()) ?: "");
  l.ts = image.GetTransferSyntax();
  if (l.bitsStored <= 0 || l.bitsStored > l.bitsAllocated) l.bitsStored = l.bitsAllocated;
  if (l.highBit < l.bitsStored - 1 || l.highBit >= l.bitsAllocated) l.highBit = l.bitsStored - 1;
  if (!l.ts.IsEncapsulated()) l.shift = l.highBit + 1 - l.bitsStored;
  const bool mono = l.photometric == "MONOCHROME1" || l.photometric == "MONOCHROME2";
  const bool colour = l.samples == 3 && (l.photometric == "RGB" || l.photometric.rfind("YBR", 0) == 0);
  const bool depth = l.bitsAllocated == 8 || l.bitsAllocated == 16 || l.bitsAllocated == 32 ||
                     (l.bitsAllocated == 1 && l.samples == 1);
  if (l.rows <= 0 || l.cols <= 0 || !depth || !((mono && l.samples == 1) || colour)) {
    error = "unsupported DICOM pixel layout: " + l.photometric + ", " + std::to_string(l.samples) + " sample(s) of " +
            std::to_string(l.bitsAllocated) + " bits";
    return false;
  }
  return true;
}

// One frame's pixels into `out`, each stored value mapped to [0, 1] over the bits stored (signed values
// shifted first; MONOCHROME1 inverted to look like MONOCHROME2; YBR converted to RGB unless the codec did).
void fillPixels(const Layout& l, const unsigned char* raw, Image& out) {
  const std::size_t plane = static_cast<std::size_t>(l.rows) * static_cast<std::size_t>(l.cols);
  out.width = l.cols;
  out.height = l.rows;
  out.channels = l.samples == 3 ? 3 : 1;
  out.bit_depth = l.bitsAllocated == 1 ? 8 : l.bitsAllocated;  // 1-bit masks are held as 8-bit 0 and 1
  out.pixels.assign(plane * static_cast<std::size_t>(out.channels), 0.0f);
  const double range = std::ldexp(1.0, l.bitsStored) - 1.0;
  const double offset = l.representation == 1 ? std::ldexp(1.0, l.bitsStored - 1) : 0.0;
  if (out.channels == 1) {
    for (std::size_t i = 0; i < plane; ++i) {
      const float v = static_cast<float>((storedValue(l, raw, i) + offset) / range);
      out.pixels[i] = l.photometric == "MONOCHROME1" ? 1.0f - v : v;
    }
    return;
  }
  // JPEG, JPEG-LS and JPEG 2000 codecs hand back RGB whatever the header says; raw, RLE and deflated data stay YBR.
  const bool uncompressed = !l.ts.IsEncapsulated() || l.ts == gdcm::TransferSyntax::RLELossless;
  const bool convert = l.photometric.rfind("YBR_FULL", 0) == 0 && uncompressed;
  for (std::size_t i = 0; i < plane; ++i) {
    double px[3];
    for (int k = 0; k < 3; ++k)
      px[k] = storedValue(l, raw, l.planar == 1 ? static_cast<std::size_t>(k) * plane + i : i * 3 + static_cast<std::size_t>(k)) / range;
    if (convert) ybrToRgb(px);
    for (int k = 0; k < 3; ++k) out.pixels[static_cast<std::size_t>(k) * plane + i] = static_cast<float>(std::clamp(px[k], 0.0, 1.0));
  }
}

// The default display window and the modality scale (Rescale: CT in Hounsfield units), in the [0, 1] pixel units.
void fillWindowAndScale(const Layout& l, const gdcm::Image& image, const gdcm::DataSet& ds, Image& out) {
  if (out.channels != 1) return;
  const double range = std::ldexp(1.0, l.bitsStored) - 1.0;
  const double offset = l.representation == 1 ? std::ldexp(1.0, l.bitsStored - 1) : 0.0;
  const double slope = image.GetSlope() == 0 ? 1.0 : image.GetSlope(), intercept = image.GetIntercept();
  const bool inverted = l.photometric == "MONOCHROME1";
  // modality value = stored * slope + intercept, stored = p * range - offset (p inverted for MONOCHROME1)
  out.value_scale = (inverted ? -range : range) * slope;
  out.value_offset = intercept + ((inverted ? range : 0.0) - offset) * slope;
  const double center = firstDecimal(ds, 0x0028, 0x1050), width = firstDecimal(ds, 0x0028, 0x1051);
  if (std::isfinite(center) && std::isfinite(width) && width > 0) {
    const double c01 = ((center - intercept) / slope + offset) / range;
    out.window_width = width / std::abs(slope) / range;
    out.window_center = inverted ? 1.0 - c01 : c01;
  }
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

namespace {

// A bounds-checked walk over the element lengths before GDCM sees the bytes: GDCM allocates (and touches) whatever
// length an element declares, so 10 KB claiming 4 GB cost 4 GB and 20 s before it refused them (found by fuzzing).
// Sequences and items are entered, not skipped, so nested lengths are checked too; a deflated dataset is checked
// only up to its meta information. The same walk notes a Frame Increment Pointer, the one element whose presence
// may need the repair below (a second full parse by GDCM, so only for those files).
struct ElementScan {
  std::string problem;        // empty when the lengths fit
  bool walked = false;        // false: not walked (no meta naming the transfer syntax, or deflated)
  bool frameIncrement = false;
};

ElementScan scanElements(const std::string& d) {
  ElementScan scan;
  // Only files whose meta information names the transfer syntax: elsewhere the encoding would be a guess, and a
  // wrong guess would refuse a good file.
  if (d.size() < 132 || d.compare(128, 4, "DICM") != 0) return scan;
  std::size_t pos = 132;
  bool explicitVR = true, bigEndian = false, inMeta = true, encapsulated = false, syntaxKnown = false;
  auto u16 = [&](std::size_t at, bool be) {
    const auto a = static_cast<unsigned char>(d[at]), b = static_cast<unsigned char>(d[at + 1]);
    return static_cast<uint32_t>(be ? (a << 8 | b) : (b << 8 | a));
  };
  auto u32 = [&](std::size_t at, bool be) { return be ? (u16(at, true) << 16 | u16(at + 2, true)) : (u16(at + 2, false) << 16 | u16(at, false)); };
  while (pos + 8 <= d.size()) {
    const bool be = bigEndian && !inMeta;
    const uint32_t group = u16(pos, be), element = u16(pos + 2, be);
    if (inMeta && group != 0x0002) {  // the dataset proper: its transfer syntax decides the encoding
      if (!syntaxKnown) return scan;
      inMeta = false;
      scan.walked = true;
      continue;
    }
    std::size_t header = 8;
    uint32_t length = 0;
    bool sequence = false;
    const bool delimiter = group == 0xFFFE;
    const bool vrHere = !delimiter && (explicitVR || inMeta) && std::isupper(static_cast<unsigned char>(d[pos + 4])) &&
                        std::isupper(static_cast<unsigned char>(d[pos + 5]));
    if (vrHere) {
      const std::string vr = d.substr(pos + 4, 2);
      sequence = vr == "SQ";
      static const char* longVRs[] = {"OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV"};
      if (std::find_if(std::begin(longVRs), std::end(longVRs), [&](const char* v) { return vr == v; }) != std::end(longVRs)) {
        if (pos + 12 > d.size()) {
          scan.problem = "truncated DICOM element header";
          return scan;
        }
        header = 12, length = u32(pos + 8, be);
      } else {
        length = u16(pos + 6, be);
      }
    } else {
      length = u32(pos + 4, be);
    }
    if (group == 0x0002 && element == 0x0010 && length < 80 && pos + header + length <= d.size()) {
      std::string ts = d.substr(pos + header, length);
      while (!ts.empty() && (ts.back() == '\0' || ts.back() == ' ')) ts.pop_back();
      syntaxKnown = true;
      if (ts == "1.2.840.10008.1.2") explicitVR = false;
      if (ts == "1.2.840.10008.1.2.2") bigEndian = true;
      if (ts == "1.2.840.10008.1.2.1.99") return scan;  // deflated: the rest is compressed
    }
    if (group == 0x0028 && element == 0x0009) scan.frameIncrement = true;
    pos += header;
    if (length == 0xFFFFFFFFu) {  // undefined length: what follows are its items or elements, walked in turn
      if (group == 0x7FE0 && element == 0x0010) encapsulated = true;
      continue;
    }
    const bool enter = sequence || (delimiter && element == 0xE000 && !encapsulated);
    if (enter) continue;
    if (length > d.size() - pos) {
      char tag[16];
      std::snprintf(tag, sizeof tag, "(%04X,%04X)", group, element);
      if (group == 0x7FE0 && element == 0x0010) return scan;  // native pixel data cut short: named precisely later
      scan.problem = std::string("element ") + tag + " claims " + std::to_string(length) + " bytes, but the file has " +
                     std::to_string(d.size() - pos) + " left (truncated or malformed DICOM)";
      return scan;
    }
    pos += length;
  }
  return scan;
}

// GDCM 3.0's image reader asserts (ends the process) on a Frame Increment Pointer without Number of Frames, as
// pydicom's rtdose_1frame files have: such a file gets an explicit Number of Frames of 1 before it is read.
// Empty when the file needs no repair.
std::optional<std::string> withNumberOfFrames(const std::string& file) {
  std::istringstream in(file, std::ios::binary);
  gdcm::Reader plain;
  plain.SetStream(in);
  if (!plain.Read()) return std::nullopt;
  gdcm::DataSet& ds = plain.GetFile().GetDataSet();
  if (!ds.FindDataElement(gdcm::Tag(0x0028, 0x0009)) || ds.FindDataElement(gdcm::Tag(0x0028, 0x0008))) return std::nullopt;
  gdcm::DataElement frames(gdcm::Tag(0x0028, 0x0008));
  frames.SetVR(gdcm::VR::IS);
  frames.SetByteValue("1 ", 2);
  ds.Insert(frames);
  std::ostringstream patched(std::ios::binary);
  gdcm::Writer writer;
  writer.SetStream(patched);
  writer.SetFile(plain.GetFile());
  if (!writer.Write()) return std::nullopt;
  return patched.str();
}

}  // namespace

static bool decodeUnguarded(const std::string& original, Image& out, std::string& error, int frame) {
  initGdcm();
  const ElementScan scan = scanElements(original);
  if (!scan.problem.empty()) {
    error = scan.problem;
    return false;
  }
  const std::optional<std::string> repaired =
      !scan.walked || scan.frameIncrement ? withNumberOfFrames(original) : std::nullopt;
  const std::string& file = repaired ? *repaired : original;
  std::istringstream stream(file, std::ios::binary);
  gdcm::ImageReader reader;
  reader.SetStream(stream);
  if (!reader.Read()) {
    error = file.size() > 132 && file.compare(128, 4, "DICM") == 0
                ? "DICOM file that GDCM cannot read as an image (truncated, no pixel data, or malformed)"
                : "not a DICOM image GDCM can read (no Part 10 header and no readable dataset)";
    return false;
  }
  const gdcm::Image& image = reader.GetImage();
  Layout l;
  if (!layoutOf(image, l, error)) return false;
  if (l.ts == gdcm::TransferSyntax::RLELossless && l.samples == 3 && l.bitsAllocated > 8) {
    // Seen on pydicom's SC_rgb_rle_16bit/32bit: GDCM 3.0 puts the byte segments of such images in the wrong order.
    error = "RLE Lossless colour with " + std::to_string(l.bitsAllocated) + "-bit samples is not supported: GDCM " +
            GDCM_VERSION + " decodes it wrongly (checked against pydicom); convert it to uncompressed first";
    return false;
  }
  // Native YBR_FULL_422 holds two samples a pixel in the file (Y0 Y1 Cb Cr for each pair); GDCM may hand it back
  // as stored or already expanded to three.
  const bool ybr422 = l.photometric == "YBR_FULL_422" && !l.ts.IsEncapsulated() && l.bitsAllocated == 8;
  const std::size_t pixels = static_cast<std::size_t>(l.rows) * static_cast<std::size_t>(l.cols);
  const std::size_t frameBytes = l.bitsAllocated == 1 ? (pixels + 7) / 8
                                                      : pixels * static_cast<std::size_t>(l.samples) * static_cast<std::size_t>(l.bitsAllocated / 8);
  const std::size_t storedBytes = ybr422 ? pixels * 2 : frameBytes;
  const int frames = image.GetNumberOfDimensions() > 2 ? std::max(1, static_cast<int>(image.GetDimension(2))) : 1;
  out.frames = frames;
  if (frame < 0 || frame >= frames || (frame > 0 && l.bitsAllocated == 1 && pixels % 8 != 0)) {
    error = frame >= 0 && frame < frames ? "frame " + std::to_string(frame) + " of a 1-bit file whose frames are not byte-aligned"
                                         : "frame " + std::to_string(frame) + " asked for, but the file holds " +
                                               std::to_string(frames) + (frames == 1 ? " frame" : " frames") + " (0-based)";
    return false;
  }
  // Native pixel data shorter than its frames: GDCM would pad it; say it is cut short instead.
  const gdcm::DataSet& ds = reader.GetFile().GetDataSet();
  if (!l.ts.IsEncapsulated() && l.ts != gdcm::TransferSyntax::DeflatedExplicitVRLittleEndian) {
    const std::size_t have = pixelBytesPresent(file, l.ts.GetSwapCode() == gdcm::SwapCode::BigEndian, l.ts.IsExplicit());
    const std::size_t need = storedBytes * static_cast<std::size_t>(frames);
    if (have < need) {
      error = "truncated DICOM pixel data (" + std::to_string(have) + " of " + std::to_string(need) + " bytes)";
      return false;
    }
  }
  const std::size_t length = image.GetBufferLength();
  const bool expand = ybr422 && length < frameBytes * static_cast<std::size_t>(frames);
  const std::size_t step = expand ? storedBytes : frameBytes;  // bytes per frame in GDCM's buffer
  std::vector<char> buffer(std::max(length, step * static_cast<std::size_t>(frames)));
  if (length < step * static_cast<std::size_t>(frames) || !image.GetBuffer(buffer.data())) {
    error = "cannot decode the DICOM pixel data (" + transferSyntaxName(l.ts) + "): truncated or corrupt, or a codec this "
            "GDCM lacks";
    return false;
  }
  buffer.erase(buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(step * static_cast<std::size_t>(frame)));
  if (l.ts.GetSwapCode() == gdcm::SwapCode::BigEndian && l.bitsAllocated == 32) {
    // GDCM swaps big-endian pixel data as 16-bit words: each 32-bit value comes back with its halves exchanged
    // (seen on pydicom's rtdose_expb files against pydicom; the golden test notices should GDCM change).
    for (std::size_t i = 0; i + 4 <= frameBytes; i += 4) {
      std::swap(buffer[i], buffer[i + 2]);
      std::swap(buffer[i + 1], buffer[i + 3]);
    }
  }
  if (expand) {
    std::vector<char> full(frameBytes);
    for (std::size_t pair = 0; pair * 2 < pixels; ++pair) {
      const char* in = buffer.data() + pair * 4;  // Y0 Y1 Cb Cr
      for (std::size_t k = 0; k < 2 && pair * 2 + k < pixels; ++k) {
        char* px = full.data() + (pair * 2 + k) * 3;
        px[0] = in[k], px[1] = in[2], px[2] = in[3];
      }
    }
    buffer.swap(full);
    l.planar = 0;
  }
  fillPixels(l, reinterpret_cast<const unsigned char*>(buffer.data()), out);
  fillWindowAndScale(l, image, ds, out);
  out.identity = identityIn(ds);
  out.attributes = attributesIn(ds);
  return true;
}

bool decodeDicomBytes(const std::string& file, Image& out, std::string& error, int frame) {
  return guardedGdcm([&] { return decodeUnguarded(file, out, error, frame); }, error);
}

}  // namespace fusebench::data
