// GUI performance, with baselines measured in the same process:
// - loading a ~120,000-event trace into the RunModel, against parsing the same JSON Lines
//   with nlohmann alone, and against the trace reader (parse_trace_text: parse and check
//   each event) on one thread; wall-clock times, as the model's load parses on every core;
// - one scrubbing frame (move the cursor to a random time, replay to it, render the window),
//   against rendering the same window without moving the cursor; the budget for 60 fps is
//   16.7 ms.
// Usage: gui_bench TRACE.jsonl [benchmark flags]  (make the trace with halab run
// gui/bench/long-run.json --trace TRACE.jsonl)
#include "gui/main_window.hpp"
#include "sim/trace/trace.hpp"

#include <QApplication>
#include <QFile>

#include <benchmark/benchmark.h>

#include <fstream>
#include <iostream>
#include <random>

namespace {

QString g_trace;

void BM_ParseJsonLinesBaseline(benchmark::State& state) {
  for (auto _ : state) {
    std::ifstream in(g_trace.toStdString());
    std::string line;
    std::size_t n = 0;
    while (std::getline(in, line)) n += nlohmann::ordered_json::parse(line).size();
    benchmark::DoNotOptimize(n);
  }
}

void BM_ParseTraceTextOneThread(benchmark::State& state) {
  QFile file(g_trace);
  if (!file.open(QIODevice::ReadOnly)) state.SkipWithError("cannot open the trace");
  const QByteArray text = file.readAll();
  for (auto _ : state) {
    auto events = halab::parse_trace_text(std::string_view(text.constData(), static_cast<std::size_t>(text.size())), 1);
    benchmark::DoNotOptimize(events.data());
  }
}

void BM_LoadTraceIntoModel(benchmark::State& state) {
  std::size_t events = 0;
  for (auto _ : state) {
    halab::gui::RunModel model;
    QString error;
    if (!model.loadTraceFile(g_trace, &error)) state.SkipWithError(error.toStdString().c_str());
    events = model.replay().events().size();
  }
  state.counters["events"] = static_cast<double>(events);
}

void frames(benchmark::State& state, bool scrub) {
  halab::gui::RunModel model;
  QString error;
  if (!model.loadTraceFile(g_trace, &error)) state.SkipWithError(error.toStdString().c_str());
  halab::gui::MainWindow window(&model, "halab");
  window.resize(1280, 800);
  window.show();
  std::mt19937_64 rng(1);
  double end = model.replay().end_time();
  model.setCursor(end / 2);
  for (auto _ : state) {
    if (scrub) model.setCursor(std::uniform_real_distribution<double>(0, end)(rng));
    QImage frame = window.grab().toImage();
    benchmark::DoNotOptimize(frame.constBits());
  }
}

void BM_RenderFrameBaseline(benchmark::State& state) { frames(state, false); }
void BM_ScrubFrame(benchmark::State& state) { frames(state, true); }

} // namespace

int main(int argc, char** argv) {
  qputenv("QT_QPA_PLATFORM", "offscreen");
  QApplication app(argc, argv);
  benchmark::Initialize(&argc, argv);
  if (argc < 2 || !QFile::exists(argv[1])) {
    std::cerr << "usage: gui_bench TRACE.jsonl [benchmark flags]\n";
    return 2;
  }
  g_trace = argv[1];
  benchmark::RegisterBenchmark("load/parse_json_lines_baseline", BM_ParseJsonLinesBaseline)->Unit(benchmark::kMillisecond)->UseRealTime();
  benchmark::RegisterBenchmark("load/parse_trace_text_one_thread", BM_ParseTraceTextOneThread)->Unit(benchmark::kMillisecond)->UseRealTime();
  benchmark::RegisterBenchmark("load/run_model", BM_LoadTraceIntoModel)->Unit(benchmark::kMillisecond)->UseRealTime();
  benchmark::RegisterBenchmark("frame/render_baseline", BM_RenderFrameBaseline)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("frame/scrub_and_render", BM_ScrubFrame)->Unit(benchmark::kMillisecond);
  benchmark::RunSpecifiedBenchmarks();
  return 0;
}
