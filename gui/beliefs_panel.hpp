// What the selected node believes next to the truth at the cursor: its membership view and
// ring, its quorum, who it thinks runs the service, whom it suspects — against who is really
// up and who really holds the IP.
#pragma once

#include "gui/run_model.hpp"

#include <QTextBrowser>

namespace halab::gui {

class BeliefsPanel : public QTextBrowser {
  Q_OBJECT

public:
  explicit BeliefsPanel(RunModel* model, QWidget* parent = nullptr);

private:
  void refresh();
  RunModel* model_;
};

} // namespace halab::gui
