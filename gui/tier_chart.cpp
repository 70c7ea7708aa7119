#include "gui/tier_chart.hpp"

#include "gui/palette.hpp"
#include "sim/net/call_failure.hpp"
#include "sim/trace/event_names.hpp"

#include <QPainter>

#include <algorithm>
#include <cmath>

namespace halab::gui {

TierChart::TierChart(RunModel* model, QWidget* parent) : QWidget(parent), model_(model) {
  setMinimumHeight(0);
  hide();
  connect(model_, &RunModel::eventsAppended, this, [this] {
    rebin();
    setVisible(!strips_.empty());
    updateGeometry();
    update();
  });
  connect(model_, &RunModel::cursorChanged, this, qOverload<>(&QWidget::update));
}

QSize TierChart::sizeHint() const { return {760, 20 + kStripHeight * static_cast<int>(strips_.size())}; }

void TierChart::rebin() {
  strips_.clear();
  const TraceEvent& start = model_->runStart();
  if (!start.contains("tiers") || !start["tiers"].is_array()) return;
  for (const auto& t : start["tiers"]) strips_.push_back({QString::fromStdString(t.value("name", "")), {}, {}, 0});
  const double end = model_->replay().end_time();
  bin_s_ = std::max(1.0, std::ceil(end / kMaxBins));
  const auto bins = static_cast<std::size_t>(std::ceil(end / bin_s_)) + 1;
  for (auto& s : strips_) {
    s.requests.assign(bins, 0);
    s.failed.assign(bins, 0);
  }
  for (const auto& e : model_->replay().events()) {
    const bool server = e["ev"] == event::tier_stats, director = e["ev"] == event::director_stats;
    if (!server && !director) continue;
    const QString name = QString::fromStdString(e.value("tier", ""));
    auto strip = std::find_if(strips_.begin(), strips_.end(), [&](const Strip& s) { return s.tier == name; });
    if (strip == strips_.end()) continue;
    // the record at t counts the second before it
    const auto bin = static_cast<std::size_t>(std::max(0.0, e["t"].get<double>() - 0.5) / bin_s_);
    if (bin >= bins) continue;
    double failed = 0;
    if (director) {
      strip->requests[bin] += e["connections"].get<double>();
      failed = e["no_backend"].get<double>();
    } else if (e.contains("gets")) {  // a cache server: its gets and sets, and the sets it refused
      failed = e["sets_readonly"].get<double>() + e["sets_noreplicas"].get<double>();
      strip->requests[bin] += e["gets"].get<double>() + e["sets"].get<double>() + failed;
    } else {
      strip->requests[bin] += e["requests"].get<double>();
      for (CallFailure f : kCallFailures) failed += e.value(to_string(f), 0.0);
    }
    strip->failed[bin] += failed;
  }
  for (auto& s : strips_) s.peak = *std::max_element(s.requests.begin(), s.requests.end());
}

void TierChart::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), Qt::white);
  const double left = kPlotLeft, right = 12, top = 18;
  const QString per_bin = bin_s_ == 1 ? QStringLiteral("per second") : QStringLiteral("per %1 s").arg(bin_s_);
  p.setPen(colors::ink);
  p.drawText(QRectF(4, 0, width(), 16), Qt::AlignLeft,
             QStringLiteral("tiers: requests received %1 (blue), answered with a failure (vermillion)").arg(per_bin));
  const double end = std::max(model_->replay().end_time(), 1e-9);
  const double plot_w = width() - left - right;
  for (std::size_t i = 0; i < strips_.size(); ++i) {
    const Strip& s = strips_[i];
    const QRectF plot(left, top + kStripHeight * static_cast<double>(i), plot_w, kStripHeight - 4);
    p.setPen(colors::ink);
    p.drawText(QRectF(4, plot.top(), left - 8, plot.height()), Qt::AlignLeft | Qt::AlignVCenter,
               p.fontMetrics().elidedText(s.tier, Qt::ElideRight, static_cast<int>(left) - 8));
    p.setPen(colors::down);
    p.drawLine(plot.bottomLeft(), plot.bottomRight());
    if (s.peak <= 0) continue;
    const double bar_w = std::max(1.0, plot_w * bin_s_ / end);
    for (std::size_t b = 0; b < s.requests.size(); ++b) {
      if (s.requests[b] <= 0 && s.failed[b] <= 0) continue;
      const double x = plot.left() + plot_w * static_cast<double>(b) * bin_s_ / end;
      const double h = plot.height() * s.requests[b] / s.peak;
      p.fillRect(QRectF(x, plot.bottom() - h, bar_w, h), colors::client);
      const double hf = plot.height() * std::min(s.failed[b], s.peak) / s.peak;
      if (hf > 0) p.fillRect(QRectF(x, plot.bottom() - hf, bar_w, std::max(hf, 1.0)), colors::alarm);
    }
    // the scale: the strip's top is its busiest second
    const QString peak = QStringLiteral("max %1/s").arg(s.peak / bin_s_, 0, 'f', 0);
    const QRectF tag(plot.right() - p.fontMetrics().horizontalAdvance(peak) - 8, plot.top(),
                     p.fontMetrics().horizontalAdvance(peak) + 6, plot.height());
    p.fillRect(tag, QColor(255, 255, 255, 210));
    p.setPen(colors::ink);
    p.drawText(tag, Qt::AlignCenter, peak);
  }
  const double cx = left + plot_w * model_->cursor() / end;
  p.setPen(QPen(colors::ink, 2));
  p.drawLine(QPointF(cx, top), QPointF(cx, top + kStripHeight * static_cast<double>(strips_.size())));
}

} // namespace halab::gui
