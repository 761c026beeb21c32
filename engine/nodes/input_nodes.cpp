// Input nodes: where dataset fields enter the graph. Each checks that a batch has the declared shape
// (a data problem reported with the field's name, not a LibTorch error deeper down) and fills in the
// defaults: every sample present, text tokens valid where the id is not padding (0).
#include "export/onnx_ops.h"
#include "data/image_window.h"
#include "graph/decl_helpers.h"
#include "nodes/node_module.h"
#include "nodes/register.h"

namespace fusebench::nodes {
namespace {

using namespace decl;

struct InputOptions {
  InputOptions(std::string field, PortShape shape) : field_(std::move(field)), shape_(std::move(shape)) {}
  TORCH_ARG(std::string, field);
  TORCH_ARG(PortShape, shape);
};

class InputImpl : public NodeModuleImpl {
 public:
  explicit InputImpl(InputOptions options) : options(std::move(options)) {}

  // inputs["data"] holds the batch as the model received it.
  PortValues forward(const PortValues& inputs) override {
    const auto it = inputs.find("data");
    if (it == inputs.end() || !it->second.value.defined())
      throw std::invalid_argument("input field '" + options.field() + "' is missing from the batch");
    PortValue v = it->second;
    const auto& dims = options.shape().dims;
    std::vector<int64_t> expected{-1};
    expected.insert(expected.end(), dims.begin(), dims.end());
    auto found = v.value.sizes().vec();
    bool ok = found.size() == expected.size();
    for (std::size_t i = 1; ok && i < found.size(); ++i) ok = found[i] == expected[i];
    if (!ok) {
      expected[0] = found.empty() ? 0 : found[0];
      throw std::invalid_argument("input field '" + options.field() + "' has shape " + dimsStr(found) +
                                  ", the graph expects [batch" +
                                  dimsStr(dims).replace(0, 1, dims.empty() ? "" : ", "));
    }
    const int64_t batch = v.value.size(0);
    if (!v.present.defined()) v.present = torch::ones({batch}, v.value.options().dtype(torch::kBool));
    if (options.shape().kind == PortKind::Text) {
      if (!v.mask.defined()) v.mask = v.value.ne(0);
    }
    if (options.shape().kind == PortKind::Tabular && !options.shape().cardinalities.empty()) {
      const int64_t k = static_cast<int64_t>(options.shape().cardinalities.size());
      if (!v.aux.defined() || v.aux.dim() != 2 || v.aux.size(1) != k)
        throw std::invalid_argument("input field '" + options.field() + ".categorical' must have shape [batch, " +
                                    std::to_string(k) + "]");
    }
    return {{"out", v}};
  }

  // The graph inputs are named by the exporter; this fills in the same defaults as forward.
  onnx_export::OnnxPorts toOnnx(onnx_export::OnnxGraph& g, const onnx_export::OnnxPorts& inputs) override {
    auto v = inputs.at("data");
    if (options.shape().kind == PortKind::Text && v.mask.empty())
      v.mask = g.op("Not", {g.op("Equal", {v.value, g.ints({0})})}, {}, "token_mask");
    v.rank = 1 + static_cast<int>(options.shape().dims.size());
    return {{"out", v}};
  }

  InputOptions options;
};
TORCH_MODULE(Input);

ModuleFactory inputFactory() {
  return [](const BuildContext& c) { return Input(InputOptions(c.params.s("field"), c.outputs.at("out"))).ptr(); };
}

// A dataset-declared shape wins over the node's own parameters, but its kind must match.
bool useDatasetShape(InferContext& c, PortKind kind, std::map<std::string, PortShape>& out) {
  if (!c.dataset_shape) return false;
  if (c.dataset_shape->kind != kind) {
    c.error("field", {FB_TEXT("the dataset field '%1' has the wrong kind for this input"), "%2", "%3",
                      {c.params.s("field"), kindName(kind), c.dataset_shape->str()}}, "wrong-kind");
    return true;
  }
  out["out"] = *c.dataset_shape;
  return true;
}

}  // namespace

void registerInputNodes(NodeRegistry& r) {
  const ParamDecl field = stringParam("field", "", "Dataset field (column) this input reads");
  auto withField = [&](const std::string& def) {
    ParamDecl f = field;
    f.default_value = def;
    return f;
  };
  {
    NodeTypeInfo t;
    t.type = "input.image";
    t.title = "Image input";
    t.category = "Inputs";
    t.role = NodeRole::Input;
    t.doc = "An image per sample, C x H x W after preprocessing.";
    t.outputs = {port("out", {PortKind::Image}, "Image batch [B, C, H, W] with a present mask")};
    t.params = {withField("image"), intParam("channels", 3, 1, 4, "Colour channels (1 gray, 3 RGB)"),
                intParam("height", 64, 4, 4096, "Height in pixels after preprocessing"),
                intParam("width", 64, 4, 4096, "Width in pixels after preprocessing"),
                choiceParam("resize", "stretch", {"stretch", "center_crop"},
                            "Fit to height x width: stretch, or scale the shorter side and crop the centre"),
                boolParam("normalize", true, "Subtract the training split's per-channel mean, divide by its std"),
                choiceParam("window", "none", data::windowChoices(),
                            "Grayscale DICOM: the modality values the model sees (CT presets in HU, or the file's own "
                            "window) stretched over [0, 1]; other images are unchanged"),
                intParam("frame", 0, 0, 100000, "Multi-frame DICOM: the frame the model sees (0 = the first)")};
    t.infer = [](InferContext& c) {
      std::map<std::string, PortShape> out;
      if (!useDatasetShape(c, PortKind::Image, out))
        out["out"] = shape(PortKind::Image, {c.params.i("channels"), c.params.i("height"), c.params.i("width")});
      return out;
    };
    t.factory = inputFactory();
    r.add(t);
  }
  {
    NodeTypeInfo t;
    t.type = "input.text";
    t.title = "Text input";
    t.category = "Inputs";
    t.role = NodeRole::Input;
    t.doc = "Token ids per sample (0 = padding, 1 = unknown) with a token mask; how a text becomes tokens is the "
            "tokenizer parameter.";
    t.outputs = {port("out", {PortKind::Text}, "Token ids [B, L] with a token mask and a present mask")};
    t.params = {withField("text"), intParam("max_length", 64, 1, 100000, "Tokens per sample after padding/cropping"),
                intParam("vocab_size", 10000, 2, 10000000, "Vocabulary size including padding and unknown"),
                intParam("min_frequency", 1, 1, 1000000, "Words seen fewer times in the training split become unknown"),
                choiceParam("tokenizer", "words", {"words", "characters", "subwords", "sentencepiece", "wordpiece"},
                            "words: ICU word segmentation (Chinese, Japanese and Thai by dictionary), NFKC and case folded; "
                            "characters: one token per character; subwords: a SentencePiece model learned from the training "
                            "split; sentencepiece / wordpiece: a pretrained model's vocabulary_file"),
                choiceParam("subword_type", "unigram", {"unigram", "bpe"}, "The SentencePiece algorithm for 'subwords'"),
                stringParam("vocabulary_file", "",
                            "A pretrained vocabulary (SentencePiece .model or BERT vocab.txt), relative to the project file")};
    t.infer = [](InferContext& c) {
      std::map<std::string, PortShape> out;
      if (!useDatasetShape(c, PortKind::Text, out))
        out["out"] = shape(PortKind::Text, {c.params.i("max_length")}, {c.params.i("vocab_size")});
      return out;
    };
    t.factory = inputFactory();
    r.add(t);
  }
  {
    NodeTypeInfo t;
    t.type = "input.audio";
    t.title = "Audio input";
    t.category = "Inputs";
    t.role = NodeRole::Input;
    t.doc = "Mono audio per sample, as a waveform or as a log-mel spectrogram (n_mels x frames).";
    t.outputs = {port("out", {PortKind::Waveform, PortKind::Spectrogram}, "Waveform [B, T] or log-mel [B, M, F]")};
    t.params = {withField("audio"),
                choiceParam("representation", "logmel", {"waveform", "logmel"}, "What the model sees"),
                intParam("sample_rate", 16000, 1000, 192000, "Samples per second after resampling"),
                floatParam("seconds", 1.0, 0.01, 600.0, "Fixed length (padded or cropped)"),
                intParam("n_mels", 64, 1, 512, "Mel bands (log-mel only)"),
                intParam("hop_length", 160, 1, 65536, "Samples between frames (log-mel only)"),
                intParam("n_fft", 400, 16, 65536, "FFT size and window length (log-mel only)"),
                floatParam("f_min", 0.0, 0.0, 96000.0, "Lowest mel frequency in Hz (log-mel only)"),
                floatParam("f_max", 0.0, 0.0, 96000.0, "Highest mel frequency in Hz; 0 = half the sample rate")};
    t.infer = [](InferContext& c) {
      std::map<std::string, PortShape> out;
      const bool wave = c.params.s("representation") == "waveform";
      if (useDatasetShape(c, wave ? PortKind::Waveform : PortKind::Spectrogram, out)) return out;
      const auto samples = static_cast<int64_t>(c.params.i("sample_rate") * c.params.f("seconds") + 0.5);
      if (!wave && c.params.i("n_fft") > samples) {
        c.paramError("n_fft", FB_TEXT("n_fft is longer than the clip (%1 samples)"), {std::to_string(samples)});
        return out;
      }
      if (!wave && c.params.f("f_max") > 0 && c.params.f("f_max") <= c.params.f("f_min")) {
        c.paramError("f_max", FB_TEXT("f_max must be above f_min"));
        return out;
      }
      if (wave)
        out["out"] = shape(PortKind::Waveform, {samples});
      else
        out["out"] = shape(PortKind::Spectrogram, {c.params.i("n_mels"), 1 + samples / c.params.i("hop_length")});
      return out;
    };
    t.factory = inputFactory();
    r.add(t);
  }
  {
    NodeTypeInfo t;
    t.type = "input.tabular";
    t.title = "Tabular input";
    t.category = "Inputs";
    t.role = NodeRole::Input;
    t.doc = "Numeric values [N] and categorical ids [K] per sample, from every numeric and categorical column of "
            "the dataset; the categorical batch is '<field>.categorical'.";
    t.outputs = {port("out", {PortKind::Tabular}, "Numeric [B, N] plus categorical ids [B, K]")};
    t.params = {withField("tabular"), intParam("num_numeric", 4, 0, 100000, "Numeric columns"),
                intListParam("categorical", {}, 2, 10000000, "Cardinality of each categorical column"),
                boolParam("standardize", true, "Standardize numeric columns with the training split's mean and std")};
    t.infer = [](InferContext& c) {
      std::map<std::string, PortShape> out;
      if (useDatasetShape(c, PortKind::Tabular, out)) return out;
      auto cards = c.params.ints("categorical");
      if (c.params.i("num_numeric") == 0 && cards.empty()) {
        c.paramError("num_numeric", FB_TEXT("a tabular input needs at least one numeric or categorical column"));
        return out;
      }
      out["out"] = shape(PortKind::Tabular, {c.params.i("num_numeric")}, cards);
      return out;
    };
    t.factory = inputFactory();
    r.add(t);
  }
}

}  // namespace fusebench::nodes
