// libFuzzer target: the scenario loader, as `halab run FILE` reads a file. Every input is
// either a scenario or a list of errors; a crash, a sanitizer report, an exception that
// escapes or a hang is a bug (tests/fuzz/README.md).
#include "sim/scenario/loader.hpp"
#include "tests/fuzz/fuzz_files.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto files = halab::fuzz::write_files(halab::fuzz::split_at_nul(data, size, 1), ".json");
  const halab::LoadResult loaded = halab::load_scenario_file(files.front());
  // The loader's contract: a scenario, or at least one error saying why not.
  if (!loaded.scenario && loaded.errors.empty()) std::abort();
  return 0;
}
