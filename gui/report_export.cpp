#include "gui/report_export.hpp"

#include "sim/cli/report.hpp"
#include "sim/metrics/summary.hpp"

#include <QBuffer>
#include <QFile>
#include <QPainter>
#include <QSvgGenerator>
#include <QWidget>

namespace halab::gui {

bool export_svg(QWidget* canvas, const QString& path, QString* error) {
  QSvgGenerator svg;
  svg.setFileName(path);
  svg.setSize(canvas->size());
  svg.setViewBox(QRect(QPoint(0, 0), canvas->size()));
  svg.setTitle("halab");
  QPainter painter;
  if (!painter.begin(&svg)) {
    *error = path + ": cannot write";
    return false;
  }
  canvas->render(&painter);
  painter.end();
  return true;
}

bool export_html_report(const RunModel& model, QWidget* canvas, const QString& path, QString* error) {
  Summary summary = summarize(model.replay().events());
  QByteArray png;
  QBuffer buffer(&png);
  buffer.open(QIODevice::WriteOnly);
  canvas->grab().save(&buffer, "PNG");
  QString text = QString::fromStdString(format_run_report(summary, 0, {})).toHtmlEscaped();
  QString html = QStringLiteral(
                     "<!DOCTYPE html><html><head><meta charset='utf-8'><title>halab: %1</title></head><body>"
                     "<h1>%1</h1><pre>%2</pre><h2>At %3 s</h2><img alt='the cluster at %3 s' src='data:image/png;base64,%4'>"
                     "</body></html>")
                     .arg(QString::fromStdString(summary.scenario).toHtmlEscaped(), text)
                     .arg(model.cursor(), 0, 'f', 3)
                     .arg(QString::fromLatin1(png.toBase64()));
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly)) {
    *error = path + ": cannot write";
    return false;
  }
  file.write(html.toUtf8());
  return true;
}

} // namespace halab::gui
