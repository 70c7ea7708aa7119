// halab-gui: the window that will show a run (topology, timeline, beliefs). For now it only
// opens; the trace viewer is planned work.
#include <QApplication>
#include <QLabel>
#include <QMainWindow>

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QMainWindow window;
  window.setWindowTitle("halab");
  auto* label = new QLabel("halab: the trace viewer is not built yet.\nRun scenarios with the halab command.");
  label->setAlignment(Qt::AlignCenter);
  window.setCentralWidget(label);
  window.resize(1280, 800);
  window.show();
  return QApplication::exec();
}
