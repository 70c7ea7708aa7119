#include "gui/main_window.hpp"

#include "gui/beliefs_panel.hpp"
#include "gui/event_log_model.hpp"
#include "gui/rate_chart.hpp"
#include "gui/tier_chart.hpp"
#include "gui/timeline_widget.hpp"
#include "gui/topology_view.hpp"

#include "gui/report_export.hpp"
#include "gui/what_if.hpp"

#include <QAction>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QFileDialog>
#include <QHeaderView>
#include <QLineEdit>
#include <QMessageBox>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace halab::gui {

MainWindow::MainWindow(RunModel* model, QString halab_program, QWidget* parent)
    : QMainWindow(parent), model_(model), halab_program_(std::move(halab_program)) {
  setWindowTitle("halab");
  topology_ = new TopologyView(model_);
  timeline_ = new TimelineWidget(model_);
  beliefs_ = new BeliefsPanel(model_);
  auto* chart = new RateChart(model_);
  tier_chart_ = new TierChart(model_);

  auto* log = new EventLogModel(model_, this);
  auto* proxy = new QSortFilterProxyModel(this);
  proxy->setSourceModel(log);
  proxy->setFilterKeyColumn(-1);
  proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
  auto* filter = new QLineEdit;
  filter->setPlaceholderText("filter events (e.g. fence, ip., n1)");
  connect(filter, &QLineEdit::textChanged, proxy, &QSortFilterProxyModel::setFilterFixedString);
  auto* table = new QTableView;
  table->setModel(proxy);
  table->setSelectionBehavior(QAbstractItemView::SelectRows);
  table->horizontalHeader()->setStretchLastSection(true);
  table->verticalHeader()->hide();
  table->setWordWrap(false);
  table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 6);
  connect(table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
          [this, proxy, log](const QModelIndex& current) {
            if (current.isValid()) model_->setCursor(log->timeOf(proxy->mapToSource(current).row()));
          });

  // The branch (what-if or comparison) beside the run, on the same cursor.
  branch_ = new RunModel(this);
  branch_topology_ = new TopologyView(branch_);
  branch_title_ = new QLabel;
  branch_panel_ = new QWidget;
  auto* branch_layout = new QVBoxLayout(branch_panel_);
  branch_layout->setContentsMargins(0, 0, 0, 0);
  branch_layout->addWidget(branch_title_);
  branch_layout->addWidget(branch_topology_);
  branch_panel_->hide();
  connect(model_, &RunModel::cursorChanged, branch_, &RunModel::setCursor);
  timeline_->setBranch(branch_);
  connect(branch_, &RunModel::eventsAppended, branch_, [this] { branch_->setCursor(model_->cursor()); });
  connect(branch_, &RunModel::runFinished, this, [this](int code) {
    if (code == 2) QMessageBox::critical(this, "What-if", "halab refused the branch scenario (see its errors on stderr)");
  });

  auto* top = new QSplitter(Qt::Horizontal);
  top->addWidget(topology_);
  top->addWidget(branch_panel_);
  top->addWidget(beliefs_);
  top->setStretchFactor(0, 3);
  top->setStretchFactor(1, 1);
  auto* bottom = new QWidget;
  auto* bottom_layout = new QVBoxLayout(bottom);
  bottom_layout->setContentsMargins(0, 0, 0, 0);
  bottom_layout->addWidget(filter);
  bottom_layout->addWidget(table);
  auto* main = new QSplitter(Qt::Vertical);
  main->addWidget(top);
  main->addWidget(chart);
  main->addWidget(tier_chart_);
  main->addWidget(timeline_);
  main->addWidget(bottom);
  main->setStretchFactor(0, 6);
  main->setStretchFactor(1, 1);
  main->setStretchFactor(4, 2);
  setCentralWidget(main);

  QToolBar* bar = addToolBar("run");
  bar->addAction("Open trace…", QKeySequence::Open, this, &MainWindow::openTrace);
  bar->addAction("Run scenario…", QKeySequence(Qt::CTRL | Qt::Key_R), this, &MainWindow::runScenario);
  bar->addSeparator();
  bar->addAction("◀ step", QKeySequence(Qt::CTRL | Qt::Key_Left), timeline_, &TimelineWidget::stepBack);
  QAction* play = bar->addAction("▶ play", QKeySequence(Qt::CTRL | Qt::Key_Space), timeline_, &TimelineWidget::togglePlay);
  bar->addAction("step ▶", QKeySequence(Qt::CTRL | Qt::Key_Right), timeline_, &TimelineWidget::stepForward);
  bar->addAction("slower", QKeySequence(Qt::CTRL | Qt::Key_Minus), this, [this] { timeline_->setSpeed(timeline_->speed() / 2); });
  bar->addAction("faster", QKeySequence(Qt::CTRL | Qt::Key_Plus), this, [this] { timeline_->setSpeed(timeline_->speed() * 2); });
  bar->addSeparator();
  bar->addAction("What-if…", QKeySequence(Qt::CTRL | Qt::Key_W), this, &MainWindow::whatIf);
  bar->addAction("Compare with…", this, &MainWindow::compareWith);
  bar->addAction("Export…", this, &MainWindow::exportImage);
  connect(timeline_, &TimelineWidget::playingChanged, play,
          [play](bool playing) { play->setText(playing ? "❚❚ pause" : "▶ play"); });

  connect(model_, &RunModel::loadFailed, this, [this](const QString& m) { statusBar()->showMessage(m); });
  connect(model_, &RunModel::runFinished, this, [this](int code) {
    const QString errors = model_->workerErrors().trimmed();
    statusBar()->showMessage(code >= 2 && !errors.isEmpty() ? errors.section('\n', 0, 0)
                                                            : QStringLiteral("run finished (exit %1)").arg(code));
  });
  resize(1280, 800);
}

void MainWindow::openTrace() {
  QString path = QFileDialog::getOpenFileName(this, "Open a halab trace", {}, "Traces (*.jsonl);;All files (*)");
  if (path.isEmpty()) return;
  QString error;
  if (!model_->loadTraceFile(path, &error)) QMessageBox::critical(this, "Cannot open the trace", error);
}

void MainWindow::runScenario() {
  QString path = QFileDialog::getOpenFileName(this, "Run a scenario", "scenarios", "Scenarios (*.json)");
  if (!path.isEmpty()) model_->runScenario(path, halab_program_);
}

void MainWindow::showBranch(const QString& title) {
  branch_title_->setText(title);
  branch_panel_->show();
}

bool MainWindow::startWhatIf(const nlohmann::json& fault, QString* error) {
  if (model_->scenarioPath().isEmpty()) {
    *error = "What-if needs a run started from a scenario (Run scenario…), not a saved trace.";
    return false;
  }
  QString branch_path = QDir::temp().filePath(QStringLiteral("halab-what-if-%1.json").arg(QCoreApplication::applicationPid()));
  if (!write_branch_scenario(model_->scenarioPath(), fault, branch_path, error)) return false;
  showBranch(QStringLiteral("what-if: %1 at %2").arg(QString::fromStdString(fault["kind"].get<std::string>()),
                                                      QString::fromStdString(fault["at"].get<std::string>())));
  branch_->runScenario(branch_path, halab_program_, model_->seed());
  return true;
}

void MainWindow::whatIf() {
  bool ok = false;
  QStringList kinds{"crash a node", "cut a node off from the others", "break the fence device"};
  const RunState& state = model_->state();
  if (state.crm.transitions() > 0) kinds << "make a resource agent fail";
  QString kind = QInputDialog::getItem(this, "What-if", QStringLiteral("At %1 s, inject:").arg(model_->cursor(), 0, 'f', 3),
                                       kinds, 0, false, &ok);
  if (!ok) return;
  std::vector<std::string> members;
  for (const auto& m : model_->runStart().value("members", TraceEvent::array())) members.push_back(m["host"].get<std::string>());
  nlohmann::json fault;
  if (kind.startsWith("break")) {
    fault = fence_device_fault(model_->cursor());
  } else {
    QStringList names;
    for (const auto& m : members) names << QString::fromStdString(m);
    QString node = QInputDialog::getItem(this, "What-if", "Which node?", names, 0, false, &ok);
    if (!ok) return;
    std::vector<std::string> others;
    for (const auto& m : members)
      if (m != node.toStdString()) others.push_back(m);
    if (kind.startsWith("make")) {
      QStringList resources;
      for (const auto& [rsc, promoted] : state.crm.resources_on(node.toStdString())) resources << QString::fromStdString(rsc);
      if (resources.isEmpty()) {
        QMessageBox::information(this, "What-if", node + " runs no resource at this moment.");
        return;
      }
      QString rsc = QInputDialog::getItem(this, "What-if", "Which resource?", resources, 0, false, &ok);
      if (!ok) return;
      fault = agent_fault(node.toStdString(), rsc.toStdString(), model_->cursor());
    } else {
      fault = kind.startsWith("crash") ? crash_fault(node.toStdString(), model_->cursor())
                                       : isolate_fault(node.toStdString(), others, model_->cursor());
    }
  }
  QString error;
  if (!startWhatIf(fault, &error)) QMessageBox::critical(this, "What-if", error);
}

void MainWindow::compareWith() {
  QString path = QFileDialog::getOpenFileName(this, "Compare with a trace", {}, "Traces (*.jsonl);;All files (*)");
  if (path.isEmpty()) return;
  QString error;
  if (!branch_->loadTraceFile(path, &error)) {
    QMessageBox::critical(this, "Cannot open the trace", error);
    return;
  }
  showBranch(QFileInfo(path).fileName());
  branch_->setCursor(model_->cursor());
}

bool MainWindow::exportCanvas(const QString& path) const {
  return topology_->grab().save(path);
}

void MainWindow::exportImage() {
  QString path = QFileDialog::getSaveFileName(this, "Export the canvas or a report", "halab.png",
                                              "PNG image (*.png);;SVG image (*.svg);;HTML report (*.html)");
  if (path.isEmpty()) return;
  QString error;
  if (!exportTo(path, &error)) QMessageBox::critical(this, "Export failed", error);
}

bool MainWindow::exportTo(const QString& path, QString* error) const {
  if (path.endsWith(".svg", Qt::CaseInsensitive)) return export_svg(topology_, path, error);
  if (path.endsWith(".html", Qt::CaseInsensitive)) return export_html_report(*model_, topology_, path, error);
  if (exportCanvas(path)) return true;
  *error = path + ": cannot write";
  return false;
}

} // namespace halab::gui
