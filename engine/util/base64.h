#pragma once
// Base64 (RFC 4648, with padding), for binary blobs inside JSON files (a subword model in a bundle).
#include <optional>
#include <string>

namespace fusebench::util {

std::string toBase64(const std::string& bytes);
// nullopt when `text` is not valid base64 (wrong length or characters outside the alphabet).
std::optional<std::string> fromBase64(const std::string& text);

}  // namespace fusebench::util
