// Tests of the service snapshot on a store holding real lists: the UN list (one version) and
// the two bundled versions of the OFAC SDN list (2021, then 2024).
#include "service/snapshot.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "base/file.h"
#include "store/ingest_files.h"
#include "store/testing/bundled_lists.h"

namespace cordon::service {
namespace {

using Json = nlohmann::json;
namespace fs = std::filesystem;

using store::testing::IngestBundled;
using store::testing::kSdn2021;
using store::testing::kSdn2024;

fs::path TempDir(const std::string& name) {
  fs::path dir =
      fs::temp_directory_path() / ("cordon_snapshot_test_" + std::to_string(getpid()) + "_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

// One store and one snapshot for the suite: ingesting and indexing the lists takes seconds.
class SnapshotTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(TempDir("suite"));
    Result<std::unique_ptr<store::Store>> store =
        store::Store::Open((*dir_ / "cordon.db").string());
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = store->release();
    IngestBundled(*store_, {"un/UN_consolidated.xml.zst"});
    IngestBundled(*store_, kSdn2021);
    IngestBundled(*store_, kSdn2024);
    Result<std::shared_ptr<const Snapshot>> snapshot = BuildSnapshot(*store_, 3);
    ASSERT_TRUE(snapshot.ok()) << snapshot.status().ToString();
    snapshot_ = new std::shared_ptr<const Snapshot>(std::move(*snapshot));
  }
  static void TearDownTestSuite() {
    delete snapshot_;
    delete store_;
    fs::remove_all(*dir_);
    delete dir_;
  }
  void SetUp() override {
    ASSERT_NE(snapshot_, nullptr);
    ASSERT_NE(*snapshot_, nullptr);
  }

  static const Snapshot& snapshot() { return **snapshot_; }

  static const model::Entity& Entity(const std::string& id) {
    const model::Entity* entity = snapshot().index().Find(id);
    if (entity == nullptr) {
      ADD_FAILURE() << id << " is not in the index";
      static const model::Entity kEmpty;
      return kEmpty;
    }
    return *entity;
  }

  // Raw pointers: gtest's suite hooks are static, and the store must outlive the snapshot's
  // users, so both live until TearDownTestSuite.
  static fs::path* dir_;
  static store::Store* store_;
  static std::shared_ptr<const Snapshot>* snapshot_;
};

fs::path* SnapshotTest::dir_ = nullptr;
store::Store* SnapshotTest::store_ = nullptr;
std::shared_ptr<const Snapshot>* SnapshotTest::snapshot_ = nullptr;

TEST_F(SnapshotTest, FingerprintListsCurrentVersionsSortedBySource) {
  Result<std::string> fingerprint = StoreFingerprint(*store_);
  ASSERT_TRUE(fingerprint.ok()) << fingerprint.status().ToString();
  EXPECT_EQ(*fingerprint, "un_sc@1,us_ofac_sdn@2");
  EXPECT_EQ(snapshot().fingerprint, *fingerprint);
}

TEST_F(SnapshotTest, VersionsAreTheStoresCurrentVersions) {
  EXPECT_EQ(snapshot().generation, 3);
  EXPECT_FALSE(snapshot().built_at.empty());
  EXPECT_GT(snapshot().build_seconds, 0);
  ASSERT_TRUE(snapshot().versions.is_array());
  ASSERT_EQ(snapshot().versions.size(), 2u);
  Result<std::vector<store::SourceInfo>> sources = store_->ListSources();
  ASSERT_TRUE(sources.ok());
  for (const store::SourceInfo& source : *sources) {
    SCOPED_TRACE(source.name);
    auto it = std::find_if(snapshot().versions.begin(), snapshot().versions.end(),
                           [&](const auto& v) { return v["source"] == source.name; });
    ASSERT_NE(it, snapshot().versions.end());
    EXPECT_EQ((*it)["version"], source.current.number);
    EXPECT_EQ((*it)["list_date"], source.current.published);
    EXPECT_EQ((*it)["retrieved"], source.current.retrieved);
  }
  EXPECT_EQ(Json::parse(snapshot().versions_text), Json::parse(snapshot().versions.dump()));

  // /lists: every source with all its versions, oldest first.
  ASSERT_EQ(snapshot().sources.size(), 2u);
  for (const auto& [source, versions] : snapshot().sources) {
    SCOPED_TRACE(source.name);
    ASSERT_EQ(static_cast<int64_t>(versions.size()), source.version_count);
    for (size_t v = 0; v < versions.size(); ++v) {
      EXPECT_EQ(versions[v].number, static_cast<int64_t>(v + 1));
    }
    EXPECT_EQ(versions.back().number, source.current.number);
    EXPECT_EQ(source.version_count, source.name == "us_ofac_sdn" ? 2 : 1);
  }
}

TEST_F(SnapshotTest, IndexHoldsOnlyCurrentVersions) {
  const std::vector<model::Entity>& entities = snapshot().index().entities();
  int64_t expected = 0;
  for (const auto& [source, versions] : snapshot().sources) expected += source.current.entity_count;
  EXPECT_EQ(static_cast<int64_t>(entities.size()), expected);
  // 45953 was listed in 2022: it is in the 2024 version, which is the current one.
  EXPECT_NE(snapshot().index().Find("us_ofac_sdn:45953"), nullptr);
  EXPECT_NE(snapshot().index().Find("un_sc:2960872"), nullptr);
}

TEST_F(SnapshotTest, IncomingLinks) {
  // In the 2024 list, 45953 (AEROSCAN) is "Linked To: ZAKHAROV, Nikita Aleksandrovich" (45947).
  const model::Entity& aeroscan = Entity("us_ofac_sdn:45953");
  const model::Link* link = nullptr;
  for (const model::Link& l : aeroscan.links) {
    if (l.target_id == "45947") link = &l;
  }
  ASSERT_NE(link, nullptr) << "45953 has no link to 45947";
  EXPECT_EQ(snapshot().LinkTargetId(aeroscan, *link), "us_ofac_sdn:45947");

  bool found = false;
  auto [begin, end] = snapshot().incoming.equal_range("us_ofac_sdn:45947");
  for (auto it = begin; it != end; ++it) {
    ASSERT_NE(it->second.from, nullptr);
    ASSERT_NE(it->second.link, nullptr);
    if (it->second.from->id == "us_ofac_sdn:45953") {
      found = true;
      EXPECT_EQ(it->second.link, link);  // points into the index's own entity
      EXPECT_EQ(it->second.from, &aeroscan);
    }
  }
  EXPECT_TRUE(found) << "no incoming link from 45953 at 45947";

  // Every incoming entry is keyed by its link's resolved target, which is in the index.
  for (const auto& [target, incoming] : snapshot().incoming) {
    ASSERT_EQ(snapshot().LinkTargetId(*incoming.from, *incoming.link), target);
    ASSERT_NE(snapshot().index().Find(target), nullptr) << target;
  }
}

TEST_F(SnapshotTest, LinkTargetIdIsEmptyWithoutAnIndexedTarget) {
  const model::Entity& aeroscan = Entity("us_ofac_sdn:45953");
  model::Link no_id{.target_name = "ZAKHAROV, Nikita Aleksandrovich"};
  EXPECT_EQ(snapshot().LinkTargetId(aeroscan, no_id), "");
  model::Link unknown{.target_id = "999999999"};
  EXPECT_EQ(snapshot().LinkTargetId(aeroscan, unknown), "");
  // A target id is read in the linking entity's own list: 2960872 is a UN id, not an SDN one.
  model::Link other_list{.target_id = "2960872"};
  EXPECT_EQ(snapshot().LinkTargetId(aeroscan, other_list), "");
  EXPECT_EQ(snapshot().LinkTargetId(Entity("un_sc:2960872"), other_list), "un_sc:2960872");
}

TEST(SnapshotEmptyStoreTest, NoListsIsAFailedPrecondition) {
  const fs::path dir = TempDir("empty");
  {
    Result<std::unique_ptr<store::Store>> store = store::Store::Open((dir / "cordon.db").string());
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    Result<std::string> fingerprint = StoreFingerprint(**store);
    ASSERT_TRUE(fingerprint.ok()) << fingerprint.status().ToString();
    EXPECT_EQ(*fingerprint, "");
    Result<std::shared_ptr<const Snapshot>> snapshot = BuildSnapshot(**store, 1);
    ASSERT_FALSE(snapshot.ok());
    EXPECT_EQ(snapshot.status().code(), StatusCode::kFailedPrecondition)
        << snapshot.status().ToString();
  }
  fs::remove_all(dir);
}

TEST(SnapshotFingerprintTest, ChangesWithANewVersion) {
  const fs::path dir = TempDir("fingerprint");
  {
    Result<std::unique_ptr<store::Store>> store = store::Store::Open((dir / "cordon.db").string());
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    IngestBundled(**store, kSdn2021);
    Result<std::string> first = StoreFingerprint(**store);
    ASSERT_TRUE(first.ok());
    EXPECT_EQ(*first, "us_ofac_sdn@1");
    IngestBundled(**store, {"un/UN_consolidated.xml.zst"});
    Result<std::string> second = StoreFingerprint(**store);
    ASSERT_TRUE(second.ok());
    // Sorted by source, not by the order the sources were added.
    EXPECT_EQ(*second, "un_sc@1,us_ofac_sdn@1");
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace cordon::service
