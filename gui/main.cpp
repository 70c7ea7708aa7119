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

#include <cstdlib>
#include <iostream>
#include <string_view>

namespace {

struct Options {
  QCommandLineOption at{QStringLiteral("at"), "move the cursor to this simulated time", "seconds"};
  QCommandLineOption select{QStringLiteral("select"), "select this node", "node"};
  QCommandLineOption shot{QStringLiteral("screenshot"), "save the window to this PNG and exit", "file"};
  QCommandLineOption halab{QStringLiteral("halab"), "the halab program used to run scenarios", "path"};
};

// The halab program beside this one (installed together), else where the build puts it.
QString default_halab() {
  const QDir here(QCoreApplication::applicationDirPath());
  const QString beside = here.filePath("halab");
  return QFileInfo(beside).isExecutable() ? beside : here.filePath("../sim/halab");
}

void describe(QCommandLineParser& cli, Options& o) {
  cli.setApplicationDescription("Watch, replay and drive a halab failover run");
  cli.addHelpOption();
  cli.addPositionalArgument("file", "a trace (.jsonl) to open or a scenario (.json) to run");
  o.halab.setDefaultValue(default_halab());
  cli.addOptions({o.at, o.select, o.shot, o.halab});
}

bool wants_help(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (a == "--help" || a == "-h" || a == "-?" || a == "--help-all") return true;
  }
  return false;
}

// Whether Qt has a display to open windows on (an X or Wayland session, or a platform set).
bool has_display() {
  for (const char* var : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}) {
    const char* v = std::getenv(var);
    if (v && *v) return true;
  }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  if (wants_help(argc, argv)) {  // no window needed, so no display either
    QCoreApplication app(argc, argv);
    QCommandLineParser cli;
    Options o;
    describe(cli, o);
    cli.process(app);  // prints the help and exits
    return 0;
  }
  if (!has_display()) {
    std::cerr << "halab-gui: no display: set DISPLAY, or QT_QPA_PLATFORM=offscreen with --screenshot\n";
    return 2;
  }
  QApplication app(argc, argv);
  QApplication::setApplicationName("halab-gui");
  QCommandLineParser cli;
  Options o;
  describe(cli, o);
  cli.process(app);
  const QCommandLineOption &at = o.at, &select = o.select, &shot = o.shot, &halab = o.halab;

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
