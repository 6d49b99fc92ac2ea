#include "store/ingest_files.h"

#include <gtest/gtest.h>

#include "base/file.h"

namespace cordon::store {
namespace {

// A real file of ../shared/data (see its SOURCES.md).
std::string SharedFile(const std::string& relative) {
  Result<std::string> bytes = ReadFile(std::string(CORDON_SHARED_DATA) + "/" + relative);
  EXPECT_TRUE(bytes.ok()) << bytes.status().ToString();
  return bytes.ok() ? *bytes : std::string();
}

Result<IngestReport> Ingest(Store& store, const std::string& name, const std::string& bytes) {
  std::vector<ingest::InputFile> files = {{name, bytes}};
  return IngestFiles(store, files, {.source = "opensanctions"});
}

std::vector<std::string> Ids(Store& store) {
  std::vector<std::string> ids;
  EXPECT_TRUE(store
                  .ForEachCurrentEntity([&](const model::Entity& e) {
                    ids.push_back(e.id);
                    return Status::Ok();
                  })
                  .ok());
  std::sort(ids.begin(), ids.end());
  return ids;
}

// OpenSanctions' delta files of 27 and 28 May 2024, applied in order to a full version: each
// is a new version, whole; a DEL takes its entity out again.
TEST(IngestFilesTest, OpenSanctionsDeltasApplyToThePreviousVersion) {
  auto opened = Store::Open(":memory:");
  ASSERT_TRUE(opened.ok());
  Store& store = **opened;
  const std::string delta_dir = "opensanctions/yente_t2/";
  const std::string adds = SharedFile(delta_dir + "20240527194702-wnk/entities.delta.json");

  // A delta with nothing to apply to is refused, and nothing is stored.
  Result<IngestReport> orphan = Ingest(store, "entities.delta.json", adds);
  ASSERT_FALSE(orphan.ok());
  EXPECT_EQ(orphan.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(orphan.status().message().find("entities.delta.json: a delta"), std::string::npos)
      << orphan.status().message();
  EXPECT_TRUE(Ids(store).empty());

  ASSERT_TRUE(
      Ingest(store, "entities.ftm.json", SharedFile("opensanctions/yente_zala/entities.ftm.json"))
          .ok());
  const std::vector<std::string> base = Ids(store);
  ASSERT_EQ(base.size(), 17u);

  Result<IngestReport> first = Ingest(store, "entities.delta.json", adds);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->documents[0].result.version.number, 2);
  EXPECT_EQ(first->documents[0].result.version.added, 2);
  EXPECT_EQ(first->documents[0].result.version.removed, 0);
  EXPECT_EQ(Ids(store).size(), 19u);

  ASSERT_TRUE(Ingest(store, "entities.delta.json",
                     SharedFile(delta_dir + "20240528014702-pfh/entities.delta.json"))
                  .ok());
  const std::vector<std::string> with_poltergeist = Ids(store);
  EXPECT_TRUE(std::binary_search(with_poltergeist.begin(), with_poltergeist.end(),
                                 "opensanctions:NK-500Poltergeist"));

  Result<IngestReport> deleted =
      Ingest(store, "entities.delta.json",
             SharedFile(delta_dir + "20240528074703-npf/entities.delta.json"));
  ASSERT_TRUE(deleted.ok()) << deleted.status().ToString();
  EXPECT_TRUE(deleted->documents[0].diagnostics.empty());
  EXPECT_EQ(deleted->documents[0].result.version.removed, 1);
  const std::vector<std::string> after = Ids(store);
  EXPECT_EQ(after.size(), with_poltergeist.size() - 1);
  EXPECT_FALSE(std::binary_search(after.begin(), after.end(), "opensanctions:NK-500Poltergeist"));
  // Everything the full version had is still there.
  for (const std::string& id : base) {
    EXPECT_TRUE(std::binary_search(after.begin(), after.end(), id)) << id;
  }

  // Deleting it again is a warning, and the version holds the rest unchanged.
  Result<IngestReport> again =
      Ingest(store, "entities.delta.json",
             SharedFile(delta_dir + "20240528074703-npf/entities.delta.json"));
  ASSERT_TRUE(again.ok());
  ASSERT_EQ(again->documents[0].diagnostics.size(), 1u);
  EXPECT_EQ(again->documents[0].diagnostics[0].message,
            "DEL of an entity the previous version does not hold");
  EXPECT_EQ(Ids(store), after);
}

}  // namespace
}  // namespace cordon::store
