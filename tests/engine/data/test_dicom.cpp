// The DICOM reader: pydicom's own test files against golden values pydicom produced
// (tests/reference/make_dicom_golden.py), files it must refuse, and hand-written files for sequences of
// undefined length, MONOCHROME1 and truncation.
#include <gtest/gtest.h>

#include <climits>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "data/decode/decoders.h"
#include "data/decode/dicom.h"
#include "fixtures.h"

namespace fusebench::data {
namespace {

namespace fs = std::filesystem;

nlohmann::json golden() {
  std::ifstream in(FUSEBENCH_SOURCE_DIR "/tests/reference/golden/dicom/pydicom_test_files.json");
  return nlohmann::json::parse(in);
}

TEST(Dicom, PydicomTestFilesMatchPydicomsPixels) {
  const auto g = golden();
  const std::string dir = g["directory"];
  if (!fs::is_directory(dir)) GTEST_SKIP() << "python3-pydicom's test files are missing (packaging/install-deps.sh installs them)";
  ASSERT_GE(g["images"].size(), 5u);  // CT and MR (explicit, implicit, padded), RGB, 32-bit dose
  for (const auto& img : g["images"]) {
    const std::string file = img["file"];
    SCOPED_TRACE(file);
    Image out;
    std::string error;
    ASSERT_TRUE(mediaDecoders().image(dir + "/" + file, out, error)) << error;  // through the normal image decoder
    EXPECT_EQ(out.width, img["columns"].get<int>());
    EXPECT_EQ(out.height, img["rows"].get<int>());
    EXPECT_EQ(out.channels, img["samples"].get<int>());
    const int bits = img["bits_stored"];
    const double range = std::ldexp(1.0, bits) - 1, offset = img["pixel_representation"] == 1 ? std::ldexp(1.0, bits - 1) : 0;
    auto storedAt = [&](std::size_t i) { return std::llround(static_cast<double>(out.pixels[i]) * range - offset); };
    for (std::size_t i = 0; i < img["first"].size(); ++i) ASSERT_EQ(storedAt(i), img["first"][i].get<long long>()) << "value " << i;
    double sum = 0;
    long long lo = LLONG_MAX, hi = LLONG_MIN;
    for (std::size_t i = 0; i < out.pixels.size(); ++i) {
      const long long v = storedAt(i);
      sum += static_cast<double>(v);
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
    EXPECT_DOUBLE_EQ(sum, img["sum"].get<double>());
    EXPECT_EQ(lo, img["min"].get<long long>());
    EXPECT_EQ(hi, img["max"].get<long long>());
    if (img["window_center"].is_number()) {
      const double slope = img["rescale_slope"], intercept = img["rescale_intercept"];
      EXPECT_NEAR(out.window_center, ((img["window_center"].get<double>() - intercept) / slope + offset) / range, 1e-9);
      EXPECT_NEAR(out.window_width, img["window_width"].get<double>() / slope / range, 1e-9);
    } else {
      EXPECT_LT(out.window_center, 0);
    }
  }
}

TEST(Dicom, CompressedBigEndianOneBitAndTruncatedFilesAreRefusedWithTheirReason) {
  const auto g = golden();
  const std::string dir = g["directory"];
  if (!fs::is_directory(dir)) GTEST_SKIP() << "python3-pydicom's test files are missing";
  for (const auto& r : g["refused"]) {
    const std::string file = r["file"];
    Image out;
    std::string error;
    EXPECT_FALSE(decodeDicom(dir + "/" + file, out, error)) << file;
    EXPECT_FALSE(error.empty()) << file;
  }
  Image out;
  std::string error;
  EXPECT_FALSE(decodeDicom(dir + "/JPEG2000.dcm", out, error));
  EXPECT_NE(error.find("JPEG 2000"), std::string::npos) << error;
  EXPECT_FALSE(decodeDicom(dir + "/MR_small_bigendian.dcm", out, error));
  EXPECT_NE(error.find("big endian"), std::string::npos) << error;
  EXPECT_FALSE(decodeDicom(dir + "/MR_truncated.dcm", out, error));
  EXPECT_NE(error.find("truncated"), std::string::npos) << error;
}

// A hand-written Part 10 file: explicit VR little endian, a private sequence of undefined length with a
// nested item before the image, MONOCHROME1 8-bit pixels 0..5, optionally cut short.
std::string element(uint16_t g, uint16_t e, const std::string& vr, const std::string& value) {
  std::string s;
  auto u16 = [&](uint16_t v) { s += static_cast<char>(v & 0xFF), s += static_cast<char>(v >> 8); };
  auto u32 = [&](uint32_t v) { for (int k = 0; k < 4; ++k) s += static_cast<char>((v >> (8 * k)) & 0xFF); };
  u16(g);
  u16(e);
  s += vr;
  if (vr == "OB" || vr == "OW" || vr == "SQ" || vr == "UN") {
    u16(0);
    u32(static_cast<uint32_t>(value.size()));
  } else {
    u16(static_cast<uint16_t>(value.size()));
  }
  return s + value;
}
std::string us(uint16_t v) { return std::string{static_cast<char>(v & 0xFF), static_cast<char>(v >> 8)}; }

std::string handWritten(bool truncated) {
  std::string f(128, '\0');
  f += "DICM";
  f += element(0x0002, 0x0010, "UI", std::string("1.2.840.10008.1.2.1") + '\0');
  // (0009,1010) SQ, undefined length: one item of undefined length holding one element, then delimiters.
  std::string sq;
  sq += std::string("\x09\x00\x10\x10", 4) + "SQ" + std::string("\0\0", 2) + std::string("\xFF\xFF\xFF\xFF", 4);
  sq += std::string("\xFE\xFF\x00\xE0", 4) + std::string("\xFF\xFF\xFF\xFF", 4);
  sq += element(0x0009, 0x0011, "LO", "note");
  sq += std::string("\xFE\xFF\x0D\xE0", 4) + std::string(4, '\0');
  sq += std::string("\xFE\xFF\xDD\xE0", 4) + std::string(4, '\0');
  f += element(0x0008, 0x0060, "CS", "CR");
  f += sq;
  f += element(0x0028, 0x0002, "US", us(1));
  f += element(0x0028, 0x0004, "CS", "MONOCHROME1 ");
  f += element(0x0028, 0x0010, "US", us(2));
  f += element(0x0028, 0x0011, "US", us(3));
  f += element(0x0028, 0x0100, "US", us(8));
  f += element(0x0028, 0x0101, "US", us(8));
  f += element(0x0028, 0x0103, "US", us(0));
  f += element(0x0028, 0x1050, "DS", "100\\50");
  f += element(0x0028, 0x1051, "DS", "40");
  std::string pixels = {0, 1, 2, 3, 4, 5};
  if (truncated) {
    std::string el = element(0x7FE0, 0x0010, "OB", pixels);
    f += el.substr(0, el.size() - 3);
  } else {
    f += element(0x7FE0, 0x0010, "OB", pixels);
  }
  return f;
}

TEST(Dicom, SequencesOfUndefinedLengthAreSkippedAndMonochrome1IsInverted) {
  const auto dir = fusebench::testing::freshDir("dicom_hand");
  fusebench::testing::writeText(dir / "a.dcm", handWritten(false));
  fusebench::testing::writeText(dir / "cut.bin", handWritten(true));
  Image out;
  std::string error;
  ASSERT_TRUE(decodeDicom((dir / "a.dcm").string(), out, error)) << error;
  ASSERT_EQ(out.width, 3);
  ASSERT_EQ(out.height, 2);
  for (int i = 0; i < 6; ++i) EXPECT_FLOAT_EQ(out.pixels[i], 1.0f - static_cast<float>(i) / 255.0f);
  EXPECT_NEAR(out.window_center, 1.0 - 100.0 / 255.0, 1e-12);  // the first of several values; inverted
  EXPECT_NEAR(out.window_width, 40.0 / 255.0, 1e-12);
  // Recognised by its "DICM" magic whatever the extension; cut short, it says so.
  EXPECT_TRUE(looksLikeDicom((dir / "cut.bin").string()));
  EXPECT_FALSE(mediaDecoders().image((dir / "cut.bin").string(), out, error));
  EXPECT_NE(error.find("truncated DICOM pixel data (3 of 6 bytes)"), std::string::npos) << error;
  EXPECT_FALSE(mediaDecoders().image((dir / "gone.dcm").string(), out, error));
  EXPECT_EQ(error, "missing file");
}

TEST(Dicom, GdcmsJpegLosslessExampleIsRefusedByName) {
  const std::string f = "/usr/share/doc/libgdcm3.0/examples/00191113.dcm";
  if (!fs::exists(f)) GTEST_SKIP() << f << " is not installed";
  Image out;
  std::string error;
  EXPECT_FALSE(mediaDecoders().image(f, out, error));
  EXPECT_NE(error.find("JPEG lossless"), std::string::npos) << error;
}

}  // namespace
}  // namespace fusebench::data
