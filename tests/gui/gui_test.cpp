// Offscreen GUI tests: the window is rendered for real runs (traces produced by the halab
// program) and the pictures are checked for what must, and must not, be drawn.
#include "gui/beliefs_panel.hpp"
#include "gui/main_window.hpp"
#include "gui/palette.hpp"
#include "gui/rate_chart.hpp"
#include "gui/tier_chart.hpp"
#include "gui/timeline_widget.hpp"
#include "gui/topology_view.hpp"
#include "gui/what_if.hpp"

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace halab::gui {

class GuiTest : public QObject {
  Q_OBJECT

private:
  QTemporaryDir dir_;

  // Runs a scenario with the halab program and returns the path of its trace.
  QString trace(const QString& scenario) {
    QString out = dir_.filePath(scenario + ".jsonl");
    QProcess halab;
    halab.start(HALAB_PROGRAM, {"run", QString(HALAB_SCENARIOS) + "/" + scenario + ".json", "--trace", out});
    halab.waitForFinished(60000);
    return out;
  }

  static int countColor(const QImage& image, const QRect& area, const QColor& color) {
    int n = 0;
    for (int y = area.top(); y <= area.bottom(); ++y)
      for (int x = area.left(); x <= area.right(); ++x)
        if (image.pixelColor(x, y) == color) ++n;
    return n;
  }

  // The canvas as drawn, and its banner strip.
  static QImage canvas(MainWindow& window) { return window.topology()->grab().toImage(); }
  static QRect banner(const QImage& image) { return QRect(0, 0, image.width(), 48); }

  // The canvas at time t as SVG text (what it writes, node labels included).
  QString svgAt(RunModel& model, MainWindow& window, double t, const char* name) {
    model.setCursor(t);
    QString svg = dir_.filePath(QStringLiteral("%1-%2.svg").arg(name).arg(t));
    QString err;
    if (!window.exportTo(svg, &err)) return QString("export failed: ") + err;
    QFile file(svg);
    file.open(QIODevice::ReadOnly);
    return QString::fromUtf8(file.readAll());
  }

private slots:
  void splitBrainIsHighlightedWhileTwoNodesHoldTheIp() {
    RunModel model;
    MainWindow window(&model, HALAB_PROGRAM);
    QString error;
    QVERIFY2(model.loadTraceFile(trace("qf-1-no-quorum-no-fencing"), &error), qPrintable(error));
    window.show();

    model.setCursor(10);  // before the partition: one holder
    QImage before = canvas(window);
    QCOMPARE(countColor(before, banner(before), colors::alarm), 0);

    model.setCursor(30);  // both hold the IP, both write: the storage box turns to the alarm colour
    QImage during = canvas(window);
    QVERIFY(countColor(during, banner(during), colors::alarm) > 5000);
    QVERIFY(model.state().corrupted_writes > 0);
    QRect storage(during.width() - 250, during.height() - 70, 230, 54);
    QVERIFY(countColor(during, storage, colors::alarm) > 5000);
    QCOMPARE(countColor(before, storage, colors::alarm), 0);
    QVERIFY(window.exportCanvas(QString(HALAB_SCREENSHOTS) + "/split-brain.png"));
  }

  void fencingLeavesOneHolderAndNoHighlight() {
    RunModel model;
    MainWindow window(&model, HALAB_PROGRAM);
    QString error;
    QVERIFY2(model.loadTraceFile(trace("qf-2a-stonith-static-delay"), &error), qPrintable(error));
    window.show();
    model.setCursor(35);
    QImage after = canvas(window);
    QCOMPARE(countColor(after, banner(after), colors::alarm), 0);
    // n2 was fenced: drawn black, with the word FENCED under it.
    QPointF n2 = window.topology()->hostPosition("n2");
    QVERIFY(!n2.isNull());
    QCOMPARE(after.pixelColor(n2.toPoint() + QPoint(-14, 0)), colors::fenced);
    QVERIFY(window.exportCanvas(QString(HALAB_SCREENSHOTS) + "/fenced.png"));
    // SVG and HTML exports carry what the canvas shows and what the run summary says.
    QString svg = dir_.filePath("fenced.svg"), html = dir_.filePath("report.html");
    QVERIFY2(window.exportTo(svg, &error), qPrintable(error));
    QVERIFY2(window.exportTo(html, &error), qPrintable(error));
    QFile svg_file(svg), html_file(html);
    QVERIFY(svg_file.open(QIODevice::ReadOnly) && html_file.open(QIODevice::ReadOnly));
    QByteArray svg_text = svg_file.readAll(), html_text = html_file.readAll();
    QVERIFY(svg_text.contains("<svg") && svg_text.contains("FENCED"));
    QVERIFY(html_text.contains("fenced: n2 at") && html_text.contains("data:image/png;base64,"));
  }

  // Under the CRM each node shows the resources it runs, promoted instances starred:
  // the promoted database moves from n1 to n2 when n1 is lost.
  void crmResourcesAreDrawnUnderTheirNodes() {
    RunModel model;
    MainWindow window(&model, HALAB_PROGRAM);
    QString error;
    QVERIFY2(model.loadTraceFile(trace("crm-08-promotable-db"), &error), qPrintable(error));
    window.show();
    auto drawn = [&](double t) { return svgAt(model, window, t, "crm"); };
    const QString before = drawn(30), after = drawn(80);
    QVERIFY2(before.contains(QStringLiteral("db-ip pg★")), qPrintable(before.left(300)));  // on n1
    QVERIFY(!before.contains(QStringLiteral("pg★ ")));
    QVERIFY2(after.contains(QStringLiteral("db-ip pg★")), qPrintable(after.left(300)));  // now on n2
    QCOMPARE(model.state().crm.resources_on("n2"), (std::vector<std::pair<std::string, bool>>{{"db-ip", false}, {"pg", true}}));
    QVERIFY(model.state().crm.resources_on("n1").empty());
    QVERIFY(window.exportCanvas(QString(HALAB_SCREENSHOTS) + "/crm-promoted.png"));
  }

  // keepalived: each member shows its VRRP state and effective priority; a tracked check
  // lowers n1's priority and n2 preempts it.
  void vrrpStatesAreDrawnUnderTheMembers() {
    RunModel model;
    MainWindow window(&model, HALAB_PROGRAM);
    QString error;
    QVERIFY2(model.loadTraceFile(trace("ap-track-script"), &error), qPrintable(error));
    window.show();
    auto drawn = [&](double t) { return svgAt(model, window, t, "vrrp"); };
    const QString before = drawn(10), during = drawn(30);
    QVERIFY2(before.contains("master 200") && before.contains("backup 100"), qPrintable(before.left(400)));
    QVERIFY2(during.contains("backup 80") && during.contains("master 100"), qPrintable(during.left(400)));
    model.setCursor(30);
    QVERIFY(window.exportCanvas(QString(HALAB_SCREENSHOTS) + "/vrrp-preempted.png"));
  }

  // The request path: each tier's hosts are drawn with their tier, and its faults.
  void tiersAreDrawnWithTheirFaults() {
    RunModel model;
    MainWindow window(&model, HALAB_PROGRAM);
    QString error;
    QVERIFY2(model.loadTraceFile(trace("stack-service-overload"), &error), qPrintable(error));
    window.show();
    auto drawn = [&](double t) { return svgAt(model, window, t, "stack"); };
    const QString before = drawn(10), during = drawn(25);
    // a node's state label, after its name where the name does not fit inside the node
    auto labelled = [](const QString& svg, const QString& label) {
      return svg.contains(">" + label + "<") || svg.contains(QStringLiteral(" \u00b7 ") + label + "<");
    };
    QVERIFY2(labelled(before, "web") && labelled(before, "service") && labelled(before, "backend"), qPrintable(before.left(600)));
    QVERIFY2(!before.contains("slow \u00d7"), qPrintable(before.left(600)));
    QVERIFY2(labelled(during, "service \u00b7 slow \u00d750"), qPrintable(during.left(600)));
    model.setCursor(25);
    QVERIFY(window.exportCanvas(QString(HALAB_SCREENSHOTS) + "/stack-overload.png"));
  }

  // The stack reads top-down, tier by tier; a proxy's pool shows what it believes of each
  // web server beside the truth.
  void stackIsDrawnTierByTierWithPoolBeliefs() {
    RunModel model;
    MainWindow window(&model, HALAB_PROGRAM);
    QString error;
    QVERIFY2(model.loadTraceFile(trace("stack-web-crash"), &error), qPrintable(error));
    window.show();
    const TopologyView* view = window.topology();
    double last_y = -1;
    for (const char* h : {"c1", "lb1", "web1", "svc1", "db1"}) {
      const QPointF pos = view->hostPosition(h);
      QVERIFY2(pos.y() > last_y && pos.y() < view->height(), h);
      last_y = pos.y();
    }
    QCOMPARE(view->hostPosition("web1").y(), view->hostPosition("web3").y());  // one tier, one row
    model.setSelectedNode("lb1");
    model.setCursor(25);  // web1 crashed at 20 s; the first request to time out on it marked it failed
    const QString beliefs = window.beliefs()->toPlainText().simplified();  // table cells one space apart
    QVERIFY2(beliefs.contains("its pool of web") && beliefs.contains("web1 skipped until 32 s (failed) down") &&
                 beliefs.contains("web2 up up"),
             qPrintable(beliefs));
    model.setCursor(33);  // fail_timeout over: nginx would probe it again
    QVERIFY2(window.beliefs()->toPlainText().simplified().contains("web1 up down"),
             qPrintable(window.beliefs()->toPlainText()));
    QVERIFY(window.exportCanvas(QString(HALAB_SCREENSHOTS) + "/stack-tiers.png"));
  }

  // Six bands of rows in a short canvas: the drawing is scaled down, not cut off — every
  // host is inside the view with room for its label, and drawn there.
  void aTallStackFitsAShortCanvas() {
    RunModel model;
    MainWindow window(&model, HALAB_PROGRAM);
    QString error;
    QVERIFY2(model.loadTraceFile(trace("stack-cache-sentinel-min-replicas"), &error), qPrintable(error));
    window.resize(1280, 800);
    window.show();
    model.setCursor(40);
    TopologyView* view = window.topology();
    const QImage image = view->grab().toImage();
    for (const char* h : {"c1", "lb1", "app1", "redis1", "db1", "s1", "s3"}) {
      const QPointF pos = view->hostPosition(h);
      QVERIFY2(!pos.isNull() && pos.y() + 30 < view->height(), h);  // the node and its label's line
      QVERIFY2(image.pixelColor(pos.toPoint()) != QColor(Qt::white), h);
    }
    QVERIFY(window.exportCanvas(QString(HALAB_SCREENSHOTS) + "/tall-stack-short-canvas.png"));
  }

  // memberlist members: no IP and no heartbeat lines; each labelled with what the others
  // hold it, the cut members held dead once the other side declared them.
  void memberlistMembersShowWhatTheOthersHoldThem() {
    RunModel model;
    MainWindow window(&model, HALAB_PROGRAM);
    QString error;
    QVERIFY2(model.loadTraceFile(trace("memberlist-crash-and-cut"), &error), qPrintable(error));
    window.show();
    auto drawn = [&](double t) { return svgAt(model, window, t, "memberlist"); };
    const QString before = drawn(100), cut = drawn(330);
    QVERIFY2(before.contains(">member<") && !before.contains("standby") && !before.contains("held dead"),
             qPrintable(before.left(600)));
    QVERIFY2(cut.contains("member \u00b7 held dead") || cut.contains("member \u00b7 dead to all"), qPrintable(cut.left(600)));
    QVERIFY(model.state().nodes.at("m1").held == "held dead");  // by the other side, since ~305 s
    QVERIFY(!window.findChild<RateChart*>()->isVisible());         // no clients, no requests to chart
    QVERIFY(!model.state().nodes.at("m12").up);
    model.setSelectedNode("m1");
    const QString beliefs = window.beliefs()->toPlainText().simplified();
    QVERIFY2(!beliefs.contains("IP held by") && beliefs.contains("The others hold it: held dead"), qPrintable(beliefs));
    QVERIFY(window.exportCanvas(QString(HALAB_SCREENSHOTS) + "/memberlist-cut.png"));
  }

  // A registry's clients are labelled as memberlist's members; its servers as servers, with
  // no heartbeat lines between them. c1 and c2, cut off, are held dead once the ensemble has
  // expired their sessions — not dead to all: each one's own view, cut off, still holds
  // the other; c9 (crashed) is down.
  void zookeeperClientsAndServersAreTold() {
    RunModel model;
    MainWindow window(&model, HALAB_PROGRAM);
    QString error;
    QVERIFY2(model.loadTraceFile(trace("zookeeper-crash-and-cut"), &error), qPrintable(error));
    window.show();
    auto drawn = [&](double t) { return svgAt(model, window, t, "zookeeper"); };
    const QString before = drawn(100), cut = drawn(330);
    QVERIFY2(before.contains(">member<") && before.contains(">zookeeper server<") && !before.contains("standby") &&
                 !before.contains("primary"),
             qPrintable(before.left(600)));
    QVERIFY2(cut.contains("member \u00b7 held dead"), qPrintable(cut.left(600)));
    QVERIFY(model.state().nodes.at("c1").held == "held dead");
    QVERIFY(model.state().nodes.at("z3").ensemble);
    QVERIFY(model.state().nodes.at("z1").ensemble);  // restarted at 260 s: still a server
    QVERIFY(!model.state().nodes.at("c9").up);
    model.setSelectedNode("z3");
    QVERIFY2(window.beliefs()->toPlainText().contains("A server of the ZooKeeper ensemble"),
             qPrintable(window.beliefs()->toPlainText()));
    QVERIFY(window.exportCanvas(QString(HALAB_SCREENSHOTS) + "/zookeeper-cut.png"));
  }

  // A Sentinel's beliefs beside the truth: the master it knows while that master is dead,
  // then the promoted replica.
  void sentinelBeliefsFollowItsDecisions() {
    RunModel model;
    MainWindow window(&model, HALAB_PROGRAM);
    QString error;
    QVERIFY2(model.loadTraceFile(trace("stack-cache-sentinel-master-crash"), &error), qPrintable(error));
    window.show();
    model.setSelectedNode("s1");
    model.setCursor(22);  // redis1 died at 20 s; no PING has been unanswered for 5 s yet
    QString beliefs = window.beliefs()->toPlainText().simplified();
    QVERIFY2(beliefs.contains("the master is redis1 (live masters: nobody)") && beliefs.contains("subjectively down: no"),
             qPrintable(beliefs));
    model.setCursor(40);  // switched to the replica with the lowest replica-priority
    beliefs = window.beliefs()->toPlainText().simplified();
    QVERIFY2(beliefs.contains("the master is redis3 subjectively down: no") && beliefs.contains("epoch 1"), qPrintable(beliefs));
    model.setSelectedNode("redis2");
    QVERIFY2(window.beliefs()->toPlainText().contains("Redis role: replica of redis3"), qPrintable(window.beliefs()->toPlainText()));
    model.setSelectedNode("s1");
    model.setCursor(25.45);
    QVERIFY(window.exportCanvas(QString(HALAB_SCREENSHOTS) + "/sentinel-beliefs.png"));
  }

  // The per-tier chart: a strip per tier, failures where and when they happened.
  void tierChartShowsWhereFailuresBegan() {
    RunModel model;
    MainWindow window(&model, HALAB_PROGRAM);
    QString error;
    QVERIFY2(model.loadTraceFile(trace("stack-ledger-slow-unbuffered"), &error), qPrintable(error));
    window.show();
    TierChart* chart = window.tierChart();
    QVERIFY(chart->isVisible());
    QVERIFY(window.findChild<RateChart*>()->isVisible());  // the clients' requests
    QStringList names;
    for (const auto& s : chart->strips()) names << s.tier;
    QCOMPARE(names, (QStringList{"proxy", "web", "service", "ledger"}));
    auto failed = [&](std::size_t tier, int from_s, int to_s) {
      double n = 0;
      for (int b = from_s; b < to_s; ++b) n += chart->strips()[tier].failed[static_cast<std::size_t>(b)];
      return n;
    };
    QCOMPARE(failed(3, 0, 20), 0.0);
    QVERIFY(failed(3, 20, 41) > 500);  // the ledger refuses while it is slow
    QCOMPARE(failed(3, 45, 100), 0.0);
    const QImage image = chart->grab().toImage();
    const int plot_left = 72, plot_w = image.width() - plot_left - 12;
    auto x_at = [&](double t) { return plot_left + static_cast<int>(plot_w * t / model.replay().end_time()); };
    QVERIFY(countColor(image, QRect(QPoint(x_at(22), 18), QPoint(x_at(38), image.height() - 1)), colors::alarm) > 100);
    QCOMPARE(countColor(image, QRect(QPoint(x_at(5), 18), QPoint(x_at(18), image.height() - 1)), colors::alarm), 0);
    QVERIFY(countColor(image, QRect(QPoint(x_at(5), 18), QPoint(x_at(18), image.height() - 1)), colors::client) > 100);
    model.setCursor(30);
    QVERIFY(window.grab().save(QString(HALAB_SCREENSHOTS) + "/stack-tier-chart.png"));
  }

  // Corosync timing: Totem's token is drawn on the node it last reached while it goes
  // round; after the partition cuts the ring of n1 alone, n1 shows none.
  void tokenIsDrawnWhileTheRingTurns() {
    RunModel model;
    MainWindow window(&model, HALAB_PROGRAM);
    QString error;
    QVERIFY2(model.loadTraceFile(trace("qf-4-five-nodes-2-3"), &error), qPrintable(error));
    window.show();
    model.setCursor(15);
    const QImage before = canvas(window);
    int token = 0;
    for (const char* h : {"n1", "n2", "n3", "n4", "n5"}) {
      QPointF pos = window.topology()->hostPosition(h);
      QRect badge(QPointF(pos.x() - 56, pos.y() - 9).toPoint(), QSize(28, 18));
      token += countColor(before, badge, colors::token);
    }
    QVERIFY2(token > 100, qPrintable(QString::number(token)));
    QVERIFY(!model.state().token_node.empty());
    QVERIFY(window.exportCanvas(QString(HALAB_SCREENSHOTS) + "/token.png"));
  }

  void keyboardStepsAndPlays() {
    RunModel model;
    MainWindow window(&model, HALAB_PROGRAM);
    QString error;
    QVERIFY2(model.loadTraceFile(trace("ap-crash-failover"), &error), qPrintable(error));
    window.show();
    TimelineWidget* timeline = window.timeline();
    timeline->setFocus();
    model.setCursor(15);
    QTest::keyClick(timeline, Qt::Key_Right);  // next marked event: the crash at 20 s
    QCOMPARE(model.cursor(), 20.0);
    QTest::keyClick(timeline, Qt::Key_Right);  // then the IP moves
    QVERIFY(model.cursor() > 20.0 && model.cursor() < 24.0);
    QTest::keyClick(timeline, Qt::Key_Left);
    QCOMPARE(model.cursor(), 20.0);
    double before = model.cursor();
    QTest::keyClick(timeline, Qt::Key_Plus);
    QCOMPARE(timeline->speed(), 2.0);
    QTest::keyClick(timeline, Qt::Key_Space);
    QVERIFY(timeline->playing());
    QTRY_VERIFY_WITH_TIMEOUT(model.cursor() > before, 10000);  // a loaded machine ticks late
    QTest::keyClick(timeline, Qt::Key_Space);
    QVERIFY(!timeline->playing());
  }

  void clickingANodeSelectsIt() {
    RunModel model;
    MainWindow window(&model, HALAB_PROGRAM);
    QString error;
    QVERIFY(model.loadTraceFile(trace("ap-crash-failover"), &error));
    window.show();
    QPointF n2 = window.topology()->hostPosition("n2");
    QTest::mouseClick(window.topology(), Qt::LeftButton, {}, n2.toPoint());
    QCOMPARE(model.selectedNode(), QString("n2"));
  }

  void corruptTraceNamesTheLine() {
    QString path = dir_.filePath("bad.jsonl");
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"t\":0,\"ev\":\"run.start\",\"hosts\":[\"n1\"],\"members\":[]}\n{\"t\":1,\"ev\":\n");
    file.close();
    RunModel model;
    QString error;
    QVERIFY(!model.loadTraceFile(path, &error));
    QVERIFY2(error.contains("line 2"), qPrintable(error));
    QVERIFY(model.replay().events().empty());
  }

  void whatIfBranchMatchesTheOriginalUntilTheFaultThenDiverges() {
    RunModel model;
    MainWindow window(&model, HALAB_PROGRAM);
    QSignalSpy original(&model, &RunModel::runFinished);
    model.runScenario(QString(HALAB_SCENARIOS) + "/ap-crash-failover.json", HALAB_PROGRAM);
    QVERIFY(original.wait(60000));
    window.show();
    // After the failover n2 serves; what if n2 crashed too, at 30 s?
    model.setCursor(30);
    QSignalSpy branch_done(window.branch(), &RunModel::runFinished);
    QString error;
    QVERIFY2(window.startWhatIf(crash_fault("n2", model.cursor()), &error), qPrintable(error));
    QVERIFY(branch_done.wait(60000));
    QCOMPARE(branch_done.front().front().toInt(), 0);
    const TraceReplay& a = model.replay();
    const TraceReplay& b = window.branch()->replay();
    // Identical up to the branch point (same scenario and seed), but for the run's name...
    std::size_t common = a.count_until(29.999);
    QCOMPARE(b.count_until(29.999), common);
    for (std::size_t i = 1; i < common; ++i) QCOMPARE(b.events()[i].dump(), a.events()[i].dump());
    // ...and different after it: the original still has a holder, the branch none.
    QCOMPARE(a.at(40).ip_holders(), std::size_t{1});
    QCOMPARE(b.at(40).ip_holders(), std::size_t{0});
    // The branch follows the cursor.
    model.setCursor(45);
    QCOMPARE(window.branch()->cursor(), 45.0);
    QVERIFY(window.branchTopology()->isVisible());
    QVERIFY(window.grab().save(QString(HALAB_SCREENSHOTS) + "/what-if.png"));
  }

  // Under the CRM a what-if can break a resource agent: the branch restarts the resource.
  void whatIfAgentFailureUnderTheCrm() {
    RunModel model;
    MainWindow window(&model, HALAB_PROGRAM);
    QSignalSpy original(&model, &RunModel::runFinished);
    model.runScenario(QString(HALAB_SCENARIOS) + "/crm-01-active-passive.json", HALAB_PROGRAM);
    QVERIFY(original.wait(60000));
    model.setCursor(20);
    QCOMPARE(model.state().crm.resources_on("n1").size(), std::size_t{2});  // svc1-app, svc1-ip
    QSignalSpy branch_done(window.branch(), &RunModel::runFinished);
    QString error;
    QVERIFY2(window.startWhatIf(agent_fault("n1", "svc1-app", model.cursor()), &error), qPrintable(error));
    QVERIFY(branch_done.wait(60000));
    QCOMPARE(branch_done.front().front().toInt(), 0);
    bool monitor_failed = false;
    for (const auto& e : window.branch()->replay().events()) monitor_failed = monitor_failed || e["ev"] == "crm.monitor";
    QVERIFY(monitor_failed);
  }

  void whatIfNeedsAScenario() {
    RunModel model;
    MainWindow window(&model, HALAB_PROGRAM);
    QString error;
    QVERIFY(model.loadTraceFile(trace("ap-crash-failover"), &error));
    QVERIFY(!window.startWhatIf(crash_fault("n2", 30), &error));
    QVERIFY(error.contains("scenario"));
  }

  // Malformed traces are refused with the line and the key, never an abort or a hang.
  void malformedTracesAreRefusedWithTheLineAndKey() {
    const QList<QPair<QString, QString>> cases{
        {"member-without-host", "line 1: not a valid trace event: /members: expected an array of {\"host\""},
        {"members-not-objects", "line 1: not a valid trace event: /members"},
        {"negative-time", "line 1: not a valid trace event: /t: expected a time from 0 to 400 days"},
        {"number-overflow", "line 2: not valid JSON ([json.exception.out_of_range.406]"},
        {"partition-groups-null", "line 2: not a valid trace event: /groups: expected an array of arrays of host names, found null"},
        {"request-sent-string", "line 2: not a valid trace event: /sent: expected a finite number, found \"x\""},
        {"time-1e15", "line 2: not a valid trace event: /t: expected a time from 0 to 400 days"},
        {"time-1e300", "line 2: not a valid trace event: /t: expected a time from 0 to 400 days"}};
    for (const auto& [file, expected] : cases) {
      RunModel model;
      QString error;
      QVERIFY2(!model.loadTraceFile(QString(HALAB_BAD_TRACES) + "/" + file + ".jsonl", &error), qPrintable(file));
      QVERIFY2(error.contains(expected), qPrintable(error));
      QVERIFY(model.replay().events().empty());
    }
  }

  // A scenario the worker refuses: its errors reach the user, and the run ends.
  void invalidScenarioReportsTheWorkersErrors() {
    RunModel model;
    QSignalSpy finished(&model, &RunModel::runFinished);
    const QString bad = dir_.filePath("bad.json");
    QFile file(bad);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"version\": 1}");
    file.close();
    model.runScenario(bad, HALAB_PROGRAM);
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.front().front().toInt(), 2);
    QVERIFY2(model.workerErrors().contains(bad + ": /duration: expected a value"), qPrintable(model.workerErrors()));
  }

  // A halab program that does not exist: the run ends at once with the reason.
  void missingHalabProgramEndsTheRun() {
    RunModel model;
    QSignalSpy finished(&model, &RunModel::runFinished);
    model.runScenario(QString(HALAB_SCENARIOS) + "/ap-crash-failover.json", "/nonexistent/halab");
    QVERIFY(finished.count() == 1 || finished.wait(10000));
    QCOMPARE(finished.front().front().toInt(), RunModel::kWorkerDidNotStart);
    QVERIFY2(model.workerErrors().contains("ap-crash-failover.json: cannot start /nonexistent/halab"),
             qPrintable(model.workerErrors()));
  }

  void scenarioRunsInAWorkerProcessAndStreams() {
    RunModel model;
    QSignalSpy finished(&model, &RunModel::runFinished);
    QSignalSpy appended(&model, &RunModel::eventsAppended);
    model.runScenario(QString(HALAB_SCENARIOS) + "/ap-crash-failover.json", HALAB_PROGRAM);
    QVERIFY(finished.wait(60000));
    QVERIFY(appended.count() >= 1);
    QVERIFY(model.replay().events().size() > 1000);
    QCOMPARE(model.replay().events().back()["ev"].get<std::string>(), std::string("run.end"));
  }
};

} // namespace halab::gui

QTEST_MAIN(halab::gui::GuiTest)
#include "gui_test.moc"
