#pragma once
// Similar cases of an explanation: the bundle's index of its training samples (train/case_index.h), opened
// from cases.index or built now when the bundle has none (bundles from before it was built at training),
// and the hits described for a reader. Engine-internal (torch).
#include <memory>
#include <string>
#include <vector>

#include "data/dataset.h"
#include "explain/explanation.h"
#include "train/bundle_writer.h"
#include "train/case_index.h"

namespace fusebench::explain {

using train::CaseIndex;

// The cached index for this bundle and dataset, else a new one (written beside the bundle when it can be).
// `note` says what happened ("similar cases: indexed 2400 training samples in 3.1 s", "… not cached: …").
std::unique_ptr<CaseIndex> openCaseIndex(train::OpenedBundle& bundle, const std::string& bundle_dir, const data::Dataset& ds,
                                         std::string& error, std::string& note);

// The similar cases of one explanation, with what a reader needs to recognise them (label name, the first
// image column's file, a text snippet).
std::vector<SimilarCase> describeCases(const std::vector<CaseIndex::Hit>& hits, const data::Dataset& ds,
                                       const std::vector<std::string>& classes);

}  // namespace fusebench::explain
