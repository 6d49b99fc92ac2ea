#include "store/store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace cordon::store {
namespace {

model::Entity MakeEntity(const std::string& source, const std::string& record,
                         const std::string& name) {
  model::Entity e;
  e.id = source + ":" + record;
  e.schema = model::Schema::kPerson;
  e.provenance = {source, record, "test"};
  e.names.push_back({.full = name});
  return e;
}

NewVersion MakeVersion(const std::string& source, const std::string& sha,
                       std::vector<model::Entity> entities) {
  NewVersion v;
  v.source = source;
  v.format = "test";
  v.published = "2026-02-27";
  v.retrieved = "2026-11-29T00:00:00Z";
  v.sha256 = sha;
  v.files = {"list.xml"};
  v.entities = std::move(entities);
  return v;
}

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<Store>> opened = Store::Open(":memory:");
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
  }
  std::unique_ptr<Store> store_;
};

TEST_F(StoreTest, FirstVersionAddsEverything) {
  Result<AddResult> r = store_->AddVersion(MakeVersion(
      "un_sc", "a",
      {MakeEntity("un_sc", "1", "ERIC BADEGE"), MakeEntity("un_sc", "2", "IVAN PETROV")}));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(r->unchanged);
  EXPECT_EQ(r->version.number, 1);
  EXPECT_EQ(r->version.added, 2);
  EXPECT_EQ(r->version.entity_count, 2);
  Result<model::Entity> e = store_->GetEntity("un_sc:1");
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->caption(), "ERIC BADEGE");
}

TEST_F(StoreTest, SecondVersionRecordsDeltaWithChangedFields) {
  ASSERT_TRUE(store_
                  ->AddVersion(MakeVersion(
                      "un_sc", "a",
                      {MakeEntity("un_sc", "1", "ERIC BADEGE"),
                       MakeEntity("un_sc", "2", "IVAN PETROV"), MakeEntity("un_sc", "3", "GONE")}))
                  .ok());
  model::Entity changed = MakeEntity("un_sc", "2", "IVAN PETROV");
  changed.birth_dates.push_back({.date = *model::PartialDate::FromIso("1971")});
  Result<AddResult> r = store_->AddVersion(MakeVersion(
      "un_sc", "b",
      {MakeEntity("un_sc", "1", "ERIC BADEGE"), changed, MakeEntity("un_sc", "4", "NEW ONE")}));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->version.number, 2);
  EXPECT_EQ(r->version.added, 1);
  EXPECT_EQ(r->version.removed, 1);
  EXPECT_EQ(r->version.changed, 1);

  Result<Delta> delta = store_->GetDelta("un_sc", 0, 0);
  ASSERT_TRUE(delta.ok());
  ASSERT_EQ(delta->changes.size(), 3u);
  EXPECT_EQ(delta->changes[0].entity_id, "un_sc:2");
  EXPECT_EQ(delta->changes[0].kind, EntityChange::Kind::kChanged);
  EXPECT_EQ(delta->changes[0].fields, std::vector<std::string>{"birth_dates"});
  EXPECT_EQ(delta->changes[1].kind, EntityChange::Kind::kRemoved);
  EXPECT_EQ(delta->changes[1].caption, "GONE");
  EXPECT_EQ(delta->changes[2].kind, EntityChange::Kind::kAdded);

  // Old versions stay readable.
  EXPECT_TRUE(store_->GetEntity("un_sc:3", 1).ok());
  EXPECT_EQ(store_->GetEntity("un_sc:3").status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(store_->GetEntity("un_sc:2", 1)->birth_dates.empty());
}

TEST_F(StoreTest, DeltaBetweenAnyTwoVersionsMatchesRecordedOne) {
  ASSERT_TRUE(store_->AddVersion(MakeVersion("s", "a", {MakeEntity("s", "1", "A")})).ok());
  ASSERT_TRUE(store_->AddVersion(MakeVersion("s", "b", {MakeEntity("s", "2", "B")})).ok());
  ASSERT_TRUE(store_->AddVersion(MakeVersion("s", "c", {MakeEntity("s", "2", "B2")})).ok());
  Result<Delta> d = store_->GetDelta("s", 1, 3);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  ASSERT_EQ(d->changes.size(), 2u);
  EXPECT_EQ(d->changes[0].entity_id, "s:1");
  EXPECT_EQ(d->changes[0].kind, EntityChange::Kind::kRemoved);
  EXPECT_EQ(d->changes[1].kind, EntityChange::Kind::kAdded);
  Result<Delta> all = store_->GetDelta("s", 0, 3);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->changes.size(), 1u);
  auto history = store_->EntityHistory("s:2");
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[1].first, 3);
  EXPECT_EQ((*history)[1].second.fields, std::vector<std::string>{"names"});
  EXPECT_EQ(store_->GetDelta("s", 0, 9).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->GetDelta("nope", 0, 0).status().code(), StatusCode::kNotFound);
}

TEST_F(StoreTest, IdenticalInputIsANoOp) {
  ASSERT_TRUE(store_->AddVersion(MakeVersion("s", "same", {MakeEntity("s", "1", "A")})).ok());
  Result<AddResult> again =
      store_->AddVersion(MakeVersion("s", "same", {MakeEntity("s", "1", "A")}));
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->unchanged);
  EXPECT_EQ(store_->ListVersions("s")->size(), 1u);
}

TEST_F(StoreTest, FailedBatchLeavesEveryPreviousVersionCurrent) {
  ASSERT_TRUE(store_->AddVersion(MakeVersion("a", "1", {MakeEntity("a", "1", "A")})).ok());
  std::vector<NewVersion> batch;
  batch.push_back(MakeVersion("a", "2", {MakeEntity("a", "9", "NEW")}));
  // Duplicate ids make the second version invalid: the first must not land either.
  batch.push_back(MakeVersion("b", "1", {MakeEntity("b", "1", "X"), MakeEntity("b", "1", "Y")}));
  Result<std::vector<AddResult>> r = store_->AddVersions(std::move(batch));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  auto sources = store_->ListSources();
  ASSERT_TRUE(sources.ok());
  ASSERT_EQ(sources->size(), 1u);
  EXPECT_EQ((*sources)[0].current.number, 1);
  EXPECT_TRUE(store_->GetEntity("a:1").ok());
}

TEST_F(StoreTest, CurrentEntitiesAndDiagnosticsPerVersion) {
  NewVersion first = MakeVersion("a", "1", {MakeEntity("a", "1", "OLD")});
  first.diagnostics.push_back({ingest::Diagnostic::Severity::kWarning, "list.xml", 12, "1", "odd"});
  ASSERT_TRUE(store_->AddVersion(std::move(first)).ok());
  ASSERT_TRUE(store_->AddVersion(MakeVersion("a", "2", {MakeEntity("a", "2", "NEW")})).ok());
  ASSERT_TRUE(store_->AddVersion(MakeVersion("b", "1", {MakeEntity("b", "1", "B")})).ok());
  std::vector<std::string> seen;
  ASSERT_TRUE(store_
                  ->ForEachCurrentEntity([&](const model::Entity& e) {
                    seen.push_back(e.id);
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(seen, (std::vector<std::string>{"a:2", "b:1"}));  // a:1 is only in version 1
  auto diagnostics = store_->VersionDiagnostics("a", 1);
  ASSERT_TRUE(diagnostics.ok());
  ASSERT_EQ(diagnostics->size(), 1u);
  EXPECT_EQ((*diagnostics)[0].ToString(), "list.xml:12 [record 1] warning: odd");
  EXPECT_TRUE(store_->VersionDiagnostics("a", 2)->empty());
  EXPECT_EQ(store_->ListVersions("a")->front().warnings, 1);
}

TEST_F(StoreTest, EntitiesAsOfADateComeFromTheVersionCurrentThen) {
  NewVersion a1 = MakeVersion("a", "1", {MakeEntity("a", "1", "OLD")});
  a1.published = "2024-01-10";
  NewVersion a2 = MakeVersion("a", "2", {MakeEntity("a", "2", "NEW")});
  a2.published = "2025-03-01T00:00:00";  // a list date with a time part
  NewVersion b1 = MakeVersion("b", "1", {MakeEntity("b", "1", "B")});
  b1.published = "";  // no list date: the retrieval date counts
  b1.retrieved = "2025-06-01T12:00:00Z";
  for (NewVersion* v : {&a1, &a2, &b1}) ASSERT_TRUE(store_->AddVersion(std::move(*v)).ok());

  auto ids_as_of = [&](const std::string& date) {
    std::vector<std::string> seen;
    Status status = store_->ForEachEntityAsOf(date, [&](const model::Entity& e) {
      seen.push_back(e.id);
      return Status::Ok();
    });
    EXPECT_TRUE(status.ok()) << status.ToString();
    return seen;
  };
  EXPECT_TRUE(ids_as_of("2023-12-31").empty());  // before any list existed
  EXPECT_EQ(ids_as_of("2024-01-10"), std::vector<std::string>{"a:1"});
  EXPECT_EQ(ids_as_of("2025-02-28"), std::vector<std::string>{"a:1"});
  EXPECT_EQ(ids_as_of("2025-03-01"), std::vector<std::string>{"a:2"});
  EXPECT_EQ(ids_as_of("2025-06-01"), (std::vector<std::string>{"a:2", "b:1"}));
  EXPECT_EQ(ids_as_of(""), (std::vector<std::string>{"a:2", "b:1"}));

  EXPECT_EQ(store_->ForEachEntityAsOf("2025-6-1", [](const model::Entity&) { return Status::Ok(); })
                .code(),
            StatusCode::kInvalidArgument);
  // fn's error stops the walk and is returned.
  int calls = 0;
  Status stopped = store_->ForEachEntityAsOf("2025-06-01", [&](const model::Entity&) {
    ++calls;
    return NotFoundError("stop");
  });
  EXPECT_EQ(stopped.code(), StatusCode::kNotFound);
  EXPECT_EQ(calls, 1);
}

TEST_F(StoreTest, RejectsEntityOfAnotherSource) {
  Result<AddResult> r = store_->AddVersion(MakeVersion("a", "1", {MakeEntity("b", "1", "X")}));
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
}

TEST(StoreFileTest, PersistsAcrossOpensAndRejectsNonStores) {
  auto dir = std::filesystem::temp_directory_path() / "cordon_store_test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "cordon.db").string();
  {
    auto store = Store::Open(path);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE((*store)->AddVersion(MakeVersion("s", "a", {MakeEntity("s", "1", "A")})).ok());
  }
  {
    auto store = Store::Open(path);
    ASSERT_TRUE(store.ok());
    auto sources = (*store)->ListSources();
    ASSERT_TRUE(sources.ok());
    ASSERT_EQ(sources->size(), 1u);
    EXPECT_EQ((*sources)[0].current.published, "2026-02-27");
    EXPECT_EQ((*sources)[0].current.files, std::vector<std::string>{"list.xml"});
  }
  const std::string junk = (dir / "junk.db").string();
  {
    FILE* f = std::fopen(junk.c_str(), "wb");
    std::fputs("this is not a database, just text that is long enough to look like a header", f);
    std::fclose(f);
  }
  EXPECT_FALSE(Store::Open(junk).ok());
  std::filesystem::remove_all(dir);
}

// A store file in a fresh directory, removed (permissions restored) at the end.
class StoreFileModeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("cordon_store_mode_test_" + std::to_string(getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "cordon.db").string();
  }
  void TearDown() override {
    chmod(dir_.c_str(), 0755);
    chmod(path_.c_str(), 0644);
    std::filesystem::remove_all(dir_);
  }

  // A store with one version of source "s" holding "s:1", closed.
  void MakeStore() {
    Result<std::unique_ptr<Store>> store = Store::Open(path_, OpenMode::kCreate);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    ASSERT_TRUE((*store)->AddVersion(MakeVersion("s", "a", {MakeEntity("s", "1", "A")})).ok());
  }

  static std::string Bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
  }

  std::vector<std::string> Entries() const {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(dir_)) {
      names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
  }

  std::filesystem::path dir_;
  std::string path_;
};

TEST_F(StoreFileModeTest, ReadOnlyOpenOfAMissingPathIsNotFoundAndCreatesNothing) {
  // A mistyped --db used to become a new, empty store.
  const std::string typo = (dir_ / "cordn.db").string();
  Result<std::unique_ptr<Store>> store = Store::Open(typo, OpenMode::kReadOnly);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kNotFound);
  EXPECT_NE(store.status().message().find("no store at " + typo), std::string::npos)
      << store.status().ToString();
  EXPECT_NE(store.status().message().find("cordon load"), std::string::npos);
  EXPECT_EQ(Store::Open(typo, OpenMode::kReadWrite).status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(Entries().empty());
}

TEST_F(StoreFileModeTest, AReadOnlyFileInAReadOnlyDirectoryCanBeRead) {
  MakeStore();
  ASSERT_EQ(chmod(path_.c_str(), 0444), 0);
  ASSERT_EQ(chmod(dir_.c_str(), 0555), 0);
  Result<std::unique_ptr<Store>> store = Store::Open(path_, OpenMode::kReadOnly);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  Result<std::vector<SourceInfo>> sources = (*store)->ListSources();
  ASSERT_TRUE(sources.ok()) << sources.status().ToString();
  ASSERT_EQ(sources->size(), 1u);
  EXPECT_EQ((*sources)[0].name, "s");
  Result<model::Entity> entity = (*store)->GetEntity("s:1");
  ASSERT_TRUE(entity.ok()) << entity.status().ToString();
  EXPECT_EQ(entity->caption(), "A");
  Result<AddResult> added = (*store)->AddVersion(MakeVersion("s", "b", {}));
  EXPECT_EQ(added.status().code(), StatusCode::kFailedPrecondition) << added.status().ToString();
}

TEST_F(StoreFileModeTest, ReadingLeavesTheFileAsItWas) {
  MakeStore();
  {
    // A rollback-journal file, as a store copied with `sqlite3 .backup` is: opening it used to
    // switch it to WAL (and run the schema statements) even to read it.
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, "PRAGMA journal_mode=DELETE", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
  }
  const std::string before = Bytes(path_);
  {
    Result<std::unique_ptr<Store>> store = Store::Open(path_, OpenMode::kReadOnly);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    ASSERT_TRUE((*store)->ListSources().ok());
  }
  EXPECT_TRUE(Bytes(path_) == before) << "opening to read changed the file";
  EXPECT_EQ(Entries(), std::vector<std::string>{"cordon.db"});
}

// Overwrites the root page of `table` (an empty table, so that adding a version without
// diagnostics does not read it) with bytes that are no b-tree page.
void DamageTable(const std::string& path, const std::string& table) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db,
                               "SELECT rootpage, (SELECT page_size FROM pragma_page_size) "
                               "FROM sqlite_master WHERE name=?",
                               -1, &stmt, nullptr),
            SQLITE_OK);
  sqlite3_bind_text(stmt, 1, table.c_str(), -1, SQLITE_TRANSIENT);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  const int64_t root = sqlite3_column_int64(stmt, 0);
  const int64_t page_size = sqlite3_column_int64(stmt, 1);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  std::fstream file(path, std::ios::binary | std::ios::in | std::ios::out);
  file.seekp((root - 1) * page_size);
  const std::string junk(static_cast<size_t>(page_size), '\x07');
  file.write(junk.data(), static_cast<std::streamsize>(junk.size()));
  ASSERT_TRUE(file.good());
}

TEST_F(StoreFileModeTest, RefusesToAddToAStoreThatFailsTheIntegrityCheck) {
  MakeStore();
  DamageTable(path_, "diagnostics");
  Result<std::unique_ptr<Store>> store = Store::Open(path_, OpenMode::kCreate);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  Result<AddResult> added =
      (*store)->AddVersion(MakeVersion("s", "b", {MakeEntity("s", "2", "B")}));
  ASSERT_FALSE(added.ok());
  EXPECT_EQ(added.status().code(), StatusCode::kCorruption);
  EXPECT_NE(added.status().message().find(path_ + ": fails SQLite's integrity check"),
            std::string::npos)
      << added.status().ToString();
  EXPECT_NE(added.status().message().find("nothing was written"), std::string::npos);
  Result<std::vector<VersionInfo>> versions = (*store)->ListVersions("s");
  ASSERT_TRUE(versions.ok()) << versions.status().ToString();
  EXPECT_EQ(versions->size(), 1u);
}

}  // namespace
}  // namespace cordon::store
