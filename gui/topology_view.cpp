#include "gui/topology_view.hpp"

#include "gui/palette.hpp"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

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
  scale_ = 1;
  logical_ = QSizeF(size());
  const double needed = layoutIn(logical_);
  if (needed > logical_.height() && logical_.height() > 0) {
    scale_ = logical_.height() / needed;
    logical_ = QSizeF(size()) / scale_;
    layoutIn(logical_);
  }
}

double TopologyView::layoutIn(QSizeF canvas) {
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
  if (dcs.empty()) return 0;

  // With a request path, the stack reads top-down, aligned across the boxes: a band of
  // rows for the clients, then one for each tier in calling order (a tier wider than a box
  // wraps), then the other hosts. Without one, each box is a grid in the listed order.
  const std::vector<std::string> groups = stackGroups();
  auto group_of = [&](const std::string& host) {
    auto it = std::find(groups.begin(), groups.end(), host_group(start, host));
    return static_cast<std::size_t>(it - groups.begin());
  };
  const double top = 64, margin = 16, cell = 2.6 * kRadius + 26;
  double width_total = canvas.width() - margin * static_cast<double>(dcs.size() + 1);
  std::size_t host_total = 0;
  for (const auto& d : dcs) host_total += std::max<std::size_t>(d.second.size(), 1);
  std::vector<double> shares;
  std::vector<int> columns;
  std::vector<int> band_rows(std::max<std::size_t>(groups.size(), 1), 0);  // rows each group's band needs
  for (const auto& [title, hosts] : dcs) {
    shares.push_back(width_total * static_cast<double>(std::max<std::size_t>(hosts.size(), 1)) / static_cast<double>(host_total));
    columns.push_back(std::max(1, std::min(4, static_cast<int>(shares.back() / cell))));
    std::vector<int> count(band_rows.size(), 0);
    for (const auto& h : hosts) ++count[groups.empty() ? 0 : group_of(h)];
    for (std::size_t g = 0; g < count.size(); ++g)
      band_rows[g] = std::max(band_rows[g], (count[g] + columns.back() - 1) / columns.back());
  }
  std::vector<int> band_first(band_rows.size(), 0);
  for (std::size_t g = 1; g < band_rows.size(); ++g) band_first[g] = band_first[g - 1] + band_rows[g - 1];
  const int rows = band_first.back() + band_rows.back();
  const double title_h = 30, labels = 12;  // a box's title above its rows; the last row's labels below
  const double available = canvas.height() - top - margin - title_h - labels;
  // Many bands in a short view: smaller nodes rather than rows cut off.
  radius_ = std::clamp((available / std::max(rows, 1) - 24) / 2, kMinRadius, kRadius);
  const double row_height = std::max(2 * radius_ + 22, std::min(2 * radius_ + 76, available / std::max(rows, 1)));
  double x = margin;
  for (std::size_t d = 0; d < dcs.size(); ++d) {
    const auto& [title, hosts] = dcs[d];
    QRectF rect(x, top, shares[d], std::max(row_height * rows + title_h + labels, canvas.height() - top - margin));
    boxes_.push_back({title, rect});
    std::vector<int> placed(band_rows.size(), 0), in_group(band_rows.size(), 0);
    for (const auto& h : hosts) ++in_group[groups.empty() ? 0 : group_of(h)];
    for (const auto& h : hosts) {
      const std::size_t g = groups.empty() ? 0 : group_of(h);
      const int i = placed[g]++;
      const int row = i / columns[d], col = i % columns[d];
      // a band's last row, when not full, spreads its hosts over the box
      const int in_row = std::min(columns[d], in_group[g] - row * columns[d]);
      positions_[h] = {rect.left() + shares[d] * (col + 0.5) / in_row, rect.top() + title_h + row_height * (band_first[g] + row + 0.5)};
    }
    x += shares[d] + margin;
  }
  return top + title_h + rows * (2 * kMinRadius + 22) + labels + margin;
}

// The groups the stack layout orders hosts by: clients, the tiers in calling order, then
// the rest; none without a request path.
std::vector<std::string> TopologyView::stackGroups() const {
  const TraceEvent& start = model_->runStart();
  if (!start.contains("tiers") || start["tiers"].empty()) return {};
  std::vector<std::string> groups{"client"};
  for (const auto& t : start["tiers"]) groups.push_back(t["name"].get<std::string>());
  groups.push_back("");
  return groups;
}

// run.start's `clients` and `tiers` have passed the trace schema (sim/trace/event_schema).
std::string TopologyView::host_group(const TraceEvent& start, const std::string& host) {
  for (const auto& c : start.value("clients", TraceEvent::array()))
    if (c == host) return "client";
  for (const auto& t : start.value("tiers", TraceEvent::array()))
    for (const auto& h : t["hosts"])
      if (h == host) return t["name"].get<std::string>();
  return "";
}

QPointF TopologyView::hostPosition(const QString& host) const {
  auto it = positions_.find(host.toStdString());
  return it == positions_.end() ? QPointF() : it->second * scale_;
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
  if (!n.member) {
    if (n.sentinel && n.tier.empty())  // a Sentinel's host: what it holds the master to be
      return n.sentinel->odown ? "sentinel \u00b7 odown" : n.sentinel->sdown ? "sentinel \u00b7 sdown" : "sentinel";
    if (n.tier.empty()) return "client";
    QString tier = QString::fromStdString(n.tier);
    if (!n.cache_role.empty()) tier += n.cache_role == "master" ? " \u00b7 master" : " \u00b7 replica";
    if (!n.tier_stop.empty()) return tier + " \u00b7 " + QString::fromStdString(n.tier_stop);
    if (n.hung) return tier + " \u00b7 hung";
    if (n.slow > 1) return tier + QStringLiteral(" \u00b7 slow \u00d7%1").arg(n.slow);
    return tier;
  }
  // zookeeper: a server of the registry; memberlist, zookeeper's clients: what the others
  // make of it.
  if (n.ensemble) return QStringLiteral("zookeeper server");
  if (n.gossip) return n.held.empty() ? QString("member") : "member \u00b7 " + QString::fromStdString(n.held);
  // keepalived: the VRRP state and effective priority ("master 200", "backup 100").
  QString role = n.vrrp_state.empty() ? QString(n.holds_ip ? "primary" : "standby")
                 : n.vrrp_state == "stopped" ? QString("stopped")
                                             : QStringLiteral("%1 %2").arg(QString::fromStdString(n.vrrp_state)).arg(n.vrrp_priority);
  return suspected ? role + " \u00b7 suspected" : role;
}

void TopologyView::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  if (logical_.isEmpty()) layoutHosts();  // painted before its first resize
  p.scale(scale_, scale_);
  p.fillRect(QRectF(QPointF(0, 0), logical_), Qt::white);
  const RunState& s = model_->state();
  if (positions_.empty()) {
    p.setPen(colors::ink);
    p.drawText(QRectF(QPointF(0, 0), logical_), Qt::AlignCenter, "Open a trace (Ctrl+O) or run a scenario (Ctrl+R)");
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

  // Heartbeats between members: a line per pair, solid while both hear each other (with a
  // pulse travelling once per heartbeat interval), dashed vermillion once either suspects the
  // other, none when either is down. memberlist members send no heartbeats: they probe one
  // member at a time (their label says what the others hold them); nor do a registry's
  // clients and servers (sessions, not heartbeats). 50 members have 1,225
  // pairs: the lines go into two paths, each stroked once, and the pulses are one dot copied
  // (a stroke and two filled ellipses per pair took 45 ms a frame; now 10 ms).
  double interval = model_->runStart().value("heartbeat_interval_s", 1.0);
  const double phase = 0.1 + 0.8 * std::fmod(s.t / interval, 1.0);  // stay off the circles
  QPainterPath heard, lost_lines;
  std::vector<QPointF> pulses;
  constexpr std::size_t kSmoothPairs = 105;
  std::size_t pairs = 0;
  for (auto a = s.nodes.begin(); a != s.nodes.end(); ++a) {
    if (!a->second.member || !a->second.up || a->second.gossip || a->second.ensemble) continue;
    for (auto b = std::next(a); b != s.nodes.end(); ++b) {
      if (!b->second.member || !b->second.up || b->second.gossip || b->second.ensemble) continue;
      auto pa = positions_.find(a->first), pb = positions_.find(b->first);
      if (pa == positions_.end() || pb == positions_.end()) continue;
      bool lost = a->second.suspects.count(b->first) || b->second.suspects.count(a->first);
      // A gentle arc, so that lines between hosts of one row do not run through the hosts
      // between them.
      QLineF line(pa->second, pb->second);
      QPointF normal(-line.dy() / line.length(), line.dx() / line.length());
      QPointF control = line.center() + normal * (0.18 * line.length());
      auto at = [&](double u) { return (1 - u) * (1 - u) * line.p1() + 2 * (1 - u) * u * control + u * u * line.p2(); };
      ++pairs;
      QPainterPath& into = lost ? lost_lines : heard;
      into.moveTo(line.p1());
      into.quadTo(control, line.p2());
      if (lost || a->second.paused || b->second.paused) continue;
      // The pulses, at the curve's parameter (close to its length's fraction on so flat an arc).
      pulses.push_back(at(phase));
      pulses.push_back(at(1 - phase));
    }
  }
  // Cosmetic pens, as wide in device pixels as the scaled pens would be: Qt's thin-line path.
  auto pen = [&](const QColor& c, double width, Qt::PenStyle style) {
    QPen q(c, width * scale_, style);
    q.setCosmetic(true);
    return q;
  };
  p.setBrush(Qt::NoBrush);
  // Smoothed while few (up to 15 members); a mesh of hundreds of lines is drawn aliased, at
  // a third of the cost.
  p.setRenderHint(QPainter::Antialiasing, pairs <= kSmoothPairs);
  p.setPen(pen(colors::down, 1, Qt::SolidLine));
  p.drawPath(heard);
  p.setPen(pen(colors::alarm, 1.5, Qt::DashLine));
  p.drawPath(lost_lines);
  p.setRenderHint(QPainter::Antialiasing);
  // The pulses: one dot drawn in device pixels, copied to each place.
  const double r = 3.5 * scale_;
  const int side = static_cast<int>(std::ceil(2 * r)) + 2;
  QImage dot(side, side, QImage::Format_ARGB32_Premultiplied);
  dot.fill(Qt::transparent);
  {
    QPainter d(&dot);
    d.setRenderHint(QPainter::Antialiasing);
    d.setPen(Qt::NoPen);
    d.setBrush(colors::up);
    d.drawEllipse(QPointF(side / 2.0, side / 2.0), r, r);
  }
  p.save();
  p.resetTransform();
  for (const QPointF& at : pulses) p.drawImage(at * scale_ - QPointF(side / 2.0, side / 2.0), dot);
  p.restore();

  // Link faults: a metro or WAN link drawn between its two boxes; a NIC tagged on its host.
  for (const auto& [link, kind] : s.link_faults) {
    QString text = QString::fromStdString(kind == "down" ? "cut" : "degraded");
    auto colon = link.find(':');
    std::string cls = link.substr(0, colon), ends = link.substr(colon + 1);
    if (cls == "nic") {
      auto it = positions_.find(ends);
      if (it == positions_.end()) continue;
      p.setPen(colors::alarm);
      p.drawText(QRectF(it->second.x() - 60, it->second.y() + radius_ + 16, 120, 16), Qt::AlignHCenter,
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

  // Partitions: each host of a partition gets a dashed ring and the number of its side.
  int partition_no = 0;
  for (const ActivePartition& part : s.partitions) {
    ++partition_no;
    for (std::size_t g = 0; g < part.groups.size(); ++g)
      for (const auto& h : part.groups[g]) {
        auto it = positions_.find(h);
        if (it == positions_.end()) continue;
        QRectF ring(it->second - QPointF(radius_ + 9, radius_ + 9), QSizeF(2 * radius_ + 18, 2 * radius_ + 18));
        p.setPen(QPen(colors::alarm, 2, Qt::DashLine));
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(ring);
        QString tag = s.partitions.size() > 1 ? QStringLiteral("cut %1 side %2").arg(partition_no).arg(g + 1)
                                              : QStringLiteral("side %1").arg(g + 1);
        if (part.one_way && g == 0) tag += " (cannot send)";
        p.setPen(colors::alarm);
        // to the left of its ring, where the row's labels (below the nodes) are not
        p.drawText(QRectF(it->second.x() - radius_ - 12 - 160, it->second.y() - 8, 160, 16), Qt::AlignRight | Qt::AlignVCenter, tag);
      }
  }

  for (const auto& [host, pos] : positions_) {
    auto it = s.nodes.find(host);
    NodeState n = it == s.nodes.end() ? NodeState() : it->second;
    QString label = stateLabel(host, n);
    QColor fill = n.fenced ? colors::fenced
                  : !n.up ? colors::down
                  : n.paused ? colors::paused
                  : label.endsWith("suspected") || !n.held.empty() ? colors::suspected  // memberlist: live, held dead
                  : n.hung ? colors::suspected
                  : n.tier_stop == "stopped" ? colors::paused
                  : n.member || !n.tier.empty() || n.sentinel ? colors::up : colors::client;
    p.setPen(QPen(colors::ink, n.holds_ip ? 3 : 1));
    p.setBrush(fill);
    QRectF shape(pos - QPointF(radius_, radius_), QSizeF(2 * radius_, 2 * radius_));
    if (n.member) p.drawEllipse(shape);
    else p.drawRect(shape.adjusted(4, 4, -4, -4));
    if (!n.up) {  // a cross, so "down" does not rely on colour
      p.setPen(QPen(Qt::white, 3));
      const double in = radius_ / 2;
      p.drawLine(shape.topLeft() + QPointF(in, in), shape.bottomRight() - QPointF(in, in));
      p.drawLine(shape.topRight() + QPointF(-in, in), shape.bottomLeft() + QPointF(in, -in));
    }
    if (QString::fromStdString(host) == model_->selectedNode()) {
      p.setPen(QPen(colors::client, 2, Qt::DotLine));
      p.setBrush(Qt::NoBrush);
      p.drawEllipse(shape.adjusted(-6, -6, 6, 6));
    }
    p.setPen(n.fenced || !n.up ? Qt::white : colors::ink);
    QFont bold = base;
    bold.setBold(true);
    // the name inside the node, in a smaller font if need be; below it, before the state,
    // when even that does not fit (a long name, a small node)
    const QString name = QString::fromStdString(host);
    const double room = 2 * radius_ - (n.member ? 6 : 10);
    for (int px = QFontMetrics(bold).height(); px > 10 && QFontMetricsF(bold).horizontalAdvance(name) > room; --px)
      bold.setPixelSize(px - 1);
    const bool inside = QFontMetricsF(bold).horizontalAdvance(name) <= room;
    if (inside) {
      p.setFont(bold);
      p.drawText(shape, Qt::AlignCenter, name);
    }
    p.setFont(base);
    p.setPen(colors::ink);
    p.drawText(QRectF(pos.x() - 80, pos.y() + radius_ + 2, 160, 16), Qt::AlignHCenter,
               inside ? label : name + QStringLiteral(" \u00b7 ") + label);
    // what the cluster resource manager runs here (promoted instances marked ★)
    QStringList resources;
    for (const auto& [rsc, promoted] : s.crm.resources_on(host))
      resources << QString::fromStdString(rsc) + (promoted ? QStringLiteral("★") : QString());
    if (!resources.isEmpty()) {
      QFont small = base;
      small.setPointSizeF(base.pointSizeF() * 0.85);
      p.setFont(small);
      const QRectF line(pos.x() - 80, pos.y() + radius_ + 17, 160, 16);
      p.drawText(line, Qt::AlignHCenter, QFontMetrics(small).elidedText(resources.join(" "), Qt::ElideRight, 160));
      p.setFont(base);
    }
    if (n.up && n.belief && n.belief->value("dc", false)) {
      QRectF badge(pos.x() - radius_ - 26, pos.y() - radius_ - 10, 28, 18);
      p.setPen(colors::ink);
      p.setBrush(Qt::white);
      p.drawRoundedRect(badge, 4, 4);
      p.drawText(badge, Qt::AlignCenter, "DC");
    }
    // Totem's token: on the node it last reached, while it is still going round (a ring
    // that lost it shows none).
    if (s.token_node == host && n.up && s.t - s.token_at < kTokenShown) {
      QRectF badge(pos.x() - radius_ - 32, pos.y() - 9, 28, 18);
      p.setPen(colors::ink);
      p.setBrush(colors::token);
      p.drawRoundedRect(badge, 4, 4);
      p.setPen(Qt::white);
      p.drawText(badge, Qt::AlignCenter, "tok");
      p.setPen(colors::ink);
    }
    if (n.holds_ip && n.up) {
      QRectF badge(pos.x() + radius_ - 8, pos.y() - radius_ - 10, 34, 18);
      p.setPen(colors::ink);
      p.setBrush(colors::vip);
      p.drawRoundedRect(badge, 4, 4);
      p.drawText(badge, Qt::AlignCenter, "VIP");
    }
  }

  // The shared storage and what split brain did to it so far.
  if (model_->replay().has_storage()) {
    QRectF disk(logical_.width() - 250, logical_.height() - 70, 230, 54);
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
    p.drawRect(QRectF(QPointF(0, 0), logical_).adjusted(4, 4, -4, -4));
    QRectF banner(12, 12, logical_.width() - 24, 32);
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
    p.drawText(QRectF(12, 12, logical_.width() - 24, 32), Qt::AlignLeft | Qt::AlignVCenter,
               QStringLiteral("t = %1 s   %2").arg(s.t, 0, 'f', 3).arg(QString::fromStdString(model_->runStart().value("scenario", ""))));
  }
}

void TopologyView::mousePressEvent(QMouseEvent* event) {
  for (const auto& [host, pos] : positions_)
    if (QLineF(pos, event->position() / scale_).length() <= radius_ + 4) {
      model_->setSelectedNode(QString::fromStdString(host));
      return;
    }
}

} // namespace halab::gui
