#pragma once
// De-identified copies of a folder of DICOM files (a dataset, or any tree): `fusebench-cli data deidentify`.
// Each DICOM file is rewritten by GDCM without the attributes that say who the patient is or where and when they
// were seen, following the attribute list of the Basic Application Level Confidentiality Profile (DICOM PS3.15
// Annex E.1) — without its optional Encrypted Attributes Sequence, so the originals cannot be recovered from the
// copy. Patient ID becomes a pseudonym (the same patient, the same pseudonym, within one run), UIDs are replaced
// consistently (a study stays one study), private attributes are removed, and the files say so (Patient Identity
// Removed = YES, De-identification Method). Pixels are not touched: text burnt into the image stays (say so).
// Every other file is copied as it is.
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace fusebench::data {

struct DeidentifyOptions {
  std::string salt;  // mixed into the Patient ID pseudonyms; empty: a random one, so IDs cannot be looked up
  std::function<void(std::size_t done)> progress;
};

struct DeidentifyResult {
  bool ok = false;
  std::string error;
  std::size_t dicom = 0, copied = 0, patients = 0;
  std::vector<std::string> problems;  // "file: reason" for files that could not be de-identified (not copied)
};

// `dst` must not exist or be empty, and must not lie inside `src`.
DeidentifyResult deidentifyFolder(const std::string& src, const std::string& dst, const DeidentifyOptions& options = {});

}  // namespace fusebench::data
