// The topology canvas: datacenters as boxes, cluster members as circles and clients as
// squares, each labelled with its state (up, suspected, down, FENCED, paused); the holder of
// the floating IP carries a VIP badge; active partitions are dashed outlines around their
// groups; degraded or cut links are marked (between boxes, or on a host for its NIC); split brain (more than one holder) is an unmistakable banner and border. Clicking
// a node selects it. It draws RunModel's state at the cursor and nothing else.
#pragma once

#include "gui/run_model.hpp"

#include <QPointF>
#include <QWidget>

#include <map>

namespace halab::gui {

class TopologyView : public QWidget {
  Q_OBJECT

public:
  explicit TopologyView(RunModel* model, QWidget* parent = nullptr);
  QSize sizeHint() const override { return {760, 420}; }
  // Where a host is drawn (for tests and hit-testing); invalid point if unknown.
  QPointF hostPosition(const QString& host) const;

protected:
  void paintEvent(QPaintEvent*) override;
  void resizeEvent(QResizeEvent*) override;
  void mousePressEvent(QMouseEvent* event) override;

private:
  struct Box {
    QString title;
    QRectF rect;
  };
  void layoutHosts();
  // Lays the hosts out in a canvas of `size`; returns the height they need at the smallest
  // node size.
  double layoutIn(QSizeF size);
  std::vector<std::string> stackGroups() const;
  static std::string host_group(const TraceEvent& start, const std::string& host);
  QString stateLabel(const std::string& host, const NodeState& n) const;

  RunModel* model_;
  std::map<std::string, QPointF> positions_;
  std::vector<Box> boxes_;
  static constexpr double kRadius = 24, kMinRadius = 14;
  double radius_ = kRadius;  // of a node, smaller when many rows share the view
  // Rows that do not fit even with the smallest nodes: the whole drawing is scaled down
  // (by scale_) from a taller canvas of logical_ size, rather than cut off.
  double scale_ = 1;
  QSizeF logical_;
  // How long after reaching a node the token is still drawn there: beyond one rotation (the
  // representative's hold, 561 ms by default), so a ring going round always shows it.
  static constexpr double kTokenShown = 1.5;
};

} // namespace halab::gui
