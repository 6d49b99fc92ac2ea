#include "cli/cli.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "base/file.h"

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
  nlohmann::json j = nlohmann::json::parse(lists.out);
  ASSERT_EQ(j.size(), 1u);
  EXPECT_EQ(j[0]["source"], "un_sc");
  EXPECT_EQ(j[0]["current_version"], 1);
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

}  // namespace
}  // namespace cordon::cli
