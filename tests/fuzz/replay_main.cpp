// The fuzz targets without libFuzzer: runs LLVMFuzzerTestOneInput once on each file named
// (or each file of each directory named), so the seed corpus and every crash the fuzzer
// found (tests/fuzz/regressions) are tests of the ordinary and sanitized builds.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

int replay(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::cerr << "cannot read " << file << "\n";
    return 1;
  }
  const std::vector<char> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  int failed = 0;
  std::size_t count = 0;
  for (int i = 1; i < argc; ++i) {
    const std::filesystem::path path(argv[i]);
    if (std::filesystem::is_directory(path)) {
      std::vector<std::filesystem::path> files;
      for (const auto& entry : std::filesystem::directory_iterator(path))
        if (entry.is_regular_file() && entry.path().filename().string().front() != '.') files.push_back(entry.path());
      std::sort(files.begin(), files.end());
      for (const auto& f : files) failed += replay(f), ++count;
    } else {
      failed += replay(path), ++count;
    }
  }
  std::cout << count << " inputs replayed\n";
  return failed == 0 ? 0 : 1;
}
