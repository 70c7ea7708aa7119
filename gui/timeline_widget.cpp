#include "gui/timeline_widget.hpp"

#include "gui/palette.hpp"
#include "sim/trace/event_names.hpp"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>

#include <algorithm>

namespace halab::gui {
namespace {
constexpr double kMargin = 12;
constexpr int kFrameMs = 16;  // ~60 frames per second while playing

QColor marker_color(const std::string& ev) {
  if (ev.rfind("fault.", 0) == 0) return colors::alarm;
  if (ev == event::detector_suspect) return colors::suspected;
  if (ev == event::ip_take || ev == event::ip_release) return colors::client;
  if (ev.rfind("fence.", 0) == 0) return colors::fenced;
  return QColor();
}
} // namespace

TimelineWidget::TimelineWidget(RunModel* model, QWidget* parent) : QWidget(parent), model_(model) {
  setFocusPolicy(Qt::StrongFocus);
  setMinimumHeight(56);
  connect(model_, &RunModel::eventsAppended, this, [this] {
    markers_ = collectMarkers(*model_);
    update();
  });
  connect(model_, &RunModel::cursorChanged, this, qOverload<>(&QWidget::update));
  timer_.setInterval(kFrameMs);
  connect(&timer_, &QTimer::timeout, this, &TimelineWidget::tick);
}

std::vector<TimelineWidget::Marker> TimelineWidget::collectMarkers(const RunModel& model) {
  std::vector<Marker> out;
  for (const auto& e : model.replay().events()) {
    QColor c = marker_color(e["ev"].get<std::string>());
    if (c.isValid()) out.push_back({e["t"].get<double>(), c});
  }
  return out;
}

void TimelineWidget::setBranch(RunModel* branch) {
  branch_ = branch;
  connect(branch_, &RunModel::eventsAppended, this, [this] {
    branch_markers_ = collectMarkers(*branch_);
    update();
  });
}

double TimelineWidget::xAt(double t) const {
  double end = std::max(model_->replay().end_time(), 1e-9);
  return kMargin + (width() - 2 * kMargin) * t / end;
}

double TimelineWidget::timeAt(double x) const {
  double end = model_->replay().end_time();
  return std::clamp((x - kMargin) / std::max(width() - 2 * kMargin, 1.0), 0.0, 1.0) * end;
}

void TimelineWidget::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  p.fillRect(rect(), colors::box);
  double axis_y = height() - 18;
  p.setPen(QPen(colors::ink, 1));
  p.drawLine(QPointF(kMargin, axis_y), QPointF(width() - kMargin, axis_y));
  double end = model_->replay().end_time();
  if (end > 0) {
    double step = end > 300 ? 60 : end > 60 ? 10 : 5;
    for (double t = 0; t <= end + 1e-9; t += step) {
      double x = xAt(t);
      p.drawLine(QPointF(x, axis_y), QPointF(x, axis_y + 4));
      p.drawText(QRectF(x - 30, axis_y + 4, 60, 14), Qt::AlignHCenter, QString::number(t) + " s");
    }
  }
  // The run's markers; a compared branch's below them, on the same time axis.
  double split = branch_markers_.empty() ? axis_y - 2 : (8 + axis_y) / 2;
  for (const Marker& m : markers_) {
    p.setPen(QPen(m.color, 2));
    double x = xAt(m.t);
    p.drawLine(QPointF(x, 8), QPointF(x, split - 1));
  }
  for (const Marker& m : branch_markers_) {
    p.setPen(QPen(m.color, 2, Qt::DotLine));
    double x = xAt(m.t);
    p.drawLine(QPointF(x, split + 1), QPointF(x, axis_y - 2));
  }
  double cx = xAt(model_->cursor());
  p.setPen(QPen(colors::ink, 3));
  p.drawLine(QPointF(cx, 2), QPointF(cx, axis_y + 2));
  p.drawText(QRectF(cx + 4, 0, 120, 14), Qt::AlignLeft,
             QStringLiteral("%1 s  x%2").arg(model_->cursor(), 0, 'f', 3).arg(speed_));
  if (hasFocus()) {
    p.setPen(QPen(colors::client, 1, Qt::DotLine));
    p.setBrush(Qt::NoBrush);
    p.drawRect(rect().adjusted(0, 0, -1, -1));
  }
}

void TimelineWidget::mousePressEvent(QMouseEvent* event) {
  model_->setCursor(timeAt(event->position().x()));
}

void TimelineWidget::mouseMoveEvent(QMouseEvent* event) {
  if (event->buttons() & Qt::LeftButton) model_->setCursor(timeAt(event->position().x()));
}

void TimelineWidget::keyPressEvent(QKeyEvent* event) {
  switch (event->key()) {
  case Qt::Key_Space: togglePlay(); break;
  case Qt::Key_Right: stepForward(); break;
  case Qt::Key_Left: stepBack(); break;
  case Qt::Key_Plus: setSpeed(speed_ * 2); break;
  case Qt::Key_Minus: setSpeed(speed_ / 2); break;
  case Qt::Key_Home: model_->setCursor(0); break;
  case Qt::Key_End: model_->setCursor(model_->replay().end_time()); break;
  default: QWidget::keyPressEvent(event);
  }
}

void TimelineWidget::stepForward() {
  double now = model_->cursor();
  for (const Marker& m : markers_)
    if (m.t > now + 1e-9) {
      model_->setCursor(m.t);
      return;
    }
  model_->setCursor(model_->replay().end_time());
}

void TimelineWidget::stepBack() {
  double now = model_->cursor();
  for (auto it = markers_.rbegin(); it != markers_.rend(); ++it)
    if (it->t < now - 1e-9) {
      model_->setCursor(it->t);
      return;
    }
  model_->setCursor(0);
}

void TimelineWidget::togglePlay() {
  if (timer_.isActive()) timer_.stop();
  else timer_.start();
  emit playingChanged(timer_.isActive());
}

void TimelineWidget::setSpeed(double s) {
  speed_ = std::clamp(s, 0.125, 256.0);
  emit speedChanged(speed_);
  update();
}

void TimelineWidget::tick() {
  double next = model_->cursor() + speed_ * kFrameMs / 1000.0;
  if (next >= model_->replay().end_time()) {
    next = model_->replay().end_time();
    togglePlay();
  }
  model_->setCursor(next);
}

} // namespace halab::gui
