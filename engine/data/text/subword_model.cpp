#include "data/text/subword_model.h"

#include <dlfcn.h>
#include <unistd.h>

#include <filesystem>
#include <mutex>

#include "data/text/sentencepiece_api.h"
#include "util/files.h"

namespace fusebench::data {

namespace {

namespace fs = std::filesystem;

// Where the module may be: named by the environment, beside the program, in an installed lib/fusebench, or
// where this build put it.
std::vector<std::string> moduleCandidates() {
  std::vector<std::string> out;
  if (const char* env = std::getenv("FUSEBENCH_SENTENCEPIECE_MODULE")) out.push_back(env);
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    out.push_back((exe.parent_path() / "libfusebench_sentencepiece.so").string());
    out.push_back((exe.parent_path().parent_path() / "lib" / "fusebench" / "libfusebench_sentencepiece.so").string());
  }
#ifdef FUSEBENCH_SENTENCEPIECE_MODULE_PATH
  out.push_back(FUSEBENCH_SENTENCEPIECE_MODULE_PATH);
#endif
  return out;
}

struct Module {
  const fb_sp_api* api = nullptr;
  std::string error;  // why there is no api
};

const Module& module() {
  static Module m;
  static std::once_flag once;
  std::call_once(once, [] {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
    m.error = "subwords are not available in sanitizer builds (they refuse RTLD_DEEPBIND, which SentencePiece needs)";
    return;
#else
    std::string tried;
    for (const auto& path : moduleCandidates()) {
      std::error_code ec;
      if (!fs::exists(path, ec)) {
        tried += (tried.empty() ? "" : ", ") + path;
        continue;
      }
      // RTLD_LOCAL keeps SentencePiece's protobuf out of the program's; RTLD_DEEPBIND keeps the program's out
      // of SentencePiece.
      void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL | RTLD_DEEPBIND);
      if (!handle) {
        m.error = "cannot load " + path + ": " + dlerror();
        return;
      }
      using Entry = const fb_sp_api* (*)();
      auto entry = reinterpret_cast<Entry>(dlsym(handle, "fb_sentencepiece_api"));
      const fb_sp_api* api = entry ? entry() : nullptr;
      if (!api || api->version != kFbSentencePieceApiVersion) {
        m.error = path + " is not this build's SentencePiece module";
        return;
      }
      m.api = api;
      return;
    }
    m.error = "subwords need the module libfusebench_sentencepiece.so, which is not installed (looked for " + tried + ")";
#endif
  });
  return m;
}

const fb_sp_api* api(std::string& error) {
  const Module& m = module();
  if (!m.api) error = m.error;
  return m.api;
}

std::mutex& trainingMutex() {  // SentencePiece's seed is process-wide
  static std::mutex m;
  return m;
}

}  // namespace

std::optional<SubwordModel> SubwordModel::train(const std::vector<std::string>& texts, const SubwordTraining& how,
                                                std::string& error) {
  if (how.type != "unigram" && how.type != "bpe") {
    error = "unknown subword model type '" + how.type + "' (unigram or bpe)";
    return std::nullopt;
  }
  std::vector<const char*> data;
  std::vector<size_t> sizes;
  for (const auto& t : texts)
    if (!t.empty()) data.push_back(t.data()), sizes.push_back(t.size());
  if (data.empty()) {
    error = "no text in the training split to learn subwords from";
    return std::nullopt;
  }
  const fb_sp_api* sp = api(error);
  if (!sp) return std::nullopt;
  const std::vector<std::string> options = {
      "model_type=" + how.type,
      "vocab_size=" + std::to_string(how.vocab_size),
      "hard_vocab_limit=false",  // a small training split gets the pieces it has, not an error
      "normalization_rule_name=nmt_nfkc_cf",
      "character_coverage=0.9995",  // SentencePiece's advice for CJK; rarer characters become unknown
      "pad_id=0", "unk_id=1", "bos_id=-1", "eos_id=-1",
      "max_sentence_length=1048576",  // long notes are not dropped (the default is 4192 bytes)
      "num_threads=1",
      "minloglevel=2",  // warnings and errors only: SentencePiece logs every step otherwise
  };
  std::vector<const char*> option_ptrs;
  for (const auto& o : options) option_ptrs.push_back(o.c_str());
  char* model = nullptr;
  size_t model_size = 0;
  char* failure = nullptr;
  int rc = 0;
  {
    std::lock_guard<std::mutex> lock(trainingMutex());
    rc = sp->train(data.data(), sizes.data(), data.size(), option_ptrs.data(), option_ptrs.size(), how.seed, &model,
                   &model_size, &failure);
  }
  if (rc != 0) {
    error = "learning subwords failed: " + std::string(failure ? failure : "?");
    sp->release(failure);
    return std::nullopt;
  }
  const std::string bytes(model, model_size);
  sp->release(model);
  return load(bytes, "the subword model learned from the training split", error);
}

std::optional<SubwordModel> SubwordModel::load(const std::string& serialized, const std::string& source,
                                               std::string& error) {
  const fb_sp_api* sp = api(error);
  if (!sp) return std::nullopt;
  char* failure = nullptr;
  void* handle = sp->load(serialized.data(), serialized.size(), &failure);
  if (!handle) {
    error = source + ": not a SentencePiece model (" + std::string(failure ? failure : "?") + ")";
    sp->release(failure);
    return std::nullopt;
  }
  SubwordModel m;
  m.sp_ = std::shared_ptr<const void>(handle, [sp](const void* h) { sp->unload(const_cast<void*>(h)); });
  m.serialized_ = serialized;
  return m;
}

std::optional<SubwordModel> SubwordModel::read(const std::string& path, std::string& error) {
  std::string bytes;
  if (!readWholeFile(path, bytes, error)) {
    error = "cannot open the SentencePiece model '" + path + "'";
    return std::nullopt;
  }
  return load(bytes, path, error);
}

std::vector<TextPiece> SubwordModel::tokenize(const std::string& text) const {
  std::vector<TextPiece> out;
  auto sink = [](void* context, int32_t id, const char* piece, size_t size, uint32_t begin, uint32_t end) {
    static_cast<std::vector<TextPiece>*>(context)->push_back({std::string(piece, size), begin, end, id});
  };
  module().api->encode(sp_.get(), text.data(), text.size(), sink, &out);
  return out;
}

int64_t SubwordModel::size() const { return module().api->piece_count(sp_.get()); }
int64_t SubwordModel::unknownId() const { return module().api->special_id(sp_.get(), 0); }
int64_t SubwordModel::padId() const { return module().api->special_id(sp_.get(), 1); }
std::string SubwordModel::piece(int64_t id) const {
  size_t size = 0;
  const char* p = module().api->piece(sp_.get(), static_cast<int32_t>(id), &size);
  return p ? std::string(p, size) : std::string();
}

}  // namespace fusebench::data
