#include "service/api_keys.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <regex>

#include "base/sha256.h"
#include "store/store.h"
#include "update/sources.h"
#include "update/updater.h"

namespace cordon::service {
namespace {

class ApiKeysTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("cordon_api_keys_test_" + std::to_string(getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "cordon.db").string();
    Result<std::unique_ptr<ApiKeys>> keys = ApiKeys::Open(path_);
    ASSERT_TRUE(keys.ok()) << keys.status().ToString();
    keys_ = std::move(keys).value();
  }
  void TearDown() override {
    keys_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::string AddKey(const std::string& name) {
    Result<std::string> key = keys_->Add(name);
    EXPECT_TRUE(key.ok()) << key.status().ToString();
    return key.ok() ? *key : "";
  }

  std::shared_ptr<const KeyTable> Table() {
    Result<std::shared_ptr<const KeyTable>> table = keys_->LoadTable();
    EXPECT_TRUE(table.ok()) << table.status().ToString();
    return table.ok() ? *table : std::make_shared<KeyTable>();
  }

  // Every text value of the api_keys table, read with sqlite3 directly.
  std::string StoredText() {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    std::string text;
    sqlite3_exec(
        db, "SELECT name, sha256, prefix, created, revoked FROM api_keys",
        [](void* out, int columns, char** values, char**) {
          for (int column = 0; column < columns; ++column) {
            *static_cast<std::string*>(out) +=
                std::string(values[column] ? values[column] : "") + "|";
          }
          return 0;
        },
        &text, nullptr);
    sqlite3_close(db);
    return text;
  }

  std::filesystem::path dir_;
  std::string path_;
  std::unique_ptr<ApiKeys> keys_;
};

TEST_F(ApiKeysTest, NewKeyIsRandomBase64UrlAndAuthenticatesAsItsName) {
  const std::string key = AddKey("ops-team");
  EXPECT_TRUE(std::regex_match(key, std::regex("ck_[A-Za-z0-9_-]{43}"))) << key;
  const std::string other = AddKey("batch.screening_2");
  EXPECT_NE(key, other);

  std::shared_ptr<const KeyTable> table = Table();
  EXPECT_EQ(table->size(), 2u);
  EXPECT_EQ(table->Authenticate(key), "ops-team");
  EXPECT_EQ(table->Authenticate(other), "batch.screening_2");
}

TEST_F(ApiKeysTest, WrongKeysDoNotAuthenticate) {
  const std::string key = AddKey("ops");
  std::shared_ptr<const KeyTable> table = Table();
  std::string altered = key;
  altered.back() = altered.back() == 'A' ? 'B' : 'A';
  EXPECT_EQ(table->Authenticate(altered), std::nullopt);
  EXPECT_EQ(table->Authenticate(key.substr(0, key.size() - 1)), std::nullopt);
  EXPECT_EQ(table->Authenticate(key + "x"), std::nullopt);
  EXPECT_EQ(table->Authenticate(""), std::nullopt);
  EXPECT_EQ(table->Authenticate("ops"), std::nullopt);  // the name is not a key
  // The stored digest is not a key either.
  EXPECT_EQ(table->Authenticate(Sha256Hex(key)), std::nullopt);
  EXPECT_EQ(KeyTable().Authenticate(key), std::nullopt);
}

TEST_F(ApiKeysTest, StoresOnlyTheDigestNeverTheKey) {
  const std::string key = AddKey("ops");
  const std::string stored = StoredText();
  EXPECT_EQ(stored.find(key), std::string::npos) << stored;
  EXPECT_NE(stored.find(Sha256Hex(key)), std::string::npos) << stored;
  std::string prefix_cell = "|";  // built in steps: GCC 12 warns (-Wrestrict) on "|" + ...
  prefix_cell.append(key, 0, 8).append("|");
  EXPECT_NE(stored.find(prefix_cell), std::string::npos) << stored;
}

TEST_F(ApiKeysTest, RejectsBadNames) {
  for (const std::string& bad :
       {std::string(), std::string(65, 'a'), std::string("two words"), std::string("a/b"),
        std::string("caf\xc3\xa9"), std::string("x;DROP TABLE api_keys")}) {
    Result<std::string> key = keys_->Add(bad);
    EXPECT_EQ(key.status().code(), StatusCode::kInvalidArgument) << bad;
  }
  EXPECT_TRUE(keys_->Add(std::string(64, 'a')).ok());
  EXPECT_TRUE(keys_->Add("A-z.0_9").ok());
  EXPECT_EQ(Table()->size(), 2u);
}

TEST_F(ApiKeysTest, OneCurrentKeyPerName) {
  const std::string first = AddKey("ops");
  Result<std::string> again = keys_->Add("ops");
  EXPECT_EQ(again.status().code(), StatusCode::kAlreadyExists);

  ASSERT_TRUE(keys_->Revoke("ops").ok());
  const std::string second = AddKey("ops");  // the name is free once revoked
  std::shared_ptr<const KeyTable> table = Table();
  EXPECT_EQ(table->size(), 1u);
  EXPECT_EQ(table->Authenticate(first), std::nullopt);
  EXPECT_EQ(table->Authenticate(second), "ops");
}

TEST_F(ApiKeysTest, RevokeStopsTheKeyInNewSnapshotsOnly) {
  const std::string key = AddKey("ops");
  const std::string kept = AddKey("audit");
  std::shared_ptr<const KeyTable> before = Table();
  ASSERT_TRUE(keys_->Revoke("ops").ok());
  std::shared_ptr<const KeyTable> after = Table();

  EXPECT_EQ(before->Authenticate(key), "ops");  // a snapshot never changes
  EXPECT_EQ(after->Authenticate(key), std::nullopt);
  EXPECT_EQ(after->Authenticate(kept), "audit");

  EXPECT_EQ(keys_->Revoke("ops").code(), StatusCode::kNotFound);  // already revoked
  EXPECT_EQ(keys_->Revoke("nobody").code(), StatusCode::kNotFound);
}

TEST_F(ApiKeysTest, ListShowsEveryKeyOldestFirstWithoutTheKey) {
  const std::string first = AddKey("ops");
  const std::string second = AddKey("audit");
  ASSERT_TRUE(keys_->Revoke("ops").ok());

  Result<std::vector<ApiKeyInfo>> list = keys_->List();
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].name, "ops");
  EXPECT_TRUE((*list)[0].revoked);
  EXPECT_EQ((*list)[0].prefix, first.substr(0, 8));
  EXPECT_EQ((*list)[1].name, "audit");
  EXPECT_FALSE((*list)[1].revoked);
  EXPECT_EQ((*list)[1].prefix, second.substr(0, 8));
  EXPECT_TRUE(
      std::regex_match((*list)[1].created, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)")))
      << (*list)[1].created;
}

TEST_F(ApiKeysTest, KeysPersistAcrossOpens) {
  const std::string key = AddKey("ops");
  keys_.reset();
  Result<std::unique_ptr<ApiKeys>> reopened = ApiKeys::Open(path_);
  ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
  Result<std::shared_ptr<const KeyTable>> table = (*reopened)->LoadTable();
  ASSERT_TRUE(table.ok());
  EXPECT_EQ((*table)->Authenticate(key), "ops");
}

// The keys share cordon.db with the list store: each must open a file the other made.
TEST_F(ApiKeysTest, SharesTheFileWithARealListStore) {
  const std::string key = AddKey("ops");  // ApiKeys created the file
  {
    Result<std::unique_ptr<store::Store>> store = store::Store::Open(path_);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    Result<update::SourceCatalog> catalog =
        update::LoadSourceCatalog(std::string(CORDON_BUNDLED_DATA) + "/sources.json");
    ASSERT_TRUE(catalog.ok()) << catalog.status().ToString();
    std::vector<update::SourceOutcome> outcomes =
        update::LoadBundled(**store, *catalog, {.only = {"un_sc"}});
    ASSERT_EQ(outcomes.size(), 1u);
    ASSERT_TRUE(outcomes[0].status.ok()) << outcomes[0].status.ToString();
  }
  // Both reopen the file now holding both sets of tables.
  Result<std::unique_ptr<ApiKeys>> keys = ApiKeys::Open(path_);
  ASSERT_TRUE(keys.ok()) << keys.status().ToString();
  ASSERT_TRUE((*keys)->Add("second").ok());
  Result<std::unique_ptr<store::Store>> store = store::Store::Open(path_);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  Result<std::vector<store::SourceInfo>> sources = (*store)->ListSources();
  ASSERT_TRUE(sources.ok()) << sources.status().ToString();
  ASSERT_EQ(sources->size(), 1u);
  EXPECT_EQ((*sources)[0].name, "un_sc");
  EXPECT_GT((*sources)[0].current.entity_count, 500);
  Result<std::shared_ptr<const KeyTable>> table = (*keys)->LoadTable();
  ASSERT_TRUE(table.ok());
  EXPECT_EQ((*table)->size(), 2u);
  EXPECT_EQ((*table)->Authenticate(key), "ops");
}

TEST_F(ApiKeysTest, OpensAStoreMadeFirst) {
  const std::string path = (dir_ / "store-first.db").string();
  ASSERT_TRUE(store::Store::Open(path).ok());
  Result<std::unique_ptr<ApiKeys>> keys = ApiKeys::Open(path);
  ASSERT_TRUE(keys.ok()) << keys.status().ToString();
  EXPECT_TRUE((*keys)->Add("ops").ok());
  EXPECT_TRUE(store::Store::Open(path).ok());
}

TEST_F(ApiKeysTest, RejectsAFileThatIsNotADatabase) {
  const std::string junk = (dir_ / "junk.db").string();
  FILE* file = std::fopen(junk.c_str(), "wb");
  ASSERT_NE(file, nullptr);
  std::fputs("this is not a database, just text that is long enough to look like a header", file);
  std::fclose(file);
  Result<std::unique_ptr<ApiKeys>> keys = ApiKeys::Open(junk);
  EXPECT_EQ(keys.status().code(), StatusCode::kCorruption) << keys.status().ToString();
  EXPECT_EQ(ApiKeys::Open((dir_ / "no/such/dir/x.db").string()).status().code(),
            StatusCode::kIoError);
}

// One owner of the file: keys made first leave a whole store behind, which a reader opens.
TEST_F(ApiKeysTest, KeysMadeFirstLeaveAStoreOfTheCurrentSchema) {
  AddKey("ops");
  keys_.reset();
  Result<std::unique_ptr<store::Store>> store =
      store::Store::Open(path_, store::OpenMode::kReadOnly);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  Result<std::vector<store::SourceInfo>> sources = (*store)->ListSources();
  ASSERT_TRUE(sources.ok()) << sources.status().ToString();
  EXPECT_TRUE(sources->empty());
  Result<std::unique_ptr<store::Database>> db =
      store::Database::Open(path_, store::OpenMode::kReadOnly);
  ASSERT_TRUE(db.ok());
  EXPECT_EQ((*db)->schema_version(), store::kSchemaVersion);
}

TEST_F(ApiKeysTest, ReadOnlyOpenReadsKeysAndRefusesChanges) {
  const std::string key = AddKey("ops");
  keys_.reset();
  Result<std::unique_ptr<ApiKeys>> keys = ApiKeys::Open(path_, store::OpenMode::kReadOnly);
  ASSERT_TRUE(keys.ok()) << keys.status().ToString();
  Result<std::shared_ptr<const KeyTable>> table = (*keys)->LoadTable();
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ((*table)->Authenticate(key), "ops");
  EXPECT_EQ((*keys)->Add("other").status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ((*keys)->Revoke("ops").code(), StatusCode::kFailedPrecondition);
}

TEST_F(ApiKeysTest, ReadOnlyOpenOfAStoreFromBeforeTheTableHasNoKeys) {
  keys_.reset();
  const std::string path = (dir_ / "v1.db").string();
  ASSERT_TRUE(store::Store::Open(path, store::OpenMode::kCreate).ok());
  {
    // As schema version 1 left it: no api_keys table, user_version 0.
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db,
                           "DROP TABLE api_keys; PRAGMA user_version=0; "
                           "UPDATE meta SET value='1' WHERE key='schema_version'",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
  }
  Result<std::unique_ptr<ApiKeys>> keys = ApiKeys::Open(path, store::OpenMode::kReadOnly);
  ASSERT_TRUE(keys.ok()) << keys.status().ToString();
  Result<std::vector<ApiKeyInfo>> list = (*keys)->List();
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  EXPECT_TRUE(list->empty());
  Result<std::shared_ptr<const KeyTable>> table = (*keys)->LoadTable();
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ((*table)->size(), 0u);
  // Opened for writing, the store is migrated and takes a key.
  keys = ApiKeys::Open(path, store::OpenMode::kReadWrite);
  ASSERT_TRUE(keys.ok()) << keys.status().ToString();
  EXPECT_TRUE((*keys)->Add("ops").ok());
}

TEST_F(ApiKeysTest, OpeningAMissingFileToReadOrRevokeCreatesNothing) {
  const std::string typo = (dir_ / "cordn.db").string();
  for (store::OpenMode mode : {store::OpenMode::kReadOnly, store::OpenMode::kReadWrite}) {
    Result<std::unique_ptr<ApiKeys>> keys = ApiKeys::Open(typo, mode);
    EXPECT_EQ(keys.status().code(), StatusCode::kNotFound) << keys.status().ToString();
  }
  EXPECT_FALSE(std::filesystem::exists(typo));
}

}  // namespace
}  // namespace cordon::service
