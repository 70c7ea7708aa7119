#include "sim/placement/mapped_file.hpp"

#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>

namespace halab {
namespace {

namespace fs = std::filesystem;

fs::path scratch(const std::string& name) { return fs::temp_directory_path() / (name + "-" + std::to_string(getpid())); }

TEST(MappedFile, GivesARegularFilesBytes) {
  const fs::path path = scratch("mapped");
  const std::string text = std::string("<cib>\0binary\xFF</cib>", 19) + std::string(100'000, 'x');
  std::ofstream(path, std::ios::binary) << text;
  std::string error;
  auto file = MappedFile::open(path, error);
  ASSERT_TRUE(file) << error;
  EXPECT_EQ(file->text(), text);
  // Moved, the bytes go with it and stay mapped until the last owner goes.
  MappedFile moved = std::move(*file);
  file.reset();
  EXPECT_EQ(moved.text(), text);
  fs::remove(path);
}

TEST(MappedFile, ReadsWhatCannotBeMapped) {
  const fs::path empty = scratch("empty");
  std::ofstream(empty).close();
  std::string error;
  auto file = MappedFile::open(empty, error);
  ASSERT_TRUE(file) << error;
  EXPECT_EQ(file->text(), "");
  fs::remove(empty);

  const fs::path fifo = scratch("fifo");
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  const std::string text(200'000, 'p');
  std::thread writer([&] { std::ofstream(fifo, std::ios::binary) << text; });
  const auto piped = MappedFile::open(fifo, error);
  writer.join();
  ASSERT_TRUE(piped) << error;
  EXPECT_EQ(piped->text(), text);
  fs::remove(fifo);
}

TEST(MappedFile, SaysWhyAFileCannotBeRead) {
  std::string error;
  EXPECT_FALSE(MappedFile::open("/nonexistent/cib.xml", error));
  EXPECT_EQ(error, "No such file or directory");
  EXPECT_FALSE(MappedFile::open(fs::temp_directory_path(), error));
  EXPECT_EQ(error, "Is a directory");
}

}  // namespace
}  // namespace halab
