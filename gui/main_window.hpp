// halab-gui's main window: the topology canvas and the beliefs panel side by side, the
// client success chart, the timeline with its controls, and the filterable event log.
#pragma once

#include "gui/run_model.hpp"

#include <QMainWindow>

namespace halab::gui {

class TopologyView;
class TimelineWidget;

class MainWindow : public QMainWindow {
  Q_OBJECT

public:
  // `halab_program`: the halab command used to run scenarios in a worker process.
  MainWindow(RunModel* model, QString halab_program, QWidget* parent = nullptr);

  TopologyView* topology() const { return topology_; }
  TimelineWidget* timeline() const { return timeline_; }
  // Saves the topology canvas (PNG) to `path`; false if it cannot be written.
  bool exportCanvas(const QString& path) const;

private:
  void openTrace();
  void runScenario();
  void exportImage();

  RunModel* model_;
  QString halab_program_;
  TopologyView* topology_;
  TimelineWidget* timeline_;
};

} // namespace halab::gui
