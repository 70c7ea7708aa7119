#include "tests/fuzz/fuzz_files.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace halab::fuzz {
namespace {

// Made at the first input, removed when the process exits.
struct OwnDirectory {
  std::string path;
  OwnDirectory() {
    const char* tmp = std::getenv("TMPDIR");
    path = std::string(tmp && *tmp ? tmp : "/tmp") + "/halab-fuzz.XXXXXX";
    if (!mkdtemp(path.data())) throw std::runtime_error("cannot make a temporary directory " + path);
  }
  ~OwnDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
  OwnDirectory(const OwnDirectory&) = delete;
  OwnDirectory& operator=(const OwnDirectory&) = delete;
};

const std::string& own_directory() {
  static const OwnDirectory dir;
  return dir.path;
}

}  // namespace

std::vector<std::string> write_files(const std::vector<std::string_view>& parts, std::string_view extension) {
  std::vector<std::string> paths;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    paths.push_back(own_directory() + "/input" + std::to_string(i + 1) + std::string(extension));
    std::ofstream out(paths.back(), std::ios::binary | std::ios::trunc);
    out.write(parts[i].data(), static_cast<std::streamsize>(parts[i].size()));
    if (!out) throw std::runtime_error("cannot write " + paths.back());
  }
  return paths;
}

std::vector<std::string_view> split_at_nul(const std::uint8_t* data, std::size_t size, std::size_t max_parts) {
  const std::string_view all(reinterpret_cast<const char*>(data), size);
  std::vector<std::string_view> parts;
  std::size_t from = 0;
  while (parts.size() + 1 < max_parts) {
    const std::size_t nul = all.find('\0', from);
    if (nul == std::string_view::npos) break;
    parts.push_back(all.substr(from, nul - from));
    from = nul + 1;
  }
  parts.push_back(all.substr(from));
  return parts;
}

}  // namespace halab::fuzz
