// halab-gui's main window: the topology canvas and the beliefs panel side by side, the
// client success chart, the per-tier chart of a run with a stack, the timeline with its controls, and the filterable event log.
#pragma once

#include "gui/run_model.hpp"

#include <nlohmann/json.hpp>

#include <QLabel>
#include <QMainWindow>

namespace halab::gui {

class TopologyView;
class TimelineWidget;
class TierChart;
class BeliefsPanel;

class MainWindow : public QMainWindow {
  Q_OBJECT

public:
  // `halab_program`: the halab command used to run scenarios in a worker process.
  MainWindow(RunModel* model, QString halab_program, QWidget* parent = nullptr);

  TopologyView* topology() const { return topology_; }
  // The branch shown beside the run: a what-if branch or another trace to compare with.
  RunModel* branch() const { return branch_; }
  TopologyView* branchTopology() const { return branch_topology_; }
  // Runs the current scenario again with `fault` added (a what-if branch) and shows it
  // beside the original; false with `error` set when the run did not come from a scenario.
  bool startWhatIf(const nlohmann::json& fault, QString* error);
  TimelineWidget* timeline() const { return timeline_; }
  TierChart* tierChart() const { return tier_chart_; }
  BeliefsPanel* beliefs() const { return beliefs_; }
  // Saves the topology canvas (PNG) to `path`; false if it cannot be written.
  bool exportCanvas(const QString& path) const;
  // Exports by the file's extension: .png or .svg (the canvas), .html (a report of the run).
  bool exportTo(const QString& path, QString* error) const;

private:
  void openTrace();
  void runScenario();
  void exportImage();
  void whatIf();
  void compareWith();
  void showBranch(const QString& title);

  RunModel* model_;
  QString halab_program_;
  TopologyView* topology_;
  TimelineWidget* timeline_;
  TierChart* tier_chart_;
  BeliefsPanel* beliefs_;
  RunModel* branch_;
  TopologyView* branch_topology_;
  QWidget* branch_panel_;
  QLabel* branch_title_;
};

} // namespace halab::gui
