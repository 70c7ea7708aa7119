// halab-gui: watch, replay and drive a failover. It reads traces (`halab run … --trace`) and
// runs scenarios in a worker process; it holds no simulation logic.
//
//   halab-gui [TRACE.jsonl | SCENARIO.json] [--at SECONDS] [--select NODE] [--screenshot OUT.png]
#include "gui/main_window.hpp"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QMessageBox>

#include <iostream>

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setApplicationName("halab-gui");
  QCommandLineParser cli;
  cli.setApplicationDescription("Watch, replay and drive a halab failover run");
  cli.addHelpOption();
  cli.addPositionalArgument("file", "a trace (.jsonl) to open or a scenario (.json) to run");
  QCommandLineOption at(QStringLiteral("at"), "move the cursor to this simulated time", "seconds");
  QCommandLineOption select(QStringLiteral("select"), "select this node", "node");
  QCommandLineOption shot(QStringLiteral("screenshot"), "save the window to this PNG and exit", "file");
  QCommandLineOption halab(QStringLiteral("halab"), "the halab program used to run scenarios", "path",
                           QDir(QCoreApplication::applicationDirPath()).filePath("../sim/halab"));
  cli.addOptions({at, select, shot, halab});
  cli.process(app);

  halab::gui::RunModel model;
  halab::gui::MainWindow window(&model, cli.value(halab));
  QStringList files = cli.positionalArguments();
  if (!files.isEmpty()) {
    const QString file = files.front();
    if (file.endsWith(".json")) {
      QEventLoop wait;
      int exit_code = 0;
      QObject::connect(&model, &halab::gui::RunModel::runFinished, &wait, [&](int code) {
        exit_code = code;
        wait.quit();
      });
      model.runScenario(file, cli.value(halab));
      wait.exec();
      // 1 is a run that missed its expectations: still a run to show. 2 and above: no run.
      if (exit_code >= 2) {
        const QString errors = model.workerErrors().trimmed();
        std::cerr << errors.toStdString() << '\n';
        if (cli.isSet(shot)) return exit_code == halab::gui::RunModel::kWorkerDidNotStart ? 2 : exit_code;
        QMessageBox::critical(&window, "Cannot run the scenario", errors);
      }
    } else {
      QString error;
      if (!model.loadTraceFile(file, &error)) {
        std::cerr << error.toStdString() << '\n';
        if (cli.isSet(shot)) return 2;
        QMessageBox::critical(&window, "Cannot open the trace", error);
      }
    }
  }
  if (cli.isSet(at)) model.setCursor(cli.value(at).toDouble());
  if (cli.isSet(select)) model.setSelectedNode(cli.value(select));
  window.show();
  if (cli.isSet(shot)) {
    QCoreApplication::processEvents();
    return window.grab().save(cli.value(shot)) ? 0 : 1;
  }
  return QApplication::exec();
}
