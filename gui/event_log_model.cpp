#include "gui/event_log_model.hpp"

namespace halab::gui {
namespace {
// The node an event is about, whatever its key.
QString subject(const TraceEvent& e) {
  for (const char* key : {"node", "host", "target", "client", "link"})
    if (auto it = e.find(key); it != e.end() && it->is_string()) return QString::fromStdString(it->get<std::string>());
  return {};
}

QString details(const TraceEvent& e) {
  TraceEvent rest = TraceEvent::object();
  for (const auto& [key, value] : e.items())
    if (key != "t" && key != "ev") rest[key] = value;
  return QString::fromStdString(rest.dump());
}
} // namespace

EventLogModel::EventLogModel(RunModel* model, QObject* parent) : QAbstractTableModel(parent), model_(model) {
  connect(model_, &RunModel::eventsAppended, this, [this] {
    int total = static_cast<int>(model_->replay().events().size());
    if (total < rows_) {
      beginResetModel();
      rows_ = total;
      endResetModel();
    } else if (total > rows_) {
      beginInsertRows({}, rows_, total - 1);
      rows_ = total;
      endInsertRows();
    }
  });
}

int EventLogModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : rows_;
}

double EventLogModel::timeOf(int row) const {
  return model_->replay().events().at(static_cast<std::size_t>(row))["t"].get<double>();
}

QVariant EventLogModel::data(const QModelIndex& index, int role) const {
  if (role != Qt::DisplayRole || !index.isValid()) return {};
  const TraceEvent& e = model_->replay().events().at(static_cast<std::size_t>(index.row()));
  switch (index.column()) {
  case 0: return QString::number(e["t"].get<double>(), 'f', 3);
  case 1: return QString::fromStdString(e["ev"].get<std::string>());
  case 2: return subject(e);
  default: return details(e);
  }
}

QVariant EventLogModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (role != Qt::DisplayRole || orientation != Qt::Horizontal) return {};
  static const char* names[] = {"t (s)", "event", "node", "details"};
  return names[section];
}

} // namespace halab::gui
