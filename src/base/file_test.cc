#include "base/file.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include <zstd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace cordon {
namespace {

std::string Compress(std::string_view plain) {
  std::string out(ZSTD_compressBound(plain.size()), '\0');
  size_t n = ZSTD_compress(out.data(), out.size(), plain.data(), plain.size(), 3);
  out.resize(n);
  return out;
}

TEST(FileTest, ReadsZstdTransparently) {
  const std::string plain = "36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\"\r\n";
  Result<std::string> r = MaybeDecompress(Compress(plain), "x.zst");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r, plain);
}

TEST(FileTest, TruncatedZstdIsCorruption) {
  std::string packed = Compress(std::string(10000, 'a') + "tail");
  packed.resize(packed.size() - 3);
  Result<std::string> r = MaybeDecompress(packed, "x.zst");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kCorruption);
  EXPECT_NE(r.status().message().find("x.zst"), std::string::npos);
}

TEST(FileTest, MissingFileIsNotFound) {
  Result<std::string> r = ReadFile("/nonexistent/cordon/file.csv");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
}

TEST(FileTest, AtomicWriteThenRead) {
  auto path = (std::filesystem::temp_directory_path() / "cordon_file_test.txt").string();
  ASSERT_TRUE(WriteFileAtomically(path, "hello").ok());
  EXPECT_EQ(*ReadFile(path), "hello");
  std::remove(path.c_str());
}

// A fresh directory for one test, removed at the end.
class FileOutputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("cordon_file_test_" + std::to_string(getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Path(const std::string& name) const { return (dir_ / name).string(); }
  static void Put(const std::string& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary) << bytes;
  }
  static std::string Get(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
  }
  // The names in the directory, sorted.
  std::vector<std::string> Entries() const {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(dir_)) {
      names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
  }

  std::filesystem::path dir_;
};

TEST_F(FileOutputTest, ReadingADirectoryIsAnErrorNamingIt) {
  Result<std::string> r = ReadFile(dir_.string());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kIoError);
  EXPECT_EQ(r.status().message(), dir_.string() + ": is a directory");
}

TEST_F(FileOutputTest, ReadsAFifoToItsEnd) {
  const std::string fifo = Path("pipe");
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  std::thread writer([&] { std::ofstream(fifo, std::ios::binary) << "through a pipe"; });
  Result<std::string> r = ReadFile(fifo);
  writer.join();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r, "through a pipe");
}

TEST_F(FileOutputTest, ReplacesARegularFileKeepingItsMode) {
  const std::string target = Path("out.txt");
  Put(target, "old");
  ASSERT_EQ(chmod(target.c_str(), 0640), 0);
  ASSERT_TRUE(WriteFileAtomically(target, "new").ok());
  EXPECT_EQ(Get(target), "new");
  struct stat st {};
  ASSERT_EQ(lstat(target.c_str(), &st), 0);
  EXPECT_TRUE(S_ISREG(st.st_mode));
  EXPECT_EQ(st.st_mode & 07777, 0640u);
  EXPECT_EQ(Entries(), std::vector<std::string>{"out.txt"});  // no temporary left behind
}

TEST_F(FileOutputTest, NewFileGetsTheUmaskMode) {
  const mode_t old_mask = umask(022);
  const std::string target = Path("new.txt");
  Status written = WriteFileAtomically(target, "hello");
  umask(old_mask);
  ASSERT_TRUE(written.ok()) << written.ToString();
  struct stat st {};
  ASSERT_EQ(stat(target.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0644u);
  EXPECT_EQ(Get(target), "hello");
}

TEST_F(FileOutputTest, AFifoIsWrittenNotReplaced) {
  const std::string fifo = Path("pipe");
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  std::string received;
  std::thread reader([&] { received = Get(fifo); });
  Status written = WriteFileAtomically(fifo, "to the reader");
  reader.join();
  ASSERT_TRUE(written.ok()) << written.ToString();
  EXPECT_EQ(received, "to the reader");
  struct stat st {};
  ASSERT_EQ(lstat(fifo.c_str(), &st), 0);
  EXPECT_TRUE(S_ISFIFO(st.st_mode));
  EXPECT_EQ(Entries(), std::vector<std::string>{"pipe"});
}

TEST_F(FileOutputTest, ADeviceNodeStaysADevice) {
  // The repro: a copy of /dev/null (character device 1:3) as the output.
  const std::string device = Path("fakenull");
  if (mknod(device.c_str(), S_IFCHR | 0666, makedev(1, 3)) != 0) {
    GTEST_SKIP() << "mknod not permitted here: " << std::strerror(errno);
  }
  ASSERT_TRUE(WriteFileAtomically(device, "discarded").ok());
  std::unique_ptr<OutputFile> output = *OutputFile::Open(device);
  output->stream() << "also discarded\n";
  ASSERT_TRUE(output->Commit().ok());
  struct stat st {};
  ASSERT_EQ(lstat(device.c_str(), &st), 0);
  EXPECT_TRUE(S_ISCHR(st.st_mode));
  EXPECT_EQ(Entries(), std::vector<std::string>{"fakenull"});
}

TEST_F(FileOutputTest, ASymlinkStaysALinkAndItsTargetIsWritten) {
  const std::string real = Path("real.txt");
  const std::string link = Path("link.txt");
  Put(real, "old");
  ASSERT_EQ(symlink("real.txt", link.c_str()), 0);
  ASSERT_TRUE(WriteFileAtomically(link, "new").ok());
  struct stat st {};
  ASSERT_EQ(lstat(link.c_str(), &st), 0);
  EXPECT_TRUE(S_ISLNK(st.st_mode));
  EXPECT_EQ(Get(real), "new");
  EXPECT_EQ(Entries(), (std::vector<std::string>{"link.txt", "real.txt"}));
}

TEST_F(FileOutputTest, ALinkToAMissingFileIsAnError) {
  const std::string link = Path("dangling");
  ASSERT_EQ(symlink("nowhere", link.c_str()), 0);
  Status written = WriteFileAtomically(link, "x");
  EXPECT_FALSE(written.ok());
  EXPECT_NE(written.message().find(link), std::string::npos) << written.ToString();
  EXPECT_EQ(Entries(), std::vector<std::string>{"dangling"});
}

TEST_F(FileOutputTest, APlantedLinkAtAGuessableTemporaryNameIsNotFollowed) {
  // Before: the temporary was OUT.tmp (or OUT.tmp.PID), so a link planted there made a
  // privileged writer overwrite the file it points to.
  const std::string victim = Path("victim");
  Put(victim, "precious");
  const std::string target = Path("out.txt");
  for (const std::string& guess : {target + ".tmp", target + ".tmp." + std::to_string(getpid())}) {
    ASSERT_EQ(symlink(victim.c_str(), guess.c_str()), 0);
  }
  ASSERT_TRUE(WriteFileAtomically(target, "output").ok());
  EXPECT_EQ(Get(victim), "precious");
  EXPECT_EQ(Get(target), "output");
  EXPECT_EQ(Entries(),
            (std::vector<std::string>{"out.txt", "out.txt.tmp",
                                      "out.txt.tmp." + std::to_string(getpid()), "victim"}));
}

TEST_F(FileOutputTest, WithoutCommitTheOldFileStays) {
  const std::string target = Path("out.txt");
  Put(target, "old");
  {
    std::unique_ptr<OutputFile> output = *OutputFile::Open(target);
    output->stream() << "half of the new";
  }
  EXPECT_EQ(Get(target), "old");
  EXPECT_EQ(Entries(), std::vector<std::string>{"out.txt"});
}

TEST_F(FileOutputTest, AFailedWriteLeavesTheOldContentAndNoTemporary) {
  const std::string target = Path("out.txt");
  Put(target, "old");
  // A file size limit makes write() fail with EFBIG: a real write error, as on a full disk.
  struct rlimit saved {};
  ASSERT_EQ(getrlimit(RLIMIT_FSIZE, &saved), 0);
  struct rlimit limited = saved;
  limited.rlim_cur = 4096;
  void (*old_handler)(int) = signal(SIGXFSZ, SIG_IGN);
  ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &limited), 0);
  Status written = WriteFileAtomically(target, std::string(1 << 20, 'x'));
  setrlimit(RLIMIT_FSIZE, &saved);
  signal(SIGXFSZ, old_handler);
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.code(), StatusCode::kIoError);
  EXPECT_NE(written.message().find(target), std::string::npos) << written.ToString();
  EXPECT_EQ(Get(target), "old");
  EXPECT_EQ(Entries(), std::vector<std::string>{"out.txt"});
}

TEST_F(FileOutputTest, ADirectoryIsNotAnOutput) {
  Status written = WriteFileAtomically(dir_.string(), "x");
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.message(), dir_.string() + ": is a directory");
}

TEST_F(FileOutputTest, NoPathMeansStandardOutput) {
  std::ostringstream standard_output;
  std::unique_ptr<OutputFile> output = *OutputFile::Open("", standard_output);
  output->stream() << "line\n";
  ASSERT_TRUE(output->Commit().ok());
  EXPECT_EQ(standard_output.str(), "line\n");
  EXPECT_EQ(output->path(), "");
}

TEST_F(FileOutputTest, LargeStreamedOutputArrivesWhole) {
  const std::string target = Path("big.txt");
  std::unique_ptr<OutputFile> output = *OutputFile::Open(target);
  std::string expected;
  for (int line_idx = 0; line_idx < 20000; ++line_idx) {
    const std::string line = "line " + std::to_string(line_idx) + "\n";
    output->stream() << line;
    expected += line;
  }
  output->stream().write(expected.data(), static_cast<std::streamsize>(expected.size()));
  expected += expected;
  ASSERT_TRUE(output->Commit().ok());
  EXPECT_EQ(Get(target), expected);
}

TEST(FileTest, NameHelpers) {
  EXPECT_EQ(BaseName("/a/b/sdn.csv.zst"), "sdn.csv.zst");
  EXPECT_EQ(StripCompressionSuffix("sdn.csv.zst"), "sdn.csv");
  EXPECT_EQ(StripCompressionSuffix("sdn.csv"), "sdn.csv");
}

}  // namespace
}  // namespace cordon
