// The GUI's model of one run: the trace (loaded from a file or streamed from a worker
// process running `halab run`), a replay of it, the time cursor and the selected node.
// Views draw from it and react to its signals; they decide nothing.
#pragma once

#include "sim/trace/replay.hpp"

#include <QObject>
#include <QProcess>
#include <QString>

#include <memory>

namespace halab::gui {

class RunModel : public QObject {
  Q_OBJECT

public:
  explicit RunModel(QObject* parent = nullptr);

  // Loads a saved trace; on error returns false and sets `error` (naming the bad line).
  bool loadTraceFile(const QString& path, QString* error);
  // Runs a scenario in a worker process (SimGrid allows one engine per process) and streams
  // its trace in as it is produced. runFinished comes in every case: with the worker's exit
  // code, or kWorkerDidNotStart when the program could not be started.
  void runScenario(const QString& scenario, const QString& halab_program, quint64 seed = 0);
  static constexpr int kWorkerDidNotStart = 127;
  // What the worker wrote on stderr (a bad scenario's errors), or why it did not start.
  const QString& workerErrors() const { return worker_errors_; }
  // Adds one JSON Lines record; false (and loadFailed) if it is not a trace event.
  bool appendLine(const QByteArray& line);

  const TraceReplay& replay() const { return replay_; }
  double cursor() const { return cursor_; }
  const RunState& state() const { return state_; }
  const QString& selectedNode() const { return selected_; }
  const TraceEvent& runStart() const { return run_start_; }
  // The scenario and seed this run came from, when it was run from the GUI.
  const QString& scenarioPath() const { return scenario_; }
  quint64 seed() const { return seed_; }

public slots:
  void setCursor(double t);
  void setSelectedNode(const QString& node);

signals:
  void eventsAppended();
  void cursorChanged(double t);
  void selectionChanged(const QString& node);
  void loadFailed(const QString& message);
  void runFinished(int exit_code);

private:
  void reset();
  void readWorker();
  // Adds an event already checked (parsed, in time order) to the replay.
  void append(TraceEvent event);

  TraceReplay replay_;
  TraceEvent run_start_ = TraceEvent::object();
  RunState state_;
  double cursor_ = 0;
  QString selected_;
  QString scenario_;
  quint64 seed_ = 0;
  std::size_t lines_ = 0;
  QByteArray pending_;
  QString worker_errors_;
  std::unique_ptr<QProcess> worker_;
};

} // namespace halab::gui
