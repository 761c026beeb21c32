#pragma once
// The dataset browser's slow work, as plain functions that run on worker threads: reading the manifest
// into view data, and validating every file. They take no Qt widget and touch no GUI state.
#include <QString>
#include <atomic>
#include <functional>
#include <memory>

#include "data/dataset.h"
#include "data/splits.h"
#include "dataset/browser_data.h"

namespace fusebench::app {

struct OpenedDataset {
  std::shared_ptr<const data::Dataset> dataset;  // null when it cannot be read
  widgets::BrowserDataset view;
  QString error;  // why it cannot be read, naming the file
};

// `splits`: the project's split settings, so the browser shows the splits training will use.
OpenedDataset openDatasetForBrowser(const QString& dir, const data::SplitOptions& splits = {});

// Decodes every file (the engine's `data validate`), reporting progress; stops early when `cancel` is set.
widgets::BrowserValidation validateForBrowser(const data::Dataset& dataset, int threads,
                                              const std::function<void(int done, int total)>& progress,
                                              const std::atomic<bool>* cancel);

}  // namespace fusebench::app
