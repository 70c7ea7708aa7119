// libFuzzer target: one importer of `halab import` (HALAB_IMPORT_KIND, set by the build),
// on the files the input splits into at NUL bytes (keepalived takes one file per member),
// then the loader on the scenario it writes, as the CLI does before printing it. Every
// input is a scenario or errors; a crash, a sanitizer report, an exception that escapes or
// a hang is a bug (tests/fuzz/README.md).
#include "sim/import/importer.hpp"
#include "sim/scenario/loader.hpp"
#include "tests/fuzz/fuzz_files.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string kind = HALAB_IMPORT_KIND;
  const auto files = halab::fuzz::write_files(halab::fuzz::split_at_nul(data, size, kind == "keepalived" ? 3 : 1),
                                              kind == "cib" ? ".xml" : ".conf");
  const halab::ImportResult imported = halab::import_config(kind, files);
  if (imported.errors.empty()) {
    const halab::LoadResult loaded = halab::load_scenario_json(nlohmann::json::parse(imported.scenario.dump()), "imported");
    if (!loaded.scenario && loaded.errors.empty()) std::abort();
  }
  return 0;
}
