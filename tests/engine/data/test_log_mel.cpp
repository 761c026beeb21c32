#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "data/log_mel.h"

namespace fusebench::data {
namespace {

class LogMelGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(LogMelGolden, MatchesTorchaudio) {
  std::ifstream in(std::string(FUSEBENCH_SOURCE_DIR) + "/tests/reference/golden/logmel/" + GetParam() + ".json");
  ASSERT_TRUE(in);
  const auto j = nlohmann::json::parse(in);
  LogMelOptions o{j["sample_rate"], j["n_fft"], j["hop_length"], j["n_mels"], j["f_min"], j["f_max"]};
  auto wave = torch::tensor(j["wave"].get<std::vector<float>>());
  auto expected = torch::tensor(j["logmel"].get<std::vector<float>>()).reshape(j["logmel_shape"].get<std::vector<int64_t>>());
  auto actual = logMel(wave, o);
  ASSERT_EQ(actual.sizes(), expected.sizes());
  // Log domain: compare absolutely where there is energy; near the 1e-6 floor relative errors are meaningless.
  const auto diff = (actual - expected).abs();
  const auto mask = expected > -10;
  EXPECT_LT(diff.masked_select(mask).max().item<float>(), 2e-3) << "max difference " << diff.max().item<float>();
  EXPECT_GT(mask.sum().item<int64_t>(), actual.numel() / 2);
}

INSTANTIATE_TEST_SUITE_P(Cases, LogMelGolden, ::testing::Values("speech_like", "band_limited"));

TEST(LogMel, FrameCountMatchesTheInputNodeFormula) {
  LogMelOptions o;
  o.sample_rate = 8000;
  o.hop_length = 80;
  o.n_fft = 256;
  o.n_mels = 40;
  auto m = logMel(torch::randn({12000}), o);
  EXPECT_EQ(m.sizes().vec(), (std::vector<int64_t>{40, 1 + 12000 / 80}));
  auto fb = melFilterBank(o);
  EXPECT_EQ(fb.sizes().vec(), (std::vector<int64_t>{129, 40}));
  EXPECT_TRUE((fb.sum(0) > 0).all().item<bool>());  // every mel band collects some energy
}

}  // namespace
}  // namespace fusebench::data
