#pragma once
// The version of LibTorch this build runs on, for About and bug reports (the app never includes torch).
#include <string>

namespace fusebench::train {

std::string torchVersion();

}  // namespace fusebench::train
