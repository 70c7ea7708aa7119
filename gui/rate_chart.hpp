// Client success rate and worst latency per simulated second over the whole run (per
// longer bins past kMaxBins seconds), with the cursor: where and how hard the clients felt
// the failover. Hidden for a run without clients.
#pragma once

#include "gui/run_model.hpp"

#include <QWidget>

#include <vector>

namespace halab::gui {

class RateChart : public QWidget {
  Q_OBJECT

public:
  explicit RateChart(RunModel* model, QWidget* parent = nullptr);
  QSize sizeHint() const override { return {760, 120}; }

protected:
  void paintEvent(QPaintEvent*) override;

private:
  void rebin();
  QString per_bin() const;
  static constexpr double kMaxBins = 20000;
  RunModel* model_;
  double bin_s_ = 1;                // seconds per bin
  std::vector<int> ok_, failed_;    // per bin
  std::vector<double> worst_ms_;    // per bin: the slowest successful request
  double worst_ms_max_ = 0;
};

} // namespace halab::gui
