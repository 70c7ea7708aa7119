// The request path tier by tier: one strip per tier of the stack (in calling order), with
// the requests it received per second (blue bars) and those it answered with a failure
// (vermillion, from the bottom), scaled to the tier's own busiest second; an LVS
// director's strip counts connections and those it had no real server for, a cache
// server's its gets and sets and the sets it refused (READONLY, NOREPLICAS). From the
// instances' `tier.stats` and `director.stats` records, a record at t counting (t-1, t].
// Hidden for a run without a stack. Shows where along the path a failure began and how far
// up it spread — and a retry storm as a tier receiving more than the one above sends.
#pragma once

#include "gui/run_model.hpp"

#include <QString>
#include <QWidget>

#include <vector>

namespace halab::gui {

class TierChart : public QWidget {
  Q_OBJECT

public:
  explicit TierChart(RunModel* model, QWidget* parent = nullptr);
  QSize sizeHint() const override;

  struct Strip {
    QString tier;
    std::vector<double> requests, failed;  // per bin
    double peak = 0;                        // the most requests in one bin
  };
  const std::vector<Strip>& strips() const { return strips_; }

protected:
  void paintEvent(QPaintEvent*) override;

private:
  void rebin();
  static constexpr double kMaxBins = 20000;
  static constexpr double kPlotLeft = 72;  // as the client chart's, so that both share an axis
  static constexpr int kStripHeight = 20;
  RunModel* model_;
  double bin_s_ = 1;
  std::vector<Strip> strips_;
};

} // namespace halab::gui
