#include "service/audit_log.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>
#include <vector>

#include "base/sha256.h"

namespace cordon::service {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;
using OrderedJson = nlohmann::ordered_json;

// A /match request as the server logs it: a real UN listing's name and id.
AuditEntry MatchEntry(int query_idx) {
  AuditEntry entry;
  entry.key_name = "ops";
  entry.endpoint = "/match/default";
  entry.dataset = "default";
  entry.request = OrderedJson::parse(R"({"queries": {"q1": {"schema": "Person",
      "properties": {"name": ["Kim Jong Un"], "birthDate": ["1984-01-08"]}}}})");
  entry.request["queries"]["q1"]["properties"]["idNumber"] = {std::to_string(query_idx)};
  entry.versions =
      OrderedJson::parse(R"([{"source": "un_sc", "version": 1, "list_date": "2026-02-27"}])");
  entry.results = OrderedJson::parse(R"({"q1": [{"id": "un_sc:6908555", "score": 0.917}]})");
  return entry;
}

class AuditLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("cordon_audit_log_test_" + std::to_string(getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "audit.log").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  void WriteRecords(int count) {
    Result<std::unique_ptr<AuditLog>> log = AuditLog::Open(path_);
    ASSERT_TRUE(log.ok()) << log.status().ToString();
    for (int record_idx = 0; record_idx < count; ++record_idx) {
      ASSERT_TRUE((*log)->Append(MatchEntry(record_idx)).ok());
    }
  }

  std::vector<std::string> Lines() {
    std::ifstream in(path_, std::ios::binary);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
  }
  void WriteLines(const std::vector<std::string>& lines) {
    std::ofstream out(path_, std::ios::binary | std::ios::trunc);
    for (const std::string& line : lines) out << line << '\n';
  }
  static std::string HashOf(const std::string& line) {
    return OrderedJson::parse(line)["hash"].get<std::string>();
  }

  // Verification fails with Corruption whose message is "<path>:<line>: <what>".
  void ExpectCorruptionAt(int line, const std::string& what) {
    Result<AuditVerification> verified = VerifyAuditLog(path_);
    ASSERT_FALSE(verified.ok());
    EXPECT_EQ(verified.status().code(), StatusCode::kCorruption);
    EXPECT_EQ(verified.status().message(), path_ + ":" + std::to_string(line) + ": " + what);
  }

  std::filesystem::path dir_;
  std::string path_;
};

TEST_F(AuditLogTest, AChainOfRecordsVerifies) {
  WriteRecords(5);
  Result<AuditVerification> verified = VerifyAuditLog(path_);
  ASSERT_TRUE(verified.ok()) << verified.status().ToString();
  EXPECT_EQ(verified->records, 5);
  const std::vector<std::string> lines = Lines();
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(verified->head_hash, HashOf(lines[4]));
}

TEST_F(AuditLogTest, RecordsHaveTheDocumentedLayout) {
  WriteRecords(2);
  const std::vector<std::string> lines = Lines();
  ASSERT_EQ(lines.size(), 2u);
  std::string previous_hash(64, '0');
  for (size_t line_idx = 0; line_idx < lines.size(); ++line_idx) {
    const OrderedJson record = OrderedJson::parse(lines[line_idx]);
    std::vector<std::string> keys;
    for (const auto& [key, value] : record.items()) keys.push_back(key);
    EXPECT_THAT(keys, ::testing::ElementsAre("seq", "time", "key", "endpoint", "dataset", "request",
                                             "versions", "results", "prev", "hash"));
    EXPECT_EQ(record["seq"], line_idx + 1);
    EXPECT_TRUE(std::regex_match(record["time"].get<std::string>(),
                                 std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)")));
    EXPECT_EQ(record["key"], "ops");
    EXPECT_EQ(record["endpoint"], "/match/default");
    EXPECT_EQ(record["request"], MatchEntry(static_cast<int>(line_idx)).request);
    EXPECT_EQ(record["results"]["q1"][0]["score"], 0.917);
    EXPECT_EQ(record["prev"], previous_hash);
    // The documented formula: the line without its last 75 bytes, closed with '}'.
    const std::string& line = lines[line_idx];
    const std::string content = line.substr(0, line.size() - 75) + "}";
    EXPECT_EQ(Sha256Hex(content), record["hash"]);
    // ... which is the record's compact JSON without the hash member.
    OrderedJson without_hash = record;
    without_hash.erase("hash");
    EXPECT_EQ(without_hash.dump(), content);
    previous_hash = record["hash"];
  }
}

TEST_F(AuditLogTest, EditedFieldIsCaughtAtItsLine) {
  WriteRecords(5);
  std::vector<std::string> lines = Lines();
  const size_t score = lines[2].find("0.917");
  ASSERT_NE(score, std::string::npos);
  lines[2].replace(score, 5, "0.117");
  WriteLines(lines);
  ExpectCorruptionAt(3, "record 3's hash does not match its content (edited?)");
}

TEST_F(AuditLogTest, EditedHashIsCaughtAtItsLine) {
  WriteRecords(5);
  std::vector<std::string> lines = Lines();
  lines[1][lines[1].size() - 3] = lines[1][lines[1].size() - 3] == 'a' ? 'b' : 'a';
  WriteLines(lines);
  ExpectCorruptionAt(2, "record 2's hash does not match its content (edited?)");
}

TEST_F(AuditLogTest, DeletedMiddleRecordIsCaught) {
  WriteRecords(5);
  std::vector<std::string> lines = Lines();
  lines.erase(lines.begin() + 2);
  WriteLines(lines);
  ExpectCorruptionAt(3, "record 3 has seq 4 (records deleted, inserted or reordered?)");
}

TEST_F(AuditLogTest, DeletedLastRecordIsCaughtByTheHead) {
  WriteRecords(5);
  std::vector<std::string> lines = Lines();
  lines.pop_back();
  WriteLines(lines);
  Result<AuditVerification> verified = VerifyAuditLog(path_);
  ASSERT_FALSE(verified.ok());
  EXPECT_EQ(verified.status().code(), StatusCode::kCorruption);
  EXPECT_EQ(verified.status().message(),
            path_ + ": ends at record 4 but " + path_ +
                ".head says 5 records were written (records deleted from the end?)");
  // And the server refuses to continue such a log.
  EXPECT_EQ(AuditLog::Open(path_).status().code(), StatusCode::kCorruption);
}

TEST_F(AuditLogTest, EmptiedLogIsCaughtByTheHead) {
  WriteRecords(3);
  WriteLines({});
  Result<AuditVerification> verified = VerifyAuditLog(path_);
  ASSERT_FALSE(verified.ok());
  EXPECT_THAT(verified.status().message(), HasSubstr("ends at record 0"));
  EXPECT_EQ(AuditLog::Open(path_).status().code(), StatusCode::kCorruption);
}

TEST_F(AuditLogTest, MissingHeadIsCaught) {
  WriteRecords(3);
  std::filesystem::remove(path_ + ".head");
  Result<AuditVerification> verified = VerifyAuditLog(path_);
  ASSERT_FALSE(verified.ok());
  EXPECT_THAT(verified.status().message(), HasSubstr(".head is missing"));
  EXPECT_EQ(AuditLog::Open(path_).status().code(), StatusCode::kCorruption);
}

TEST_F(AuditLogTest, SwappedRecordsAreCaught) {
  WriteRecords(5);
  std::vector<std::string> lines = Lines();
  std::swap(lines[1], lines[2]);
  WriteLines(lines);
  ExpectCorruptionAt(2, "record 2 has seq 3 (records deleted, inserted or reordered?)");
}

// A forger who knows the format can give the inserted record a valid hash and prev; the record
// after it then no longer follows.
TEST_F(AuditLogTest, InsertedForgedRecordIsCaught) {
  WriteRecords(5);
  std::vector<std::string> lines = Lines();
  OrderedJson forged = OrderedJson::parse(lines[1]);
  forged["seq"] = 3;
  forged["key"] = "forger";
  forged["prev"] = HashOf(lines[1]);
  forged.erase("hash");
  forged["hash"] = Sha256Hex(forged.dump());
  ASSERT_EQ(forged["hash"], Sha256Hex(forged.dump().substr(0, forged.dump().size() - 75) + "}"));
  lines.insert(lines.begin() + 2, forged.dump());
  WriteLines(lines);
  ExpectCorruptionAt(4, "record 4 has seq 3 (records deleted, inserted or reordered?)");
}

TEST_F(AuditLogTest, InsertedRecordWithABadHashIsCaughtAtItsLine) {
  WriteRecords(5);
  std::vector<std::string> lines = Lines();
  std::string forged = lines[1];
  const size_t key = forged.find("\"key\":\"ops\"");
  ASSERT_NE(key, std::string::npos);
  forged.replace(key, 11, "\"key\":\"eve\"");
  lines.insert(lines.begin() + 2, forged);
  WriteLines(lines);
  ExpectCorruptionAt(3, "record 3's hash does not match its content (edited?)");
}

TEST_F(AuditLogTest, ChangedPrevIsCaught) {
  WriteRecords(5);
  std::vector<std::string> lines = Lines();
  // Record 4 re-hashed to point at record 2: its own hash is fine, its link is not.
  OrderedJson record = OrderedJson::parse(lines[3]);
  record["prev"] = HashOf(lines[1]);
  record.erase("hash");
  record["hash"] = Sha256Hex(record.dump());
  lines[3] = record.dump();
  WriteLines(lines);
  ExpectCorruptionAt(
      4, "record 4's prev is not the hash of record 3 (records deleted, inserted or reordered?)");
}

TEST_F(AuditLogTest, TruncatedRecordIsCaught) {
  WriteRecords(5);
  const auto size = std::filesystem::file_size(path_);
  std::filesystem::resize_file(path_, size - 40);
  ExpectCorruptionAt(5, "record 5 is truncated (no newline at its end)");
  Result<std::unique_ptr<AuditLog>> log = AuditLog::Open(path_);
  EXPECT_EQ(log.status().code(), StatusCode::kCorruption);
  EXPECT_THAT(log.status().message(), StartsWith(path_ + ":5: record 5 is truncated"));
}

TEST_F(AuditLogTest, GarbageLineIsCaught) {
  WriteRecords(3);
  std::vector<std::string> lines = Lines();
  lines.insert(lines.begin() + 1, "{\"seq\": 2, oops");
  WriteLines(lines);
  ExpectCorruptionAt(2, "record 2 is not a JSON object");
}

TEST_F(AuditLogTest, OpenRefusesALogWhoseLastRecordWasEdited) {
  WriteRecords(4);
  std::vector<std::string> lines = Lines();
  lines[3].replace(lines[3].find("\"ops\""), 5, "\"eve\"");
  WriteLines(lines);
  Result<std::unique_ptr<AuditLog>> log = AuditLog::Open(path_);
  EXPECT_EQ(log.status().code(), StatusCode::kCorruption);
  EXPECT_EQ(log.status().message(),
            path_ + ":4: record 4's hash does not match its content (edited?)");
}

TEST_F(AuditLogTest, OpenRefusesALogWhoseLastTwoRecordsDoNotLink) {
  WriteRecords(4);
  std::vector<std::string> lines = Lines();
  std::swap(lines[2], lines[3]);
  WriteLines(lines);
  Result<std::unique_ptr<AuditLog>> log = AuditLog::Open(path_);
  EXPECT_EQ(log.status().code(), StatusCode::kCorruption);
  EXPECT_EQ(log.status().message(),
            path_ + ":3: record 3 has seq 4 (records deleted, inserted or reordered?)");
}

TEST_F(AuditLogTest, ReopeningContinuesTheChain) {
  WriteRecords(3);
  {
    Result<std::unique_ptr<AuditLog>> log = AuditLog::Open(path_);
    ASSERT_TRUE(log.ok()) << log.status().ToString();
    EXPECT_EQ((*log)->records(), 3);
    ASSERT_TRUE((*log)->Append(MatchEntry(3)).ok());
    EXPECT_EQ((*log)->records(), 4);
  }
  WriteRecords(2);
  Result<AuditVerification> verified = VerifyAuditLog(path_);
  ASSERT_TRUE(verified.ok()) << verified.status().ToString();
  EXPECT_EQ(verified->records, 6);
  const std::vector<std::string> lines = Lines();
  EXPECT_EQ(OrderedJson::parse(lines[3])["prev"], HashOf(lines[2]));
}

// Records larger than the 64 KiB the tail reader starts with (a batch of 100 queries with 500
// results each is megabytes).
TEST_F(AuditLogTest, ReopeningALogOfLargeRecordsReadsItsWholeTail) {
  {
    Result<std::unique_ptr<AuditLog>> log = AuditLog::Open(path_);
    ASSERT_TRUE(log.ok());
    for (int record_idx = 0; record_idx < 4; ++record_idx) {
      AuditEntry entry = MatchEntry(record_idx);
      for (int result_idx = 0; result_idx < 3000; ++result_idx) {
        entry.results["q1"].push_back(
            {{"id", "un_sc:" + std::to_string(result_idx)}, {"score", 0.7 + result_idx * 1e-5}});
      }
      ASSERT_TRUE((*log)->Append(entry).ok());
    }
  }
  ASSERT_GT(std::filesystem::file_size(path_), 4u * 100000u);
  WriteRecords(1);
  ASSERT_TRUE(VerifyAuditLog(path_).ok());

  // The large record before the last is read whole, and named by its line when edited.
  std::vector<std::string> lines = Lines();
  ASSERT_EQ(lines.size(), 5u);
  lines[3].replace(lines[3].find("un_sc:2999"), 10, "un_sc:9999");
  WriteLines(lines);
  Result<std::unique_ptr<AuditLog>> log = AuditLog::Open(path_);
  EXPECT_EQ(log.status().message(),
            path_ + ":4: record 4's hash does not match its content (edited?)");
}

// The writer appends the record, then rewrites the head: a crash between leaves the head one
// behind, which is not tampering.
TEST_F(AuditLogTest, HeadOneBehindAfterACrashIsAccepted) {
  WriteRecords(2);
  std::string head_after_two;
  {
    std::ifstream in(path_ + ".head");
    std::getline(in, head_after_two);
  }
  WriteRecords(1);
  {
    std::ofstream out(path_ + ".head", std::ios::trunc);
    out << head_after_two << '\n';
  }
  Result<AuditVerification> verified = VerifyAuditLog(path_);
  ASSERT_TRUE(verified.ok()) << verified.status().ToString();
  EXPECT_EQ(verified->records, 3);
  WriteRecords(1);
  verified = VerifyAuditLog(path_);
  ASSERT_TRUE(verified.ok()) << verified.status().ToString();
  EXPECT_EQ(verified->records, 4);
}

TEST_F(AuditLogTest, HeadWithAnotherHashIsCaught) {
  WriteRecords(3);
  {
    std::ofstream out(path_ + ".head", std::ios::trunc);
    out << "3 " << std::string(64, 'a') << '\n';
  }
  ExpectCorruptionAt(3,
                     "record 3's hash differs from the one in " + path_ + ".head (log rewritten?)");
}

TEST_F(AuditLogTest, ASecondWriterIsRefused) {
  Result<std::unique_ptr<AuditLog>> first = AuditLog::Open(path_);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(AuditLog::Open(path_).status().code(), StatusCode::kFailedPrecondition);
  first->reset();
  EXPECT_TRUE(AuditLog::Open(path_).ok());
}

TEST_F(AuditLogTest, ANewLogIsEmptyAndValid) {
  EXPECT_EQ(VerifyAuditLog(path_).status().code(), StatusCode::kNotFound);
  {
    Result<std::unique_ptr<AuditLog>> log = AuditLog::Open(path_);
    ASSERT_TRUE(log.ok()) << log.status().ToString();
    EXPECT_EQ((*log)->records(), 0);
  }
  Result<AuditVerification> verified = VerifyAuditLog(path_);
  ASSERT_TRUE(verified.ok()) << verified.status().ToString();
  EXPECT_EQ(verified->records, 0);
  EXPECT_EQ(verified->head_hash, std::string(64, '0'));
}

TEST_F(AuditLogTest, InvalidUtf8InARequestIsReplacedNotFatal) {
  {
    Result<std::unique_ptr<AuditLog>> log = AuditLog::Open(path_);
    ASSERT_TRUE(log.ok());
    AuditEntry entry = MatchEntry(0);
    entry.request["queries"]["q1"]["properties"]["name"] = {"Kim \xff\xfe Un"};
    entry.key_name = "line\nbreak\"quote";
    ASSERT_TRUE((*log)->Append(entry).ok());
  }
  Result<AuditVerification> verified = VerifyAuditLog(path_);
  ASSERT_TRUE(verified.ok()) << verified.status().ToString();
  const std::vector<std::string> lines = Lines();
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(OrderedJson::parse(lines[0])["key"], "line\nbreak\"quote");
}

TEST_F(AuditLogTest, ConcurrentAppendsFormOneValidChain) {
  constexpr int kThreads = 8;
  constexpr int kPerThread = 250;
  {
    Result<std::unique_ptr<AuditLog>> log = AuditLog::Open(path_);
    ASSERT_TRUE(log.ok());
    AuditLog& shared = **log;
    std::vector<std::thread> threads;
    for (int thread_idx = 0; thread_idx < kThreads; ++thread_idx) {
      threads.emplace_back([&shared, thread_idx] {
        for (int record_idx = 0; record_idx < kPerThread; ++record_idx) {
          EXPECT_TRUE(shared.Append(MatchEntry(thread_idx * kPerThread + record_idx)).ok());
        }
      });
    }
    for (std::thread& thread : threads) thread.join();
    EXPECT_EQ(shared.records(), kThreads * kPerThread);
  }
  Result<AuditVerification> verified = VerifyAuditLog(path_);
  ASSERT_TRUE(verified.ok()) << verified.status().ToString();
  EXPECT_EQ(verified->records, kThreads * kPerThread);
  // Every request was written exactly once.
  std::vector<bool> seen(kThreads * kPerThread, false);
  for (const std::string& line : Lines()) {
    const int id =
        std::stoi(OrderedJson::parse(line)["request"]["queries"]["q1"]["properties"]["idNumber"][0]
                      .get<std::string>());
    EXPECT_FALSE(seen[id]) << id;
    seen[id] = true;
  }
}

}  // namespace
}  // namespace cordon::service
