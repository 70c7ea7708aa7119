#include "gui/run_model.hpp"

#include "sim/trace/event_names.hpp"

#include <QFile>

#include <stdexcept>
#include <string_view>

namespace halab::gui {

RunModel::RunModel(QObject* parent) : QObject(parent) {}

void RunModel::reset() {
  scenario_.clear();
  seed_ = 0;
  replay_ = TraceReplay();
  run_start_ = TraceEvent::object();
  state_ = RunState();
  cursor_ = 0;
  lines_ = 0;
  pending_.clear();
}

bool RunModel::appendLine(const QByteArray& line) {
  ++lines_;
  if (line.trimmed().isEmpty()) return true;
  TraceEvent event;
  try {
    event = parse_trace_line(std::string_view(line.constData(), static_cast<std::size_t>(line.size())));
  } catch (const std::runtime_error& e) {
    emit loadFailed(QStringLiteral("line %1: %2").arg(lines_).arg(e.what()));
    return false;
  }
  if (!replay_.events().empty() && event["t"].get<double>() < replay_.end_time()) {
    emit loadFailed(QStringLiteral("line %1: events go back in time").arg(lines_));
    return false;
  }
  append(std::move(event));
  return true;
}

void RunModel::append(TraceEvent event) {
  if (event["ev"] == event::run_start) run_start_ = event;
  replay_.append(std::move(event));
}

bool RunModel::loadTraceFile(const QString& path, QString* error) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    *error = QStringLiteral("%1: cannot open the file").arg(path);
    return false;
  }
  reset();
  const QByteArray text = file.readAll();
  std::vector<TraceEvent> events;
  try {
    // On every core: parsing the lines is most of opening a long trace.
    events = parse_trace_text(std::string_view(text.constData(), static_cast<std::size_t>(text.size())));
  } catch (const std::runtime_error& e) {
    *error = QStringLiteral("%1: %2").arg(path, e.what());
    emit eventsAppended();
    return false;
  }
  for (TraceEvent& event : events) append(std::move(event));
  if (replay_.events().empty() || run_start_.empty()) {
    *error = QStringLiteral("%1: no run.start event: not a halab trace, or truncated").arg(path);
    reset();
    emit eventsAppended();
    return false;
  }
  emit eventsAppended();
  setCursor(0);
  return true;
}

void RunModel::runScenario(const QString& scenario, const QString& halab_program, quint64 seed) {
  reset();
  scenario_ = scenario;
  seed_ = seed;
  worker_ = std::make_unique<QProcess>();
  QStringList args{"run", scenario, "--trace", "-"};
  if (seed > 0) args << "--seed" << QString::number(seed);
  worker_errors_.clear();
  connect(worker_.get(), &QProcess::readyReadStandardOutput, this, &RunModel::readWorker);
  connect(worker_.get(), &QProcess::readyReadStandardError, this,
          [this] { worker_errors_ += QString::fromUtf8(worker_->readAllStandardError()); });
  connect(worker_.get(), &QProcess::finished, this, [this](int code) {
    readWorker();
    worker_errors_ += QString::fromUtf8(worker_->readAllStandardError());
    emit runFinished(code);
  });
  // QProcess emits no `finished` for a program that never started.
  connect(worker_.get(), &QProcess::errorOccurred, this, [this, scenario, halab_program](QProcess::ProcessError error) {
    if (error != QProcess::FailedToStart) return;
    worker_errors_ = QStringLiteral("%1: cannot start %2: %3").arg(scenario, halab_program, worker_->errorString());
    emit runFinished(kWorkerDidNotStart);
  });
  worker_->start(halab_program, args);
}

void RunModel::readWorker() {
  pending_ += worker_->readAllStandardOutput();
  bool added = false;
  for (qsizetype nl = pending_.indexOf('\n'); nl >= 0; nl = pending_.indexOf('\n')) {
    QByteArray line = pending_.left(nl);
    pending_.remove(0, nl + 1);
    added = appendLine(line) || added;
  }
  if (added) {
    emit eventsAppended();
    setCursor(replay_.end_time());  // follow the live run
  }
}

void RunModel::setCursor(double t) {
  cursor_ = std::clamp(t, 0.0, replay_.end_time());
  state_ = replay_.at(cursor_);
  emit cursorChanged(cursor_);
}

void RunModel::setSelectedNode(const QString& node) {
  if (node == selected_) return;
  selected_ = node;
  emit selectionChanged(node);
}

} // namespace halab::gui
