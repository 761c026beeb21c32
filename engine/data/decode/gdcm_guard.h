#pragma once
// GDCM as Debian builds it keeps its assert()s: a malformed file can fail one deep inside its parser (found by
// fuzz_dicom: "VR16ExplicitDataElement::ReadPreValue ... Should not happen"), and a failed assert ends the
// process. guardedGdcm runs GDCM calls so that such an assertion returns false with a message instead: this
// program's __assert_fail (which the dynamic linker prefers to glibc's for GDCM's calls) jumps back here when the
// calling thread is inside guardedGdcm, and behaves as glibc's does everywhere else. What `work` had allocated
// is leaked (its destructors are skipped), a small price for a file that would otherwise have ended the app.
#include <functional>
#include <string>

namespace fusebench::data {

bool guardedGdcm(const std::function<bool()>& work, std::string& error);

}  // namespace fusebench::data
