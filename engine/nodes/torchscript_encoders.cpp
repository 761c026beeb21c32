// Pretrained encoders from TorchScript files (torch.jit.script or torch.jit.trace, saved with .save): image,
// text and audio. The file's parameters become the node's own, so training, freezing, learning-rate multipliers,
// checkpoints, bundles and init_from treat them like any encoder's. The output's shape comes from a dry run at
// validation; the result may be a tensor, a tuple/list element or a dict entry ('output').
#include <ATen/CPUGeneratorImpl.h>

#include "export/onnx_graph.h"
#include "graph/decl_helpers.h"
#include "nodes/linear_layer.h"
#include "nodes/node_module.h"
#include "nodes/register.h"
#include "nodes/taps.h"
#include "nodes/torchscript_file.h"
#include "util/torch_error_text.h"

namespace fusebench::nodes {
namespace {

using namespace decl;

enum class Modality { Image, Text, Audio };

// Input normalizations pretrained image backbones expect, applied to images in [0, 1] (the image input's
// "normalize" off): (x - mean) / std per RGB channel.
struct Normalization {
  const char* name;
  float mean[3], std[3];
};
constexpr Normalization kNormalizations[] = {
    {"imagenet", {0.485f, 0.456f, 0.406f}, {0.229f, 0.224f, 0.225f}},
    {"clip", {0.48145466f, 0.4578275f, 0.40821073f}, {0.26862954f, 0.26130258f, 0.27577711f}},
    {"half", {0.5f, 0.5f, 0.5f}, {0.5f, 0.5f, 0.5f}},
};

const Normalization* normalizationNamed(const std::string& name) {
  for (const auto& n : kNormalizations)
    if (name == n.name) return &n;
  return nullptr;
}

struct ScriptSettings {
  Modality modality = Modality::Image;
  std::string select;         // 'output'
  std::string normalization;  // image: none | imagenet | clip | half
  bool pass_mask = false;     // text: forward(ids, mask) rather than forward(ids)
  std::string layout;         // audio: image [B,1,M,T] | channels [B,M,T] | time_major [B,T,M]
  int64_t out_dim = 0;

  static ScriptSettings of(Modality m, const Params& p) {
    ScriptSettings s;
    s.modality = m;
    s.select = p.s("output");
    s.out_dim = p.i("out_dim");
    if (m == Modality::Image) s.normalization = p.s("normalization");
    if (m == Modality::Text) s.pass_mask = p.b("pass_mask");
    if (m == Modality::Audio) s.layout = p.s("layout");
    return s;
  }
  std::string key() const {
    return std::to_string(static_cast<int>(modality)) + "|" + select + "|" + normalization + "|" +
           (pass_mask ? "mask" : "") + "|" + layout;
  }
};

// The script's arguments for a batch: the modality's tensor in the layout the settings ask for.
std::vector<c10::IValue> scriptArguments(const ScriptSettings& s, const torch::Tensor& value, const torch::Tensor& mask) {
  switch (s.modality) {
    case Modality::Image: {
      const Normalization* n = normalizationNamed(s.normalization);
      if (!n) return {value};
      auto mean = torch::tensor({n->mean[0], n->mean[1], n->mean[2]}, value.options()).view({1, 3, 1, 1});
      auto std = torch::tensor({n->std[0], n->std[1], n->std[2]}, value.options()).view({1, 3, 1, 1});
      return {(value - mean) / std};
    }
    case Modality::Text:
      if (s.pass_mask) return {value, mask.to(torch::kLong)};
      return {value};
    case Modality::Audio:
      if (s.layout == "channels") return {value};
      if (s.layout == "time_major") return {value.transpose(1, 2).contiguous()};
      return {value.unsqueeze(1)};
  }
  return {value};
}

// features [B, D] and tokens [B, L, D] (+ mask) from the selected output: [B, D] is one token; [B, L, D] a sequence
// (a text sequence of the input's length keeps the input's mask); [B, C, H, W] a feature map (audio: [B, C, F, T],
// tokens per time step).
struct Outputs {
  torch::Tensor features, tokens, mask, feature_map;
};

Outputs interpret(Modality m, const torch::Tensor& y, const torch::Tensor& in_mask) {
  Outputs o;
  if (y.dim() == 2) {
    o.features = y;
    o.tokens = y.unsqueeze(1);
  } else if (y.dim() == 3) {
    o.tokens = y;
    if (m == Modality::Text && in_mask.defined() && in_mask.sizes() == y.sizes().slice(0, 2)) o.mask = in_mask;
    o.features = o.mask.defined() ? maskedMean(y * o.mask.unsqueeze(-1).to(y.dtype()), o.mask) : y.mean(1);
  } else {
    o.feature_map = y;
    o.features = y.mean({2, 3});
    o.tokens = m == Modality::Audio ? y.mean(2).transpose(1, 2) : y.flatten(2).transpose(1, 2);
  }
  if (!o.mask.defined()) o.mask = torch::ones({o.tokens.size(0), o.tokens.size(1)}, y.options().dtype(torch::kBool));
  return o;
}

class TorchScriptEncoderImpl : public NodeModuleImpl {
 public:
  TorchScriptEncoderImpl(torch::jit::Module script, ScriptSettings settings, int64_t features)
      : script_(std::move(script)), settings_(std::move(settings)) {
    // The script's tensors become this module's (same TensorImpls): the optimizer, checkpoints, freezing and
    // model.to() then reach them as they reach any encoder's. Dots are not allowed in names: "conv1.weight" is
    // kept as "conv1__weight".
    for (const auto& p : script_.named_parameters(/*recurse=*/true)) register_parameter(flat(p.name), p.value, true);
    for (const auto& b : script_.named_buffers(/*recurse=*/true)) register_buffer(flat(b.name), b.value);
    if (settings_.out_dim > 0) proj_ = register_module("proj", LinearLayer(features, settings_.out_dim));
    script_.eval();
  }

  void train(bool on) override {
    NodeModuleImpl::train(on);
    script_.train(on);  // batch norm and dropout inside the script follow (files saved by torch.jit.script)
  }

  PortValues forward(const PortValues& inputs) override {
    const PortValue& in = inputs.at("in");
    std::string error;
    torch::Tensor y = selectOutput(script_.forward(scriptArguments(settings_, in.value, in.mask)), settings_.select, error);
    if (!y.defined()) throw std::runtime_error(error);
    if (y.dim() < 2 || y.size(0) != in.value.size(0))
      throw std::runtime_error("the TorchScript output " + c10::str(y.sizes()) + " does not follow the batch of " +
                               std::to_string(in.value.size(0)) + " (a trace recorded at a fixed batch size?)");
    if (y.dim() == 4) y = tap("stage1", y);  // the backbone's last feature map, for Grad-CAM
    Outputs o = interpret(settings_.modality, y, in.mask);
    if (o.feature_map.defined()) internals_["feature_map"] = o.feature_map;
    if (proj_) o.features = proj_(o.features);
    return {{"features", PortValue{o.features, in.present, {}, {}}}, {"tokens", PortValue{o.tokens, in.present, o.mask, {}}}};
  }

  onnx_export::OnnxPorts toOnnx(onnx_export::OnnxGraph&, const onnx_export::OnnxPorts&) override {
    throw onnx_export::Unsupported(
        "a TorchScript encoder has no ONNX form here: LibTorch C++ cannot translate TorchScript to ONNX. Export the "
        "backbone from Python with torch.onnx.export, or use a built-in encoder in a model meant for ONNX");
  }

 private:
  static std::string flat(const std::string& name) {
    std::string out;
    for (char ch : name) out += ch == '.' ? std::string("__") : std::string(1, ch);
    return out;
  }
  torch::jit::Module script_;
  ScriptSettings settings_;
  LinearLayer proj_{nullptr};
};
TORCH_MODULE(TorchScriptEncoder);

// A dry-run batch of two for the input's per-sample shape: images in [0, 1], token ids over the vocabulary with
// every token real, log-mel values around zero.
std::pair<torch::Tensor, torch::Tensor> probeBatch(Modality m, const PortShape& in) {
  std::vector<int64_t> dims{2};
  dims.insert(dims.end(), in.dims.begin(), in.dims.end());
  auto seeded = at::detail::createCPUGenerator(0);  // its own generator: the run's random stream stays untouched
  if (m == Modality::Text) {
    const int64_t vocab = in.cardinalities.empty() ? 2 : std::max<int64_t>(in.cardinalities[0], 2);
    auto ids = torch::randint(1, vocab, dims, seeded, torch::kLong);
    return {ids, torch::ones(dims, torch::kBool)};
  }
  return {m == Modality::Image ? torch::rand(dims, seeded) : torch::randn(dims, seeded), {}};
}

ProbeResult probe(const ScriptFile& file, const ScriptSettings& s, const PortShape& in) {
  ProbeResult r;
  const torch::NoGradGuard noGrad;
  auto script = cloneScript(file);
  auto [value, mask] = probeBatch(s.modality, in);
  c10::IValue result;
  try {
    result = script.forward(scriptArguments(s, value, mask));
  } catch (const std::exception& e) {
    r.error = "the script fails on a batch of " + c10::str(value.sizes()) +
              (s.modality == Modality::Text ? " token ids below " + std::to_string(in.cardinalities.empty() ? 0 : in.cardinalities[0]) : "") +
              ": " + torchErrorText(e);
    return r;
  }
  auto y = selectOutput(result, s.select, r.error);
  if (!y.defined()) return r;
  if (y.dim() < 2 || y.dim() > 4 || y.size(0) != 2) {
    r.error = "the script's output " + c10::str(y.sizes()) + " for a batch of 2 is not usable: expected [B, D] features, "
              "[B, L, D] tokens or a [B, C, H, W] feature map";
    return r;
  }
  if (!y.is_floating_point()) {
    r.error = "the script's output is of type " + std::string(c10::toString(y.scalar_type())) + ", not floating point";
    return r;
  }
  r.dims = y.sizes().slice(1).vec();
  return r;
}

// The file, its dry run (cached), and this node's output shapes; errors name the node's parameter.
std::map<std::string, PortShape> inferOutputs(InferContext& c, Modality m) {
  const std::string file = c.params.s("file");
  if (file.empty()) {
    c.paramError("file", FB_TEXT("choose a TorchScript file (.pt, saved with torch.jit.save)"));
    return {};
  }
  const ScriptSettings s = ScriptSettings::of(m, c.params);
  const auto& in = c.in("in");
  if (m == Modality::Image && normalizationNamed(s.normalization) && in.dims[0] != 3) {
    c.error("in", {FB_TEXT("'%1' normalization is for RGB images: set the image input's channels to 3"), FB_TEXT("3 channels"),
                   "%2", {s.normalization, in.str()}});
    return {};
  }
  const std::string path = c.resolvePath(file);
  std::string error;
  auto script = loadScriptFile(path, error);
  if (!script) {
    c.paramError("file", error);
    return {};
  }
  const ProbeResult r = cachedProbe(fileVersion(path) + "|" + s.key() + "|" + in.str(), [&] { return probe(*script, s, in); });
  if (!r.error.empty()) {
    c.error("in", "TorchScript '" + file + "': " + r.error, {}, in.str(), "torchscript");
    return {};
  }
  const int64_t channels = r.dims.back();
  std::map<std::string, PortShape> out;
  if (r.dims.size() == 1) {
    out["features"] = shape(PortKind::Features, {s.out_dim > 0 ? s.out_dim : channels});
    out["tokens"] = shape(PortKind::Tokens, {1, channels});
  } else if (r.dims.size() == 2) {
    out["features"] = shape(PortKind::Features, {s.out_dim > 0 ? s.out_dim : channels});
    out["tokens"] = shape(PortKind::Tokens, {r.dims[0], r.dims[1]});
  } else {
    const int64_t c0 = r.dims[0];
    out["features"] = shape(PortKind::Features, {s.out_dim > 0 ? s.out_dim : c0});
    out["tokens"] = shape(PortKind::Tokens, {m == Modality::Audio ? r.dims[2] : r.dims[1] * r.dims[2], c0});
  }
  return out;
}

std::shared_ptr<NodeModuleImpl> build(const BuildContext& c, Modality m) {
  std::string error;
  auto script = loadScriptFile(c.resolvePath(c.params.s("file")), error);
  if (!script) throw std::runtime_error("node '" + c.node.id + "': " + error);  // validation found it moments ago
  const ScriptSettings s = ScriptSettings::of(m, c.params);
  const auto& tokens = c.outputs.at("tokens");
  return TorchScriptEncoder(cloneScript(*script), s, tokens.dims.at(1)).ptr();
}

std::vector<ParamDecl> commonParams() {
  return {stringParam("file", "", "TorchScript file (torch.jit.script/trace + save); relative to the project file"),
          stringParam("output", "", "Which part of the result: empty for a tensor, an index for a tuple, a key for a dict"),
          intParam("out_dim", 0, 0, 65536, "Project features to this size (0 = no projection)")};
}

const std::vector<PortDecl> kOutputs = {
    port("features", {PortKind::Features}, "One vector per sample (pooled when the script gives a map or sequence)"),
    port("tokens", {PortKind::Tokens}, "The script's sequence or feature-map positions, for attention fusion")};

constexpr const char* kTrustNote = " The file's code runs with your rights: use only files you trust.";

NodeTypeInfo scriptType(const char* type, const char* title, const char* category, Modality m, std::string doc,
                        PortDecl in) {
  NodeTypeInfo t;
  t.type = type;
  t.title = title;
  t.category = category;
  t.role = NodeRole::Encoder;
  t.doc = std::move(doc) + kTrustNote;
  t.inputs = {std::move(in)};
  t.outputs = kOutputs;
  t.params = commonParams();
  t.infer = [m](InferContext& c) { return inferOutputs(c, m); };
  t.factory = [m](const BuildContext& c) { return build(c, m); };
  return t;
}

}  // namespace

void registerTorchScriptEncoders(NodeRegistry& r) {
  auto image = scriptType("image.torchscript", "TorchScript image encoder", "Image encoders", Modality::Image,
                          "A pretrained image backbone from a TorchScript file (tools/torchscript/convert_torchvision.py "
                          "makes one from torchvision). It receives [B, C, H, W] images; for ImageNet weights turn the "
                          "image input's normalize off and pick the 'imagenet' normalization here.",
                          port("in", {PortKind::Image}, "Images [B, C, H, W]"));
  image.params.push_back(choiceParam("normalization", "none", {"none", "imagenet", "clip", "half"},
                                     "Per-channel (x - mean) / std the backbone was trained with, on images in [0, 1]"));
  r.add(image);

  auto text = scriptType("text.torchscript", "TorchScript text encoder", "Text encoders", Modality::Text,
                         "A text encoder from a TorchScript file. It receives the text input's token ids [B, L] (0 = padding), "
                         "so it must have been trained on that vocabulary: a pretrained model's own SentencePiece or "
                         "WordPiece vocabulary (the text input's tokenizer = sentencepiece / wordpiece with its "
                         "vocabulary_file), or a model exported from Fusebench.",
                         port("in", {PortKind::Text}, "Token ids [B, L] with a token mask"));
  text.params.push_back(boolParam("pass_mask", false, "Call forward(ids, mask) with the mask as 0/1 int64"));
  r.add(text);

  auto audio = scriptType("audio.torchscript", "TorchScript audio encoder", "Audio encoders", Modality::Audio,
                          "A pretrained spectrogram encoder from a TorchScript file, fed the log-mel input.",
                          port("in", {PortKind::Spectrogram}, "Log-mel spectrograms [B, M, T]"));
  audio.params.push_back(choiceParam("layout", "image", {"image", "channels", "time_major"},
                                     "How the script takes the spectrogram: [B, 1, M, T], [B, M, T] or [B, T, M]"));
  r.add(audio);
}

}  // namespace fusebench::nodes
