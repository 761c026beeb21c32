#pragma once
// SHA-256 (FIPS 180-4) of bytes and of files: a bundle records the digest of every file it copies in (TorchScript
// encoders), so a file changed after the bundle was written is noticed before it runs. No torch, no OpenSSL.
#include <cstdint>
#include <string>

namespace fusebench {

class Sha256 {
 public:
  Sha256();
  void update(const void* data, std::size_t size);
  std::string hexDigest();  // 64 lowercase hex digits; ends the computation

 private:
  void block(const unsigned char* p);
  uint32_t h_[8];
  unsigned char buffer_[64];
  std::size_t buffered_ = 0;
  uint64_t total_ = 0;
};

std::string sha256Hex(const std::string& bytes);

// False with `error` ("cannot read '<path>': …") when the file cannot be read.
bool sha256File(const std::string& path, std::string& hex, std::string& error);

}  // namespace fusebench
