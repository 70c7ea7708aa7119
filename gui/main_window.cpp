#include "gui/main_window.hpp"

#include "gui/beliefs_panel.hpp"
#include "gui/event_log_model.hpp"
#include "gui/rate_chart.hpp"
#include "gui/timeline_widget.hpp"
#include "gui/topology_view.hpp"

#include <QAction>
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
  auto* beliefs = new BeliefsPanel(model_);
  auto* chart = new RateChart(model_);

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

  auto* top = new QSplitter(Qt::Horizontal);
  top->addWidget(topology_);
  top->addWidget(beliefs);
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
  main->addWidget(timeline_);
  main->addWidget(bottom);
  main->setStretchFactor(0, 5);
  main->setStretchFactor(1, 1);
  main->setStretchFactor(3, 2);
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
  bar->addAction("Export PNG…", this, &MainWindow::exportImage);
  connect(timeline_, &TimelineWidget::playingChanged, play,
          [play](bool playing) { play->setText(playing ? "❚❚ pause" : "▶ play"); });

  connect(model_, &RunModel::loadFailed, this, [this](const QString& m) { statusBar()->showMessage(m); });
  connect(model_, &RunModel::runFinished, this,
          [this](int code) { statusBar()->showMessage(QStringLiteral("run finished (exit %1)").arg(code)); });
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

bool MainWindow::exportCanvas(const QString& path) const {
  return topology_->grab().save(path);
}

void MainWindow::exportImage() {
  QString path = QFileDialog::getSaveFileName(this, "Export the canvas", "halab.png", "PNG (*.png)");
  if (!path.isEmpty() && !exportCanvas(path)) QMessageBox::critical(this, "Export failed", path + ": cannot write");
}

} // namespace halab::gui
