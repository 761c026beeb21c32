#pragma once
// Turns the raw attributions of one explained sample into the plain Explanation: each modality's maps and
// scores in its own terms (pixels, spectrogram frames, tokens, features), the modality contributions, and
// the fusion internals of the forward pass (attention with readable key labels, gates, weights, votes).
// Internal to engine/explain (torch).
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "data/pipeline.h"
#include "explain/explain_context.h"

namespace fusebench::explain::assembly {

// The attributions computed for one sample, looked up per input binding.
struct Attributions {
  const ExplainContext& ctx;
  const GradientResults& grads;
  const std::map<std::size_t, torch::Tensor>& occlusion;  // by binding
  // `method`'s gradient attribution of binding k (text: every consumer's summed); undefined when none.
  torch::Tensor of(const std::string& method, std::size_t k) const;
};

// What the sample's original file tells beyond the prepared values (null when it could not be read again).
using ImageSize = std::pair<int64_t, int64_t>;  // height, width

ImageAttribution imageAttribution(const data::InputBinding& b, std::size_t k, const data::PreparedField& pf,
                                  const std::string& source, const ImageSize* original, const Attributions& a,
                                  std::vector<std::string>& notes);
AudioAttribution audioAttribution(const data::InputBinding& b, std::size_t k, const std::string& source,
                                  const std::vector<float>* waveform, const Attributions& a);
TextAttribution textAttribution(const data::InputBinding& b, std::size_t k, const data::PreparedField& pf,
                                const std::string& text, const data::TextTokenizer& tokenizer, const Attributions& a);
TabularAttribution tabularAttribution(const data::InputBinding& b, std::size_t k,
                                      const std::map<std::string, std::string>& values, const Attributions& a);

// Each modality's removal effect and Shapley value (e.p_none, e.modalities, a note when Shapley is skipped).
void addModalityContributions(const ExplainContext& ctx, bool shapley, Explanation& e);

// Attention maps and fusion weights recorded by the forward pass; labels use e.texts' tokens.
void addFusionInternals(const std::map<std::string, torch::Tensor>& internals, const GraphSpec& g,
                        const data::Pipeline& pipeline, Explanation& e);

}  // namespace fusebench::explain::assembly
