#pragma once
// The dataset browser's rows read straight from the engine's dataset: nothing per row is copied except
// the split (one byte), so the browser of a million-row manifest costs what the manifest costs.
#include <cstdint>
#include <memory>
#include <vector>

#include "data/dataset.h"
#include "data/splits.h"
#include "dataset/browser_data.h"

namespace fusebench::app {

class EngineBrowserRows final : public widgets::BrowserRows {
 public:
  // `shown`: the dataset's columns in the browser's order; `splits`: training's assignment.
  EngineBrowserRows(std::shared_ptr<const data::Dataset> dataset, std::vector<std::string> shown,
                    const data::SplitAssignment& splits);

  int count() const override { return static_cast<int>(dataset_->size()); }
  QString id(int row) const override;
  int line(int row) const override;
  QString split(int row) const override;
  QString target(int row) const override;
  QString value(int row, int column) const override;

 private:
  std::shared_ptr<const data::Dataset> dataset_;
  std::vector<std::string> shown_;
  std::vector<bool> media_;           // per shown column: an absolute path is shown, not the cell's text
  const data::ColumnSpec* target_ = nullptr;
  std::vector<std::uint8_t> split_;   // per row: index into kSplitNames
};

}  // namespace fusebench::app
