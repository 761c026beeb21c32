// The fusebench_sentencepiece module: SentencePiece behind a C interface (see sentencepiece_api.h for why).
#include "data/text/sentencepiece_api.h"

#include <cstdlib>
#include <cstring>
#include <string>
#include <unordered_map>

#include <sentencepiece_processor.h>
#include <sentencepiece_trainer.h>

namespace {

char* copyOf(const std::string& s) {
  char* out = static_cast<char*>(std::malloc(s.size() + 1));
  if (out) std::memcpy(out, s.data(), s.size() + 1);
  return out;
}

class TextsIterator : public sentencepiece::SentenceIterator {
 public:
  TextsIterator(const char* const* texts, const size_t* sizes, size_t count) : texts_(texts), sizes_(sizes), count_(count) {
    settle();
  }
  bool done() const override { return i_ >= count_; }
  void Next() override {
    ++i_;
    settle();
  }
  const std::string& value() const override { return current_; }
  sentencepiece::util::Status status() const override { return {}; }

 private:
  void settle() {  // empty texts are skipped: SentencePiece counts them as sentences
    while (i_ < count_ && sizes_[i_] == 0) ++i_;
    if (i_ < count_) current_.assign(texts_[i_], sizes_[i_]);
  }
  const char* const* texts_;
  const size_t* sizes_;
  size_t count_, i_ = 0;
  std::string current_;
};

int train(const char* const* texts, const size_t* sizes, size_t count, const char* const* options, size_t option_count,
          uint32_t seed, char** model, size_t* model_size, char** error) {
  std::unordered_map<std::string, std::string> kwargs;
  for (size_t i = 0; i < option_count; ++i) {
    const std::string o = options[i];
    const auto eq = o.find('=');
    kwargs[o.substr(0, eq)] = eq == std::string::npos ? std::string() : o.substr(eq + 1);
  }
  sentencepiece::SetRandomGeneratorSeed(seed);
  TextsIterator it(texts, sizes, count);
  std::string serialized;
  const auto status = sentencepiece::SentencePieceTrainer::Train(kwargs, &it, &serialized);
  if (!status.ok()) {
    *error = copyOf(status.ToString());
    return 1;
  }
  *model_size = serialized.size();
  *model = static_cast<char*>(std::malloc(serialized.size() ? serialized.size() : 1));
  if (*model) std::memcpy(*model, serialized.data(), serialized.size());
  return 0;
}

void* load(const char* bytes, size_t size, char** error) {
  auto* sp = new sentencepiece::SentencePieceProcessor();
  const auto status = sp->LoadFromSerializedProto(std::string(bytes, size));
  if (!status.ok()) {
    *error = copyOf(status.ToString());
    delete sp;
    return nullptr;
  }
  return sp;
}

void unload(void* model) { delete static_cast<sentencepiece::SentencePieceProcessor*>(model); }

const sentencepiece::SentencePieceProcessor& processor(const void* model) {
  return *static_cast<const sentencepiece::SentencePieceProcessor*>(model);
}

void encode(const void* model, const char* text, size_t size, fb_sp_piece_sink sink, void* context) {
  const auto spt = processor(model).EncodeAsImmutableProto(std::string(text, size));
  for (const auto& p : spt.pieces()) sink(context, static_cast<int32_t>(p.id()), p.piece().data(), p.piece().size(), p.begin(), p.end());
}

int32_t pieceCount(const void* model) { return processor(model).GetPieceSize(); }

int32_t specialId(const void* model, int which) {
  const auto& sp = processor(model);
  switch (which) {
    case 0: return sp.unk_id();
    case 1: return sp.pad_id();
    case 2: return sp.bos_id();
    case 3: return sp.eos_id();
    default: return -1;
  }
}

const char* piece(const void* model, int32_t id, size_t* size) {
  const auto& sp = processor(model);
  if (id < 0 || id >= sp.GetPieceSize()) return nullptr;
  const std::string& p = sp.IdToPiece(id);
  *size = p.size();
  return p.data();
}

void release(char* bytes) { std::free(bytes); }

const fb_sp_api kApi = {kFbSentencePieceApiVersion, train, load, unload, encode, pieceCount, specialId, piece, release};

}  // namespace

extern "C" __attribute__((visibility("default"))) const fb_sp_api* fb_sentencepiece_api() { return &kApi; }
