// Decoders on real files written by OpenCV and libsndfile, including broken ones.
#include <gtest/gtest.h>
#include <sndfile.h>

#include <cmath>
#include <fstream>

#include "data/decode/decoders.h"
#include "fixtures.h"

namespace fusebench::data {
namespace {

namespace fs = std::filesystem;
using namespace fusebench::testing;

const Decoders& dec() { return mediaDecoders(); }

TEST(ImageDecoder, GrayEightAndSixteenBit) {
  const auto dir = freshDir("img_gray");
  writeGrayPng(dir / "g8.png", 5, 4, 51);
  writeGrayPng(dir / "g16.png", 3, 2, 13107, /*sixteenBit=*/true);
  Image a, b;
  std::string error;
  ASSERT_TRUE(dec().image((dir / "g8.png").string(), a, error)) << error;
  EXPECT_EQ(a.width, 5);
  EXPECT_EQ(a.height, 4);
  EXPECT_EQ(a.channels, 1);
  EXPECT_EQ(a.bit_depth, 8);
  EXPECT_NEAR(a.pixels[0], 51.0 / 255.0, 1e-6);
  ASSERT_TRUE(dec().image((dir / "g16.png").string(), b, error)) << error;
  EXPECT_EQ(b.bit_depth, 16);
  EXPECT_NEAR(b.pixels[5], 13107.0 / 65535.0, 1e-6);
}

TEST(ImageDecoder, ColourFormatsComeOutRgbChannelMajor) {
  const auto dir = freshDir("img_colour");
  for (const char* ext : {".png", ".bmp", ".tiff", ".jpg"}) {
    SCOPED_TRACE(ext);
    writeColorImage(dir / (std::string("c") + ext), 16, 8);
    Image img;
    std::string error;
    ASSERT_TRUE(dec().image((dir / (std::string("c") + ext)).string(), img, error)) << error;
    EXPECT_EQ(img.channels, 3);
    EXPECT_EQ(img.width, 16);
    EXPECT_EQ(img.height, 8);
    // Written as BGR (x*7, y*5, 200): red plane = 200, blue plane at (x=3, y=0) = 21.
    const std::size_t plane = 16 * 8;
    const double tol = std::string(ext) == ".jpg" ? 12.0 / 255 : 1e-6;
    EXPECT_NEAR(img.pixels[0 * plane + 5], 200.0 / 255, tol);
    EXPECT_NEAR(img.pixels[2 * plane + 3], 21.0 / 255, tol);
  }
}

TEST(ImageDecoder, MissingTruncatedAndBogusFilesGiveReasons) {
  const auto dir = freshDir("img_bad");
  Image img;
  std::string error;
  EXPECT_FALSE(dec().image((dir / "none.png").string(), img, error));
  EXPECT_EQ(error, "missing file");
  writeGrayPng(dir / "t.png", 64, 64, 9);
  truncateFile(dir / "t.png", 0.4);
  EXPECT_FALSE(dec().image((dir / "t.png").string(), img, error));
  EXPECT_EQ(error, "unreadable or truncated image");
  writeColorImage(dir / "t.jpg", 64, 64);
  truncateFile(dir / "t.jpg", 0.7);
  EXPECT_FALSE(dec().image((dir / "t.jpg").string(), img, error));
  EXPECT_EQ(error, "truncated JPEG (no end-of-image marker)");
  writeText(dir / "x.png", "definitely not a PNG");
  EXPECT_FALSE(dec().image((dir / "x.png").string(), img, error));
  EXPECT_FALSE(dec().image(dir.string(), img, error));
  EXPECT_EQ(error, "is a folder, not a file");
}

// Formats are told by their bytes: a PNG named .jpg, a JPEG named .png and a BMP named .dcm all decode as
// what they are, and a truncated JPEG is caught whatever its name.
TEST(ImageDecoder, FormatsAreToldByContentNotByName) {
  const auto dir = freshDir("img_sniff");
  writeGrayPng(dir / "real.png", 6, 5, 90);
  fs::copy_file(dir / "real.png", dir / "png-named.jpg");
  writeColorImage(dir / "real.jpg", 16, 8);
  fs::copy_file(dir / "real.jpg", dir / "jpeg-named.png");
  writeColorImage(dir / "real.bmp", 7, 3);
  fs::copy_file(dir / "real.bmp", dir / "bmp-named.dcm");
  for (const char* name : {"png-named.jpg", "jpeg-named.png", "bmp-named.dcm"})
    for (const auto* decode : {&dec().image, &dec().image_bytes}) {
      Image img;
      std::string error;
      EXPECT_TRUE((*decode)((dir / name).string(), img, error)) << name << ": " << error;
    }
  writeColorImage(dir / "big.jpg", 64, 64);
  fs::copy_file(dir / "big.jpg", dir / "cut.png");
  truncateFile(dir / "cut.png", 0.7);
  Image img;
  std::string error;
  EXPECT_FALSE(dec().image((dir / "cut.png").string(), img, error));
  EXPECT_EQ(error, "truncated JPEG (no end-of-image marker)");
}

double dominantFrequency(const std::vector<float>& x, int rate) {
  // Zero crossings of a clean sine: crossings / 2 per second.
  int crossings = 0;
  for (std::size_t i = 1; i < x.size(); ++i) crossings += (x[i - 1] < 0) != (x[i] < 0);
  return crossings / 2.0 / (static_cast<double>(x.size()) / rate);
}

// The byte decoder (what preparation uses) gives an 8-bit file's exact bytes, channel-major, equal to the
// float decoder's values x 255; other depths, and every failure, as the float decoder does.
TEST(ImageDecoder, BytesForEightBitFilesMatchTheFloatDecoder) {
  const auto dir = freshDir("image_bytes");
  writeColorImage(dir / "c.png", 9, 7);
  writeColorImage(dir / "c.jpg", 16, 12);
  writeGrayPng(dir / "g.png", 5, 4, 77);
  for (const char* name : {"c.png", "c.jpg", "g.png"}) {
    Image f, b;
    std::string error;
    ASSERT_TRUE(dec().image((dir / name).string(), f, error)) << error;
    ASSERT_TRUE(dec().image_bytes((dir / name).string(), b, error)) << error;
    EXPECT_TRUE(b.pixels.empty());
    ASSERT_EQ(b.bytes.size(), f.pixels.size()) << name;
    EXPECT_EQ(b.channels, f.channels);
    EXPECT_EQ(b.width, f.width);
    for (std::size_t i = 0; i < b.bytes.size(); ++i) ASSERT_EQ(b.bytes[i], std::lround(f.pixels[i] * 255)) << name << " " << i;
  }
  writeGrayPng(dir / "deep.png", 5, 4, 30000, /*sixteenBit=*/true);
  Image deep;
  std::string error;
  ASSERT_TRUE(dec().image_bytes((dir / "deep.png").string(), deep, error)) << error;
  EXPECT_TRUE(deep.bytes.empty());
  EXPECT_EQ(deep.bit_depth, 16);
  EXPECT_NEAR(deep.pixels.at(0), 30000.0 / 65535, 1e-6);
  writeColorImage(dir / "cut.jpg", 64, 64);
  truncateFile(dir / "cut.jpg", 0.6);
  EXPECT_FALSE(dec().image_bytes((dir / "cut.jpg").string(), deep, error));
  EXPECT_EQ(error.rfind("truncated JPEG", 0), 0u) << error;
}

TEST(AudioDecoder, MonoStereoEightBitFlacOgg) {
  const auto dir = freshDir("audio_formats");
  writeSine(dir / "mono.wav", 8000, 0.5, 440);
  writeSine(dir / "stereo.wav", 8000, 0.5, 440, 2);
  writeSine(dir / "u8.wav", 8000, 0.5, 440, 1, SF_FORMAT_WAV | SF_FORMAT_PCM_U8);
  writeSine(dir / "f.flac", 8000, 0.5, 440, 1, SF_FORMAT_FLAC | SF_FORMAT_PCM_16);
  writeSine(dir / "v.ogg", 8000, 0.5, 440, 1, SF_FORMAT_OGG | SF_FORMAT_VORBIS);
  for (const char* f : {"mono.wav", "stereo.wav", "u8.wav", "f.flac", "v.ogg"}) {
    SCOPED_TRACE(f);
    Audio a;
    std::string error;
    ASSERT_TRUE(dec().audio((dir / f).string(), 8000, a, error)) << error;
    EXPECT_EQ(a.file_rate, 8000);
    EXPECT_NEAR(a.seconds(), 0.5, 0.01);
    EXPECT_NEAR(dominantFrequency(a.samples, 8000), 440, 6);
    float peak = 0;
    for (float v : a.samples) peak = std::max(peak, std::abs(v));
    // Stereo: channels of amplitude 0.5 and 0.25 mix down to 0.375.
    EXPECT_NEAR(peak, std::string(f) == "stereo.wav" ? 0.375 : 0.5, 0.03);
  }
  Audio stereo;
  std::string error;
  ASSERT_TRUE(dec().audio((dir / "stereo.wav").string(), 8000, stereo, error));
  EXPECT_EQ(stereo.file_channels, 2);
}

TEST(AudioDecoder, ResamplesKeepingPitchAndLevel) {
  const auto dir = freshDir("audio_resample");
  writeSine(dir / "a.wav", 22050, 1.0, 500);
  for (int rate : {8000, 16000, 44100}) {
    SCOPED_TRACE(rate);
    Audio a;
    std::string error;
    ASSERT_TRUE(dec().audio((dir / "a.wav").string(), rate, a, error)) << error;
    EXPECT_EQ(a.sample_rate, rate);
    EXPECT_EQ(a.file_rate, 22050);
    EXPECT_NEAR(static_cast<double>(a.samples.size()), rate, 1);
    EXPECT_NEAR(dominantFrequency(a.samples, rate), 500, 3);
    double sq = 0;
    for (std::size_t i = rate / 10; i < a.samples.size() - rate / 10; ++i) sq += a.samples[i] * a.samples[i];
    EXPECT_NEAR(std::sqrt(sq / (a.samples.size() - rate / 5)), 0.5 / std::sqrt(2.0), 0.01);  // RMS of the sine
  }
  // A tone above the new Nyquist frequency is removed, not aliased.
  writeSine(dir / "high.wav", 16000, 0.5, 6000);
  Audio low;
  std::string error;
  ASSERT_TRUE(dec().audio((dir / "high.wav").string(), 8000, low, error));
  double sq = 0;
  for (float v : low.samples) sq += v * v;
  EXPECT_LT(std::sqrt(sq / low.samples.size()), 0.02);
}

TEST(AudioDecoder, MissingCorruptAndTruncatedFilesGiveReasons) {
  const auto dir = freshDir("audio_bad");
  Audio a;
  std::string error;
  EXPECT_FALSE(dec().audio((dir / "none.wav").string(), 8000, a, error));
  EXPECT_EQ(error, "missing file");
  writeText(dir / "junk.wav", "RIFF not audio");
  EXPECT_FALSE(dec().audio((dir / "junk.wav").string(), 8000, a, error));
  EXPECT_EQ(error.rfind("unsupported or corrupt audio", 0), 0u) << error;
  writeSine(dir / "cut.wav", 8000, 1.0, 300);
  truncateFile(dir / "cut.wav", 0.5);
  EXPECT_FALSE(dec().audio((dir / "cut.wav").string(), 8000, a, error));
  EXPECT_EQ(error.rfind("truncated audio", 0), 0u) << error;
}

}  // namespace
}  // namespace fusebench::data
