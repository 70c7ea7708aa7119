#include "gui/topology_view.hpp"

#include "gui/palette.hpp"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace halab::gui {

TopologyView::TopologyView(RunModel* model, QWidget* parent) : QWidget(parent), model_(model) {
  setMinimumSize(480, 300);
  connect(model_, &RunModel::eventsAppended, this, [this] {
    layoutHosts();
    update();
  });
  connect(model_, &RunModel::cursorChanged, this, qOverload<>(&QWidget::update));
  connect(model_, &RunModel::selectionChanged, this, qOverload<>(&QWidget::update));
}

void TopologyView::resizeEvent(QResizeEvent*) {
  layoutHosts();
}

void TopologyView::layoutHosts() {
  positions_.clear();
  boxes_.clear();
  // Datacenters in a row, each a box with its hosts on a grid of up to 4 columns.
  std::vector<std::pair<QString, std::vector<std::string>>> dcs;
  const TraceEvent& start = model_->runStart();
  if (start.contains("regions"))
    for (const auto& r : start["regions"])
      for (const auto& d : r["datacenters"])
        dcs.push_back({QString::fromStdString(r["name"].get<std::string>() + " / " + d["name"].get<std::string>()),
                       d["hosts"].get<std::vector<std::string>>()});
  else if (start.contains("hosts"))
    dcs.push_back({"hosts", start["hosts"].get<std::vector<std::string>>()});
  if (dcs.empty()) return;

  const double top = 64, margin = 16, cell = 2.6 * kRadius + 26;
  double x = margin;
  double width_total = width() - margin * static_cast<double>(dcs.size() + 1);
  std::size_t host_total = 0;
  for (const auto& d : dcs) host_total += std::max<std::size_t>(d.second.size(), 1);
  for (const auto& [title, hosts] : dcs) {
    double share = width_total * static_cast<double>(std::max<std::size_t>(hosts.size(), 1)) / static_cast<double>(host_total);
    int columns = std::max(1, std::min(4, static_cast<int>(share / cell)));
    int rows = (static_cast<int>(hosts.size()) + columns - 1) / columns;
    QRectF rect(x, top, share, std::max(cell * rows + 30, height() - top - margin));
    boxes_.push_back({title, rect});
    for (std::size_t i = 0; i < hosts.size(); ++i) {
      int col = static_cast<int>(i) % columns, row = static_cast<int>(i) / columns;
      double cx = rect.left() + share * (col + 0.5) / columns;
      double cy = rect.top() + 30 + cell * (row + 0.5);
      positions_[hosts[i]] = {cx, cy};
    }
    x += share + margin;
  }
}

QPointF TopologyView::hostPosition(const QString& host) const {
  auto it = positions_.find(host.toStdString());
  return it == positions_.end() ? QPointF() : it->second;
}

QString TopologyView::stateLabel(const std::string& host, const NodeState& n) const {
  if (n.fenced) return "FENCED";
  if (!n.up) return "down";
  if (n.paused) return "paused";
  if (n.storage_fenced) return "storage fenced";
  const RunState& s = model_->state();
  bool suspected = std::any_of(s.nodes.begin(), s.nodes.end(), [&](const auto& other) {
    return other.second.up && other.second.suspects.count(host) > 0;
  });
  if (suspected) return "suspected";
  if (!n.member) return "client";
  return n.holds_ip ? "primary" : "standby";
}

void TopologyView::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  p.fillRect(rect(), Qt::white);
  const RunState& s = model_->state();
  if (positions_.empty()) {
    p.setPen(colors::ink);
    p.drawText(rect(), Qt::AlignCenter, "Open a trace (Ctrl+O) or run a scenario (Ctrl+R)");
    return;
  }

  QFont base = font();
  for (const Box& b : boxes_) {
    p.setPen(QPen(colors::down, 1));
    p.setBrush(colors::box);
    p.drawRoundedRect(b.rect, 8, 8);
    p.setPen(colors::ink);
    p.drawText(b.rect.adjusted(8, 4, -8, 0), Qt::AlignLeft | Qt::AlignTop, b.title);
  }

  // Link faults: a metro or WAN link drawn between its two boxes; a NIC tagged on its host.
  for (const auto& [link, kind] : s.link_faults) {
    QString text = QString::fromStdString(kind == "down" ? "cut" : "degraded");
    auto colon = link.find(':');
    std::string cls = link.substr(0, colon), ends = link.substr(colon + 1);
    if (cls == "nic") {
      auto it = positions_.find(ends);
      if (it == positions_.end()) continue;
      p.setPen(colors::alarm);
      p.drawText(QRectF(it->second.x() - 60, it->second.y() + kRadius + 16, 120, 16), Qt::AlignHCenter,
                 "NIC " + text);
      continue;
    }
    auto bar = ends.find('|');
    QString a = QString::fromStdString(ends.substr(0, bar)), b = QString::fromStdString(ends.substr(bar + 1));
    auto centre = [&](const QString& name) {
      for (const Box& box : boxes_)
        if (box.title.endsWith("/ " + name) || box.title.startsWith(name + " /")) return box.rect.center();
      return QPointF();
    };
    QPointF pa = centre(a), pb = centre(b);
    if (pa.isNull() || pb.isNull()) continue;
    p.setPen(QPen(colors::alarm, 4, kind == "down" ? Qt::DotLine : Qt::DashLine));
    p.drawLine(pa, pb);
    QPointF mid = (pa + pb) / 2;
    QRectF tag(mid.x() - 90, mid.y() - 11, 180, 22);
    p.setBrush(Qt::white);
    p.drawRoundedRect(tag, 4, 4);
    p.setPen(colors::alarm);
    p.drawText(tag, Qt::AlignCenter, QStringLiteral("%1 link %2").arg(QString::fromStdString(cls), text));
  }

  // Partitions: a dashed outline around each group.
  int partition_no = 0;
  for (const ActivePartition& part : s.partitions) {
    ++partition_no;
    for (std::size_t g = 0; g < part.groups.size(); ++g) {
      QRectF bounds;
      for (const auto& h : part.groups[g]) {
        auto it = positions_.find(h);
        if (it == positions_.end()) continue;
        QRectF r(it->second - QPointF(kRadius + 10, kRadius + 10), QSizeF(2 * kRadius + 20, 2 * kRadius + 34));
        bounds = bounds.isNull() ? r : bounds.united(r);
      }
      if (bounds.isNull()) continue;
      p.setPen(QPen(colors::alarm, 2, Qt::DashLine));
      p.setBrush(Qt::NoBrush);
      p.drawRoundedRect(bounds, 10, 10);
      p.setPen(colors::alarm);
      QString tag = QStringLiteral("cut %1, side %2%3").arg(partition_no).arg(g + 1).arg(part.one_way && g == 0 ? " (cannot send)" : "");
      p.drawText(bounds.adjusted(4, -16, 200, 0).topLeft() + QPointF(0, 12), tag);
    }
  }

  for (const auto& [host, pos] : positions_) {
    auto it = s.nodes.find(host);
    NodeState n = it == s.nodes.end() ? NodeState() : it->second;
    QString label = stateLabel(host, n);
    QColor fill = n.fenced ? colors::fenced
                  : !n.up ? colors::down
                  : n.paused ? colors::paused
                  : label == "suspected" ? colors::suspected
                  : n.member ? colors::up : colors::client;
    p.setPen(QPen(colors::ink, n.holds_ip ? 3 : 1));
    p.setBrush(fill);
    QRectF shape(pos - QPointF(kRadius, kRadius), QSizeF(2 * kRadius, 2 * kRadius));
    if (n.member) p.drawEllipse(shape);
    else p.drawRect(shape.adjusted(4, 4, -4, -4));
    if (!n.up) {  // a cross, so "down" does not rely on colour
      p.setPen(QPen(Qt::white, 3));
      p.drawLine(shape.topLeft() + QPointF(12, 12), shape.bottomRight() - QPointF(12, 12));
      p.drawLine(shape.topRight() + QPointF(-12, 12), shape.bottomLeft() + QPointF(12, -12));
    }
    if (QString::fromStdString(host) == model_->selectedNode()) {
      p.setPen(QPen(colors::client, 2, Qt::DotLine));
      p.setBrush(Qt::NoBrush);
      p.drawEllipse(shape.adjusted(-6, -6, 6, 6));
    }
    p.setPen(n.fenced || !n.up ? Qt::white : colors::ink);
    QFont bold = base;
    bold.setBold(true);
    p.setFont(bold);
    p.drawText(shape, Qt::AlignCenter, QString::fromStdString(host));
    p.setFont(base);
    p.setPen(colors::ink);
    p.drawText(QRectF(pos.x() - 60, pos.y() + kRadius + 2, 120, 16), Qt::AlignHCenter, label);
    if (n.up && n.belief && n.belief->value("dc", false)) {
      QRectF badge(pos.x() - kRadius - 26, pos.y() - kRadius - 10, 28, 18);
      p.setPen(colors::ink);
      p.setBrush(Qt::white);
      p.drawRoundedRect(badge, 4, 4);
      p.drawText(badge, Qt::AlignCenter, "DC");
    }
    if (n.holds_ip && n.up) {
      QRectF badge(pos.x() + kRadius - 8, pos.y() - kRadius - 10, 34, 18);
      p.setPen(colors::ink);
      p.setBrush(colors::vip);
      p.drawRoundedRect(badge, 4, 4);
      p.drawText(badge, Qt::AlignCenter, "VIP");
    }
  }

  // The shared storage and what split brain did to it so far.
  if (model_->replay().has_storage()) {
    QRectF disk(width() - 250, height() - 70, 230, 54);
    p.setPen(QPen(colors::ink, 1));
    p.setBrush(s.corrupted_writes > 0 ? colors::alarm : colors::box);
    p.drawRoundedRect(disk, 6, 6);
    p.setPen(s.corrupted_writes > 0 ? Qt::white : colors::ink);
    p.drawText(disk.adjusted(8, 4, -8, -4), Qt::AlignLeft | Qt::AlignVCenter,
               QStringLiteral("shared storage\ncorrupted writes: %1   refused: %2")
                   .arg(s.corrupted_writes)
                   .arg(s.writes_refused));
  }

  // Split brain: more than one live holder of the IP.
  std::vector<std::string> holders;
  for (const auto& [host, n] : s.nodes)
    if (n.holds_ip && n.up) holders.push_back(host);
  if (holders.size() > 1) {
    p.setPen(QPen(colors::alarm, 8));
    p.setBrush(Qt::NoBrush);
    p.drawRect(rect().adjusted(4, 4, -4, -4));
    QRectF banner(12, 12, width() - 24, 32);
    p.fillRect(banner, colors::alarm);
    p.setPen(Qt::white);
    QFont big = base;
    big.setBold(true);
    big.setPointSizeF(base.pointSizeF() * 1.3);
    p.setFont(big);
    QString names;
    for (const auto& h : holders) names += (names.isEmpty() ? "" : ", ") + QString::fromStdString(h);
    std::string vip = model_->runStart().value("vip", "");
    p.drawText(banner, Qt::AlignCenter, QStringLiteral("SPLIT BRAIN: %1 all hold %2").arg(names, QString::fromStdString(vip)));
    p.setFont(base);
  } else {
    p.setPen(colors::ink);
    p.drawText(QRectF(12, 12, width() - 24, 32), Qt::AlignLeft | Qt::AlignVCenter,
               QStringLiteral("t = %1 s   %2").arg(s.t, 0, 'f', 3).arg(QString::fromStdString(model_->runStart().value("scenario", ""))));
  }
}

void TopologyView::mousePressEvent(QMouseEvent* event) {
  for (const auto& [host, pos] : positions_)
    if (QLineF(pos, event->position()).length() <= kRadius + 4) {
      model_->setSelectedNode(QString::fromStdString(host));
      return;
    }
}

} // namespace halab::gui
