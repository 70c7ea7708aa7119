// A file's bytes in memory, read-only: mapped where the file allows it (a regular file:
// no copy out of the page cache, the pages mapped at once), read whole where it does not
// (a pipe such as /dev/stdin). A 33 MB CIB costs `read(2)` ~9 ms of copying and the fresh
// pages it copies into another ~5 ms (docs/performance.md, Placement).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace halab {

class MappedFile {
 public:
  // The file at `path`, or nullopt with `error` set (strerror's words).
  static std::optional<MappedFile> open(const std::string& path, std::string& error);

  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&&) = delete;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  std::string_view text() const { return map_ ? std::string_view(static_cast<const char*>(map_), size_) : read_; }

 private:
  MappedFile() = default;

  void* map_ = nullptr;
  std::size_t size_ = 0;
  std::string read_;  // when not mapped
};

}  // namespace halab
