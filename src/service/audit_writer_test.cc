// Tests of the audit writer: what is submitted, from any number of threads, ends up in one
// valid chain; Flush and destruction wait for it; a failing disk refuses further entries.
#include "service/audit_writer.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

namespace cordon::service {
namespace {

namespace fs = std::filesystem;

AuditEntry Entry(int thread, int number) {
  AuditEntry entry;
  entry.key_name = "tester";
  entry.endpoint = "/match/default";
  entry.dataset = "default";
  entry.request = {{"thread", thread}, {"number", number}};
  entry.versions = nlohmann::ordered_json::array({{{"source", "un_sc"}, {"version", 1}}});
  entry.results = {{"q1", nlohmann::ordered_json::array()}};
  return entry;
}

class AuditWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("cordon_audit_writer_test_" + std::to_string(getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    path_ = (dir_ / "audit.log").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::unique_ptr<AuditLog> OpenLog() {
    Result<std::unique_ptr<AuditLog>> log = AuditLog::Open(path_);
    EXPECT_TRUE(log.ok()) << log.status().ToString();
    return log.ok() ? std::move(*log) : nullptr;
  }

  // The records of the log, after checking the whole chain.
  std::vector<nlohmann::json> VerifiedRecords() {
    Result<AuditVerification> verification = VerifyAuditLog(path_);
    EXPECT_TRUE(verification.ok()) << verification.status().ToString();
    std::vector<nlohmann::json> records;
    std::ifstream in(path_);
    std::string line;
    while (std::getline(in, line)) records.push_back(nlohmann::json::parse(line));
    if (verification.ok()) {
      EXPECT_EQ(verification->records, static_cast<int64_t>(records.size()));
    }
    return records;
  }

  // Submits `per_thread` entries from each of `threads` threads.
  static void SubmitFromThreads(AuditWriter& writer, int threads, int per_thread) {
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
      workers.emplace_back([&writer, t, per_thread] {
        for (int n = 0; n < per_thread; ++n) {
          Status status = writer.Submit(Entry(t, n));
          ASSERT_TRUE(status.ok()) << status.ToString();
        }
      });
    }
    for (std::thread& worker : workers) worker.join();
  }

  // Every entry of SubmitFromThreads is in `records` once, each thread's in the order it
  // submitted them.
  static void ExpectAllEntries(const std::vector<nlohmann::json>& records, int threads,
                               int per_thread) {
    ASSERT_EQ(records.size(), static_cast<size_t>(threads * per_thread));
    std::map<int, int> next;  // thread -> the number its next record must have
    for (const nlohmann::json& record : records) {
      const int thread = record["request"]["thread"];
      const int number = record["request"]["number"];
      EXPECT_EQ(number, next[thread]) << "thread " << thread << " out of order";
      next[thread] = number + 1;
      EXPECT_EQ(record["key"], "tester");
      EXPECT_EQ(record["endpoint"], "/match/default");
    }
    for (int t = 0; t < threads; ++t) EXPECT_EQ(next[t], per_thread) << "thread " << t;
  }

  fs::path dir_;
  std::string path_;
};

TEST_F(AuditWriterTest, EntriesFromManyThreadsFormOneChain) {
  constexpr int kThreads = 8, kPerThread = 300;
  {
    AuditWriter writer(OpenLog());
    SubmitFromThreads(writer, kThreads, kPerThread);
    ASSERT_TRUE(writer.Flush().ok());
  }
  ExpectAllEntries(VerifiedRecords(), kThreads, kPerThread);
}

TEST_F(AuditWriterTest, FlushWaitsForEverythingSubmittedBeforeIt) {
  AuditWriter writer(OpenLog());
  for (int round = 1; round <= 5; ++round) {
    for (int n = 0; n < 200; ++n) ASSERT_TRUE(writer.Submit(Entry(0, n)).ok());
    ASSERT_TRUE(writer.Flush().ok());
    // The writer is still open; the file already holds every record, head included.
    EXPECT_EQ(VerifiedRecords().size(), static_cast<size_t>(round * 200)) << "round " << round;
  }
  // Nothing submitted: returns at once.
  EXPECT_TRUE(writer.Flush().ok());
}

TEST_F(AuditWriterTest, FlushFromOtherThreadsWhileSubmitting) {
  AuditWriter writer(OpenLog());
  std::thread flusher([&writer] {
    for (int n = 0; n < 50; ++n) EXPECT_TRUE(writer.Flush().ok());
  });
  SubmitFromThreads(writer, 4, 250);
  flusher.join();
  ASSERT_TRUE(writer.Flush().ok());
  ExpectAllEntries(VerifiedRecords(), 4, 250);
}

TEST_F(AuditWriterTest, DestructionWritesWhatIsQueued) {
  constexpr int kEntries = 2000;
  {
    AuditWriter writer(OpenLog());
    for (int n = 0; n < kEntries; ++n) ASSERT_TRUE(writer.Submit(Entry(0, n)).ok());
  }  // no Flush
  ExpectAllEntries(VerifiedRecords(), 1, kEntries);
  // The log is closed (its flock released) and continues where it stopped.
  {
    AuditWriter writer(OpenLog());
    ASSERT_TRUE(writer.Submit(Entry(1, 0)).ok());
  }
  EXPECT_EQ(VerifiedRecords().size(), static_cast<size_t>(kEntries + 1));
}

TEST_F(AuditWriterTest, SmallQueueAppliesBackpressureWithoutDeadlock) {
  for (size_t max_queued : {size_t{0}, size_t{1}, size_t{3}}) {
    SCOPED_TRACE("max_queued " + std::to_string(max_queued));
    fs::remove(path_);
    fs::remove(path_ + ".head");
    {
      AuditWriter writer(OpenLog(), max_queued);
      SubmitFromThreads(writer, 6, 150);
      ASSERT_TRUE(writer.Flush().ok());
    }
    ExpectAllEntries(VerifiedRecords(), 6, 150);
  }
}

// /dev/full accepts open(2) and flock(2) and fails every write(2) with ENOSPC: a disk that
// filled up. The head file beside the link is a regular file, so AuditLog::Open succeeds.
TEST_F(AuditWriterTest, AFailedAppendRefusesLaterEntries) {
  if (!fs::exists("/dev/full")) GTEST_SKIP() << "no /dev/full";
  fs::create_symlink("/dev/full", path_);
  AuditWriter writer(OpenLog(), /*max_queued=*/2);
  EXPECT_TRUE(writer.Healthy());
  // Submit returns once the record is written, so the failed append is its own error: the
  // request it records must not be answered (it used to be accepted while queued, and answered
  // without a record).
  Status first = writer.Submit(Entry(0, 0));
  ASSERT_FALSE(first.ok());
  EXPECT_FALSE(writer.Healthy());
  Status flushed = writer.Flush();
  ASSERT_FALSE(flushed.ok());
  EXPECT_EQ(flushed.message(), first.message());
  EXPECT_EQ(flushed.code(), StatusCode::kIoError) << flushed.ToString();
  EXPECT_NE(flushed.message().find("audit.log"), std::string::npos) << flushed.ToString();
  // From now on every Submit and Flush returns the first error.
  for (int n = 1; n < 5; ++n) {
    Status status = writer.Submit(Entry(0, n));
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.message(), flushed.message());
  }
  EXPECT_EQ(writer.Flush().message(), flushed.message());
}

TEST_F(AuditWriterTest, FailureReleasesSubmittersWaitingOnAFullQueue) {
  if (!fs::exists("/dev/full")) GTEST_SKIP() << "no /dev/full";
  fs::create_symlink("/dev/full", path_);
  AuditWriter writer(OpenLog(), /*max_queued=*/1);
  // Many threads racing a queue of one against a failing disk: every Submit returns the
  // failure (none is written); none waits forever.
  std::atomic<int> accepted{0}, refused{0};
  std::vector<std::thread> workers;
  for (int t = 0; t < 6; ++t) {
    workers.emplace_back([&, t] {
      for (int n = 0; n < 100; ++n) {
        if (writer.Submit(Entry(t, n)).ok()) {
          ++accepted;
        } else {
          ++refused;
        }
      }
    });
  }
  for (std::thread& worker : workers) worker.join();
  EXPECT_EQ(accepted + refused, 600);
  EXPECT_EQ(accepted.load(), 0);
  EXPECT_FALSE(writer.Flush().ok());
}

// A disk that fills and is freed again: Submits during the failure fail (nothing of theirs is
// written); the writer retries by itself, and once a retry succeeds it is healthy again, with a
// record of how many requests were refused, and the chain still verifies.
TEST_F(AuditWriterTest, RecoversOnceTheDiskHasRoomAgain) {
  std::atomic<bool> disk_full{false};
  std::atomic<int> attempts_while_full{0};
  AuditWriter::Options options;
  options.retry_interval = std::chrono::milliseconds(10);
  options.fault_for_testing = [&]() -> Status {
    if (!disk_full) return Status::Ok();
    ++attempts_while_full;
    return IoError("audit.log: cannot write: No space left on device");
  };
  AuditWriter writer(OpenLog(), options);
  ASSERT_TRUE(writer.Submit(Entry(0, 0)).ok());
  disk_full = true;
  for (int n = 1; n <= 3; ++n) EXPECT_FALSE(writer.Submit(Entry(0, n)).ok());
  EXPECT_FALSE(writer.Healthy());
  // The writer retries without any Submit (a server out of rotation gets none).
  while (attempts_while_full < 3) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  EXPECT_FALSE(writer.Healthy());
  disk_full = false;
  while (!writer.Healthy()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  ASSERT_TRUE(writer.Submit(Entry(0, 4)).ok());
  ASSERT_TRUE(writer.Flush().ok());
  const std::vector<nlohmann::json> records = VerifiedRecords();
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0]["request"]["number"], 0);
  EXPECT_EQ(records[1]["endpoint"], "(audit)");
  EXPECT_EQ(records[1]["results"]["refused_requests"], 3);
  EXPECT_NE(records[1]["results"]["error"].get<std::string>().find("No space"), std::string::npos);
  EXPECT_EQ(records[2]["request"]["number"], 4);
}

}  // namespace
}  // namespace cordon::service
