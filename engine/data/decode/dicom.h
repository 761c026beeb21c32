#pragma once
// DICOM images (the format of CT, MR, X-ray and most medical imaging), read with GDCM (Debian's libgdcm-dev):
// every transfer syntax it decodes — implicit/explicit VR little and big endian, deflated, RLE, JPEG baseline,
// extended and lossless, JPEG-LS, JPEG 2000 lossless and lossy; 8/16/32-bit grayscale (MONOCHROME1 inverted to
// look like MONOCHROME2; HighBit and signed pixels honoured) and RGB or YBR colour, the first frame of
// multi-frame files. What GDCM cannot decode is refused naming the transfer syntax.
#include <string>

#include "data/decode/decoders.h"

namespace fusebench::data {

// A .dcm / .dicom name; looksLikeDicom also reads the "DICM" marker at offset 128.
bool hasDicomExtension(const std::string& path);
bool looksLikeDicom(const std::string& path);

// Pixels are the stored values mapped to [0, 1] over the bits stored (signed values shifted first), so the
// same scan always gives the same floats; Image::window_* carry the file's default display window (center /
// width after the rescale, mapped to the same [0, 1] scale), when it has one.
// Image::identity names the identifying attributes the file carries (patient name, ID, birth date, …).
bool decodeDicom(const std::string& path, Image& out, std::string& error);
// The file's bytes; `frame` picks one frame of a multi-frame file (Image::frames says how many there are).
bool decodeDicomBytes(const std::string& file, Image& out, std::string& error, int frame = 0);

}  // namespace fusebench::data
