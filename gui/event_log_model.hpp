// The event log as a Qt table model over the trace: time, event, node, details. A proxy
// filters it; selecting a row moves the cursor to that event.
#pragma once

#include "gui/run_model.hpp"

#include <QAbstractTableModel>

namespace halab::gui {

class EventLogModel : public QAbstractTableModel {
  Q_OBJECT

public:
  explicit EventLogModel(RunModel* model, QObject* parent = nullptr);

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override { return parent.isValid() ? 0 : 4; }
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
  double timeOf(int row) const;

private:
  RunModel* model_;
  int rows_ = 0;
};

} // namespace halab::gui
