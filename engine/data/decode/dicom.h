#pragma once
// DICOM images (the format of CT, MR, X-ray and most medical imaging), read without a library: Part 10
// files or bare datasets, uncompressed transfer syntaxes (implicit / explicit VR little endian), 8/16-bit
// grayscale (MONOCHROME1 inverted to look like MONOCHROME2) and 8-bit RGB, the first frame of multi-frame
// files. Compressed pixel data (JPEG, JPEG 2000, RLE, …) and big endian are refused with their names.
#include <string>

#include "data/decode/decoders.h"

namespace fusebench::data {

// A .dcm / .dicom name; looksLikeDicom also reads the "DICM" marker at offset 128.
bool hasDicomExtension(const std::string& path);
bool looksLikeDicom(const std::string& path);

// Pixels are the stored values mapped to [0, 1] over the bits stored (signed values shifted first), so the
// same scan always gives the same floats; Image::window_* carry the file's default display window (center /
// width after the rescale, mapped to the same [0, 1] scale), when it has one.
bool decodeDicom(const std::string& path, Image& out, std::string& error);
bool decodeDicomBytes(const std::string& file, Image& out, std::string& error);  // the file's bytes

}  // namespace fusebench::data
