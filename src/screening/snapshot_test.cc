// Tests of the screening snapshot on a store holding real lists: the UN list, the OFAC SDN list
// of 2024 and the bundled OpenSanctions data with its ownership records.
#include "screening/snapshot.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <string>
#include <vector>

#include "screening/render.h"
#include "store/testing/bundled_lists.h"

namespace cordon::screening {
namespace {

using Json = nlohmann::json;
namespace fs = std::filesystem;

using store::testing::IngestBundled;
using store::testing::kSdn2024;

// One store and one snapshot for the suite: ingesting and indexing the lists takes seconds.
class SnapshotTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() /
                        ("cordon_screening_test_" + std::to_string(getpid())));
    fs::remove_all(*dir_);
    fs::create_directories(*dir_);
    Result<std::unique_ptr<store::Store>> store =
        store::Store::Open((*dir_ / "cordon.db").string());
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = store->release();
    IngestBundled(*store_, {"un/UN_consolidated.xml.zst"});
    IngestBundled(*store_, kSdn2024);
    IngestBundled(*store_, {"opensanctions/yente_zala/entities.ftm.json.zst"});
    Result<std::shared_ptr<const Snapshot>> snapshot =
        Snapshot::Build(*store_, {.prerender_results = true});
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

  // The result members of `id`, parsed as the object a result wraps them in.
  static Json Members(const std::string& id) {
    const model::Entity& entity = Entity(id);
    if (entity.id.empty()) return Json();
    const std::string& members = snapshot().PrerenderedMembers(snapshot().EntityIndex(entity));
    EXPECT_EQ(members,
              RenderEntityMembers(entity, snapshot().OwnershipOf(snapshot().EntityIndex(entity))));
    Json parsed = Json::parse("{" + members + "}", nullptr, false);
    EXPECT_TRUE(parsed.is_object()) << members.substr(0, 300);
    return parsed;
  }

  static std::vector<ScreenedMatch> ScreenName(const std::string& name,
                                               ScreenOptions options = {}) {
    match::Query query;
    query.names = {name};
    Result<std::vector<ScreenedMatch>> found = Screen(snapshot(), query, options);
    EXPECT_TRUE(found.ok()) << found.status().ToString();
    return found.ok() ? std::move(*found) : std::vector<ScreenedMatch>{};
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

TEST_F(SnapshotTest, CitesTheCurrentVersionOfEverySource) {
  ASSERT_EQ(snapshot().versions().size(), 3u);
  EXPECT_EQ(snapshot().fingerprint(), "opensanctions@1,un_sc@1,us_ofac_sdn@1");
  EXPECT_FALSE(snapshot().as_of_given());
  EXPECT_EQ(snapshot().as_of(), Date::Today());
  EXPECT_EQ(snapshot().index().Find("us_ofac_sdn:45953") != nullptr, true);
}

TEST_F(SnapshotTest, EntityIndexIsThePositionInTheIndex) {
  const std::vector<model::Entity>& entities = snapshot().index().entities();
  for (size_t i : {size_t{0}, entities.size() / 2, entities.size() - 1}) {
    EXPECT_EQ(snapshot().EntityIndex(entities[i]), i);
  }
  const model::Entity& umarov = Entity("un_sc:2960872");
  EXPECT_EQ(entities[snapshot().EntityIndex(umarov)].id, "un_sc:2960872");
}

TEST_F(SnapshotTest, ResultMembersOfAListedCompany) {
  const Json members = Members("us_ofac_sdn:45953");
  ASSERT_TRUE(members.is_object());
  EXPECT_EQ(members["id"], "us_ofac_sdn:45953");
  EXPECT_EQ(members["caption"], "LIMITED LIABILITY COMPANY AEROSCAN");
  EXPECT_TRUE(members["schema"].is_string());
  ASSERT_TRUE(members["properties"].is_object());
  EXPECT_EQ(members["properties"]["name"], Json::array({"LIMITED LIABILITY COMPANY AEROSCAN"}));
  EXPECT_EQ(members["properties"]["topics"], Json::array({"sanction"}));
  EXPECT_EQ(members["datasets"], Json::array({"us_ofac_sdn"}));
  EXPECT_EQ(members["regimes"], Json::array({"us"}));
  EXPECT_EQ(members["source_id"], "45953");
  ASSERT_TRUE(members["sanctions"].is_array());
  ASSERT_FALSE(members["sanctions"].empty());
  EXPECT_EQ(members["sanctions"][0]["regime"], "us");
  EXPECT_EQ(members["sanctions"][0]["authority"], "OFAC");
  EXPECT_EQ(members["sanctions"][0]["program"], "RUSSIA-EO14024");
  // No score or explanation: a result adds those.
  EXPECT_FALSE(members.contains("score"));
}

TEST_F(SnapshotTest, ResultMembersOfAUnIndividual) {
  const Json members = Members("un_sc:2960872");
  ASSERT_TRUE(members.is_object());
  EXPECT_EQ(members["id"], "un_sc:2960872");
  EXPECT_EQ(members["schema"], "Person");
  EXPECT_EQ(members["datasets"], Json::array({"un_sc"}));
  EXPECT_EQ(members["regimes"], Json::array({"un"}));
  const Json& names = members["properties"]["name"];
  EXPECT_NE(std::find(names.begin(), names.end(), "Умаров Доку Хаматович"), names.end())
      << names.dump();
  ASSERT_TRUE(members["sanctions"].is_array());
  ASSERT_FALSE(members["sanctions"].empty());
  EXPECT_EQ(members["sanctions"][0]["regime"], "un");
  EXPECT_EQ(members["sanctions"][0]["listed_on"], "2011-03-10");
}

TEST_F(SnapshotTest, EveryResultMembersStringIsAnObjectsMembers) {
  const std::vector<model::Entity>& entities = snapshot().index().entities();
  for (size_t i = 0; i < entities.size(); ++i) {
    const Json members = Json::parse("{" + snapshot().PrerenderedMembers(i) + "}", nullptr, false);
    ASSERT_TRUE(members.is_object()) << entities[i].id;
    ASSERT_EQ(members["id"], entities[i].id);
    for (const char* key : {"caption", "schema", "properties", "datasets", "regimes", "source_id",
                            "sanctions", "entity_id", "source"}) {
      ASSERT_TRUE(members.contains(key)) << entities[i].id << " has no " << key;
    }
  }
}

TEST_F(SnapshotTest, ListedEntitiesAreReportable) {
  const std::vector<model::Entity>& entities = snapshot().index().entities();
  for (size_t i = 0; i < entities.size(); ++i) {
    if (!entities[i].sanctions.empty()) {
      ASSERT_TRUE(snapshot().Reportable(i)) << entities[i].id;
    }
  }
  EXPECT_TRUE(snapshot().Reportable(snapshot().EntityIndex(Entity("us_ofac_sdn:45953"))));
  EXPECT_TRUE(snapshot().Reportable(snapshot().EntityIndex(Entity("un_sc:2960872"))));
}

TEST_F(SnapshotTest, ScreenFindsAListedPersonWithItsOwnership) {
  // UMAROV, Doku Khamatovich: listed by the UN (2960872) and by OFAC (12110).
  const std::vector<ScreenedMatch> found = ScreenName("Doku Umarov");
  std::vector<std::string> ids;
  for (const ScreenedMatch& m : found) {
    ids.push_back(m.match.entity->id);
    EXPECT_GE(m.match.score, 0.7);
    EXPECT_EQ(m.ownership, snapshot().OwnershipOf(snapshot().EntityIndex(*m.match.entity)));
  }
  EXPECT_NE(std::find(ids.begin(), ids.end(), "un_sc:2960872"), ids.end());
  EXPECT_NE(std::find(ids.begin(), ids.end(), "us_ofac_sdn:12110"), ids.end());
}

TEST_F(SnapshotTest, OwnershipIsTypedPerRegime) {
  // ZAKHAROV (OpenSanctions) is listed by the US; its statuses come typed, one per regime.
  const model::Entity& zakharov = Entity("opensanctions:NK-aU5ybkbRFJucf8YMwsJvDw");
  const graph::EntityOwnership* ownership =
      snapshot().OwnershipOf(snapshot().EntityIndex(zakharov));
  ASSERT_NE(ownership, nullptr);
  ASSERT_EQ(ownership->statuses.size(), 4u);  // us, eu, uk, and BIS's Affiliates Rule
  EXPECT_EQ(ownership->statuses[0].regime, model::Regime::kUs);
  EXPECT_EQ(ownership->statuses[0].name(), "listed");
  EXPECT_EQ(ownership->statuses[3].test_name(), "us_bis");
  EXPECT_TRUE(ownership->Matters());
  const Json j = Json::parse(OwnershipJson(*ownership).dump());
  EXPECT_EQ(j["us"], "listed");
}

TEST_F(SnapshotTest, UnreportableEntitiesAreNeverReturned) {
  const std::vector<model::Entity>& entities = snapshot().index().entities();
  size_t unreportable = 0;
  for (size_t i = 0; i < entities.size(); ++i) {
    if (snapshot().Reportable(i)) continue;
    ++unreportable;
    // Screening for its own name finds everything but it.
    for (const ScreenedMatch& m : ScreenName(entities[i].caption(), {.search = {.limit = 0}})) {
      EXPECT_NE(m.match.entity->id, entities[i].id);
    }
  }
  EXPECT_GT(unreportable, 0u) << "the OpenSanctions data names companies no list sanctions";
}

TEST_F(SnapshotTest, LimitCountsReportableMatches) {
  const std::vector<ScreenedMatch> all =
      ScreenName("Aeroscan", {.search = {.threshold = 0.3, .limit = 0}});
  ASSERT_GE(all.size(), 2u);
  const std::vector<ScreenedMatch> two =
      ScreenName("Aeroscan", {.search = {.threshold = 0.3, .limit = 2}});
  ASSERT_EQ(two.size(), 2u);
  EXPECT_EQ(two[0].match.entity->id, all[0].match.entity->id);
  EXPECT_EQ(two[1].match.entity->id, all[1].match.entity->id);
}

TEST_F(SnapshotTest, RefusesAThresholdThatIsNotANumberFromZeroToOne) {
  match::Query query;
  query.names = {"Doku Umarov"};
  for (double threshold : {std::nan(""), 1.5, -0.1, std::numeric_limits<double>::infinity()}) {
    Result<std::vector<ScreenedMatch>> found =
        Screen(snapshot(), query, {.search = {.threshold = threshold}});
    ASSERT_FALSE(found.ok()) << threshold;
    EXPECT_EQ(found.status().code(), StatusCode::kInvalidArgument);
  }
}

TEST_F(SnapshotTest, AsOfADateTakesTheVersionsInForceThen) {
  // Every version was ingested today, so a date before today has none; today has them all.
  Result<std::shared_ptr<const Snapshot>> before =
      Snapshot::Build(*store_, {.as_of = Date::FromYmd(2000, 1, 1)});
  ASSERT_FALSE(before.ok());
  EXPECT_EQ(before.status().code(), StatusCode::kFailedPrecondition);
  Result<std::shared_ptr<const Snapshot>> today =
      Snapshot::Build(*store_, {.as_of = Date::Today(), .sources = {"un_sc"}});
  ASSERT_TRUE(today.ok()) << today.status().ToString();
  EXPECT_TRUE((*today)->as_of_given());
  ASSERT_EQ((*today)->versions().size(), 1u);
  EXPECT_EQ((*today)->versions()[0].source, "un_sc");
  EXPECT_EQ((*today)->index().Find("us_ofac_sdn:45953"), nullptr);
  // The graph still reads every source: a listed owner may come from a list not searched.
  EXPECT_NE((*today)->ownership().graph().Find("us_ofac_sdn:45953"), graph::kNoNode);
}

// GL 132 (civil nuclear energy, issued 2025-11-21, no expiry) names VEB.RF, SDN entry 17015:
// its results name the licence; a UN-listed person's name none.
TEST_F(SnapshotTest, ResultsNameTheLicencesInForceForTheEntity) {
  const size_t veb = snapshot().EntityIndex(Entity("us_ofac_sdn:17015"));
  std::vector<std::string> ids;
  for (const licences::Licence* l : snapshot().LicencesOf(veb)) ids.push_back(l->id);
  EXPECT_NE(std::find(ids.begin(), ids.end(), "us-ofac-gl-132"), ids.end());
  // GL 8L ended on 12 March 2025: not in force on the snapshot's date.
  EXPECT_EQ(std::find(ids.begin(), ids.end(), "us-ofac-gl-8l"), ids.end());
  EXPECT_NE(snapshot().PrerenderedMembers(veb).find("\"licences\":[{\"id\":\"us-ofac-gl-132\""),
            std::string::npos);
  const size_t umarov = snapshot().EntityIndex(Entity("un_sc:2960872"));
  EXPECT_TRUE(snapshot().LicencesOf(umarov).empty());
  EXPECT_EQ(snapshot().PrerenderedMembers(umarov).find("\"licences\""), std::string::npos);
}

TEST_F(SnapshotTest, UnknownSourceIsNotFound) {
  Result<std::shared_ptr<const Snapshot>> built = Snapshot::Build(*store_, {.sources = {"nope"}});
  ASSERT_FALSE(built.ok());
  EXPECT_EQ(built.status().code(), StatusCode::kNotFound);
  EXPECT_NE(built.status().message().find("un_sc"), std::string::npos);
}

TEST_F(SnapshotTest, RenderedMatchCarriesEveryField) {
  const std::vector<ScreenedMatch> found = ScreenName("Doku Umarov");
  ASSERT_FALSE(found.empty());
  std::string out;
  AppendMatchJson(out, snapshot(), found[0], 0.7);
  const Json j = Json::parse(out);
  std::vector<std::string> keys;
  for (const auto& [key, value] : j.items()) {
    if (key != "ownership") keys.push_back(key);  // when the ownership graph knows it
  }
  const std::vector<std::string> expected = {
      "id",       "entity_id", "source",    "source_id", "caption", "schema",   "properties",
      "datasets", "regimes",   "sanctions", "score",     "match",   "features", "explanation"};
  std::vector<std::string> sorted_keys = keys, sorted_expected = expected;
  std::sort(sorted_keys.begin(), sorted_keys.end());
  std::sort(sorted_expected.begin(), sorted_expected.end());
  EXPECT_EQ(sorted_keys, sorted_expected) << out.substr(0, 400);
  EXPECT_EQ(j["entity_id"], found[0].match.entity->id);
  EXPECT_EQ(j["id"], j["entity_id"]);
  EXPECT_EQ(j["match"], true);
  EXPECT_FALSE(j["explanation"]["pairs"].empty());
}

}  // namespace
}  // namespace cordon::screening
