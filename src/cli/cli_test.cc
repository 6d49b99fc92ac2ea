#include "cli/cli.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <tuple>

#include "base/file.h"
#include "maritime/events.h"
#include "maritime/testing/scenario.h"
#include "service/server.h"

namespace cordon::cli {
namespace {

namespace fs = std::filesystem;

struct CliRun {
  int code;
  std::string out;
  std::string err;
};

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("cordon_cli_test_" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = (dir_ / "cordon.db").string();
    for (const std::string& path :
         {std::string(CORDON_SHARED_DATA) + "/un/UN_consolidated.xml",
          std::string(CORDON_BUNDLED_DATA) + "/lists/un/UN_consolidated.xml.zst"}) {
      Result<std::string> bytes = ReadFile(path);
      if (bytes.ok()) {
        un_ = std::move(bytes).value();
        break;
      }
    }
    ASSERT_FALSE(un_.empty());
  }
  void TearDown() override { fs::remove_all(dir_); }

  CliRun Cordon(std::vector<std::string> args) {
    args.insert(args.begin(), {"cordon", "--db", db_});
    std::ostringstream out, err;
    int code = RunCordon(args, out, err);
    return {code, out.str(), err.str()};
  }
  std::string Write(const std::string& name, const std::string& bytes) {
    std::string path = (dir_ / name).string();
    EXPECT_TRUE(WriteFileAtomically(path, bytes).ok());
    return path;
  }

  fs::path dir_;
  std::string db_;
  std::string un_;
};

TEST_F(CliTest, TruncatedListFailsWithFileAndLineAndKeepsPreviousVersion) {
  CliRun first = Cordon({"ingest", Write("UN_consolidated.xml", un_)});
  ASSERT_EQ(first.code, 0) << first.err;
  EXPECT_NE(first.out.find("un_sc: version 1"), std::string::npos) << first.out;

  std::string newer = un_;
  newer.replace(newer.find("ERIC"), 4, "ERIK");
  const std::string truncated = Write("UN_truncated.xml", newer.substr(0, newer.size() / 2));
  CliRun bad = Cordon({"ingest", "--source", "un_sc", truncated});
  EXPECT_EQ(bad.code, 1);
  EXPECT_NE(bad.err.find("UN_truncated.xml"), std::string::npos) << bad.err;
  EXPECT_TRUE(std::regex_search(bad.err, std::regex(R"(UN_truncated\.xml:\d+: )"))) << bad.err;
  EXPECT_NE(bad.err.find("nothing was stored"), std::string::npos) << bad.err;

  CliRun lists = Cordon({"lists", "--json"});
  ASSERT_EQ(lists.code, 0) << lists.err;
  // The shape of GET /lists: {"sources": [{"name", "version_count", "current", "versions"}]}.
  const nlohmann::json all = nlohmann::json::parse(lists.out);
  ASSERT_EQ(all["sources"].size(), 1u);
  const nlohmann::json& j = all["sources"];
  EXPECT_EQ(j[0]["name"], "un_sc");
  EXPECT_EQ(j[0]["current"]["version"], 1);
  ASSERT_EQ(j[0]["versions"].size(), 1u);
  EXPECT_EQ(j[0]["versions"][0]["entities"], 1003);
  EXPECT_EQ(j[0]["versions"][0]["list_date"].get<std::string>().substr(0, 10), "2026-02-27");
}

TEST_F(CliTest, SecondVersionDiffAndShow) {
  ASSERT_EQ(Cordon({"ingest", Write("UN_consolidated.xml", un_)}).code, 0);
  CliRun same = Cordon({"ingest", Write("UN_copy.xml", un_)});
  ASSERT_EQ(same.code, 0) << same.err;
  EXPECT_NE(same.out.find("unchanged"), std::string::npos) << same.out;

  std::string newer = un_;
  newer.replace(newer.find("ERIC"), 4, "ERIK");
  CliRun second = Cordon({"ingest", Write("UN_newer.xml", newer)});
  ASSERT_EQ(second.code, 0) << second.err;
  EXPECT_NE(second.out.find("version 2"), std::string::npos) << second.out;

  CliRun diff = Cordon({"diff", "un_sc"});
  ASSERT_EQ(diff.code, 0) << diff.err;
  EXPECT_NE(diff.out.find("0 added, 0 removed, 1 changed"), std::string::npos) << diff.out;
  EXPECT_NE(diff.out.find("~ un_sc:6907993"), std::string::npos) << diff.out;
  EXPECT_NE(diff.out.find("names"), std::string::npos) << diff.out;

  CliRun show = Cordon({"show", "un_sc:6907993"});
  ASSERT_EQ(show.code, 0) << show.err;
  EXPECT_NE(show.out.find("ERIK"), std::string::npos) << show.out;
  EXPECT_NE(show.out.find("version 2: changed"), std::string::npos) << show.out;
  CliRun old = Cordon({"show", "un_sc:6907993", "--version", "1", "--json"});
  ASSERT_EQ(old.code, 0) << old.err;
  nlohmann::json e = nlohmann::json::parse(old.out);
  EXPECT_NE(e["names"][0]["full"].get<std::string>().find("ERIC"), std::string::npos);
  EXPECT_EQ(e["provenance"]["version"], 1);

  CliRun missing = Cordon({"show", "un_sc:does-not-exist"});
  EXPECT_EQ(missing.code, 1);
  EXPECT_NE(missing.err.find("un_sc:does-not-exist"), std::string::npos);
}

TEST_F(CliTest, UsageErrorsExitTwo) {
  EXPECT_EQ(Cordon({"no-such-command"}).code, 2);
  EXPECT_EQ(Cordon({"ingest"}).code, 2);
  EXPECT_EQ(Cordon({"diff", "un_sc", "1"}).code, 2);
}

TEST_F(CliTest, UnknownFormatIsAnError) {
  CliRun r = Cordon({"ingest", Write("notes.txt", "hello\n")});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("notes.txt"), std::string::npos) << r.err;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST_F(CliTest, CompareTwoNamesPrintsScoreThenExplanation) {
  CliRun same = Cordon({"compare", "ERIC BADEGE", "Eric Badege", "--schema", "Person"});
  ASSERT_EQ(same.code, 0) << same.err;
  std::vector<std::string> lines = Lines(same.out);
  ASSERT_GE(lines.size(), 4u) << same.out;
  EXPECT_EQ(lines[0], "1.000");
  EXPECT_NE(lines[1].find("Eric Badege"), std::string::npos) << same.out;
  EXPECT_NE(same.out.find("  eric = eric  1.000 exact\n"), std::string::npos) << same.out;

  CliRun typo = Cordon({"compare", "Eric Badeje", "ERIC BADEGE"});
  ASSERT_EQ(typo.code, 0) << typo.err;
  lines = Lines(typo.out);
  ASSERT_FALSE(lines.empty());
  ASSERT_TRUE(std::regex_match(lines[0], std::regex(R"(0\.\d{3})"))) << typo.out;
  EXPECT_GT(std::stod(lines[0]), 0.5);
  EXPECT_LT(std::stod(lines[0]), 1.0);
  EXPECT_NE(typo.out.find("badeje ~ badege"), std::string::npos) << typo.out;

  EXPECT_EQ(Cordon({"compare", "only one"}).code, 2);
  EXPECT_EQ(Cordon({"compare", "a", "b", "--schema", "Planet"}).code, 2);
}

TEST_F(CliTest, ComparePairsKeepsEveryColumnAndAddsScoreAndMatch) {
  const std::string pairs = Write("pairs.csv",
                                  "id,Name1,name2,schema,note\n"
                                  "1,Eric Badege,ERIC BADEGE,Person,\"same, really\"\n"
                                  "2,Gaston Iyamuremye,Sovcomflot,,\"said \"\"no\"\"\"\n");
  const std::string output = (dir_ / "scored.csv").string();
  CliRun r = Cordon({"compare", "--pairs", pairs, "--output", output});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
  Result<std::string> written = ReadFile(output);
  ASSERT_TRUE(written.ok());
  std::vector<std::string> lines = Lines(*written);
  ASSERT_EQ(lines.size(), 3u) << *written;
  EXPECT_EQ(lines[0], "id,Name1,name2,schema,note,score,match");
  EXPECT_EQ(lines[1], "1,Eric Badege,ERIC BADEGE,Person,\"same, really\",1.000,true");
  EXPECT_TRUE(std::regex_match(
      lines[2], std::regex(R"(2,Gaston Iyamuremye,Sovcomflot,,"said ""no""",0\.\d{3},false)")))
      << lines[2];

  CliRun to_stdout = Cordon({"compare", "--pairs", pairs});
  ASSERT_EQ(to_stdout.code, 0) << to_stdout.err;
  EXPECT_EQ(to_stdout.out, *written);

  CliRun bad = Cordon({"compare", "--pairs", Write("bad.csv", "left,right\na,b\n")});
  EXPECT_EQ(bad.code, 1);
  EXPECT_NE(bad.err.find("bad.csv:1: the header needs name1 and name2"), std::string::npos)
      << bad.err;
}

TEST_F(CliTest, ScreenFindsListedPeopleAndAnswersInInputOrder) {
  ASSERT_EQ(Cordon({"ingest", Write("UN_consolidated.xml", un_)}).code, 0);
  const std::string input = Write("customers.csv",
                                  "id,name,date_of_birth,nationality\n"
                                  "c1,GASTON IYAMUREMYE,,\n"
                                  "c2,Zzyzx Qwertyuiop,,\n"
                                  "c3,Eric Badeje,,\n");  // a typo of ERIC BADEGE
  CliRun r = Cordon({"screen", "--input", input});
  ASSERT_EQ(r.code, 0) << r.err;
  std::vector<std::string> lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 3u) << r.out;
  std::vector<nlohmann::json> records;
  for (const std::string& line : lines) records.push_back(nlohmann::json::parse(line));
  const char* const kIds[] = {"c1", "c2", "c3"};
  for (size_t i = 0; i < records.size(); ++i) {
    EXPECT_EQ(records[i]["row"], i + 1);
    EXPECT_EQ(records[i]["id"], kIds[i]);
  }

  const nlohmann::json& exact = records[0]["matches"];
  ASSERT_FALSE(exact.empty()) << lines[0];
  EXPECT_EQ(exact[0]["entity_id"], "un_sc:6907995");
  EXPECT_EQ(exact[0]["source"], "un_sc");
  EXPECT_EQ(exact[0]["source_id"], "CDi.003");
  EXPECT_EQ(exact[0]["caption"], "GASTON IYAMUREMYE");
  EXPECT_EQ(exact[0]["schema"], "Person");
  EXPECT_GE(exact[0]["score"].get<double>(), 0.95);
  EXPECT_EQ(exact[0]["regimes"], nlohmann::json::array({"un"}));
  const nlohmann::json& why = exact[0]["explanation"];
  EXPECT_EQ(why["query_name"], "GASTON IYAMUREMYE");
  EXPECT_EQ(why["name_kind"], "primary");
  ASSERT_FALSE(why["pairs"].empty());
  for (const char* key : {"entity_name", "name_score", "unmatched_query", "unmatched_entity",
                          "legal_form", "contributions", "summary"}) {
    EXPECT_TRUE(why.contains(key)) << key;
  }
  for (size_t i = 1; i < exact.size(); ++i) {
    EXPECT_LE(exact[i]["score"].get<double>(), exact[i - 1]["score"].get<double>());
  }

  for (const nlohmann::json& m : records[1]["matches"]) {
    EXPECT_NE(m["entity_id"], "un_sc:6907995");
    EXPECT_NE(m["entity_id"], "un_sc:6907993");
  }
  const nlohmann::json& typo = records[2]["matches"];
  ASSERT_FALSE(typo.empty()) << lines[2];
  EXPECT_EQ(typo[0]["entity_id"], "un_sc:6907993");
  EXPECT_GE(typo[0]["score"].get<double>(), 0.70);

  // Every answer names the list versions it was computed on.
  EXPECT_NE(r.err.find("un_sc version 1 (list date 2026-02-27"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("screened 3 records"), std::string::npos) << r.err;
}

TEST_F(CliTest, ScreenJsonLinesWithFiltersAndOutputFile) {
  ASSERT_EQ(Cordon({"ingest", Write("UN_consolidated.xml", un_)}).code, 0);
  const std::string input =
      Write("customers.jsonl",
            "{\"id\": \"j1\", \"schema\": \"Person\", \"properties\": {\"name\": [\"GASTON "
            "IYAMUREMYE\"]}}\n");
  const std::string output = (dir_ / "answers.jsonl").string();
  CliRun un = Cordon({"screen", "--input", input, "--output", output, "--regime", "un", "--source",
                      "un_sc", "--limit", "1"});
  ASSERT_EQ(un.code, 0) << un.err;
  Result<std::string> written = ReadFile(output);
  ASSERT_TRUE(written.ok());
  nlohmann::json answer = nlohmann::json::parse(*written);
  EXPECT_EQ(answer["id"], "j1");
  ASSERT_EQ(answer["matches"].size(), 1u);
  EXPECT_EQ(answer["matches"][0]["entity_id"], "un_sc:6907995");

  CliRun eu = Cordon({"screen", "--input", input, "--regime", "eu"});
  ASSERT_EQ(eu.code, 0) << eu.err;
  EXPECT_TRUE(nlohmann::json::parse(eu.out)["matches"].empty()) << eu.out;

  CliRun before = Cordon({"screen", "--input", input, "--as-of", "2020-01-01"});
  EXPECT_EQ(before.code, 1);
  EXPECT_NE(before.err.find("2020-01-01"), std::string::npos) << before.err;
  CliRun after = Cordon({"screen", "--input", input, "--as-of", "2026-03-01"});
  ASSERT_EQ(after.code, 0) << after.err;
  EXPECT_EQ(nlohmann::json::parse(after.out)["matches"][0]["entity_id"], "un_sc:6907995");

  CliRun unknown = Cordon({"screen", "--input", input, "--source", "no_such_list"});
  EXPECT_EQ(unknown.code, 1);
  EXPECT_NE(unknown.err.find("no_such_list"), std::string::npos) << unknown.err;
  EXPECT_EQ(Cordon({"screen", "--input", input, "--regime", "mars"}).code, 2);
}

TEST_F(CliTest, ScreenBadInputNamesFileAndLineAndWritesNoOutputFile) {
  ASSERT_EQ(Cordon({"ingest", Write("UN_consolidated.xml", un_)}).code, 0);
  const std::string input = Write("customers.csv",
                                  "id,name,date_of_birth\n"
                                  "1,GASTON IYAMUREMYE,1950\n"
                                  "2,ERIC BADEGE,1971,extra\n");
  const std::string output = (dir_ / "answers.jsonl").string();
  CliRun r = Cordon({"screen", "--input", input, "--output", output});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("customers.csv:3: 4 fields, but the header has 3"), std::string::npos)
      << r.err;
  EXPECT_FALSE(fs::exists(output));
  EXPECT_FALSE(fs::exists(output + ".tmp"));

  // A field that cannot be read is a warning: the record is screened on the rest.
  const std::string typo = Write("typo.csv",
                                 "id,name,date_of_birth\n"
                                 "2,ERIC BADEGE,not a date\n");
  CliRun warned = Cordon({"screen", "--input", typo, "--output", output});
  EXPECT_EQ(warned.code, 0) << warned.err;
  EXPECT_NE(warned.err.find("typo.csv:2: date_of_birth: 'not a date' is not a date"),
            std::string::npos)
      << warned.err;
  ASSERT_TRUE(fs::exists(output));

  CliRun missing = Cordon({"screen", "--input", (dir_ / "absent.csv").string()});
  EXPECT_EQ(missing.code, 1);
  EXPECT_NE(missing.err.find("absent.csv"), std::string::npos) << missing.err;
}

// The worked cases of the ownership issue (data/samples/ownership_*.csv), one prefix per
// case, as `cordon ownership derive` must answer them on 2025-01-01 (after the EU's change to
// "50 % or more"): {id, us, eu, uk}. The listed persons are listed under all three.
struct WorkedStatus {
  const char* id;
  const char* us;
  const char* eu;
  const char* uk;
};
constexpr WorkedStatus kWorked[] = {
    {"c1_X", "listed", "listed", "listed"},
    {"c1_A", "blocked", "owned", "review"},  // 50 %: the UK needs more than half
    {"c2_X", "listed", "listed", "listed"},
    {"c2_Y", "listed", "listed", "listed"},
    {"c2_A", "blocked", "owned", "review"},  // 30 + 25: the UK does not add persons up
    {"c3_X", "listed", "listed", "listed"},
    {"c3_Y", "listed", "listed", "listed"},
    {"c3_A", "blocked", "owned", "owned"},  // ... unless they act jointly
    {"c4_X", "listed", "listed", "listed"},
    {"c4_A", "blocked", "owned", "review"},
    {"c4_B", "blocked", "owned", "clear"},  // A is not owned in the UK: nothing passes on
    {"c5_X", "listed", "listed", "listed"},
    {"c5_A", "blocked", "owned", "review"},
    {"c5_B", "blocked", "owned", "review"},
    {"c5_C", "blocked", "owned", "clear"},  // 25 + 25 from two blocked sisters
    {"c6_X", "listed", "listed", "listed"},
    {"c6_A", "blocked", "owned", "review"},
    {"c6_B", "blocked", "owned", "clear"},  // 10 direct + 40 through A
    {"c7_X", "listed", "listed", "listed"},
    {"c7_A", "blocked", "owned", "owned"},
    {"c7_B", "blocked", "owned", "owned"},  // 60 % of 60 %: not 36 %
    {"c8_X", "listed", "listed", "listed"},
    {"c8_A", "blocked", "owned", "owned"},
    {"c8_C", "blocked", "owned", "owned"},  // 25 direct + 30 through A, one person
    {"c9_X", "listed", "listed", "listed"},
    {"c9_A", "clear", "review", "review"},  // 40 %: a minority above 25 % is looked at
    {"c9_B", "clear", "review", "review"},
    {"c10_X", "listed", "listed", "listed"},
    {"c10_A", "review", "controlled", "controlled"},  // 10 % and the board
};

// The worked cases ship as samples (the main job derives them too).
std::string WorkedFile(const std::string& name) {
  return std::string(CORDON_BUNDLED_DATA) + "/samples/" +
         (name == "worked_edges.csv" ? "ownership_edges.csv" : "ownership_listed.csv");
}

// (id, regime) -> status of `ownership derive` JSON lines; each line checked for its shape.
std::map<std::pair<std::string, std::string>, std::string> DerivedStatuses(const std::string& out) {
  std::map<std::pair<std::string, std::string>, std::string> statuses;
  for (const std::string& line : Lines(out)) {
    nlohmann::json j = nlohmann::json::parse(line);
    const std::string id = j["id"].get<std::string>();
    const std::string regime = j["regime"].get<std::string>();
    const std::string status = j["status"].get<std::string>();
    EXPECT_EQ(j["as_of"], "2025-01-01") << line;
    EXPECT_TRUE(j["evidence"].is_array()) << line;
    if (status == "listed" || status == "clear") {
      EXPECT_TRUE(j["evidence"].empty()) << line;
      EXPECT_FALSE(j.contains("listed_holders")) << line;
    } else {
      EXPECT_FALSE(j["evidence"].empty()) << line;
      EXPECT_FALSE(j["listed_holders"].empty()) << line;
      // Every case has its listed persons under its own prefix.
      const std::string prefix = id.substr(0, id.find('_') + 1);
      for (const nlohmann::json& holder : j["listed_holders"]) {
        EXPECT_EQ(holder.get<std::string>().rfind(prefix, 0), 0u) << line;
      }
    }
    EXPECT_TRUE(statuses.emplace(std::make_pair(id, regime), status).second) << "twice: " << line;
  }
  return statuses;
}

std::vector<std::string> WorkedArgs(std::vector<std::string> extra) {
  std::vector<std::string> args = {"ownership", "derive",
                                   "--edges",   WorkedFile("worked_edges.csv"),
                                   "--listed",  WorkedFile("worked_listed.csv"),
                                   "--as-of",   "2025-01-01"};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

TEST_F(CliTest, OwnershipDeriveAnswersEveryWorkedCase) {
  CliRun r = Cordon(WorkedArgs({}));
  ASSERT_EQ(r.code, 0) << r.err;
  const auto statuses = DerivedStatuses(r.out);
  size_t not_clear = 0;
  for (const WorkedStatus& w : kWorked) {
    for (const auto& [regime, expected] :
         {std::pair<std::string, std::string>{"us", w.us}, {"eu", w.eu}, {"uk", w.uk}}) {
      auto it = statuses.find({w.id, regime});
      if (expected == "clear") {
        EXPECT_EQ(it, statuses.end()) << w.id << " " << regime << ": " << it->second;
        continue;
      }
      ++not_clear;
      ASSERT_NE(it, statuses.end()) << w.id << " " << regime << " missing";
      EXPECT_EQ(it->second, expected) << w.id << " " << regime;
    }
  }
  EXPECT_EQ(statuses.size(), not_clear);  // no node the cases do not name
  EXPECT_NE(r.err.find("ownership graph of 29 nodes and 24 edges"), std::string::npos) << r.err;

  CliRun all = Cordon(WorkedArgs({"--include-clear"}));
  ASSERT_EQ(all.code, 0) << all.err;
  const auto every = DerivedStatuses(all.out);
  EXPECT_EQ(every.size(), std::size(kWorked) * 3);
  for (const WorkedStatus& w : kWorked) {
    EXPECT_EQ(every.at({w.id, "us"}), w.us) << w.id;
    EXPECT_EQ(every.at({w.id, "eu"}), w.eu) << w.id;
    EXPECT_EQ(every.at({w.id, "uk"}), w.uk) << w.id;
  }
}

TEST_F(CliTest, OwnershipDeriveEvidenceNamesTheHoldingsThatCount) {
  CliRun r = Cordon(WorkedArgs({"--regime", "uk"}));
  ASSERT_EQ(r.code, 0) << r.err;
  for (const std::string& line : Lines(r.out)) {
    nlohmann::json j = nlohmann::json::parse(line);
    if (j["id"] != "c8_C") continue;
    EXPECT_EQ(j["status"], "owned");
    EXPECT_EQ(j["listed_holders"], nlohmann::json::array({"c8_X"}));
    std::set<std::pair<std::string, std::string>> evidence;
    for (const nlohmann::json& e : j["evidence"]) {
      evidence.emplace(e["owner"].get<std::string>(), e["share"].get<std::string>());
      EXPECT_EQ(e["asset"], "c8_C");
      EXPECT_EQ(e["kind"], "shares");
      EXPECT_EQ(e["effect"], "ownership");
    }
    EXPECT_EQ(evidence,
              (std::set<std::pair<std::string, std::string>>{{"c8_A", "30"}, {"c8_X", "25"}}));
    return;
  }
  FAIL() << "no c8_C line in\n" << r.out;
}

TEST_F(CliTest, OwnershipDeriveRegimeFilters) {
  CliRun eu = Cordon(WorkedArgs({"--regime", "eu"}));
  ASSERT_EQ(eu.code, 0) << eu.err;
  const auto statuses = DerivedStatuses(eu.out);
  size_t expected = 0;
  for (const WorkedStatus& w : kWorked) expected += std::string(w.eu) != "clear";
  EXPECT_EQ(statuses.size(), expected);
  for (const auto& [key, status] : statuses) EXPECT_EQ(key.second, "eu") << key.first;
  EXPECT_EQ(statuses.at({"c10_A", "eu"}), "controlled");

  CliRun two = Cordon(WorkedArgs({"--regime", "US,uk"}));
  ASSERT_EQ(two.code, 0) << two.err;
  std::set<std::string> regimes;
  for (const auto& [key, status] : DerivedStatuses(two.out)) regimes.insert(key.second);
  EXPECT_EQ(regimes, (std::set<std::string>{"us", "uk"}));
}

TEST_F(CliTest, OwnershipExplainGivesEvidenceAndTheChainFromTheListedOwner) {
  CliRun r =
      Cordon({"ownership", "explain", "c8_C", "--json", "--edges", WorkedFile("worked_edges.csv"),
              "--listed", WorkedFile("worked_listed.csv"), "--as-of", "2025-01-01"});
  ASSERT_EQ(r.code, 0) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["id"], "c8_C");
  EXPECT_EQ(j["as_of"], "2025-01-01");
  ASSERT_EQ(j["regimes"].size(), 3u) << r.out;
  const std::map<std::string, std::string> expected = {
      {"us", "blocked"}, {"eu", "owned"}, {"uk", "owned"}};
  for (const nlohmann::json& regime : j["regimes"]) {
    const std::string name = regime["regime"].get<std::string>();
    SCOPED_TRACE(name);
    EXPECT_EQ(regime["status"], expected.at(name));
    EXPECT_FALSE(regime["rule"].get<std::string>().empty());
    std::set<std::string> owners;
    for (const nlohmann::json& e : regime["evidence"]) owners.insert(e["owner"].get<std::string>());
    EXPECT_EQ(owners, (std::set<std::string>{"c8_A", "c8_X"}));
    ASSERT_FALSE(regime["paths"].empty());
    for (const nlohmann::json& path : regime["paths"]) {
      ASSERT_FALSE(path.empty());
      EXPECT_EQ(path.front()["owner"], "c8_X");  // every chain starts at the listed owner
      EXPECT_EQ(path.back()["asset"], "c8_C");
    }
  }

  CliRun text = Cordon({"ownership", "explain", "c8_C", "--regime", "us", "--edges",
                        WorkedFile("worked_edges.csv"), "--listed", WorkedFile("worked_listed.csv"),
                        "--as-of", "2025-01-01"});
  ASSERT_EQ(text.code, 0) << text.err;
  EXPECT_NE(text.out.find("us: blocked"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("c8_X [listed] -(shares 25 %)-> c8_C"), std::string::npos) << text.out;
  EXPECT_EQ(text.out.find("eu:"), std::string::npos) << text.out;
}

TEST_F(CliTest, OwnershipUnderTheAffiliatesRuleFollowsItsDates) {
  // An Entity List party holding 30 % and an MEU party 25 % of a foreign company: 55 % in the
  // aggregate, restricted while BIS's Affiliates Rule is in force.
  const std::string edges = Write("el_edges.csv",
                                  "owner,asset,share\n"
                                  "el_HOLDING,el_TARGET,30\n"
                                  "meu_PARTY,el_TARGET,25\n");
  const std::string listed =
      Write("el_listed.csv", "id,regime\nel_HOLDING,us_bis\nmeu_PARTY,us_bis\n");
  auto explain = [&](const std::string& as_of) {
    CliRun r = Cordon({"ownership", "explain", "el_TARGET", "--json", "--regime", "us_bis,us",
                       "--edges", edges, "--listed", listed, "--as-of", as_of});
    EXPECT_EQ(r.code, 0) << r.err;
    return nlohmann::json::parse(r.out.empty() ? "{}" : r.out);
  };
  const nlohmann::json in_force = explain("2025-10-01");
  ASSERT_EQ(in_force["regimes"].size(), 2u) << in_force.dump();
  EXPECT_EQ(in_force["regimes"][0]["regime"], "us_bis");
  EXPECT_EQ(in_force["regimes"][0]["status"], "restricted");
  EXPECT_NE(in_force["regimes"][0]["rule"].get<std::string>().find("90 FR 47201"),
            std::string::npos);
  EXPECT_EQ(in_force["regimes"][0]["evidence"].size(), 2u);
  EXPECT_EQ(in_force["regimes"][1]["regime"], "us");  // neither party is an SDN
  EXPECT_EQ(in_force["regimes"][1]["status"], "clear");

  const nlohmann::json stayed = explain("2026-06-01");
  EXPECT_EQ(stayed["regimes"][0]["status"], "clear");
  EXPECT_NE(stayed["regimes"][0]["rule"].get<std::string>().find("stayed"), std::string::npos);
  EXPECT_EQ(explain("2026-11-10")["regimes"][0]["status"], "restricted");

  CliRun bad = Cordon({"ownership", "explain", "el_TARGET", "--regime", "us_ear", "--edges", edges,
                       "--listed", listed});
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find("us_bis"), std::string::npos) << bad.err;
}

TEST_F(CliTest, OwnershipUsageErrorsExitTwoAndUnknownIdsOne) {
  EXPECT_EQ(Cordon(WorkedArgs({"--regime", "mars"})).code, 2);
  CliRun un = Cordon(WorkedArgs({"--regime", "un"}));  // UN listings bind; UN has no 50 % rule
  EXPECT_EQ(un.code, 2);
  EXPECT_NE(un.err.find("'un'"), std::string::npos) << un.err;
  EXPECT_EQ(Cordon({"ownership", "derive", "--edges", WorkedFile("worked_edges.csv"), "--as-of",
                    "2025-13-01"})
                .code,
            2);
  EXPECT_EQ(Cordon({"ownership", "derive", "--listed", WorkedFile("worked_listed.csv")}).code, 2);
  EXPECT_EQ(Cordon({"ownership"}).code, 2);
  EXPECT_EQ(Cordon({"ownership", "explain"}).code, 2);

  CliRun unknown =
      Cordon({"ownership", "explain", "c99_Z", "--edges", WorkedFile("worked_edges.csv"),
              "--listed", WorkedFile("worked_listed.csv"), "--as-of", "2025-01-01"});
  EXPECT_EQ(unknown.code, 1);
  EXPECT_TRUE(unknown.out.empty()) << unknown.out;
  EXPECT_NE(unknown.err.find("c99_Z"), std::string::npos) << unknown.err;

  CliRun bad_listed = Cordon({"ownership", "derive", "--edges", WorkedFile("worked_edges.csv"),
                              "--listed", Write("listed.csv", "id,regime\nc1_X,mars\n")});
  EXPECT_EQ(bad_listed.code, 1);
  EXPECT_NE(bad_listed.err.find("listed.csv: line 2"), std::string::npos) << bad_listed.err;

  // No store and no --edges: the store is empty, which is an error, not a usage error.
  CliRun empty = Cordon({"ownership", "derive"});
  EXPECT_EQ(empty.code, 1);
  EXPECT_NE(empty.err.find("cordon load"), std::string::npos) << empty.err;
}

TEST_F(CliTest, OwnershipDeriveOutputFileIsWrittenWhole) {
  const std::string output = (dir_ / "statuses.jsonl").string();
  CliRun to_file = Cordon(WorkedArgs({"--output", output}));
  ASSERT_EQ(to_file.code, 0) << to_file.err;
  EXPECT_TRUE(to_file.out.empty()) << to_file.out;
  EXPECT_FALSE(fs::exists(output + ".tmp"));
  Result<std::string> written = ReadFile(output);
  ASSERT_TRUE(written.ok());
  CliRun to_stdout = Cordon(WorkedArgs({}));
  ASSERT_EQ(to_stdout.code, 0) << to_stdout.err;
  EXPECT_EQ(*written, to_stdout.out);

  // A run that fails leaves the previous file as it was, and no temporary beside it.
  const std::string previous = Write("previous.jsonl", "previous\n");
  CliRun failed = Cordon({"ownership", "derive", "--edges", WorkedFile("worked_edges.csv"),
                          "--listed", Write("bad.csv", "c1_X,us\n"), "--output", previous});
  EXPECT_EQ(failed.code, 1);
  EXPECT_EQ(ReadFile(previous).value(), "previous\n");
  EXPECT_FALSE(fs::exists(previous + ".tmp"));

  CliRun unwritable =
      Cordon(WorkedArgs({"--output", (dir_ / "no_such_dir" / "statuses.jsonl").string()}));
  EXPECT_EQ(unwritable.code, 1);
  EXPECT_NE(unwritable.err.find("no_such_dir"), std::string::npos) << unwritable.err;
}

TEST_F(CliTest, ScreenAttachesOwnershipToAListedOwner) {
  std::string zala;
  for (const std::string& path :
       {std::string(CORDON_SHARED_DATA) + "/opensanctions/yente_zala/entities.ftm.json",
        std::string(CORDON_BUNDLED_DATA) +
            "/lists/opensanctions/yente_zala/entities.ftm.json.zst"}) {
    Result<std::string> bytes = ReadFile(path);
    if (bytes.ok()) {
      zala = std::move(bytes).value();
      break;
    }
  }
  ASSERT_FALSE(zala.empty());
  CliRun ingest = Cordon({"ingest", Write("entities.ftm.json", zala)});
  ASSERT_EQ(ingest.code, 0) << ingest.err;

  const std::string input = Write("customers.csv",
                                  "id,name\n"
                                  "q1,Alexander Vyacheslavovich ZAKHAROV\n");
  CliRun r = Cordon({"screen", "--input", input});
  ASSERT_EQ(r.code, 0) << r.err;
  nlohmann::json answer = nlohmann::json::parse(r.out);
  const nlohmann::json* zakharov = nullptr;
  for (const nlohmann::json& m : answer["matches"]) {
    if (m["entity_id"] == "opensanctions:NK-aU5ybkbRFJucf8YMwsJvDw") zakharov = &m;
  }
  ASSERT_NE(zakharov, nullptr) << r.out;
  ASSERT_TRUE(zakharov->contains("ownership")) << zakharov->dump();
  const nlohmann::json& ownership = (*zakharov)["ownership"];
  ASSERT_TRUE(ownership.is_object()) << ownership.dump();
  EXPECT_EQ(ownership["us"], "listed");
  EXPECT_EQ(ownership["eu"], "listed");
  EXPECT_EQ(ownership["uk"], "listed");
  // An SDN under RUSSIA-EO14024: BIS's Affiliates Rule extends its licence requirements.
  EXPECT_EQ(ownership["us_bis"], "listed");
  EXPECT_FALSE(ownership.contains("node")) << ownership.dump();  // its own node
  // Today he still directs the unmanned systems association (from 2005, no end date): a
  // reason to review it under every regime ("controls": not a holding). His divested holdings
  // are not shown.
  ASSERT_TRUE(ownership.contains("owns")) << ownership.dump();
  ASSERT_TRUE(ownership.contains("controls")) << ownership.dump();
  for (const nlohmann::json& held : ownership["owns"]) {
    EXPECT_FALSE(held.contains("end")) << held.dump();
    EXPECT_NE(held["asset"], "opensanctions:NK-iE6m5ryPeTAMZozfECVSL7") << held.dump();
    EXPECT_TRUE(held["kind"] == "shares" || held["kind"] == "voting") << held.dump();
  }
  bool association = false;
  for (const nlohmann::json& held : ownership["controls"]) {
    EXPECT_FALSE(held.contains("end")) << held.dump();
    if (held["asset"] != "opensanctions:NK-SiYwWfxwLVrVeFswsvAvsm") continue;
    association = true;
    EXPECT_EQ(held["kind"], "officer");
    EXPECT_EQ(held["status"],
              nlohmann::json(
                  {{"us", "review"}, {"eu", "review"}, {"uk", "review"}, {"us_bis", "review"}}));
  }
  EXPECT_TRUE(association) << ownership.dump();
}

// ---------------------------------------------------------------------------------------------
// Maritime: `ais decode|events`, `vessel`, `pricecap check`

// gpsd's regression sample (shared data only: it is not bundled).
std::string GpsdSample(const std::string& suffix = "") {
  return std::string(CORDON_SHARED_DATA) + "/ais/gpsd/sample.aivdm" + suffix;
}

// The bundled output of `ais_scenario` (seed 1): testing::ShadowFleetScenario(1) as NMEA.
std::string ShadowFleetSample() {
  return std::string(CORDON_BUNDLED_DATA) + "/samples/shadow_fleet.nmea.zst";
}

std::vector<nlohmann::json> JsonLines(const std::string& text) {
  std::vector<nlohmann::json> records;
  for (const std::string& line : Lines(text)) {
    if (!line.empty()) records.push_back(nlohmann::json::parse(line));
  }
  return records;
}

// Seconds since the epoch of "2024-03-01T10:00:00Z"; -1 when it is not that shape.
int64_t UtcSeconds(const nlohmann::json& iso) {
  std::tm tm{};
  if (std::sscanf(iso.get<std::string>().c_str(), "%d-%d-%dT%d:%d:%dZ", &tm.tm_year, &tm.tm_mon,
                  &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6) {
    return -1;
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return static_cast<int64_t>(timegm(&tm));
}

// Whether a line of `ais events` is the scripted event: the same type and vessels (in either
// order), start and end within the scenario's tolerance.
bool IsExpectedEvent(const nlohmann::json& event, const maritime::testing::ExpectedEvent& want) {
  if (event["type"] != std::string(maritime::EventTypeName(want.type))) return false;
  const uint32_t mmsi = event["mmsi"].get<uint32_t>();
  const uint32_t other = event.value("other_mmsi", uint32_t{0});
  if (!((mmsi == want.mmsi && other == want.other_mmsi) ||
        (mmsi == want.other_mmsi && other == want.mmsi))) {
    return false;
  }
  return std::llabs(UtcSeconds(event["start"]) - want.start) <= want.tolerance_s &&
         std::llabs(UtcSeconds(event["end"]) - want.end) <= want.tolerance_s;
}

// The scenario's events that `ais events` finds without a store: all but the flag mismatch,
// whose listed flag the scenario scripts and the CLI can only take from the lists.
std::vector<maritime::testing::ExpectedEvent> ExpectedWithoutStore() {
  std::vector<maritime::testing::ExpectedEvent> expected;
  for (const maritime::testing::ExpectedEvent& e :
       maritime::testing::ShadowFleetScenario(1).expected) {
    if (e.type != maritime::EventType::kFlagMismatch) expected.push_back(e);
  }
  return expected;
}

// Files of an interrupted atomic write left in `dir`.
std::vector<std::string> TemporaryFiles(const fs::path& dir) {
  std::vector<std::string> temporary;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (name.find(".tmp") != std::string::npos) temporary.push_back(name);
  }
  return temporary;
}

TEST_F(CliTest, AisDecodeWritesGpsdJsonLines) {
  Result<std::string> gpsd_text = ReadFile(GpsdSample(".js.chk"));
  if (!gpsd_text.ok()) GTEST_SKIP() << "no gpsd sample under " << CORDON_SHARED_DATA;
  CliRun r = Cordon({"ais", "decode", GpsdSample()});
  ASSERT_EQ(r.code, 0) << r.err;
  const std::vector<nlohmann::json> ours = JsonLines(r.out);
  const std::vector<nlohmann::json> gpsd = JsonLines(*gpsd_text);
  ASSERT_EQ(gpsd.size(), 97u);
  // gpsdecode prints a type 24 only when a part B completes a part A; cordon prints all five
  // parts that it does not (ais_test.cc has the list).
  ASSERT_EQ(ours.size(), 102u);
  std::multiset<std::pair<int, uint32_t>> decoded, printed_by_gpsd;
  for (const nlohmann::json& m : ours) {
    EXPECT_EQ(m["class"], "AIS") << m.dump();
    EXPECT_EQ(m["scaled"], true) << m.dump();
    EXPECT_FALSE(m.contains("device")) << m.dump();  // gpsdecode's "stdin"
    decoded.emplace(m["type"].get<int>(), m["mmsi"].get<uint32_t>());
  }
  for (const nlohmann::json& g : gpsd) {
    printed_by_gpsd.emplace(g["type"].get<int>(), g["mmsi"].get<uint32_t>());
  }
  // Every message gpsd prints (by type and MMSI), and five type 24 parts more.
  size_t extra_type_24 = 0;
  for (auto key = decoded.begin(); key != decoded.end(); key = decoded.upper_bound(*key)) {
    const size_t ours_count = decoded.count(*key), gpsd_count = printed_by_gpsd.count(*key);
    EXPECT_TRUE(ours_count == gpsd_count || (key->first == 24 && ours_count > gpsd_count))
        << "type " << key->first << " MMSI " << key->second;
    if (key->first == 24 && ours_count > gpsd_count) extra_type_24 += ours_count - gpsd_count;
  }
  for (const auto& key : printed_by_gpsd) {
    EXPECT_GT(decoded.count(key), 0u) << "type " << key.first << " MMSI " << key.second;
  }
  EXPECT_EQ(extra_type_24, 5u);
  // The first record, a type 1 in the Strait of Juan de Fuca, field for field.
  nlohmann::json first = gpsd[0];
  first.erase("device");
  EXPECT_EQ(ours[0], first);
  EXPECT_EQ(ours[0]["mmsi"], 371798000);
  EXPECT_EQ(ours[0]["lon"], -123.3953833);
  EXPECT_EQ(ours[0]["turn"], "fastleft");
  EXPECT_NE(r.err.find("sample.aivdm: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("102 messages"), std::string::npos) << r.err;
}

TEST_F(CliTest, AisDecodeUnscaledGivesRawUnits) {
  Result<std::string> gpsd_text = ReadFile(GpsdSample(".ju.chk"));
  if (!gpsd_text.ok()) GTEST_SKIP() << "no gpsd sample under " << CORDON_SHARED_DATA;
  CliRun r = Cordon({"ais", "decode", "--unscaled", GpsdSample()});
  ASSERT_EQ(r.code, 0) << r.err;
  const std::vector<nlohmann::json> ours = JsonLines(r.out);
  const std::vector<nlohmann::json> gpsd = JsonLines(*gpsd_text);
  ASSERT_EQ(ours.size(), 102u);
  ASSERT_FALSE(gpsd.empty());
  for (const nlohmann::json& m : ours) EXPECT_EQ(m["scaled"], false) << m.dump();
  nlohmann::json first = gpsd[0];
  first.erase("device");
  EXPECT_EQ(ours[0], first);
  // 1/10000 minute, 1/10 knot and degree, the raw rate of turn.
  EXPECT_EQ(ours[0]["lon"], -74037230);
  EXPECT_EQ(ours[0]["lat"], 29028980);
  EXPECT_EQ(ours[0]["speed"], 123);
  EXPECT_EQ(ours[0]["course"], 2240);
  EXPECT_EQ(ours[0]["turn"], -127);
}

TEST_F(CliTest, AisEventsOnTheBundledSampleGiveTheScenariosEvents) {
  const std::vector<maritime::testing::ExpectedEvent> expected = ExpectedWithoutStore();
  ASSERT_EQ(expected.size(), 7u);
  CliRun r = Cordon({"ais", "events", ShadowFleetSample()});
  ASSERT_EQ(r.code, 0) << r.err;
  const std::vector<nlohmann::json> events = JsonLines(r.out);
  EXPECT_EQ(events.size(), expected.size()) << r.out;
  for (const maritime::testing::ExpectedEvent& want : expected) {
    EXPECT_EQ(std::count_if(events.begin(), events.end(),
                            [&](const nlohmann::json& e) { return IsExpectedEvent(e, want); }),
              1)
        << want.what << " (" << maritime::EventTypeName(want.type) << ", MMSI " << want.mmsi
        << ")\n"
        << r.out;
  }
  for (const nlohmann::json& e : events) {
    EXPECT_NE(e["type"], "flag_mismatch") << e.dump();
    EXPECT_TRUE(e["evidence"].is_object()) << e.dump();
  }
  EXPECT_NE(r.err.find("90090 lines"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("from 16 vessels"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("-> 7 events"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("listed flags"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(db_));  // no store: none is created
}

TEST_F(CliTest, AisOutputFilesAreWrittenWhole) {
  const std::string sample = ShadowFleetSample();
  const std::string events = (dir_ / "events.jsonl").string();
  CliRun to_file = Cordon({"ais", "events", sample, "--output", events});
  ASSERT_EQ(to_file.code, 0) << to_file.err;
  EXPECT_TRUE(to_file.out.empty()) << to_file.out;
  CliRun to_stdout = Cordon({"ais", "events", sample});
  ASSERT_EQ(to_stdout.code, 0) << to_stdout.err;
  ASSERT_FALSE(to_stdout.out.empty());
  EXPECT_EQ(ReadFile(events).value(), to_stdout.out);

  const std::string decoded = (dir_ / "decoded.jsonl").string();
  CliRun decode = Cordon({"ais", "decode", sample, "--output", decoded});
  ASSERT_EQ(decode.code, 0) << decode.err;
  EXPECT_TRUE(decode.out.empty());
  EXPECT_EQ(Lines(ReadFile(decoded).value()).size(), 87541u);  // every message of the sample
  EXPECT_EQ(TemporaryFiles(dir_), std::vector<std::string>{});

  // A run that fails leaves the previous file as it was, and no temporary beside it.
  const std::string previous = Write("previous.jsonl", "previous\n");
  for (const char* command : {"decode", "events"}) {
    CliRun failed = Cordon({"ais", command, (dir_ / "absent.nmea").string(), "--output", previous});
    EXPECT_EQ(failed.code, 1) << command;
    EXPECT_NE(failed.err.find("absent.nmea"), std::string::npos) << failed.err;
    EXPECT_EQ(ReadFile(previous).value(), "previous\n") << command;
  }
  EXPECT_EQ(TemporaryFiles(dir_), std::vector<std::string>{});

  CliRun unwritable =
      Cordon({"ais", "events", sample, "--output", (dir_ / "no_such_dir" / "e.jsonl").string()});
  EXPECT_EQ(unwritable.code, 1);
  EXPECT_NE(unwritable.err.find("no_such_dir"), std::string::npos) << unwritable.err;

  EXPECT_EQ(Cordon({"ais"}).code, 2);
  EXPECT_EQ(Cordon({"ais", "decode"}).code, 2);
  EXPECT_EQ(Cordon({"ais", "events"}).code, 2);
}

TEST_F(CliTest, VesselWithAisGivesItsEventsAndReasons) {
  // PEARL RIVER loads at Primorsk for 24 h; nothing else is scripted for her.
  const std::string sample = ShadowFleetSample();
  const uint32_t imo = maritime::testing::MakeImo(931245);
  CliRun r = Cordon({"vessel", "352001234", "--ais", sample, "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["mmsi"], 352001234);
  EXPECT_EQ(j["imo"], imo);  // from her static reports
  EXPECT_EQ(j["name"], "PEARL RIVER");
  EXPECT_EQ(j["risk"], nlohmann::json({{"score", 20.0}, {"level", "low"}}));
  ASSERT_EQ(j["reasons"].size(), 1u) << r.out;
  EXPECT_EQ(j["reasons"][0]["code"], "oil_terminal_call");
  EXPECT_EQ(j["reasons"][0]["points"], 20.0);
  EXPECT_EQ(j["reasons"][0]["text"], "1 × call at a Russian oil terminal (Primorsk)");
  EXPECT_EQ(j["listings"], nlohmann::json::array());
  ASSERT_EQ(j["events"].size(), 1u) << r.out;
  EXPECT_EQ(j["events"][0]["type"], "port_call");
  EXPECT_EQ(j["events"][0]["evidence"]["place"], "Primorsk");

  // By IMO: the MMSI comes from the static reports that broadcast it.
  CliRun text = Cordon({"vessel", std::to_string(imo), "--ais", sample});
  ASSERT_EQ(text.code, 0) << text.err;
  EXPECT_NE(text.out.find("IMO " + std::to_string(imo) + ", MMSI 352001234: risk low (20/100)\n"),
            std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("  broadcast name PEARL RIVER\n"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("  +20  1 × call at a Russian oil terminal (Primorsk)\n"),
            std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("  event {\"type\":\"port_call\",\"mmsi\":352001234"), std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("(no lists: " + db_ + " holds none)"), std::string::npos) << text.out;

  // Every vessel of every scripted event, either side of it: the event and the reason for it.
  for (const maritime::testing::ExpectedEvent& want : ExpectedWithoutStore()) {
    const std::string type(maritime::EventTypeName(want.type));
    const std::string code =
        want.type == maritime::EventType::kPortCall ? "oil_terminal_call" : type;
    for (uint32_t mmsi : {want.mmsi, want.other_mmsi}) {
      if (mmsi == 0) continue;
      SCOPED_TRACE(want.what + ", MMSI " + std::to_string(mmsi));
      CliRun v = Cordon({"vessel", std::to_string(mmsi), "--ais", sample, "--json"});
      ASSERT_EQ(v.code, 0) << v.err;
      const nlohmann::json vj = nlohmann::json::parse(v.out);
      EXPECT_EQ(vj["mmsi"], mmsi);
      EXPECT_TRUE(std::any_of(vj["events"].begin(), vj["events"].end(),
                              [&](const nlohmann::json& e) { return e["type"] == type; }))
          << v.out;
      EXPECT_TRUE(std::any_of(vj["reasons"].begin(), vj["reasons"].end(),
                              [&](const nlohmann::json& reason) { return reason["code"] == code; }))
          << v.out;
      EXPECT_GT(vj["risk"]["score"].get<double>(), 0.0) << v.out;
      EXPECT_LT(vj["risk"]["score"].get<double>(), 40.0) << v.out;  // one finding: not medium
    }
  }
}

TEST_F(CliTest, VesselIdsThatAreNeitherImoNorMmsiExitTwo) {
  for (const char* id : {"123", "918762", "12345678", "1234567890", "91876a9", "0000000",
                         "IMO 91876290", "MMSI 572469210", ""}) {
    CliRun r = Cordon({"vessel", id});
    EXPECT_EQ(r.code, 2) << "'" << id << "'";
    EXPECT_NE(r.err.find("give an IMO number (7 digits) or an MMSI (9 digits)"), std::string::npos)
        << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
  }
  EXPECT_EQ(Cordon({"vessel"}).code, 2);
  CliRun missing = Cordon({"vessel", "9187629", "--ais", (dir_ / "absent.nmea").string()});
  EXPECT_EQ(missing.code, 1);
  EXPECT_NE(missing.err.find("absent.nmea"), std::string::npos) << missing.err;
}

// A store with the bundled lists, loaded once for the suite (`cordon load` takes a second or
// two). ARTAVIL is on OFAC's SDN list with IMO 9187629, MMSI 572469210 and the flag of Iran;
// the MMSI's MID, 572, is Tuvalu's.
class MaritimeListsTest : public CliTest {
 protected:
  static void SetUpTestSuite() {
    lists_dir_ = fs::temp_directory_path() /
                 ("cordon_cli_test_maritime_lists_" + std::to_string(::getpid()));
    fs::remove_all(lists_dir_);
    fs::create_directories(lists_dir_);
    std::ostringstream out, err;
    load_code_ =
        RunCordon({"cordon", "--db", (lists_dir_ / "cordon.db").string(), "load"}, out, err);
    load_err_ = err.str();
  }
  static void TearDownTestSuite() { fs::remove_all(lists_dir_); }
  void SetUp() override {
    CliTest::SetUp();
    ASSERT_EQ(load_code_, 0) << load_err_;
  }

  CliRun CordonWithLists(std::vector<std::string> args) {
    args.insert(args.begin(), {"cordon", "--db", (lists_dir_ / "cordon.db").string()});
    std::ostringstream out, err;
    int code = RunCordon(args, out, err);
    return {code, out.str(), err.str()};
  }

  // Five hours in the Arabian Sea of ARTAVIL, under her listed IMO and MMSI, and of ARK III
  // (SDN, IMO 9187655, flag of Iran, no MMSI listed) broadcasting a Cameroonian MMSI.
  std::string ListedTankersNmea() {
    maritime::testing::ScenarioBuilder builder(/*seed=*/3);
    builder
        .AddVessel({.mmsi = 572469210, .imo = 9187629, .name = "ARTAVIL", .callsign = "T2EU4"},
                   {22.0, 62.0}, maritime::testing::kScenarioEpoch)
        .SailTo({21.5, 63.0}, 12);
    builder
        .AddVessel({.mmsi = 613123450, .imo = 9187655, .name = "ARK III", .callsign = "TJAR3"},
                   {20.0, 60.0}, maritime::testing::kScenarioEpoch)
        .SailTo({19.5, 61.0}, 12);
    return Write("listed_tankers.nmea", builder.Build().Nmea());
  }

  static inline fs::path lists_dir_;
  static inline int load_code_ = -1;
  static inline std::string load_err_;
};

TEST_F(MaritimeListsTest, AisEventsCheckFlagsAgainstTheListsInTheStore) {
  const std::string nmea = ListedTankersNmea();
  CliRun without = Cordon({"ais", "events", nmea});
  ASSERT_EQ(without.code, 0) << without.err;
  EXPECT_TRUE(without.out.empty()) << without.out;

  CliRun with = CordonWithLists({"ais", "events", nmea});
  ASSERT_EQ(with.code, 0) << with.err;
  std::map<uint32_t, nlohmann::json> by_mmsi;
  for (const nlohmann::json& e : JsonLines(with.out)) {
    EXPECT_EQ(e["type"], "flag_mismatch") << e.dump();
    EXPECT_TRUE(by_mmsi.emplace(e["mmsi"].get<uint32_t>(), e).second) << with.out;
  }
  ASSERT_EQ(by_mmsi.size(), 2u) << with.out;
  // ARTAVIL's listed MMSI gives her flag from her first position, before any static report.
  const nlohmann::json& artavil = by_mmsi[572469210];
  EXPECT_EQ(artavil["evidence"]["listed_flag"], "IR") << with.out;
  EXPECT_EQ(artavil["evidence"]["mid"], 572);
  EXPECT_EQ(artavil["evidence"]["mid_country"], "TV");
  EXPECT_EQ(artavil["start"], "2024-03-01T00:00:00Z");
  // ARK III's MMSI is on no list: her flag comes by the IMO of her static report.
  const nlohmann::json& ark = by_mmsi[613123450];
  EXPECT_EQ(ark["imo"], 9187655) << with.out;
  EXPECT_EQ(ark["evidence"]["listed_flag"], "IR");
  EXPECT_EQ(ark["evidence"]["mid"], 613);
  EXPECT_EQ(ark["evidence"]["mid_country"], "CM");
  EXPECT_NE(with.err.find("; listed flags from " + (lists_dir_ / "cordon.db").string()),
            std::string::npos)
      << with.err;

  // The scenario's vessels are on no list: the store adds nothing to their events.
  CliRun sample = CordonWithLists({"ais", "events", ShadowFleetSample()});
  ASSERT_EQ(sample.code, 0) << sample.err;
  EXPECT_EQ(sample.out, Cordon({"ais", "events", ShadowFleetSample()}).out);
}

TEST_F(MaritimeListsTest, VesselListedByImoIsHighRisk) {
  CliRun text = CordonWithLists({"vessel", "9187629"});
  ASSERT_EQ(text.code, 0) << text.err;
  EXPECT_EQ(text.out,
            "IMO 9187629: risk high (100/100)\n"
            "  +100 listed under us as ARTAVIL (us_ofac_sdn:15036), matched by imo\n");

  CliRun json = CordonWithLists({"vessel", "IMO 9187629", "--json"});
  ASSERT_EQ(json.code, 0) << json.err;
  const nlohmann::json j = nlohmann::json::parse(json.out);
  EXPECT_EQ(j["imo"], 9187629);
  EXPECT_FALSE(j.contains("mmsi"));
  EXPECT_FALSE(j.contains("name"));
  EXPECT_EQ(j["risk"], nlohmann::json({{"score", 100.0}, {"level", "high"}}));
  ASSERT_EQ(j["reasons"].size(), 1u) << json.out;
  EXPECT_EQ(j["reasons"][0]["code"], "listed_by_imo");
  EXPECT_EQ(j["reasons"][0]["points"], 100.0);
  ASSERT_EQ(j["listings"].size(), 1u) << json.out;
  EXPECT_EQ(j["listings"][0], nlohmann::json({{"id", "us_ofac_sdn:15036"},
                                              {"caption", "ARTAVIL"},
                                              {"matched_by", "imo"},
                                              {"regimes", {"us"}}}));
  EXPECT_EQ(j["events"], nlohmann::json::array());

  // By MMSI the listing is strong but not decisive: MMSIs are reassigned.
  CliRun mmsi = CordonWithLists({"vessel", "572469210", "--json"});
  ASSERT_EQ(mmsi.code, 0) << mmsi.err;
  const nlohmann::json m = nlohmann::json::parse(mmsi.out);
  EXPECT_EQ(m["risk"], nlohmann::json({{"score", 80.0}, {"level", "high"}}));
  EXPECT_EQ(m["reasons"][0]["code"], "listed_by_mmsi");
  EXPECT_EQ(m["listings"][0]["matched_by"], "mmsi");

  // With her AIS, by MMSI: her broadcast IMO finds the listing, and her flag is checked.
  CliRun tracked = CordonWithLists({"vessel", "572469210", "--ais", ListedTankersNmea(), "--json"});
  ASSERT_EQ(tracked.code, 0) << tracked.err;
  const nlohmann::json t = nlohmann::json::parse(tracked.out);
  EXPECT_EQ(t["imo"], 9187629);
  EXPECT_EQ(t["name"], "ARTAVIL");
  EXPECT_EQ(t["risk"], nlohmann::json({{"score", 100.0}, {"level", "high"}}));
  ASSERT_EQ(t["reasons"].size(), 2u) << tracked.out;
  EXPECT_EQ(t["reasons"][0]["code"], "listed_by_imo");
  EXPECT_EQ(t["reasons"][1]["code"], "flag_mismatch");
  EXPECT_EQ(t["reasons"][1]["points"], 15.0);
  ASSERT_EQ(t["events"].size(), 1u);
  EXPECT_EQ(t["events"][0]["type"], "flag_mismatch");

  // Without lists nothing is known about her.
  CliRun bare = Cordon({"vessel", "9187629"});
  ASSERT_EQ(bare.code, 0) << bare.err;
  EXPECT_EQ(bare.out, "IMO 9187629: risk none (0/100)\n  (no lists: " + db_ + " holds none)\n");
}

std::vector<std::string> PriceCapArgs(const std::string& regime, const std::string& product,
                                      const std::string& price, const std::string& loading,
                                      const std::string& contract = "") {
  std::vector<std::string> args = {"pricecap",  "check",          "--regime", regime,
                                   "--product", product,          "--price",  price,
                                   "--json",    "--loading-date", loading};
  if (!contract.empty()) args.insert(args.end(), {"--contract-date", contract});
  return args;
}

TEST_F(CliTest, PriceCapUsCrudeIsHeldToSixtyDollars) {
  CliRun below = Cordon(PriceCapArgs("us", "crude", "59.99", "2023-01-10"));
  ASSERT_EQ(below.code, 0) << below.err;
  const nlohmann::json j = nlohmann::json::parse(below.out);
  EXPECT_EQ(j["compliant"], true);
  EXPECT_EQ(j["regime"], "us");
  EXPECT_EQ(j["product"], "crude");
  EXPECT_EQ(j["price"], 59.99);
  EXPECT_EQ(j["cap"], 60.0);
  EXPECT_EQ(j["cap_from"], "2022-12-05");
  EXPECT_NE(j["cap_source"].get<std::string>().find("E.O. 14071"), std::string::npos);
  EXPECT_EQ(j["wind_down"], false);
  EXPECT_FALSE(j["explanation"].get<std::string>().empty());
  EXPECT_FALSE(j.contains("warnings"));

  CliRun above = Cordon(PriceCapArgs("us", "crude", "60.01", "2023-01-10"));
  EXPECT_EQ(above.code, 3) << above.err;
  EXPECT_EQ(nlohmann::json::parse(above.out)["compliant"], false);
  EXPECT_EQ(Cordon(PriceCapArgs("us", "crude", "60", "2023-01-10")).code, 0);
  // The US did not follow the EU and UK down to $47.60.
  EXPECT_EQ(Cordon(PriceCapArgs("us", "crude", "59.99", "2025-10-20")).code, 0);

  CliRun text = Cordon({"pricecap", "check", "--regime", "US", "--product", "crude", "--price",
                        "60.01", "--loading-date", "2023-01-10"});
  EXPECT_EQ(text.code, 3);
  EXPECT_EQ(text.out.rfind("NOT compliant: ", 0), 0u) << text.out;
  CliRun ok = Cordon({"pricecap", "check", "--regime", "us", "--product", "crude", "--price",
                      "59.99", "--loading-date", "2023-01-10"});
  EXPECT_EQ(ok.code, 0);
  EXPECT_EQ(ok.out.rfind("compliant: ", 0), 0u) << ok.out;
}

TEST_F(CliTest, PriceCapEuWindDownLetsOlderContractsLoadUnderTheOldCap) {
  // Concluded before 2025-07-20 at a price that met $60: may load under it until 2025-10-18.
  CliRun within = Cordon(PriceCapArgs("eu", "crude", "52.5", "2025-10-01", "2025-06-15"));
  ASSERT_EQ(within.code, 0) << within.out << within.err;
  const nlohmann::json j = nlohmann::json::parse(within.out);
  EXPECT_EQ(j["wind_down"], true);
  EXPECT_EQ(j["cap"], 60.0);
  EXPECT_EQ(j["cap_from"], "2022-12-05");
  EXPECT_EQ(Cordon(PriceCapArgs("eu", "crude", "52.5", "2025-10-18", "2025-06-15")).code, 0);

  CliRun after = Cordon(PriceCapArgs("eu", "crude", "52.5", "2025-10-20", "2025-06-15"));
  EXPECT_EQ(after.code, 3) << after.out;
  const nlohmann::json a = nlohmann::json::parse(after.out);
  EXPECT_EQ(a["wind_down"], false);
  EXPECT_EQ(a["explanation"],
            "$52.50/bbl is above the EU cap on crude oil of $47.60/bbl in force from 2025-09-03. "
            "The wind-down for contracts concluded before 2025-07-20 and loaded by 2025-10-18 "
            "does not apply: the cargo loaded after 2025-10-18.");

  // No contract date, or one after the cut-off: the new cap.
  EXPECT_EQ(Cordon(PriceCapArgs("eu", "crude", "52.5", "2025-10-01")).code, 3);
  EXPECT_EQ(Cordon(PriceCapArgs("eu", "crude", "52.5", "2025-10-01", "2025-07-25")).code, 3);
  // The day before the EU's $47.60 the old cap is simply in force.
  EXPECT_EQ(Cordon(PriceCapArgs("eu", "crude", "52.5", "2025-09-02")).code, 0);
  EXPECT_EQ(Cordon(PriceCapArgs("eu", "crude", "47.6", "2025-10-20")).code, 0);
}

TEST_F(CliTest, PriceCapUkDates) {
  // The UK lowered its cap at 23:01 on 2025-09-02, a day before the EU: that day counts.
  EXPECT_EQ(Cordon(PriceCapArgs("uk", "crude", "50", "2025-09-01")).code, 0);
  CliRun lowered = Cordon(PriceCapArgs("uk", "crude", "50", "2025-09-02"));
  EXPECT_EQ(lowered.code, 3) << lowered.out;
  EXPECT_NE(nlohmann::json::parse(lowered.out)["explanation"].get<std::string>().find(
                "of $47.60/bbl in force from 2025-09-02"),
            std::string::npos)
      << lowered.out;
  // Its wind-down: contracts before 2025-09-02, loaded by 2025-10-17 (a day before the EU's).
  CliRun wound = Cordon(PriceCapArgs("uk", "crude", "50", "2025-10-17", "2025-09-01"));
  EXPECT_EQ(wound.code, 0) << wound.out;
  EXPECT_EQ(nlohmann::json::parse(wound.out)["wind_down"], true);
  EXPECT_EQ(Cordon(PriceCapArgs("uk", "crude", "50", "2025-10-18", "2025-09-01")).code, 3);
  EXPECT_EQ(Cordon(PriceCapArgs("uk", "crude", "50", "2025-10-10", "2025-09-02")).code, 3);
  // $44.10 from 2026-01-31; contracts before it that met $47.60 load until 2026-04-16.
  CliRun reset = Cordon(PriceCapArgs("uk", "crude", "46", "2026-01-31"));
  EXPECT_EQ(reset.code, 3) << reset.out;
  EXPECT_NE(nlohmann::json::parse(reset.out)["explanation"].get<std::string>().find(
                "of $44.10/bbl in force from 2026-01-31"),
            std::string::npos)
      << reset.out;
  EXPECT_EQ(Cordon(PriceCapArgs("uk", "crude", "46", "2026-04-16", "2026-01-20")).code, 0);
  EXPECT_EQ(Cordon(PriceCapArgs("uk", "crude", "46", "2026-04-17", "2026-01-20")).code, 3);
}

TEST_F(CliTest, PriceCapRefinedProductsAtADiscountToCrude) {
  CliRun at_cap = Cordon(PriceCapArgs("us", "discount_to_crude", "45", "2024-01-10"));
  ASSERT_EQ(at_cap.code, 0) << at_cap.out << at_cap.err;
  const nlohmann::json j = nlohmann::json::parse(at_cap.out);
  EXPECT_EQ(j["product"], "discount_to_crude");
  EXPECT_EQ(j["cap"], 45.0);
  EXPECT_EQ(j["cap_from"], "2023-02-05");
  EXPECT_EQ(Cordon(PriceCapArgs("us", "discount_to_crude", "45.01", "2024-01-10")).code, 3);
  // Unchanged by the crude reductions of 2025.
  EXPECT_EQ(Cordon(PriceCapArgs("eu", "discount_to_crude", "45", "2025-10-20")).code, 0);
  EXPECT_EQ(Cordon(PriceCapArgs("uk", "premium_to_crude", "99", "2025-10-20")).code, 0);
  EXPECT_EQ(Cordon(PriceCapArgs("uk", "premium_to_crude", "100.5", "2025-10-20")).code, 3);
}

TEST_F(CliTest, PriceCapWarnsWhenTheEuTableMayBeOutOfDate) {
  CliRun late = Cordon(PriceCapArgs("eu", "crude", "40", "2026-08-01"));
  EXPECT_EQ(late.code, 0) << late.out;
  const nlohmann::json j = nlohmann::json::parse(late.out);
  EXPECT_EQ(j["cap"], 44.1);
  ASSERT_TRUE(j.contains("warnings")) << late.out;
  EXPECT_FALSE(j["warnings"].empty());
  CliRun text = Cordon({"pricecap", "check", "--regime", "eu", "--product", "crude", "--price",
                        "40", "--loading-date", "2026-08-01"});
  EXPECT_NE(text.out.find("\n  warning: "), std::string::npos) << text.out;
}

TEST_F(CliTest, PriceCapUsageErrorsExitTwo) {
  const std::vector<std::vector<std::string>> bad = {
      PriceCapArgs("mars", "crude", "50", "2025-10-01"),
      PriceCapArgs("un", "crude", "50", "2025-10-01"),  // the UN has no price cap
      PriceCapArgs("eu", "diesel", "50", "2025-10-01"),
      PriceCapArgs("eu", "crude", "50", "2025-13-01"),
      PriceCapArgs("eu", "crude", "50", "2025-10"),  // a day is needed
      PriceCapArgs("eu", "crude", "50", "01/10/2025"),
      PriceCapArgs("eu", "crude", "50", "2025-10-01", "last week"),
      PriceCapArgs("eu", "crude", "fifty", "2025-10-01"),
      PriceCapArgs("eu", "crude", "nan", "2025-10-01"),
      {"pricecap", "check", "--regime", "eu", "--product", "crude", "--price=-5", "--loading-date",
       "2025-10-01"},
      {"pricecap", "check", "--regime", "eu", "--product", "crude", "--loading-date", "2025-10-01"},
      {"pricecap", "check", "--regime", "eu", "--product", "crude", "--price", "50"},
      {"pricecap"},
  };
  for (const std::vector<std::string>& args : bad) {
    CliRun r = Cordon(args);
    std::string joined;
    for (const std::string& a : args) joined += a + " ";
    EXPECT_EQ(r.code, 2) << joined << "\n" << r.out << r.err;
    EXPECT_FALSE(r.err.empty()) << joined;
  }
  CliRun regime = Cordon(PriceCapArgs("mars", "crude", "50", "2025-10-01"));
  EXPECT_NE(regime.err.find("'mars'"), std::string::npos) << regime.err;
  CliRun product = Cordon(PriceCapArgs("eu", "diesel", "50", "2025-10-01"));
  EXPECT_NE(product.err.find("'diesel'"), std::string::npos) << product.err;
  CliRun date = Cordon(PriceCapArgs("eu", "crude", "50", "2025-13-01"));
  EXPECT_NE(date.err.find("--loading-date: '2025-13-01'"), std::string::npos) << date.err;
}

}  // namespace
}  // namespace cordon::cli

namespace cordon::cli {
namespace {

// The options every command shares go before or after the subcommand alike.
class SharedOptionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("cordon_shared_options_test_" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = (dir_ / "cordon.db").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  static CliRun Run(const std::vector<std::string>& args) {
    std::vector<std::string> argv = {"cordon"};
    argv.insert(argv.end(), args.begin(), args.end());
    std::ostringstream out, err;
    const int code = RunCordon(argv, out, err);
    return {code, out.str(), err.str()};
  }

  fs::path dir_;
  std::string db_;
};

TEST_F(SharedOptionsTest, EveryCommandTakesDbBeforeAndAfterItsName) {
  const std::string un = std::string(CORDON_BUNDLED_DATA) + "/lists/un/UN_consolidated.xml.zst";
  const std::string customers = std::string(CORDON_BUNDLED_DATA) + "/samples/customers.csv";
  const std::string edges = std::string(CORDON_BUNDLED_DATA) + "/samples/ownership_edges.csv";
  const std::string listed = std::string(CORDON_BUNDLED_DATA) + "/samples/ownership_listed.csv";
  // Writing first, so the reading commands have a store; then each command both ways.
  ASSERT_EQ(Run({"ingest", "--db", db_, un}).code, 0);
  const std::vector<std::vector<std::string>> commands = {
      {"ingest", un},  // unchanged the second time
      {"lists"},
      {"lists", "--json"},
      {"diff", "un_sc"},
      {"show", "un_sc:6907993"},
      {"show", "un_sc:6907993", "--json"},
      {"screen", "--input", customers},
      {"screen", "--input", customers, "--as-of", "2030-01-01"},
      {"ownership", "derive", "--edges", edges, "--listed", listed, "--as-of", "2025-01-01"},
      {"keys", "list", "--json"},
  };
  for (const std::vector<std::string>& command : commands) {
    std::vector<std::string> before = {"--db", db_};
    before.insert(before.end(), command.begin(), command.end());
    std::vector<std::string> after = command;
    after.insert(after.end(), {"--db", db_});
    const CliRun a = Run(before);
    const CliRun b = Run(after);
    const std::string name = command[0] + " " + (command.size() > 1 ? command[1] : "");
    EXPECT_EQ(a.code, 0) << name << ": " << a.err;
    EXPECT_EQ(b.code, 0) << name << ": " << b.err;
    EXPECT_EQ(a.out, b.out) << name;
  }
}

TEST_F(SharedOptionsTest, JsonAndAsOfGoBeforeTheCommandToo) {
  const std::string un = std::string(CORDON_BUNDLED_DATA) + "/lists/un/UN_consolidated.xml.zst";
  ASSERT_EQ(Run({"--db", db_, "ingest", un}).code, 0);
  EXPECT_EQ(Run({"--json", "--db", db_, "lists"}).out, Run({"lists", "--db", db_, "--json"}).out);
  const std::string customers = std::string(CORDON_BUNDLED_DATA) + "/samples/customers.csv";
  const CliRun before = Run({"--as-of", "2030-01-01", "--db", db_, "screen", "--input", customers});
  const CliRun after = Run({"screen", "--input", customers, "--as-of", "2030-01-01", "--db", db_});
  EXPECT_EQ(before.code, 0) << before.err;
  EXPECT_EQ(before.out, after.out);
}

// The store named by --db, before or after the subcommand, is the one these commands read:
// each says so in what it prints.
TEST_F(SharedOptionsTest, OwnershipMaritimeAndKeysReadTheDbGivenBeforeOrAfterTheCommand) {
  const std::string un = std::string(CORDON_BUNDLED_DATA) + "/lists/un/UN_consolidated.xml.zst";
  const std::string nmea = std::string(CORDON_BUNDLED_DATA) + "/samples/shadow_fleet.nmea.zst";
  ASSERT_EQ(Run({"--db", db_, "ingest", un}).code, 0);
  ASSERT_EQ(Run({"keys", "add", "ops", "--db", db_}).code, 0);
  // Each command, and what it prints (on stdout or stderr) only when it read db_.
  const std::vector<std::tuple<std::vector<std::string>, std::string, bool>> commands = {
      {{"ownership", "explain", "un_sc:6907993", "--regime", "us"}, "lists used: un_sc v1", false},
      {{"ownership", "derive", "--regime", "eu"}, "lists used: un_sc v1", false},
      {{"vessel", "9187629"}, "IMO 9187629: risk none (0/100)\n", true},
      {{"ais", "events", nmea}, "; listed flags from " + db_, false},
      {{"keys", "list"}, "ops ", true},
  };
  for (const auto& [command, read_db, on_stdout] : commands) {
    std::vector<std::string> before = {"--db", db_};
    before.insert(before.end(), command.begin(), command.end());
    std::vector<std::string> after = command;
    after.insert(after.end(), {"--db", db_});
    const std::string name = command[0] + " " + command[1];
    const CliRun a = Run(before);
    const CliRun b = Run(after);
    for (const CliRun* r : {&a, &b}) {
      EXPECT_EQ(r->code, 0) << name << ": " << r->err;
      const std::string& printed = on_stdout ? r->out : r->err;
      EXPECT_NE(printed.find(read_db), std::string::npos) << name << ":\n" << r->out << r->err;
      EXPECT_EQ(r->out.find("no lists"), std::string::npos) << name << ": " << r->out;
    }
    EXPECT_EQ(a.out, b.out) << name;
  }
}

// `pricecap check` answers with its exit code: 3 for a trade that is not compliant, whichever
// side of the command --json is on.
TEST_F(SharedOptionsTest, PriceCapStillExitsThreeWhenNotCompliant) {
  const std::vector<std::string> check = {"pricecap",       "check",     "--regime", "us",
                                          "--product",      "crude",     "--price",  "60.01",
                                          "--loading-date", "2023-01-10"};
  std::vector<std::string> before = {"--json"};
  before.insert(before.end(), check.begin(), check.end());
  std::vector<std::string> after = check;
  after.push_back("--json");
  const CliRun a = Run(before);
  const CliRun b = Run(after);
  EXPECT_EQ(a.code, 3) << a.err;
  EXPECT_EQ(b.code, 3) << b.err;
  EXPECT_EQ(a.err, "");
  EXPECT_EQ(a.out, b.out);
  EXPECT_EQ(nlohmann::json::parse(a.out)["compliant"], false) << a.out;
  const CliRun text = Run(check);
  EXPECT_EQ(text.code, 3);
  EXPECT_EQ(text.out.rfind("NOT compliant: ", 0), 0u) << text.out;
}

TEST_F(SharedOptionsTest, SharedOptionsACommandDoesNotTakeAreUsageErrors) {
  const CliRun as_of = Run({"--db", db_, "--as-of", "2024-01-01", "formats"});
  EXPECT_EQ(as_of.code, 2);
  EXPECT_NE(as_of.err.find("--as-of does not apply to `cordon formats`"), std::string::npos)
      << as_of.err;
  EXPECT_EQ(Run({"formats", "--json"}).code, 2);
  const CliRun bad_date = Run({"--db", db_, "screen", "--input", "x.csv", "--as-of", "2024-02-30"});
  EXPECT_EQ(bad_date.code, 2);
  EXPECT_NE(bad_date.err.find("'2024-02-30' is not a date"), std::string::npos) << bad_date.err;
}

}  // namespace
}  // namespace cordon::cli

namespace cordon::cli {
namespace {

// `cordon screen` and POST /match answer the same query with the same result objects: both
// go through screening::Screen and its one renderer.
TEST(ScreenAndApiTest, SameQueryGivesTheSameResultFields) {
  const fs::path dir =
      fs::temp_directory_path() / ("cordon_screen_api_test_" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string db = (dir / "cordon.db").string();
  const std::string un = std::string(CORDON_BUNDLED_DATA) + "/lists/un/UN_consolidated.xml.zst";
  std::ostringstream out, err;
  ASSERT_EQ(RunCordon({"cordon", "--db", db, "ingest", un}, out, err), 0) << err.str();

  const std::string input = (dir / "q.jsonl").string();
  ASSERT_TRUE(WriteFileAtomically(input,
                                  "{\"id\": \"q1\", \"schema\": \"Person\", \"properties\": "
                                  "{\"name\": [\"Eric Badege\"], \"birthDate\": [\"1971\"]}}\n")
                  .ok());
  std::ostringstream screen_out, screen_err;
  ASSERT_EQ(RunCordon({"cordon", "--db", db, "screen", "--input", input}, screen_out, screen_err),
            0)
      << screen_err.str();
  const nlohmann::json line = nlohmann::json::parse(screen_out.str());
  ASSERT_FALSE(line["matches"].empty()) << screen_out.str();

  service::ServerOptions options;
  options.db_path = db;
  options.port = 0;
  options.auth = false;
  options.web_root = "";
  options.audit_path = (dir / "audit.log").string();
  Result<std::unique_ptr<service::Server>> server = service::Server::Start(options);
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  httplib::Client client("127.0.0.1", (*server)->port());
  httplib::Result answer =
      client.Post("/match/default",
                  R"({"queries": {"q1": {"schema": "Person", "properties": {"name": ["Eric Badege"],
          "birthDate": ["1971"]}}}})",
                  "application/json");
  ASSERT_TRUE(answer);
  ASSERT_EQ(answer->status, 200) << answer->body;
  const nlohmann::json api = nlohmann::json::parse(answer->body);
  const nlohmann::json& results = api["responses"]["q1"]["results"];
  (*server)->Stop();
  fs::remove_all(dir);

  ASSERT_EQ(results.size(), line["matches"].size()) << answer->body;
  for (size_t match_idx = 0; match_idx < results.size(); ++match_idx) {
    EXPECT_EQ(results[match_idx], line["matches"][match_idx]) << match_idx;
  }
}

}  // namespace
}  // namespace cordon::cli

namespace cordon::cli {
namespace {

// Hostile paths: outputs that are links or devices, inputs that are directories.
TEST_F(SharedOptionsTest, ScreenOutputThroughALinkKeepsTheLinkAndDevicesStayDevices) {
  const std::string un = std::string(CORDON_BUNDLED_DATA) + "/lists/un/UN_consolidated.xml.zst";
  const std::string customers = std::string(CORDON_BUNDLED_DATA) + "/samples/customers.csv";
  ASSERT_EQ(Run({"--db", db_, "ingest", un}).code, 0);
  const fs::path target = dir_ / "results.jsonl";
  const fs::path link = dir_ / "link.jsonl";
  ASSERT_TRUE(WriteFileAtomically(target.string(), "old\n").ok());
  fs::create_symlink(target, link);
  const CliRun through_link =
      Run({"--db", db_, "screen", "--input", customers, "--output", link.string()});
  ASSERT_EQ(through_link.code, 0) << through_link.err;
  EXPECT_TRUE(fs::is_symlink(link));
  Result<std::string> written = ReadFile(target.string());
  ASSERT_TRUE(written.ok());
  EXPECT_EQ(written->substr(0, 8), "{\"row\":1");
  const CliRun to_device =
      Run({"--db", db_, "screen", "--input", customers, "--output", "/dev/null"});
  ASSERT_EQ(to_device.code, 0) << to_device.err;
  EXPECT_TRUE(fs::is_character_file("/dev/null"));
}

TEST_F(SharedOptionsTest, ADirectoryAsAnInputFileIsAnErrorNamingIt) {
  const std::string directory = dir_.string();
  for (const std::vector<std::string>& command :
       std::vector<std::vector<std::string>>{{"ingest", directory},
                                             {"ais", "decode", directory},
                                             {"compare", "--pairs", directory},
                                             {"screen", "--input", directory}}) {
    std::vector<std::string> args = {"--db", db_};
    args.insert(args.end(), command.begin(), command.end());
    const CliRun r = Run(args);
    EXPECT_EQ(r.code, 1) << command[0] << ": " << r.err;
    EXPECT_NE(r.err.find(directory), std::string::npos) << command[0] << ": " << r.err;
  }
}

TEST_F(SharedOptionsTest, ReadingCommandsDoNotCreateAStore) {
  const std::string missing = (dir_ / "typo.db").string();
  const CliRun lists = Run({"--db", missing, "lists"});
  EXPECT_EQ(lists.code, 1);
  EXPECT_NE(lists.err.find("typo.db"), std::string::npos) << lists.err;
  EXPECT_FALSE(fs::exists(missing));
}

TEST_F(CliTest, BookLoadAlertsDecideAndRescreenOnIngest) {
  ASSERT_EQ(Cordon({"ingest", Write("UN_consolidated.xml", un_)}).code, 0);
  const std::string book = Write("book.csv",
                                 "id,name,schema\nk1,Qusay Saddam Hussein al-Tikriti,Person\n"
                                 "k2,Maria Gonzalez Lopez,Person\n");
  CliRun load = Cordon({"book", "load", "customers", book});
  ASSERT_EQ(load.code, 0) << load.err;
  EXPECT_NE(load.out.find("version 1 (2 customers: 2 added"), std::string::npos) << load.out;
  EXPECT_NE(load.out.find("screened in full"), std::string::npos) << load.out;

  CliRun alerts = Cordon({"alerts", "--book", "customers", "--json"});
  ASSERT_EQ(alerts.code, 0) << alerts.err;
  std::istringstream lines(alerts.out);
  std::string line;
  // Qusay (IQi.002) himself, and his father (IQi.001), whose three listed words he carries.
  int64_t id = 0, qusay = 0;
  size_t count = 0;
  while (std::getline(lines, line)) {
    const nlohmann::json a = nlohmann::json::parse(line);
    ++count;
    EXPECT_EQ(a["customer_id"], "k1");
    if (a["entity_id"] == "un_sc:6908049") {
      qusay = a["id"];
      EXPECT_EQ(a["score"], 1.0);
    }
    EXPECT_EQ(a["kind"], "new_match");
    EXPECT_EQ(a["status"], "open");
    EXPECT_TRUE(a["previous_score"].is_null());
    for (const char* key : {"id", "book", "customer_id", "entity_id", "kind", "status", "score",
                            "previous_score", "explanation", "versions", "raised_at"}) {
      EXPECT_TRUE(a.contains(key)) << key;
    }
    if (a["entity_id"] == "un_sc:6908048") id = a["id"];
  }
  ASSERT_EQ(count, 2u) << alerts.out;
  ASSERT_NE(id, 0);
  ASSERT_NE(qusay, 0);
  EXPECT_EQ(Cordon({"alerts", "decide", std::to_string(qusay), "--as", "true_match", "--reason",
                    "IQi.002", "--audit", (dir_ / "audit.log").string()})
                .code,
            0);

  const std::string audit = (dir_ / "audit.log").string();
  CliRun decide =
      Cordon({"alerts", "decide", std::to_string(id), "--as", "false_positive", "--reason",
              "the son, not the father", "--by", "analyst", "--audit", audit});
  ASSERT_EQ(decide.code, 0) << decide.err;
  Result<std::string> logged = ReadFile(audit);
  ASSERT_TRUE(logged.ok());
  EXPECT_NE(logged->find("\"endpoint\":\"cli:alerts decide\""), std::string::npos) << *logged;
  EXPECT_NE(logged->find("the son, not the father"), std::string::npos);
  EXPECT_EQ(Cordon({"alerts", "decide", std::to_string(id), "--as", "true_match", "--reason", "x",
                    "--audit", audit})
                .code,
            1);
  EXPECT_EQ(Cordon({"alerts", "decide", std::to_string(id), "--as", "maybe", "--reason", "x"}).code,
            2);
  CliRun decided = Cordon({"alerts", "--status", "decided", "--json"});
  EXPECT_NE(decided.out.find("\"as\":\"false_positive\""), std::string::npos) << decided.out;

  // A new list version re-screens the book; the decided pair stays quiet.
  std::string newer = un_;
  newer.replace(newer.find("ERIC"), 4, "ERIK");
  CliRun second = Cordon({"ingest", Write("UN_newer.xml", newer)});
  ASSERT_EQ(second.code, 0) << second.err;
  EXPECT_NE(second.out.find("book customers: re-screened"), std::string::npos) << second.out;
  CliRun open = Cordon({"alerts", "--status", "open", "--json"});
  EXPECT_EQ(open.out, "");

  CliRun show = Cordon({"book", "show", "customers", "--json"});
  ASSERT_EQ(show.code, 0) << show.err;
  const nlohmann::json b = nlohmann::json::parse(show.out);
  EXPECT_EQ(b["version"], 1);
  EXPECT_EQ(b["decided_alerts"], 2);
  EXPECT_NE(b["screened_lists"].get<std::string>().find("un_sc@2"), std::string::npos);

  CliRun bad = Cordon({"book", "load", "customers", Write("bad.csv", "id,name\n,No Id\n")});
  EXPECT_EQ(bad.code, 1);
  EXPECT_NE(bad.err.find("bad.csv:2: id:"), std::string::npos) << bad.err;
}

// Regimes side by side on the bundled lists: the UK Sanctions List of 2026 and the UN list
// both carry Mohammad Hassan Akhund (TAi.002), whom the UK designated on 25 January 2001.
using RegimesCliTest = MaritimeListsTest;

TEST_F(RegimesCliTest, DivergenceJsonIsOneSubjectPerLineInTheDocumentedShape) {
  CliRun r = CordonWithLists({"divergence", "--json", "--as-of", "2026-12-07"});
  ASSERT_EQ(r.code, 0) << r.err;
  const std::vector<nlohmann::json> lines = JsonLines(r.out);
  ASSERT_GT(lines.size(), 1000u);
  const std::vector<std::string> keys = {"subject", "caption",    "schema",  "entities",
                                         "listed",  "not_listed", "delisted"};
  const nlohmann::json* akhund = nullptr;
  std::istringstream raw(r.out);
  for (std::string text; std::getline(raw, text);) {
    std::vector<std::string> got;  // in the order written
    const nlohmann::ordered_json ordered = nlohmann::ordered_json::parse(text);
    for (auto it = ordered.begin(); it != ordered.end(); ++it) got.push_back(it.key());
    ASSERT_EQ(got, keys) << text;
  }
  for (const nlohmann::json& line : lines) {
    for (const auto& [regime, listing] : line["listed"].items()) {
      EXPECT_EQ(listing["since"].get<std::string>().size(), 10u) << line.dump();
      EXPECT_FALSE(listing["sources"].empty()) << line.dump();
    }
    for (const nlohmann::json& id : line["entities"]) {
      if (id == "gb_fcdo:AFG0006") akhund = &line;
    }
  }
  ASSERT_NE(akhund, nullptr);
  EXPECT_EQ((*akhund)["listed"]["uk"]["since"], "2001-01-25") << akhund->dump();
  EXPECT_EQ((*akhund)["listed"]["uk"]["sources"], nlohmann::json::array({"gb_fcdo"}));
  EXPECT_TRUE((*akhund)["listed"].contains("un")) << akhund->dump();
  // The OFSI list that also had him retired on 2026-01-28: not a delisting.
  EXPECT_TRUE((*akhund)["delisted"].empty()) << akhund->dump();

  // Before the OFSI list retired, the UK's listing came from it.
  CliRun earlier =
      CordonWithLists({"divergence", "--json", "--regimes", "uk", "--as-of", "2025-06-01"});
  ASSERT_EQ(earlier.code, 0) << earlier.err;
  bool seen = false;
  for (const nlohmann::json& line : JsonLines(earlier.out)) {
    ASSERT_EQ(line["not_listed"], nlohmann::json::array()) << line.dump();
    for (const auto& [regime, listing] : line["listed"].items()) {
      EXPECT_EQ(regime, "uk");
      EXPECT_EQ(listing["sources"], nlohmann::json::array({"gb_hmt_ofsi"})) << line.dump();
      seen = true;
    }
  }
  EXPECT_TRUE(seen);
}

TEST_F(RegimesCliTest, DivergenceCsvAndTextAndUsageErrors) {
  CliRun csv = CordonWithLists({"divergence", "--csv", "--programme", "russia"});
  ASSERT_EQ(csv.code, 0) << csv.err;
  EXPECT_EQ(csv.out.substr(0, csv.out.find('\n')),
            "subject,caption,schema,entities,us_since,eu_since,uk_since,un_since,not_listed,"
            "delisted");
  CliRun text = CordonWithLists({"divergence", "--programme", "russia"});
  ASSERT_EQ(text.code, 0) << text.err;
  EXPECT_NE(text.out.find("registered outside Russia and Belarus"), std::string::npos) << text.out;
  for (std::vector<std::string> bad : {std::vector<std::string>{"divergence", "--regimes", "us,xx"},
                                       {"divergence", "--json", "--csv"},
                                       {"divergence", "--programme", "atlantis"},
                                       {"divergence", "--as-of", "2026-02-30"}}) {
    CliRun r = CordonWithLists(bad);
    EXPECT_EQ(r.code, 2) << bad[1] << ": " << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
  }
}

TEST_F(RegimesCliTest, SubjectsShowTheEvidenceOfEachLink) {
  CliRun show = CordonWithLists({"subjects", "show", "gb_fcdo:AFG0006", "--json"});
  ASSERT_EQ(show.code, 0) << show.err;
  const nlohmann::json subject = nlohmann::json::parse(show.out);
  EXPECT_EQ(subject["un_references"], nlohmann::json::array({"TAi.002"}));
  bool by_reference = false;
  for (const nlohmann::json& link : subject["links"]) {
    by_reference |= link["kind"] == "un_reference" && link["detail"] == "TAi.002";
  }
  EXPECT_TRUE(by_reference) << show.out;
  // The subject's own id finds it too.
  CliRun again = CordonWithLists({"subjects", "show", subject["subject"].get<std::string>()});
  ASSERT_EQ(again.code, 0) << again.err;
  EXPECT_NE(again.out.find("gb_fcdo:AFG0006"), std::string::npos) << again.out;
  EXPECT_EQ(CordonWithLists({"subjects", "show", "un_sc:0"}).code, 1);
  // An analyst's split, applied on every run.
  const std::string overrides =
      Write("overrides.json", "{\"split\": [{\"a\": \"gb_fcdo:AFG0006\", \"b\": \"" +
                                  subject["entities"].back().get<std::string>() + "\"}]}");
  CliRun split =
      CordonWithLists({"subjects", "show", "gb_fcdo:AFG0006", "--json", "--overrides", overrides});
  ASSERT_EQ(split.code, 0) << split.err;
  EXPECT_LT(nlohmann::json::parse(split.out)["entities"].size(), subject["entities"].size());
  CliRun bad = CordonWithLists({"subjects", "--overrides", Write("bad.json", "{\"merge\": 3}")});
  EXPECT_EQ(bad.code, 1);
  EXPECT_NE(bad.err.find("bad.json: merge: not an array"), std::string::npos) << bad.err;
}

// The energy-payments licence chain ended at 12:01 a.m. EDT on 12 March 2025 (GL 8L).
TEST_F(CliTest, LicenceCheckExitsZeroWhenALicenceAuthorisesAndThreeWhenNone) {
  CliRun on_11 = Cordon({"licence", "check", "--regime", "us", "--party", "Sberbank of Russia",
                         "--activity", "energy", "--date", "2025-03-11", "--json"});
  ASSERT_EQ(on_11.code, 0) << on_11.err;
  const nlohmann::json yes = nlohmann::json::parse(on_11.out);
  EXPECT_EQ(yes["authorised"], true);
  EXPECT_EQ(yes["licences"], nlohmann::json::array({"us-ofac-gl-8l"}));
  CliRun on_12 = Cordon({"licence", "check", "--regime", "us", "--party", "Sberbank of Russia",
                         "--activity", "energy", "--date", "2025-03-12", "--json"});
  EXPECT_EQ(on_12.code, 3) << on_12.err;
  const nlohmann::json no = nlohmann::json::parse(on_12.out);
  EXPECT_EQ(no["authorised"], false);
  EXPECT_EQ(no["last_licence"], "us-ofac-gl-8l");
  EXPECT_EQ(no["last_ended"], "2025-03-12");
  CliRun text = Cordon({"licence", "check", "--regime", "us", "--party", "Sberbank of Russia",
                        "--activity", "energy", "--date", "2025-03-12"});
  EXPECT_EQ(text.code, 3);
  EXPECT_NE(text.out.find("ended on 2025-03-12"), std::string::npos) << text.out;
  for (std::vector<std::string> bad :
       {std::vector<std::string>{"licence", "check", "--regime", "us", "--activity", "energy"},
        {"licence", "check", "--regime", "xx", "--party", "a", "--activity", "energy"},
        {"licence", "check", "--regime", "us", "--party", "a", "--activity", "fishing"},
        {"licence", "check", "--regime", "us", "--party", "a", "--activity", "energy", "--date",
         "2025-02-30"}}) {
    EXPECT_EQ(Cordon(bad).code, 2) << bad[3] << " " << bad.back();
  }
}

TEST_F(CliTest, LicenceListShowAndExpiring) {
  CliRun list = Cordon({"licence", "list", "--regime", "us", "--json", "--as-of", "2025-03-01"});
  ASSERT_EQ(list.code, 0) << list.err;
  std::vector<std::string> ids;
  for (const nlohmann::json& l : JsonLines(list.out)) ids.push_back(l["id"]);
  EXPECT_THAT(ids, ::testing::Contains("us-ofac-gl-8l"));
  EXPECT_THAT(ids, ::testing::Not(::testing::Contains("us-ofac-gl-8k")));  // superseded
  CliRun show = Cordon({"licence", "show", "us-ofac-gl-8l", "--json"});
  ASSERT_EQ(show.code, 0) << show.err;
  EXPECT_EQ(nlohmann::json::parse(show.out)["expires"], "2025-03-12T00:01:00-04:00");
  EXPECT_EQ(Cordon({"licence", "show", "us-ofac-gl-0"}).code, 1);
  CliRun soon = Cordon({"licence", "expiring", "--within", "30", "--date", "2025-03-01"});
  ASSERT_EQ(soon.code, 0) << soon.err;
  EXPECT_NE(soon.out.find("us-ofac-gl-8l"), std::string::npos) << soon.out;
}

}  // namespace
}  // namespace cordon::cli
