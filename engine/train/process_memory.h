#pragma once
// Resident memory of this process now and at its peak, in MiB (Linux /proc and getrusage).
namespace fusebench::train {

double residentMiB();
double peakResidentMiB();

}  // namespace fusebench::train
