// The one process loop (sim/service/process_loop.hpp) on a real network: start in the first
// turn, a message read as it arrives, timers before a message due at the same instant, a
// frozen process reading what came meanwhile only when thawed, and a process that ends
// receiving nothing more. One engine per process, hence a program of its own.
#include "tests/sim/net/two_hosts.hpp"
#include "sim/service/process_loop.hpp"

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>

#include <iostream>
#include <string>
#include <vector>

namespace {

struct Entry {
  std::string what;
  double at_s;
};

// Records what the loop makes it do; its timers are due at 1 s and 3 s.
class Recorder {
public:
  explicit Recorder(std::vector<Entry>& log) : log_(log) {}
  void start(halab::Instant now) { log_.push_back({"start", now.to_seconds()}); }
  halab::Instant next_deadline() const {
    return next_ < deadlines_.size() ? halab::Instant::at_seconds(deadlines_[next_]) : halab::Instant::never();
  }
  void on_timers(halab::Instant now) {
    while (next_ < deadlines_.size() && deadlines_[next_] <= now.to_seconds()) {
      log_.push_back({"timers", now.to_seconds()});
      ++next_;
    }
  }
  bool on_message(halab::Instant now, const halab::Message& m) {
    const bool stop = m.as<halab::msg::Stop>() != nullptr;
    log_.push_back({stop ? "stop" : "message", now.to_seconds()});
    return !stop;
  }

private:
  std::vector<Entry>& log_;
  std::vector<double> deadlines_{1.0, 3.0};
  std::size_t next_ = 0;
};

}  // namespace

int main() {
  halab::testing::TwoHosts run;
  halab::Network& network = run.network;
  halab::Platform& platform = run.platform;
  std::vector<Entry> log;
  halab::LoopOf<Recorder> loop(network, 0, "recorder", log);
  bool ended_after_stop = false;
  simgrid::s4u::Actor::create("driver", platform.host("b"), [&] {
    namespace sg4 = simgrid::s4u;
    auto heartbeat = [&] { network.send(0, halab::make_message(1, 0, halab::msg::Heartbeat{}), halab::kHeartbeatBytes); };
    heartbeat();
    sg4::this_actor::sleep_until(2.0);
    loop.freeze();
    heartbeat();  // arrives while frozen
    sg4::this_actor::sleep_until(2.5);
    loop.thaw();
    sg4::this_actor::sleep_until(3.0);
    network.post(0, halab::make_message(1, 0, halab::msg::Heartbeat{}));  // due with the 3 s timer
    sg4::this_actor::sleep_until(4.0);
    network.post(0, halab::make_message(1, 0, halab::msg::Stop{}));
    sg4::this_actor::sleep_until(4.5);
    ended_after_stop = loop.ended();
    heartbeat();  // nobody reads it
    sg4::this_actor::sleep_until(5.0);
    network.halt();
  });
  run.engine->run();

  int failed = 0;
  auto expect = [&](bool ok, const std::string& what) {
    if (!ok) {
      std::cerr << "FAILED: " << what << "\n";
      ++failed;
    }
  };
  const std::vector<std::string> kinds{"start", "message", "timers", "message", "timers", "message", "stop"};
  expect(log.size() == kinds.size(), "seven entries, got " + std::to_string(log.size()));
  for (std::size_t i = 0; i < std::min(log.size(), kinds.size()); ++i)
    expect(log[i].what == kinds[i], "entry " + std::to_string(i) + " is " + kinds[i] + ", got " + log[i].what);
  if (log.size() == kinds.size()) {
    expect(log[0].at_s == 0.0, "started at 0");
    expect(log[1].at_s > 0 && log[1].at_s < 1.0, "the first heartbeat read on arrival");
    expect(log[2].at_s == 1.0, "the 1 s timer at 1 s");
    expect(log[3].at_s == 2.5, "the heartbeat sent while frozen read when thawed");
    expect(log[4].at_s == 3.0 && log[5].at_s == 3.0, "the 3 s timer, then the message posted at 3 s");
    expect(log[6].at_s == 4.0, "the stop read at 4 s");
  }
  expect(ended_after_stop, "ended after the stop");
  if (failed)
    for (const auto& e : log) std::cerr << "  " << e.what << " at " << e.at_s << " s\n";
  std::cout << (failed ? 0 : 1) << " passed, " << failed << " failed\n";
  return failed == 0 ? 0 : 1;
}
