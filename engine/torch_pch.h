#pragma once
// Precompiled header for the translation units that use LibTorch (see cmake/FusebenchTargets.cmake).
#include <torch/torch.h>
