// The timeline: simulated time from start to end with markers for faults, detections, IP
// moves and fencing, and the cursor. Click or drag to scrub; Left/Right step to the previous
// or next marked event; Space plays and pauses; +/- change the playback speed.
#pragma once

#include "gui/run_model.hpp"

#include <QTimer>
#include <QWidget>

#include <vector>

namespace halab::gui {

class TimelineWidget : public QWidget {
  Q_OBJECT

public:
  explicit TimelineWidget(RunModel* model, QWidget* parent = nullptr);
  // A second run (a what-if branch, or a run to compare) whose markers are drawn below.
  void setBranch(RunModel* branch);
  QSize sizeHint() const override { return {760, 64}; }
  bool playing() const { return timer_.isActive(); }
  double speed() const { return speed_; }

public slots:
  void togglePlay();
  void stepForward();
  void stepBack();
  void setSpeed(double simulated_seconds_per_second);

signals:
  void playingChanged(bool playing);
  void speedChanged(double speed);

protected:
  void paintEvent(QPaintEvent*) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;

private:
  struct Marker {
    double t;
    QColor color;
  };
  static std::vector<Marker> collectMarkers(const RunModel& model);
  double timeAt(double x) const;
  double xAt(double t) const;
  void tick();

  RunModel* model_;
  RunModel* branch_ = nullptr;
  std::vector<Marker> markers_;
  std::vector<Marker> branch_markers_;
  QTimer timer_;
  double speed_ = 1.0;
};

} // namespace halab::gui
