#include "ingest/registry.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

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
      {"ofac/CONS_ENHANCED_2025-01-10.XML", "ofac-enhanced-xml"},
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

TEST(RegistryTest, DetectsOfacEnhancedXmlAndItsSource) {
  const std::string head =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
      "<sanctionsData xmlns=\"https://sanctionslistservice.ofac.treas.gov/api/"
      "PublicationPreview/exports/ENHANCED_XML\">\n"
      "  <publicationInfo><dataAsOf>2025-01-10T00:00:00</dataAsOf></publicationInfo>\n"
      "</sanctionsData>\n";
  for (const char* name : {"SDN_ENHANCED.XML", "CONS_ENHANCED.XML"}) {
    Result<std::string> format = DetectFormat(name, head);
    ASSERT_TRUE(format.ok()) << name << ": " << format.status().ToString();
    EXPECT_EQ(*format, "ofac-enhanced-xml") << name;
  }
  // A prefixed root in the same namespace.
  EXPECT_EQ(*DetectFormat("x.xml",
                          "<ns:sanctionsData xmlns:ns=\"https://sanctionslistservice."
                          "ofac.treas.gov/api/PublicationPreview/exports/"
                          "ENHANCED_XML\"/>"),
            "ofac-enhanced-xml");

  // Only the file name tells the SDN list from the consolidated non-SDN lists.
  EXPECT_EQ(DefaultSource("ofac-enhanced-xml", "SDN_ENHANCED.XML"), "us_ofac_sdn");
  EXPECT_EQ(DefaultSource("ofac-enhanced-xml", "CONS_ENHANCED.XML"), "us_ofac_cons");
  EXPECT_EQ(DefaultSource("ofac-enhanced-xml", "downloads/CONS_ENHANCED.XML.xz"), "us_ofac_cons");
  EXPECT_EQ(DefaultSource("ofac-enhanced-xml", "cons_enhanced.xml"), "us_ofac_cons");

  std::vector<InputFile> files = {{"dir/SDN_ENHANCED.XML", head}, {"dir/CONS_ENHANCED.XML", head}};
  Result<std::vector<PlannedDocument>> plan = PlanDocuments(files, "");
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  ASSERT_EQ(plan->size(), 2u);
  EXPECT_EQ((*plan)[0].format, "ofac-enhanced-xml");
  EXPECT_EQ((*plan)[0].source, "us_ofac_sdn");
  EXPECT_EQ((*plan)[1].format, "ofac-enhanced-xml");
  EXPECT_EQ((*plan)[1].source, "us_ofac_cons");
}

TEST(RegistryTest, BisEntityListIsAFormatOfItsOwn) {
  const auto formats = Formats();
  const auto it = std::find_if(formats.begin(), formats.end(),
                               [](const FormatInfo& info) { return info.name == "us-bis-el-csv"; });
  ASSERT_NE(it, formats.end());
  EXPECT_EQ(it->default_source, "us_bis_el");
  EXPECT_EQ(DefaultSource("us-bis-el-csv", "csl.csv"), "us_bis_el");
  std::unique_ptr<ListParser> parser = MakeParser("us-bis-el-csv");
  ASSERT_NE(parser, nullptr);
  EXPECT_EQ(parser->format(), "us-bis-el-csv");

  // The Entity List comes inside a CSL file, which is detected as the whole CSL; the EL reading
  // is chosen by naming the format.
  const std::string csl = ReadRealList("export_controls/csl.csv");
  EXPECT_EQ(*DetectFormat("csl.csv", csl), "us-csl-csv");
  std::vector<InputFile> files = {{"csl.csv", csl}};
  Result<std::vector<PlannedDocument>> plan = PlanDocuments(files, "us-bis-el-csv");
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  ASSERT_EQ(plan->size(), 1u);
  EXPECT_EQ((*plan)[0].format, "us-bis-el-csv");
  EXPECT_EQ((*plan)[0].source, "us_bis_el");
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
