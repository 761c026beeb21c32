#pragma once
// Each reader's fuzz target defines this; libFuzzer calls it with mutated inputs (the `fuzz` preset), and
// replay_main.cpp calls it with every file of the committed corpus in the normal test suite. A target fails
// by crashing (a sanitizer report, an uncaught exception, an abort), never by returning.
#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size);

inline std::string fuzzInput(const uint8_t* data, std::size_t size) { return std::string(reinterpret_cast<const char*>(data), size); }
