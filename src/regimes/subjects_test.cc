#include "regimes/subjects.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "regimes/divergence.h"
#include "store/store.h"
#include "update/sources.h"
#include "update/updater.h"

namespace cordon::regimes {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

model::Entity Person(std::string id, std::string name, model::PartialDate born) {
  model::Entity e;
  e.id = std::move(id);
  e.schema = model::Schema::kPerson;
  e.provenance.source = e.id.substr(0, e.id.find(':'));
  e.provenance.record_id = e.id.substr(e.id.find(':') + 1);
  e.names.push_back({.full = std::move(name), .kind = model::NameKind::kPrimary});
  if (!born.empty()) e.birth_dates.push_back({.date = born});
  return e;
}

model::Entity Vessel(std::string id, std::string name, std::string imo) {
  model::Entity e = Person(std::move(id), std::move(name), {});
  e.schema = model::Schema::kVessel;
  e.identifiers.push_back({.type = model::IdentifierType::kImo, .value = std::move(imo)});
  return e;
}

const Subject* SubjectOf(const SubjectSet& set, std::string_view entity_id) {
  for (const Subject& s : set.subjects) {
    if (std::find(s.entity_ids.begin(), s.entity_ids.end(), entity_id) != s.entity_ids.end()) {
      return &s;
    }
  }
  return nullptr;
}

TEST(SubjectsTest, SharedIdentifiersLinkRecordsOfDifferentListsOnly) {
  const std::vector<model::Entity> entities = {
      Vessel("us_ofac_sdn:1", "SEA STAR", "IMO 9187629"),
      Vessel("gb_fcdo:SHP1", "Sea Star", "9187629"),
      Vessel("gb_fcdo:SHP2", "OCEAN PEARL", "9187629"),  // same list as SHP1: its own record
      Vessel("eu_fsf:77", "Other ship", "9999999"),
  };
  Result<SubjectSet> set = ResolveSubjects(entities, {});
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  const Subject* star = SubjectOf(*set, "us_ofac_sdn:1");
  ASSERT_NE(star, nullptr);
  // The SDN record shares the IMO number with both UK records: all three are one ship.
  EXPECT_THAT(star->entity_ids, ElementsAre("gb_fcdo:SHP1", "gb_fcdo:SHP2", "us_ofac_sdn:1"));
  ASSERT_EQ(star->links.size(), 2u);
  EXPECT_EQ(star->links[0].kind, EvidenceKind::kIdentifier);
  EXPECT_EQ(star->links[0].detail, "imo 9187629");
  EXPECT_EQ(SubjectOf(*set, "eu_fsf:77")->entity_ids.size(), 1u);
  EXPECT_EQ(set->subjects.size(), 2u);
}

TEST(SubjectsTest, PersonsLinkOnNameAndTheSameFullBirthDate) {
  const std::vector<model::Entity> entities = {
      Person("us_ofac_sdn:1", "PUTIN, Vladimir Vladimirovich", {1952, 10, 7}),
      Person("eu_fsf:2", "Vladimir Vladimirovich PUTIN", {1952, 10, 7}),
      Person("gb_fcdo:3", "Vladimir PUTIN", {1961, 1, 1}),  // another man of that name
      Person("un_sc:4", "Vladimir PUTIN", {}),              // no date: no evidence
  };
  Result<SubjectSet> set = ResolveSubjects(entities, {});
  ASSERT_TRUE(set.ok());
  const Subject* putin = SubjectOf(*set, "eu_fsf:2");
  EXPECT_THAT(putin->entity_ids, ElementsAre("eu_fsf:2", "us_ofac_sdn:1"));
  ASSERT_EQ(putin->links.size(), 1u);
  EXPECT_EQ(putin->links[0].kind, EvidenceKind::kNameAndBirthDate);
  EXPECT_THAT(putin->links[0].detail, HasSubstr("born 1952-10-07"));
  EXPECT_GE(putin->links[0].score, 0.92);
  EXPECT_EQ(SubjectOf(*set, "gb_fcdo:3")->entity_ids.size(), 1u);
  EXPECT_EQ(SubjectOf(*set, "un_sc:4")->entity_ids.size(), 1u);
  // The UN list's record names the subject when it is in it; here the SDN's does.
  EXPECT_EQ(putin->caption, "PUTIN, Vladimir Vladimirovich");
}

TEST(SubjectsTest, AnalystsSplitsKeepApartAndMergesJoin) {
  const std::vector<model::Entity> entities = {
      Person("us_ofac_sdn:1", "PUTIN, Vladimir Vladimirovich", {1952, 10, 7}),
      Person("eu_fsf:2", "Vladimir Vladimirovich PUTIN", {1952, 10, 7}),
      Person("gb_fcdo:3", "Volodymyr Putin", {}),
  };
  Result<SubjectOverrides> overrides = ParseSubjectOverrides(
      R"({"split": [{"a": "us_ofac_sdn:1", "b": "eu_fsf:2", "note": "different men"}],
          "merge": [{"a": "gb_fcdo:3", "b": "eu_fsf:2", "note": "UK spelling"}],
          "_comment": "reviewed 2026-12-07"})",
      "overrides.json");
  ASSERT_TRUE(overrides.ok()) << overrides.status().ToString();
  Result<SubjectSet> set = ResolveSubjects(entities, *overrides);
  ASSERT_TRUE(set.ok());
  EXPECT_THAT(SubjectOf(*set, "eu_fsf:2")->entity_ids, ElementsAre("eu_fsf:2", "gb_fcdo:3"));
  EXPECT_EQ(SubjectOf(*set, "eu_fsf:2")->links[0].kind, EvidenceKind::kMerge);
  EXPECT_EQ(SubjectOf(*set, "us_ofac_sdn:1")->entity_ids.size(), 1u);
  // The same input gives the same subjects, ids included.
  Result<SubjectSet> again = ResolveSubjects(entities, *overrides);
  ASSERT_TRUE(again.ok());
  ASSERT_EQ(again->subjects.size(), set->subjects.size());
  for (size_t i = 0; i < set->subjects.size(); ++i) {
    EXPECT_EQ(again->subjects[i].id, set->subjects[i].id);
    EXPECT_EQ(again->subjects[i].entity_ids, set->subjects[i].entity_ids);
  }
}

TEST(SubjectsTest, MalformedOverridesNameTheEntry) {
  Result<SubjectOverrides> bad =
      ParseSubjectOverrides(R"({"merge": [{"a": "x:1", "b": "x:2"}, {"a": "x:1"}]})", "o.json");
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.status().message(), HasSubstr("o.json: merge[1]"));
  EXPECT_FALSE(ParseSubjectOverrides("[1]", "o.json").ok());
  EXPECT_FALSE(ParseSubjectOverrides(R"({"joins": []})", "o.json").ok());
  EXPECT_FALSE(ParseSubjectOverrides(R"({"split": [{"a": "x:1", "b": "x:1"}]})", "o.json").ok());
}

// Every bundled list, loaded once.
struct Bundled {
  std::unique_ptr<store::Store> store;
  std::string error;
};

Bundled& BundledStore() {
  static Bundled bundled = [] {
    Bundled out;
    Result<update::SourceCatalog> catalog =
        update::LoadSourceCatalog(std::string(CORDON_BUNDLED_DATA) + "/sources.json");
    Result<std::unique_ptr<store::Store>> store = store::Store::Open(":memory:");
    if (!catalog.ok() || !store.ok()) {
      out.error = "cannot open the catalog or the store";
      return out;
    }
    for (const update::SourceOutcome& o : update::LoadBundled(**store, *catalog, {})) {
      if (!o.status.ok()) out.error += o.source + ": " + o.status.ToString();
    }
    out.store = std::move(store).value();
    return out;
  }();
  return bundled;
}

TEST(SubjectsTest, RealListsLinkTheUkAndEuRecordsOfUnListedSubjectsToTheUnRecord) {
  Bundled& bundled = BundledStore();
  ASSERT_EQ(bundled.error, "");
  Result<ListingHistory> history = ReadListingHistory(*bundled.store, DefaultRegimeSources());
  ASSERT_TRUE(history.ok()) << history.status().ToString();
  Result<SubjectSet> set = ResolveSubjects(history->entities, {});
  ASSERT_TRUE(set.ok());
  // Mohammad Hassan Akhund (TAi.002): the UN's record and the UK Sanctions List's of 2026.
  const Subject* akhund = SubjectOf(*set, "gb_fcdo:AFG0006");
  ASSERT_NE(akhund, nullptr);
  EXPECT_THAT(akhund->un_references, ElementsAre("TAi.002"));
  EXPECT_EQ(std::count_if(akhund->entity_ids.begin(), akhund->entity_ids.end(),
                          [](const std::string& id) { return id.starts_with("un_sc:"); }),
            1);
  // The UN's record names the subject.
  const auto un_record =
      std::find_if(history->entities.begin(), history->entities.end(), [&](const model::Entity& e) {
        return e.id.starts_with("un_sc:") &&
               std::find(akhund->entity_ids.begin(), akhund->entity_ids.end(), e.id) !=
                   akhund->entity_ids.end();
      });
  ASSERT_NE(un_record, history->entities.end());
  EXPECT_EQ(akhund->caption, un_record->caption());
  // Salah Badi (LYi.28) in the EU's 2026 export and the UN list.
  const Subject* badi = SubjectOf(*set, "eu_fsf:118593");
  ASSERT_NE(badi, nullptr);
  EXPECT_TRUE(std::any_of(badi->entity_ids.begin(), badi->entity_ids.end(),
                          [](const std::string& id) { return id.starts_with("un_sc:"); }));
}

// The links other evidence makes, checked against the UN references, which are ground truth
// for UN-listed subjects: resolved without them, two records with UN references that end up
// in one subject must carry the same one.
TEST(SubjectsTest, RealListsLinksWithoutUnReferencesAgreeWithThem) {
  Bundled& bundled = BundledStore();
  ASSERT_EQ(bundled.error, "");
  Result<ListingHistory> history = ReadListingHistory(*bundled.store, DefaultRegimeSources());
  ASSERT_TRUE(history.ok());
  Result<SubjectSet> set = ResolveSubjects(history->entities, {}, {.use_un_references = false});
  ASSERT_TRUE(set.ok());
  std::map<std::string, std::vector<std::string>> refs;
  for (const model::Entity& e : history->entities) refs[e.id] = UnReferences(e);
  int checked = 0, agreeing = 0;
  for (const Subject& s : set->subjects) {
    for (const Evidence& link : s.links) {
      if (refs[link.from].empty() || refs[link.to].empty()) continue;
      ++checked;
      agreeing +=
          std::find_first_of(refs[link.from].begin(), refs[link.from].end(), refs[link.to].begin(),
                             refs[link.to].end()) != refs[link.from].end();
    }
  }
  EXPECT_GE(checked, 50);
  EXPECT_GE(agreeing, checked * 95 / 100) << agreeing << " of " << checked;
}

}  // namespace
}  // namespace cordon::regimes
