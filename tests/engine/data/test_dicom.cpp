// The DICOM reader: pydicom's own test files against golden values pydicom produced
// (tests/reference/make_dicom_golden.py; pydicom decodes the compressed ones with GDCM or Pillow), files it must
// refuse, and hand-written files for sequences of undefined length, MONOCHROME1 and truncation.
#include <gtest/gtest.h>

#include <cctype>

#include <algorithm>
#include <climits>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <nlohmann/json.hpp>

#include "data/decode/decoders.h"
#include "data/decode/dicom.h"
#include "data/deidentify.h"
#include "data/image_window.h"

#include <gdcmReader.h>
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
    // What GDCM cannot decode, or decodes wrongly, is refused by name (pydicom used Pillow or its own RLE decoder).
    static const std::map<std::string, std::string> refused = {
        {"JPEG2000-embedded-sequence-delimiter.dcm", "(JPEG 2000"},
        {"SC_rgb_rle_16bit.dcm", "RLE Lossless colour with 16-bit"}, {"SC_rgb_rle_16bit_2frame.dcm", "RLE Lossless colour"},
        {"SC_rgb_rle_32bit.dcm", "RLE Lossless colour with 32-bit"}, {"SC_rgb_rle_32bit_2frame.dcm", "RLE Lossless colour"}};
    if (auto it = refused.find(file); it != refused.end()) {
      EXPECT_FALSE(mediaDecoders().image(dir + "/" + file, out, error));
      EXPECT_NE(error.find(it->second), std::string::npos) << error;
      continue;
    }
    ASSERT_TRUE(mediaDecoders().image(dir + "/" + file, out, error)) << error;  // through the normal image decoder
    EXPECT_EQ(out.width, img["columns"].get<int>());
    EXPECT_EQ(out.height, img["rows"].get<int>());
    EXPECT_EQ(out.channels, img["samples"].get<int>());
    // Back from [0, 1] to stored values: grayscale through the modality scale the decoder reports (which follows
    // GDCM's reading of the pixel format, e.g. a JPEG 2000 codestream's own precision), colour over the bits stored.
    const double slope = img["rescale_slope"], intercept = img["rescale_intercept"];
    const double colourRange = std::ldexp(1.0, img["bits_stored"].get<int>()) - 1;
    if (out.channels == 1) ASSERT_NE(out.value_scale, 0.0);
    auto storedAt = [&](std::size_t i) {
      const double p = out.pixels[i];
      return out.channels == 1 ? std::llround((p * out.value_scale + out.value_offset - intercept) / slope)
                               : std::llround(p * colourRange);
    };
    // YBR stored as is (not JPEG, whose codec converts) is converted here and in pydicom with different rounding
    // (pydicom truncates): those values may differ by 1.
    const std::string pi = img["photometric"], ts = img["transfer_syntax"];
    const long long tol = pi.rfind("YBR", 0) == 0 && ts.find("JPEG") == std::string::npos ? 1 : 0;
    for (std::size_t i = 0; i < img["first"].size(); ++i)
      ASSERT_LE(std::llabs(storedAt(i) - img["first"][i].get<long long>()), tol) << "value " << i;
    double sum = 0;
    long long lo = LLONG_MAX, hi = LLONG_MIN;
    for (std::size_t i = 0; i < out.pixels.size(); ++i) {
      const long long v = storedAt(i);
      sum += static_cast<double>(v);
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
    EXPECT_NEAR(sum, img["sum"].get<double>(), static_cast<double>(tol) * static_cast<double>(out.pixels.size()));
    EXPECT_LE(std::llabs(lo - img["min"].get<long long>()), tol);
    EXPECT_LE(std::llabs(hi - img["max"].get<long long>()), tol);
    if (img["window_center"].is_number() && out.channels == 1) {
      EXPECT_NEAR(out.window_center, (img["window_center"].get<double>() - out.value_offset) / out.value_scale, 1e-9);
      EXPECT_NEAR(out.window_width, img["window_width"].get<double>() / std::abs(out.value_scale), 1e-9);
    } else {
      EXPECT_LT(out.window_center, 0);
    }
  }
}

// pydicom's failures: GDCM is more lenient with a bad VR or missing meta information (it may read those), but
// never crashes and never passes a truncated file off as an image.
TEST(Dicom, FilesPydicomCannotDecodeAreRefusedOrReadNeverCrash) {
  const auto g = golden();
  const std::string dir = g["directory"];
  if (!fs::is_directory(dir)) GTEST_SKIP() << "python3-pydicom's test files are missing";
  for (const auto& r : g["refused"]) {
    const std::string file = r["file"];
    Image out;
    std::string error;
    if (!decodeDicom(dir + "/" + file, out, error)) {
      EXPECT_FALSE(error.empty()) << file;
    }
  }
  Image out;
  std::string error;
  EXPECT_FALSE(decodeDicom(dir + "/MR_truncated.dcm", out, error));
  EXPECT_NE(error.find("truncated DICOM pixel data (8130 of 8192 bytes)"), std::string::npos) << error;
  EXPECT_FALSE(decodeDicom(dir + "/ExplVR_BigEndNoMeta.dcm", out, error)) << "a dataset without pixel data";
  EXPECT_FALSE(error.empty());
}

// Found by fuzz_dicom: a malformed element fails an assert() inside GDCM's parser, which ends the process unless
// guarded; it is a message, and the next file still decodes (the guard leaves GDCM usable).
TEST(Dicom, AFileThatFailsAnAssertInsideGdcmIsAMessage) {
  const std::string crash = FUSEBENCH_SOURCE_DIR "/tests/fuzz/corpus/dicom/crash-gdcm-assert-vr16-explicit.dcm";
  for (int twice = 0; twice < 2; ++twice) {
    Image out;
    std::string error;
    EXPECT_FALSE(decodeDicom(crash, out, error));
    EXPECT_NE(error.find("GDCM found the file malformed"), std::string::npos) << error;
  }
  const std::string dir = golden()["directory"];
  if (!fs::is_directory(dir)) return;
  Image ok;
  std::string error;
  EXPECT_TRUE(decodeDicom(dir + "/MR_small.dcm", ok, error)) << error;
}

// Found by fuzz_dicom: 10 KB whose element lengths claim gigabytes made GDCM allocate and touch about 4 GiB (20 s)
// before refusing them; the bounds-checked walk over the lengths refuses such a file before GDCM reads it.
TEST(Dicom, LengthsBeyondTheFileAreRefusedBeforeGdcmAllocatesThem) {
  const std::string file = FUSEBENCH_SOURCE_DIR "/tests/fuzz/corpus/dicom/crash-gdcm-reads-4gb.dcm";
  Image out;
  std::string error;
  EXPECT_FALSE(decodeDicom(file, out, error));
  EXPECT_NE(error.find("claims"), std::string::npos) << error;
  EXPECT_NE(error.find("bytes, but the file has"), std::string::npos) << error;
}

// Every transfer syntax the goldens hold, at least one file each, decoded (the test above checks the values).
TEST(Dicom, EveryCommonTransferSyntaxIsRead) {
  const auto g = golden();
  if (!fs::is_directory(g["directory"].get<std::string>())) GTEST_SKIP() << "python3-pydicom's test files are missing";
  std::set<std::string> syntaxes;
  for (const auto& img : g["images"]) syntaxes.insert(img["transfer_syntax"].get<std::string>());
  for (const char* ts : {"Explicit VR Little Endian", "Implicit VR Little Endian", "Explicit VR Big Endian",
                         "Deflated Explicit VR Little Endian", "RLE Lossless", "JPEG Baseline (Process 1)",
                         "JPEG Extended (Process 2 and 4)", "JPEG-LS Lossless Image Compression",
                         "JPEG 2000 Image Compression", "JPEG 2000 Image Compression (Lossless Only)"})
    EXPECT_TRUE(syntaxes.count(ts)) << ts;
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

TEST(Dicom, GdcmsJpegLosslessExampleIsRead) {
  const std::string f = "/usr/share/doc/libgdcm3.0/examples/00191113.dcm";
  if (!fs::exists(f)) GTEST_SKIP() << f << " is not installed";
  Image out;
  std::string error;
  EXPECT_TRUE(mediaDecoders().image(f, out, error)) << error;
  EXPECT_GT(out.width, 0);
}

// The lung window on pydicom's CT: each pixel is clamp((HU - (c - w/2)) / w) of its Hounsfield value computed
// from pydicom's stored values and the file's rescale; "file" uses the file's own window; a PNG-like image (no
// modality scale) is left alone.
TEST(DicomWindow, PresetsMapHounsfieldUnitsAndTheFilesOwnWindow) {
  const auto g = golden();
  const std::string dir = g["directory"];
  if (!fs::is_directory(dir)) GTEST_SKIP() << "python3-pydicom's test files are missing";
  auto expectWindow = [&](const std::string& file, const std::string& window, double c, double w) {
    SCOPED_TRACE(file + " " + window);
    const nlohmann::json* ref = nullptr;
    for (const auto& img : g["images"])
      if (img["file"] == file) ref = &img;
    ASSERT_NE(ref, nullptr);
    const double slope = (*ref)["rescale_slope"], intercept = (*ref)["rescale_intercept"];
    Image img;
    std::string error;
    ASSERT_TRUE(decodeDicom(dir + "/" + file, img, error)) << error;
    ASSERT_TRUE(applyWindow(img, window));
    for (std::size_t i = 0; i < (*ref)["first"].size(); ++i) {
      const double hu = (*ref)["first"][i].get<double>() * slope + intercept;
      EXPECT_NEAR(img.pixels[i], std::clamp((hu - (c - w / 2)) / w, 0.0, 1.0), 2e-6) << "value " << i;
    }
  };
  expectWindow("CT_small.dcm", "lung", -600, 1500);   // explicit VR, rescale intercept -1024
  expectWindow("CT_small.dcm", "bone", 400, 1800);
  expectWindow("693_J2KI.dcm", "brain", 40, 80);      // JPEG 2000, signed, intercept -1024
  expectWindow("693_J2KI.dcm", "file", 40, 100);      // its own Window Center / Width
  Image photo;  // decoded from a PNG: no modality scale, nothing to window
  photo.channels = 1, photo.width = photo.height = 1, photo.pixels = {0.25f};
  EXPECT_FALSE(applyWindow(photo, "lung"));
  EXPECT_FLOAT_EQ(photo.pixels[0], 0.25f);
  EXPECT_EQ(windowChoices().front(), "none");
}

// Every frame of the multi-frame images, chosen one at a time, sums to pydicom's value for that frame; one past the
// last is refused, naming how many there are.
TEST(Dicom, AChosenFrameOfAMultiFrameFileMatchesPydicom) {
  const auto g = golden();
  const std::string dir = g["directory"];
  if (!fs::is_directory(dir)) GTEST_SKIP() << "python3-pydicom's test files are missing";
  int checked = 0;
  for (const auto& img : g["images"]) {
    const int frames = img["frames"];
    if (frames < 2 || img["samples"] != 1) continue;
    const std::string file = img["file"];
    SCOPED_TRACE(file);
    const double slope = img["rescale_slope"], intercept = img["rescale_intercept"];
    for (int k = 0; k < frames; ++k) {
      Image out;
      std::string error;
      ASSERT_TRUE(mediaDecoders().image_frame(dir + "/" + file, k, out, error)) << error;
      EXPECT_EQ(out.frames, frames);
      double sum = 0;
      for (float p : out.pixels) sum += static_cast<double>(std::llround((p * out.value_scale + out.value_offset - intercept) / slope));
      EXPECT_DOUBLE_EQ(sum, img["frame_sums"][k].get<double>()) << "frame " << k;
    }
    Image out;
    std::string error;
    EXPECT_FALSE(mediaDecoders().image_frame(dir + "/" + file, frames, out, error));
    EXPECT_NE(error.find("the file holds " + std::to_string(frames) + " frames"), std::string::npos) << error;
    ++checked;
  }
  EXPECT_GE(checked, 3);  // rtdose in three transfer syntaxes
}

// De-identified copies: the identity is gone (the decoder reports none), the pixels are those of the original, one
// patient keeps one pseudonym, UIDs change but a study stays one study, other files are copied; `data validate`'s
// warning names the columns and the attributes, never their values.
// The attributes a display may show, as pydicom reads them from the same file (values checked by hand with
// pydicom 2.3: Modality 'CT', PatientName 'CompressedSamples^CT1', PatientID '1CT1', InstitutionName 'JFK
// IMAGING CENTER'); identifying ones are marked.
TEST(Dicom, AttributesAreReadAndIdentifyingOnesMarked) {
  const std::string dir = golden()["directory"];
  if (!fs::is_directory(dir)) GTEST_SKIP() << "pydicom's test files are not installed";
  Image img;
  std::string error;
  ASSERT_TRUE(decodeDicom(dir + "/CT_small.dcm", img, error)) << error;
  auto find = [&](const std::string& name) -> const ImageAttribute* {
    for (const auto& a : img.attributes)
      if (a.name == name) return &a;
    return nullptr;
  };
  ASSERT_TRUE(find("Modality"));
  EXPECT_EQ(find("Modality")->value, "CT");
  EXPECT_FALSE(find("Modality")->identifying);
  EXPECT_EQ(find("Study Date")->value, "20040119");
  ASSERT_TRUE(find("Patient Name"));
  EXPECT_EQ(find("Patient Name")->value, "CompressedSamples^CT1");
  EXPECT_TRUE(find("Patient Name")->identifying);
  EXPECT_EQ(find("Patient ID")->value, "1CT1");
  EXPECT_TRUE(find("Institution Name")->identifying);
  // Every identifying attribute named in Image::identity is among the marked ones.
  ASSERT_FALSE(img.identity.empty());
  for (const auto& id : img.identity) {  // "PatientBirthDate" is shown as "Patient Birth Date"
    std::string spaced;
    for (std::size_t i = 0; i < id.size(); ++i)
      spaced += (i > 0 && std::isupper(static_cast<unsigned char>(id[i])) && std::islower(static_cast<unsigned char>(id[i - 1])) ? " " : "") +
                std::string(1, id[i]);
    const auto* a = find(spaced);
    ASSERT_TRUE(a) << spaced;
    EXPECT_TRUE(a->identifying) << spaced;
  }
}

TEST(DicomDeidentify, CopiesLoseTheIdentityAndKeepThePixels) {
  const std::string dir = golden()["directory"];
  if (!fs::is_directory(dir)) GTEST_SKIP() << "python3-pydicom's test files are missing";
  const auto src = fusebench::testing::freshDir("deid_src"), dst = fusebench::testing::freshDir("deid_dst");
  fs::remove_all(dst);
  fs::create_directories(src / "scans");
  for (const char* f : {"CT_small.dcm", "MR_small.dcm", "MR_small_RLE.dcm"}) fs::copy_file(dir + "/" + f, src / "scans" / f);
  fusebench::testing::writeText(src / "notes.txt", "kept as is");
  Image before;
  std::string error;
  ASSERT_TRUE(decodeDicom((src / "scans/CT_small.dcm").string(), before, error)) << error;
  ASSERT_FALSE(before.identity.empty()) << "the test file should carry a patient name";

  DeidentifyOptions o;
  o.salt = "test";
  auto r = deidentifyFolder(src.string(), dst.string(), o);
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.dicom, 3u);
  EXPECT_EQ(r.copied, 1u);
  EXPECT_TRUE(r.problems.empty());
  EXPECT_TRUE(fs::exists(dst / "notes.txt"));
  for (const char* f : {"CT_small.dcm", "MR_small.dcm", "MR_small_RLE.dcm"}) {
    SCOPED_TRACE(f);
    Image orig, copy;
    ASSERT_TRUE(decodeDicom((src / "scans" / f).string(), orig, error)) << error;
    ASSERT_TRUE(decodeDicom((dst / "scans" / f).string(), copy, error)) << error;
    EXPECT_TRUE(copy.identity.empty()) << copy.identity.front();
    EXPECT_EQ(orig.pixels, copy.pixels);
    EXPECT_EQ(orig.value_scale, copy.value_scale);
  }
  // The two MR files are one patient, one study: one pseudonym, one new Study Instance UID, not the old one.
  auto tag = [](const fs::path& p, uint16_t g, uint16_t e) {
    gdcm::Reader reader;
    reader.SetFileName(p.string().c_str());
    EXPECT_TRUE(reader.Read());
    const auto& de = reader.GetFile().GetDataSet().GetDataElement(gdcm::Tag(g, e));
    return de.GetByteValue() ? std::string(de.GetByteValue()->GetPointer(), de.GetByteValue()->GetLength()) : std::string();
  };
  EXPECT_EQ(tag(dst / "scans/MR_small.dcm", 0x0010, 0x0020), tag(dst / "scans/MR_small_RLE.dcm", 0x0010, 0x0020));
  EXPECT_EQ(tag(dst / "scans/MR_small.dcm", 0x0010, 0x0020).rfind("FB-", 0), 0u);
  EXPECT_EQ(tag(dst / "scans/MR_small.dcm", 0x0020, 0x000D), tag(dst / "scans/MR_small_RLE.dcm", 0x0020, 0x000D));
  EXPECT_NE(tag(dst / "scans/MR_small.dcm", 0x0020, 0x000D), tag(src / "scans/MR_small.dcm", 0x0020, 0x000D));
  EXPECT_EQ(tag(dst / "scans/CT_small.dcm", 0x0012, 0x0062).substr(0, 3), "YES");
  EXPECT_FALSE(deidentifyFolder(src.string(), dst.string(), o).ok) << "an existing, non-empty folder is refused";
  EXPECT_FALSE(deidentifyFolder(src.string(), (src / "inside").string(), o).ok) << "a folder inside the source too";
  fs::remove_all(src);
  fs::remove_all(dst);
}

}  // namespace
}  // namespace fusebench::data
