// Exports of what the GUI shows: the canvas as SVG (vector, for slides and papers) and the
// run as a self-contained HTML report (the text report of `halab run`, with the verdict, and
// the canvas at the cursor).
#pragma once

#include "gui/run_model.hpp"

#include <QString>

class QWidget;

namespace halab::gui {

bool export_svg(QWidget* canvas, const QString& path, QString* error);
bool export_html_report(const RunModel& model, QWidget* canvas, const QString& path, QString* error);

} // namespace halab::gui
