#include "store/sqlite.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "store/store.h"

namespace cordon::store {
namespace {

class DatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("cordon_sqlite_test_" + std::to_string(getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "cordon.db").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Runs `sql` on the file with SQLite alone, as another program (or an older cordon) would.
  void Raw(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    char* error = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
    EXPECT_EQ(rc, SQLITE_OK) << (error ? error : "") << " in " << sql;
    sqlite3_free(error);
    sqlite3_close(db);
  }
  // The first column of the first row of `sql`, read with SQLite alone.
  std::string RawValue(const std::string& sql) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open_v2(path_.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    std::string value = "<no row>";
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW) {
      const unsigned char* text = sqlite3_column_text(stmt, 0);
      value = text ? reinterpret_cast<const char*>(text) : "NULL";
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return value;
  }
  std::string Bytes() const {
    std::ifstream in(path_, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
  }

  // A store as cordon wrote it before schema version 2: the list tables, meta.schema_version
  // '1', user_version 0, no api_keys table (unless ApiKeys had made it), in rollback-journal
  // mode as a backup copy would be. It is made by taking the version-2 step back out of a
  // current store holding one version of source "s".
  void MakeVersionOneStore(bool with_api_keys) {
    {
      Result<std::unique_ptr<Store>> store = Store::Open(path_, OpenMode::kCreate);
      ASSERT_TRUE(store.ok()) << store.status().ToString();
      model::Entity e;
      e.id = "s:1";
      e.schema = model::Schema::kPerson;
      e.provenance = {"s", "1", "test"};
      e.names.push_back({.full = "ERIC BADEGE"});
      NewVersion v{.source = "s", .format = "test", .retrieved = "2026-11-29T00:00:00Z"};
      v.sha256 = "a";
      v.entities.push_back(std::move(e));
      ASSERT_TRUE((*store)->AddVersion(std::move(v)).ok());
    }
    Raw("PRAGMA journal_mode=DELETE; PRAGMA user_version=0; "
        "UPDATE meta SET value='1' WHERE key='schema_version';");
    if (with_api_keys) {
      Raw("INSERT INTO api_keys(name, sha256, prefix, created) "
          "VALUES('ops', 'digest', 'ck_abcde', '2026-01-01T00:00:00Z')");
    } else {
      Raw("DROP TABLE api_keys");
    }
    ASSERT_EQ(RawValue("PRAGMA user_version"), "0");
  }

  std::filesystem::path dir_;
  std::string path_;
};

TEST_F(DatabaseTest, ANewFileGetsTheCurrentSchema) {
  Result<std::unique_ptr<Database>> db = Database::Open(path_, OpenMode::kCreate);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  EXPECT_EQ((*db)->schema_version(), kSchemaVersion);
  EXPECT_FALSE((*db)->read_only());
  EXPECT_EQ(RawValue("PRAGMA user_version"), std::to_string(kSchemaVersion));
  EXPECT_EQ(RawValue("SELECT value FROM meta WHERE key='schema_version'"),
            std::to_string(kSchemaVersion));
  EXPECT_EQ(RawValue("PRAGMA journal_mode"), "wal");
  for (const char* table :
       {"versions", "blobs", "version_entities", "changes", "diagnostics", "api_keys"}) {
    Result<bool> has = (*db)->HasTable(table);
    ASSERT_TRUE(has.ok());
    EXPECT_TRUE(*has) << table;
  }
}

TEST_F(DatabaseTest, AVersionOneStoreIsReadAsItIsWhenOpenedReadOnly) {
  MakeVersionOneStore(/*with_api_keys=*/false);
  const std::string before = Bytes();
  {
    Result<std::unique_ptr<Database>> db = Database::Open(path_, OpenMode::kReadOnly);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    EXPECT_TRUE((*db)->read_only());
    EXPECT_EQ((*db)->schema_version(), 1);
    Result<std::unique_ptr<Store>> store = Store::Open(path_, OpenMode::kReadOnly);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    Result<model::Entity> entity = (*store)->GetEntity("s:1");
    ASSERT_TRUE(entity.ok()) << entity.status().ToString();
    EXPECT_EQ(entity->caption(), "ERIC BADEGE");
  }
  EXPECT_TRUE(Bytes() == before) << "a read-only open migrated or otherwise wrote the file";
}

TEST_F(DatabaseTest, AVersionOneStoreIsMigratedWhenOpenedForWriting) {
  MakeVersionOneStore(/*with_api_keys=*/false);
  {
    Result<std::unique_ptr<Store>> store = Store::Open(path_, OpenMode::kReadWrite);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    Result<std::vector<VersionInfo>> versions = (*store)->ListVersions("s");
    ASSERT_TRUE(versions.ok()) << versions.status().ToString();
    EXPECT_EQ(versions->size(), 1u);
  }
  EXPECT_EQ(RawValue("PRAGMA user_version"), std::to_string(kSchemaVersion));
  EXPECT_EQ(RawValue("SELECT value FROM meta WHERE key='schema_version'"),
            std::to_string(kSchemaVersion));
  EXPECT_EQ(RawValue("SELECT COUNT(*) FROM api_keys"), "0");
  EXPECT_EQ(RawValue("SELECT caption FROM version_entities WHERE entity_id='s:1'"), "ERIC BADEGE");
  // And read-only afterwards, as the current version.
  Result<std::unique_ptr<Database>> db = Database::Open(path_, OpenMode::kReadOnly);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  EXPECT_EQ((*db)->schema_version(), kSchemaVersion);
}

TEST_F(DatabaseTest, MigrationKeepsKeysAnOlderCordonStoredInTheFile) {
  MakeVersionOneStore(/*with_api_keys=*/true);
  Result<std::unique_ptr<Database>> db = Database::Open(path_, OpenMode::kReadWrite);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  EXPECT_EQ(RawValue("PRAGMA user_version"), std::to_string(kSchemaVersion));
  EXPECT_EQ(RawValue("SELECT name FROM api_keys"), "ops");
}

TEST_F(DatabaseTest, ANewerStoreIsRefusedInEveryMode) {
  ASSERT_TRUE(Database::Open(path_, OpenMode::kCreate).ok());
  Raw("PRAGMA user_version=" + std::to_string(kSchemaVersion + 1));
  for (OpenMode mode : {OpenMode::kReadOnly, OpenMode::kReadWrite, OpenMode::kCreate}) {
    Result<std::unique_ptr<Database>> db = Database::Open(path_, mode);
    ASSERT_FALSE(db.ok());
    EXPECT_EQ(db.status().code(), StatusCode::kFailedPrecondition) << db.status().ToString();
    EXPECT_NE(db.status().message().find("upgrade cordon"), std::string::npos);
  }
}

TEST_F(DatabaseTest, AnotherProgramsDatabaseIsNotTakenOver) {
  Raw("CREATE TABLE invoices(id INTEGER PRIMARY KEY, amount REAL)");
  const std::string before = Bytes();
  for (OpenMode mode : {OpenMode::kReadOnly, OpenMode::kCreate}) {
    Result<std::unique_ptr<Database>> db = Database::Open(path_, mode);
    ASSERT_FALSE(db.ok());
    EXPECT_EQ(db.status().code(), StatusCode::kCorruption) << db.status().ToString();
    EXPECT_NE(db.status().message().find("not a cordon store"), std::string::npos);
  }
  EXPECT_TRUE(Bytes() == before);
}

TEST_F(DatabaseTest, AFileThatIsNotSqliteIsCorruption) {
  std::ofstream(path_) << "this is not a database, just text that is long enough to look like a "
                          "header";
  for (OpenMode mode : {OpenMode::kReadOnly, OpenMode::kCreate}) {
    Result<std::unique_ptr<Database>> db = Database::Open(path_, mode);
    EXPECT_EQ(db.status().code(), StatusCode::kCorruption) << db.status().ToString();
  }
}

TEST_F(DatabaseTest, StatementsReportConstraintFailures) {
  Result<std::unique_ptr<Database>> db = Database::Open(":memory:", OpenMode::kCreate);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  ASSERT_TRUE((*db)->Exec("CREATE TABLE t(k TEXT PRIMARY KEY)").ok());
  Statement insert((*db)->handle(), "INSERT INTO t(k) VALUES(?)");
  insert.Bind(1, "x");
  ASSERT_TRUE(insert.Run().ok());
  insert.Reset();
  insert.Bind(1, "x");
  EXPECT_FALSE(insert.Run().ok());
  EXPECT_EQ(insert.error_code(), SQLITE_CONSTRAINT);
  Statement bad((*db)->handle(), "SELECT nothing FROM nowhere");
  EXPECT_FALSE(bad.Step());
  EXPECT_EQ(bad.status().code(), StatusCode::kInternal);
}

TEST_F(DatabaseTest, QuickCheckPassesAHealthyStore) {
  Result<std::unique_ptr<Database>> db = Database::Open(path_, OpenMode::kCreate);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  EXPECT_TRUE((*db)->QuickCheck().ok());
}

}  // namespace
}  // namespace cordon::store
