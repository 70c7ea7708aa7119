#include "gui/beliefs_panel.hpp"

#include <algorithm>

namespace halab::gui {
namespace {
QString names(const std::vector<std::string>& list) {
  QString out;
  for (const auto& n : list) out += (out.isEmpty() ? "" : ", ") + QString::fromStdString(n);
  return out.isEmpty() ? "nobody" : out;
}
QString yes_no(bool b) { return b ? "yes" : "no"; }

// The live holders among the members of `node`'s service (run.start's "services"; every
// member in a trace that does not list them).
std::vector<std::string> service_holders(const TraceEvent& run_start, const RunState& s, const std::string& node) {
  std::vector<std::string> peers;
  for (const auto& svc : run_start.value("services", TraceEvent::array())) {
    auto members = svc.value("members", std::vector<std::string>{});
    if (std::find(members.begin(), members.end(), node) != members.end()) peers = members;
  }
  std::vector<std::string> holders;
  for (const auto& [host, n] : s.nodes)
    if (n.member && n.up && n.holds_ip && (peers.empty() || std::find(peers.begin(), peers.end(), host) != peers.end()))
      holders.push_back(host);
  return holders;
}

// What a tier process believes of the servers it calls (its pool: passive skips, active
// checks), each beside the truth; empty for a node that calls no tier.
QString pool_view(const TraceEvent& run_start, const RunState& s, const NodeState& n) {
  if (n.tier.empty() || !run_start.contains("tiers") || !run_start["tiers"].is_array()) return {};
  const TraceEvent& tiers = run_start["tiers"];
  const TraceEvent* callee = nullptr;
  std::string calls;
  for (const auto& t : tiers)
    if (t.value("name", "") == n.tier) calls = t.value("calls", "");
  for (const auto& t : tiers)
    if (!calls.empty() && t.value("name", "") == calls) callee = &t;
  if (!callee || !callee->contains("hosts")) return {};
  QString rows;
  for (const auto& h : (*callee)["hosts"]) {
    const std::string server = h.get<std::string>();
    QString belief = "up";
    if (n.checked_down.count(server)) belief = "down (active checks)";
    else if (auto it = n.skipped_until.find(server); it != n.skipped_until.end() && s.t < it->second)
      belief = QStringLiteral("skipped until %1 s (failed)").arg(it->second, 0, 'f', 0);
    auto truth_it = s.nodes.find(server);
    const NodeState truth = truth_it == s.nodes.end() ? NodeState() : truth_it->second;
    const QString actual = !truth.up ? "down" : truth.paused ? "paused" : truth.hung ? "hung"
                           : !truth.tier_stop.empty() ? QString::fromStdString(truth.tier_stop) : "up";
    const bool differs = (belief == "up") != (actual == "up");
    rows += QStringLiteral("<tr><td>%1</td><td>%2</td><td%3>%4</td></tr>")
                .arg(QString::fromStdString(server).toHtmlEscaped(), belief,
                     differs ? QStringLiteral(" style='color:#D55E00'") : QString(), actual);
  }
  return QStringLiteral("<p>its pool of <b>%1</b>:</p><table cellspacing='4'><tr><th align='left'>server</th>"
                        "<th align='left'>it believes</th><th align='left'>truth</th></tr>%2</table>")
      .arg(QString::fromStdString(calls).toHtmlEscaped(), rows);
}
} // namespace

BeliefsPanel::BeliefsPanel(RunModel* model, QWidget* parent) : QTextBrowser(parent), model_(model) {
  setMinimumWidth(260);
  connect(model_, &RunModel::cursorChanged, this, &BeliefsPanel::refresh);
  connect(model_, &RunModel::selectionChanged, this, &BeliefsPanel::refresh);
  refresh();
}

void BeliefsPanel::refresh() {
  const RunState& s = model_->state();
  std::vector<std::string> up, holders;
  for (const auto& [host, n] : s.nodes) {
    if (!n.member) continue;
    if (n.up) up.push_back(host);
    if (n.up && n.holds_ip) holders.push_back(host);
  }
  // A run of membership-only services (memberlist) has no IP to hold.
  const auto services = model_->runStart().value("services", TraceEvent::array());
  const bool ip = services.empty() || std::any_of(services.begin(), services.end(), [](const TraceEvent& svc) {
                    return svc.contains("vip");
                  });
  QString html = QStringLiteral("<h3>Truth at %1 s</h3><p>members up: %2").arg(s.t, 0, 'f', 3).arg(names(up));
  html += ip ? QStringLiteral("<br>IP held by: <b>%1</b></p>").arg(names(holders)) : QStringLiteral("</p>");
  const QString node = model_->selectedNode();
  auto it = s.nodes.find(node.toStdString());
  if (node.isEmpty() || it == s.nodes.end()) {
    setHtml(html + "<p><i>Click a node to see what it believes.</i></p>");
    return;
  }
  const NodeState& n = it->second;
  html += QStringLiteral("<h3>%1 believes</h3>").arg(node.toHtmlEscaped());
  if (!n.up) {
    setHtml(html + "<p>Nothing: it is not running.</p>");
    return;
  }
  if (n.ensemble)
    html += QStringLiteral("<p>A server of the ZooKeeper ensemble: it keeps the group's sessions (its role is "
                           "not traced).</p>");
  else if (n.gossip)
    html += QStringLiteral("<p>Its view of each member is not traced (only how many hold each "
                           "member suspect or dead). The others hold it: <b>%1</b></p>")
                .arg(n.held.empty() ? QStringLiteral("alive") : QString::fromStdString(n.held));
  else if (n.member)
    html += QStringLiteral("<p>it holds the IP: %1<br>it suspects: %2</p>")
                .arg(yes_no(n.holds_ip), names(std::vector<std::string>(n.suspects.begin(), n.suspects.end())));
  html += pool_view(model_->runStart(), s, n);
  if (!n.cache_role.empty()) html += QStringLiteral("<p>Redis role: <b>%1</b></p>").arg(QString::fromStdString(n.cache_role).toHtmlEscaped());
  if (const auto& v = n.sentinel) {
    // The truth: the live instances that say they are the master.
    std::vector<std::string> masters;
    for (const auto& [host, other] : s.nodes)
      if (other.up && other.cache_role == "master") masters.push_back(host);
    const bool wrong = masters.size() != 1 || masters[0] != v->master;
    html += QStringLiteral("<p>Sentinel: the master is <b>%1</b>%2<br>subjectively down: %3<br>objectively down: %4<br>"
                           "epoch %5; last decision: %6</p>")
                .arg(QString::fromStdString(v->master).toHtmlEscaped(),
                     wrong ? QStringLiteral(" <span style='color:#D55E00'>(live masters: %1)</span>").arg(names(masters))
                           : QString(),
                     yes_no(v->sdown), yes_no(v->odown), QString::number(v->epoch),
                     v->last_event.empty() ? QStringLiteral("none") : QString::fromStdString(v->last_event).toHtmlEscaped());
  }
  if (!n.vrrp_state.empty())
    html += QStringLiteral("<p>VRRP state: <b>%1</b><br>effective priority: %2</p>")
                .arg(QString::fromStdString(n.vrrp_state))
                .arg(n.vrrp_priority);
  std::vector<std::string> running;
  for (const auto& [rsc, promoted] : s.crm.resources_on(node.toStdString()))
    running.push_back(promoted ? rsc + " (promoted)" : rsc);
  if (!running.empty()) html += QStringLiteral("<p>resources running here: %1</p>").arg(names(running));
  if (n.belief) {
    const TraceEvent& b = *n.belief;
    const std::vector<std::string> service_ip_holders = service_holders(model_->runStart(), s, node.toStdString());
    std::vector<std::string> members = b["members"].get<std::vector<std::string>>();
    html += QStringLiteral("<p>membership (ring %1): %2<br>quorate: <b>%3</b>%4<br>coordinator (DC): %5<br>"
                           "service runs on: <b>%6</b>%7</p>")
                .arg(QString::number(b["ring"].get<std::uint64_t>()), names(members), yes_no(b["quorate"].get<bool>()),
                     b.contains("votes") ? QStringLiteral(" (%1 of %2 votes, quorum %3)")
                                               .arg(b["votes"].get<unsigned>())
                                               .arg(b["expected_votes"].get<unsigned>())
                                               .arg(b["quorum"].get<unsigned>())
                                         : QString(),
                     yes_no(b["dc"].get<bool>()),
                     b["holder"].is_null() ? QStringLiteral("nobody") : QString::fromStdString(b["holder"].get<std::string>()),
                     b["blocked"].get<std::string>().empty()
                         ? QString()
                         : QStringLiteral("<br>blocked: %1").arg(QString::fromStdString(b["blocked"].get<std::string>())));
    bool wrong = (b["holder"].is_null() ? std::string() : b["holder"].get<std::string>()) !=
                 (service_ip_holders.size() == 1 ? service_ip_holders[0] : std::string());
    if (wrong || service_ip_holders.size() > 1)
      html += "<p style='color:#D55E00'><b>Its belief differs from the truth.</b></p>";
  }
  setHtml(html);
}

} // namespace halab::gui
