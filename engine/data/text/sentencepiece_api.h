#pragma once
// The C interface of the fusebench_sentencepiece module (sentencepiece_module.cpp), which alone links
// Debian's libsentencepiece. That library carries its own copy of protobuf and exports it: linked into a
// program beside LibTorch's protobuf, one of the two copies wins for both and the program crashes before
// main. Loaded with dlopen(RTLD_LOCAL | RTLD_DEEPBIND), the module's copy stays its own (subword_model.cpp).
#include <cstddef>
#include <cstdint>

extern "C" {

// A piece of an encoded text: its id, its spelling in the model, and its byte span in the input.
typedef void (*fb_sp_piece_sink)(void* context, int32_t id, const char* piece, size_t piece_size, uint32_t begin,
                                 uint32_t end);

struct fb_sp_api {
  int version;  // kFbSentencePieceApiVersion
  // Trains on `count` texts with "key=value" options; *model receives the serialized model (free with
  // release). Returns 0, or 1 with *error (free with release).
  int (*train)(const char* const* texts, const size_t* sizes, size_t count, const char* const* options,
               size_t option_count, uint32_t seed, char** model, size_t* model_size, char** error);
  void* (*load)(const char* model, size_t model_size, char** error);  // nullptr with *error on failure
  void (*unload)(void* model);
  void (*encode)(const void* model, const char* text, size_t text_size, fb_sp_piece_sink sink, void* context);
  int32_t (*piece_count)(const void* model);
  int32_t (*special_id)(const void* model, int which);  // 0 unknown, 1 padding, 2 begin, 3 end; -1 when none
  // The piece with `id` (nullptr when out of range); valid while the model is loaded.
  const char* (*piece)(const void* model, int32_t id, size_t* size);
  void (*release)(char* bytes);
};

// The module's one exported function.
const fb_sp_api* fb_sentencepiece_api();
}

inline constexpr int kFbSentencePieceApiVersion = 1;
