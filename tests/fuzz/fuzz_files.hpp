// What the fuzz targets share: the input bytes written as the files the CLI would read, so
// a target runs the same path as `halab run FILE` or `halab import KIND FILE…`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace halab::fuzz {

// Writes `parts` as files in this process's own temporary directory; returns their paths.
std::vector<std::string> write_files(const std::vector<std::string_view>& parts, std::string_view extension);

// The input split at NUL bytes (a keepalived pair is two files), at most `max_parts` parts.
std::vector<std::string_view> split_at_nul(const std::uint8_t* data, std::size_t size, std::size_t max_parts);

}  // namespace halab::fuzz
