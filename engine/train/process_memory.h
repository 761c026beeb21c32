#pragma once
// Resident memory of this process now and at its peak, in MiB (Linux /proc and getrusage).
namespace fusebench::train {

double residentMiB();
double peakResidentMiB();

// Hands memory the allocator keeps for reuse back to the system (glibc's malloc_trim; nothing elsewhere).
// After a training run, glibc's per-thread arenas otherwise hold on to the run's freed batches and tensors:
// a desktop session that trains run after run then looks as if it grew by tens of MiB a run (the soak in
// tests/bench). Takes up to ~100 ms: call it off the GUI thread.
void returnFreedMemory();

}  // namespace fusebench::train
