#include "gui/rate_chart.hpp"

#include "gui/palette.hpp"
#include "sim/trace/event_names.hpp"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace halab::gui {

RateChart::RateChart(RunModel* model, QWidget* parent) : QWidget(parent), model_(model) {
  setMinimumHeight(90);
  connect(model_, &RunModel::eventsAppended, this, [this] {
    rebin();
    // A run without clients (membership only: memberlist) has no requests to chart.
    const TraceEvent& start = model_->runStart();
    setVisible(!start.contains("clients") || !start["clients"].empty());
    update();
  });
  connect(model_, &RunModel::cursorChanged, this, qOverload<>(&QWidget::update));
}

void RateChart::rebin() {
  // One bin per second, wider for long runs so that the chart's memory stays bounded.
  const double end = model_->replay().end_time();
  bin_s_ = std::max(1.0, std::ceil(end / kMaxBins));
  auto bins = static_cast<std::size_t>(std::ceil(end / bin_s_)) + 1;
  ok_.assign(bins, 0);
  failed_.assign(bins, 0);
  worst_ms_.assign(bins, 0);
  worst_ms_max_ = 0;
  for (const auto& e : model_->replay().events()) {
    if (e["ev"] != event::request) continue;
    auto bin = static_cast<std::size_t>(e.value("sent", e["t"].get<double>()) / bin_s_);
    if (bin >= bins) continue;
    (e["outcome"] == "ok" ? ok_ : failed_)[bin]++;
    if (e.contains("latency_s")) {
      worst_ms_[bin] = std::max(worst_ms_[bin], e["latency_s"].get<double>() * 1e3);
      worst_ms_max_ = std::max(worst_ms_max_, worst_ms_[bin]);
    }
  }
}

QString RateChart::per_bin() const {
  return bin_s_ == 1 ? QStringLiteral("per second") : QStringLiteral("per %1 s").arg(bin_s_);
}

void RateChart::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  p.fillRect(rect(), Qt::white);
  const double left = 72, right = 12, top = 18, bottom = 8;
  QRectF plot(left, top, width() - left - right, height() - top - bottom);
  p.setPen(colors::ink);
  p.drawText(QRectF(4, 0, width(), 16), Qt::AlignLeft, QStringLiteral("client success rate %1 (blue)").arg(per_bin()));
  p.setPen(colors::suspected);
  p.drawText(QRectF(0, 0, width() - 8, 16), Qt::AlignRight,
             QStringLiteral("slowest success %1 (orange, up to %2 ms)").arg(per_bin()).arg(worst_ms_max_, 0, 'f', 2));
  p.setPen(QPen(colors::down, 1));
  p.drawRect(plot);
  p.drawText(QRectF(0, plot.top() - 6, left - 4, 12), Qt::AlignRight, "100%");
  p.drawText(QRectF(0, plot.bottom() - 6, left - 4, 12), Qt::AlignRight, "0%");
  if (ok_.empty()) return;
  double end = std::max(model_->replay().end_time(), 1e-9);
  QPainterPath line;
  bool started = false;
  for (std::size_t i = 0; i < ok_.size(); ++i) {
    int total = ok_[i] + failed_[i];
    if (total == 0) continue;
    double rate = static_cast<double>(ok_[i]) / total;
    QPointF pt(plot.left() + plot.width() * (static_cast<double>(i) + 0.5) * bin_s_ / end, plot.bottom() - plot.height() * rate);
    if (started) line.lineTo(pt);
    else line.moveTo(pt);
    started = true;
  }
  p.setPen(QPen(colors::client, 2));
  p.drawPath(line);
  if (worst_ms_max_ > 0) {
    QPainterPath latency;
    bool first = true;
    for (std::size_t i = 0; i < worst_ms_.size(); ++i) {
      if (ok_[i] == 0) continue;
      QPointF pt(plot.left() + plot.width() * (static_cast<double>(i) + 0.5) * bin_s_ / end,
                 plot.bottom() - plot.height() * worst_ms_[i] / worst_ms_max_);
      if (first) latency.moveTo(pt);
      else latency.lineTo(pt);
      first = false;
    }
    p.setPen(QPen(colors::suspected, 1.5));
    p.drawPath(latency);
  }
  double cx = plot.left() + plot.width() * model_->cursor() / end;
  p.setPen(QPen(colors::ink, 2));
  p.drawLine(QPointF(cx, plot.top()), QPointF(cx, plot.bottom()));
}

} // namespace halab::gui
