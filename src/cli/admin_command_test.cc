#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

#include "cli/cli.h"
#include "service/api_keys.h"
#include "service/audit_log.h"
#include "store/store.h"

namespace cordon::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class AdminCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("cordon_admin_command_test_" + std::to_string(getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    db_ = (dir_ / "cordon.db").string();
    audit_ = (dir_ / "audit.log").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Runs `cordon --db DB ARGS...`.
  int Run(std::vector<std::string> args) {
    out_.str("");
    err_.str("");
    args.insert(args.begin(), {"cordon", "--db", db_});
    return RunCordon(args, out_, err_);
  }

  std::optional<std::string> Authenticate(const std::string& key) {
    Result<std::unique_ptr<service::ApiKeys>> keys = service::ApiKeys::Open(db_);
    EXPECT_TRUE(keys.ok());
    Result<std::shared_ptr<const service::KeyTable>> table = (*keys)->LoadTable();
    EXPECT_TRUE(table.ok());
    return (*table)->Authenticate(key);
  }

  std::filesystem::path dir_;
  std::string db_, audit_;
  std::ostringstream out_, err_;
};

TEST_F(AdminCommandTest, KeysAddPrintsTheKeyOnceOnStdout) {
  ASSERT_EQ(Run({"keys", "add", "ops"}), 0) << err_.str();
  const std::string printed = out_.str();
  ASSERT_FALSE(printed.empty());
  EXPECT_EQ(printed.back(), '\n');
  const std::string key = printed.substr(0, printed.size() - 1);
  EXPECT_THAT(key, ::testing::MatchesRegex("ck_[A-Za-z0-9_-]{43}"));
  EXPECT_THAT(err_.str(), HasSubstr("cannot be shown again"));
  EXPECT_THAT(err_.str(), Not(HasSubstr(key)));
  EXPECT_EQ(Authenticate(key), "ops");
}

TEST_F(AdminCommandTest, KeysAddRefusesBadAndTakenNames) {
  EXPECT_EQ(Run({"keys", "add", "two words"}), 1);
  EXPECT_THAT(err_.str(), HasSubstr("Invalid argument: key name"));
  EXPECT_EQ(out_.str(), "");
  ASSERT_EQ(Run({"keys", "add", "ops"}), 0);
  EXPECT_EQ(Run({"keys", "add", "ops"}), 1);
  EXPECT_THAT(err_.str(), HasSubstr("already has a current key"));
  EXPECT_EQ(out_.str(), "");
  EXPECT_EQ(Run({"keys", "add"}), 2);  // NAME is required
}

TEST_F(AdminCommandTest, KeysListShowsPrefixesNeverKeys) {
  ASSERT_TRUE(store::Store::Open(db_, store::OpenMode::kCreate).ok());
  ASSERT_EQ(Run({"keys", "list"}), 0);
  EXPECT_THAT(out_.str(), HasSubstr("no API keys"));

  ASSERT_EQ(Run({"keys", "add", "ops"}), 0);
  const std::string key = out_.str().substr(0, out_.str().size() - 1);
  ASSERT_EQ(Run({"keys", "add", "batch-screening"}), 0);
  ASSERT_EQ(Run({"keys", "revoke", "batch-screening"}), 0);

  ASSERT_EQ(Run({"keys", "list"}), 0);
  const std::string text = out_.str();
  EXPECT_THAT(text, HasSubstr("NAME"));
  EXPECT_THAT(text, ::testing::ContainsRegex("ops +" + key.substr(0, 8) + " +[0-9T:-]+Z +current"));
  EXPECT_THAT(text, ::testing::ContainsRegex("batch-screening +ck_.{5} +[0-9T:-]+Z +revoked"));
  EXPECT_THAT(text, Not(HasSubstr(key)));

  ASSERT_EQ(Run({"keys", "list", "--json"}), 0);
  const nlohmann::json list = nlohmann::json::parse(out_.str());
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0]["name"], "ops");
  EXPECT_EQ(list[0]["prefix"], key.substr(0, 8));
  EXPECT_EQ(list[0]["revoked"], false);
  EXPECT_EQ(list[1]["name"], "batch-screening");
  EXPECT_EQ(list[1]["revoked"], true);
  EXPECT_THAT(out_.str(), Not(HasSubstr(key)));
}

// Issue 12, defect 9: reading the keys of a mistyped --db made a new, empty store.
TEST_F(AdminCommandTest, KeysListAndRevokeOfAMissingStoreAreErrorsAndCreateNothing) {
  EXPECT_EQ(Run({"keys", "list"}), 1);
  EXPECT_THAT(err_.str(), HasSubstr("no store at " + db_));
  EXPECT_EQ(Run({"keys", "revoke", "ops"}), 1);
  EXPECT_THAT(err_.str(), HasSubstr("no store at " + db_));
  EXPECT_FALSE(std::filesystem::exists(db_));
}

TEST_F(AdminCommandTest, KeysListReadsAReadOnlyStore) {
  ASSERT_EQ(Run({"keys", "add", "ops"}), 0);
  ASSERT_EQ(chmod(db_.c_str(), 0444), 0);
  EXPECT_EQ(Run({"keys", "list"}), 0) << err_.str();
  EXPECT_THAT(out_.str(), HasSubstr("ops"));
  chmod(db_.c_str(), 0644);
}

TEST_F(AdminCommandTest, KeysRevokeStopsTheKey) {
  ASSERT_EQ(Run({"keys", "add", "ops"}), 0);
  const std::string key = out_.str().substr(0, out_.str().size() - 1);
  ASSERT_EQ(Run({"keys", "revoke", "ops"}), 0) << err_.str();
  EXPECT_EQ(out_.str(), "revoked API key 'ops'\n");
  EXPECT_EQ(Authenticate(key), std::nullopt);
  EXPECT_EQ(Run({"keys", "revoke", "ops"}), 1);
  EXPECT_THAT(err_.str(), HasSubstr("Not found: no current key named 'ops'"));
}

TEST_F(AdminCommandTest, AuditVerifyReportsAnIntactChain) {
  {
    Result<std::unique_ptr<service::AuditLog>> log = service::AuditLog::Open(audit_);
    ASSERT_TRUE(log.ok());
    for (int record_idx = 0; record_idx < 3; ++record_idx) {
      ASSERT_TRUE((*log)
                      ->Append({.key_name = "ops",
                                .endpoint = "/search/default",
                                .dataset = "default",
                                .request = {{"q", "Kim Jong Un"}},
                                .versions = nlohmann::ordered_json::array(),
                                .results = nlohmann::ordered_json::array()})
                      .ok());
    }
  }
  Result<service::AuditVerification> verified = service::VerifyAuditLog(audit_);
  ASSERT_TRUE(verified.ok());
  ASSERT_EQ(Run({"audit", "verify", "--audit", audit_}), 0) << err_.str();
  EXPECT_EQ(out_.str(), "3 records, chain intact, head " + verified->head_hash + "\n");

  // Edit the second record.
  std::ifstream in(audit_);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  in.close();
  lines[1].replace(lines[1].find("Kim Jong Un"), 3, "Kym");
  std::ofstream out(audit_, std::ios::trunc);
  for (const std::string& line : lines) out << line << '\n';
  out.close();
  EXPECT_EQ(Run({"audit", "verify", "--audit", audit_}), 1);
  EXPECT_EQ(err_.str(), "cordon: error: Corruption: " + audit_ +
                            ":2: record 2's hash does not match its content (edited?)\n");
  EXPECT_EQ(out_.str(), "");
}

TEST_F(AdminCommandTest, AuditVerifyFailsOnAMissingLog) {
  EXPECT_EQ(Run({"audit", "verify", "--audit", audit_}), 1);
  EXPECT_THAT(err_.str(), HasSubstr("no such audit log"));
}

}  // namespace
}  // namespace cordon::cli
