// Golden files: the scorer's exact output on real names, so that every change of a weight shows
// up as a reviewable diff of tests/data/match/*.tsv rather than as a silent shift.
//
//   golden_compare.tsv  CompareNames(query, listed, schema) on pairs built from the bundled
//                       lists: aliases of one entity, UN original-script names against their
//                       Latin primaries, typos, reordered, dropped, added and merged words,
//                       legal forms, and unrelated names. Columns: query, listed, schema ("" for
//                       none), score (3 decimals), the aligned pairs' methods ("-" for none).
//   golden_screen.tsv   Search() over the bundled UN list. Columns: query name, schema, birth
//                       date, the best match's entity id ("-" for none), its score, and the
//                       listed name it matched (for the reader; not compared).
//
// After a deliberate change to the scorer, regenerate both and review the diff:
//
//   CORDON_UPDATE_GOLDEN=1 build/release/src/match/match_test --gtest_filter='Golden*'
//
// which rewrites the files in the source tree (tests/data/match/) instead of comparing.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "base/file.h"
#include "match/compare.h"
#include "match/index.h"
#include "store/store.h"
#include "update/sources.h"
#include "update/updater.h"

namespace cordon::match {
namespace {

bool Updating() {
  const char* update = std::getenv("CORDON_UPDATE_GOLDEN");
  return update != nullptr && std::string_view(update) == "1";
}

std::string GoldenPath(std::string_view name) {
  return std::string(CORDON_TEST_DATA) + "/match/" + std::string(name);
}

std::vector<std::string> SplitTabs(std::string_view line) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    const size_t tab = line.find('\t', start);
    out.emplace_back(line.substr(start, tab - start));
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  return out;
}

// The data rows of a golden file (comment lines start with '#'), split at tabs.
std::vector<std::vector<std::string>> ReadRows(const std::string& path, size_t columns) {
  Result<std::string> text = ReadFile(path);
  EXPECT_TRUE(text.ok()) << path << ": " << text.status().ToString();
  std::vector<std::vector<std::string>> rows;
  if (!text.ok()) return rows;
  size_t line_number = 0;
  for (size_t start = 0; start < text->size();) {
    size_t end = text->find('\n', start);
    if (end == std::string::npos) end = text->size();
    const std::string_view line(text->data() + start, end - start);
    start = end + 1;
    ++line_number;
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> fields = SplitTabs(line);
    EXPECT_EQ(fields.size(), columns) << path << ":" << line_number << ": " << line;
    if (fields.size() == columns) rows.push_back(std::move(fields));
  }
  return rows;
}

void Rewrite(const std::string& path, std::string_view header,
             const std::vector<std::vector<std::string>>& rows) {
  std::string text(header);
  for (const std::vector<std::string>& row : rows) {
    for (size_t i = 0; i < row.size(); ++i) text += (i > 0 ? "\t" : "") + row[i];
    text += '\n';
  }
  const Status status = WriteFileAtomically(path, text);
  ASSERT_TRUE(status.ok()) << status.ToString();
  std::printf("rewrote %s (%zu rows)\n", path.c_str(), rows.size());
}

std::string Methods(const Explanation& explanation) {
  if (explanation.pairs.empty()) return "-";
  std::string out;
  for (const TokenPair& p : explanation.pairs) {
    if (!out.empty()) out += ',';
    out += p.how;
  }
  return out;
}

constexpr std::string_view kCompareHeader =
    "# CompareNames(query, listed, schema) on names from the bundled lists; see "
    "src/match/golden_test.cc.\n"
    "# Regenerate after a deliberate scorer change: CORDON_UPDATE_GOLDEN=1 match_test "
    "--gtest_filter='Golden*'\n"
    "# query\tlisted\tschema\tscore\tmethods\n";

constexpr std::string_view kScreenHeader =
    "# Search() over the bundled UN list (threshold 0.30, best match); see "
    "src/match/golden_test.cc.\n"
    "# Regenerate after a deliberate scorer change: CORDON_UPDATE_GOLDEN=1 match_test "
    "--gtest_filter='Golden*'\n"
    "# query\tschema\tbirth_date\ttop_entity\tscore\tmatched_name\n";

TEST(GoldenTest, CompareNamesOnListedNames) {
  const std::string path = GoldenPath("golden_compare.tsv");
  std::vector<std::vector<std::string>> rows = ReadRows(path, 5);
  ASSERT_GE(rows.size(), 100u);
  size_t differences = 0;
  for (std::vector<std::string>& row : rows) {
    std::optional<model::Schema> schema;
    if (!row[2].empty()) {
      schema = model::SchemaFromName(row[2]);
      ASSERT_TRUE(schema.has_value()) << row[2];
    }
    const NameComparison c = CompareNames(row[0], row[1], schema);
    ASSERT_TRUE(c.score >= 0 && c.score <= 1) << row[0] << " / " << row[1];
    const std::string score = fmt::format("{:.3f}", c.score);
    const std::string methods = Methods(c.explanation);
    if (Updating()) {
      row[3] = score;
      row[4] = methods;
      continue;
    }
    if (score != row[3] || methods != row[4]) {
      ++differences;
      ADD_FAILURE() << "'" << row[0] << "' / '" << row[1] << "' (" << row[2] << "): expected "
                    << row[3] << " " << row[4] << ", got " << score << " " << methods << "\n  "
                    << c.explanation.Summary();
    }
  }
  if (Updating()) {
    Rewrite(path, kCompareHeader, rows);
    return;
  }
  EXPECT_EQ(differences, 0u) << "if the change is deliberate, regenerate with "
                                "CORDON_UPDATE_GOLDEN=1 and review the diff";
}

// The golden pairs must keep covering what they were chosen for: high and low scores, several
// methods, several scripts. Guards against a regeneration that quietly empties the file.
TEST(GoldenTest, CompareFileCoversTheRange) {
  if (Updating()) GTEST_SKIP() << "rewriting";
  const std::vector<std::vector<std::string>> rows = ReadRows(GoldenPath("golden_compare.tsv"), 5);
  size_t high = 0, low = 0, non_latin = 0;
  std::string all_methods;
  for (const std::vector<std::string>& row : rows) {
    const double score = std::strtod(row[3].c_str(), nullptr);
    high += score >= 0.9;
    low += score < 0.3;
    non_latin += static_cast<unsigned char>(row[0][0]) >= 0x80;
    all_methods += row[4] + ",";
  }
  EXPECT_GE(high, 30u);
  EXPECT_GE(low, 20u);
  EXPECT_GE(non_latin, 20u);
  for (const char* method : {"exact", "typo", "symbol", "script", "initial", "merged"}) {
    EXPECT_NE(all_methods.find(method), std::string::npos) << method;
  }
}

std::shared_ptr<const MatchIndex> UnIndex() {
  Result<update::SourceCatalog> catalog =
      update::LoadSourceCatalog(std::string(CORDON_BUNDLED_DATA) + "/sources.json");
  EXPECT_TRUE(catalog.ok()) << catalog.status().ToString();
  if (!catalog.ok()) return nullptr;
  Result<std::unique_ptr<store::Store>> store = store::Store::Open(":memory:");
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  if (!store.ok()) return nullptr;
  update::UpdateOptions options;
  options.only = {"un_sc"};
  for (const update::SourceOutcome& outcome : update::LoadBundled(**store, *catalog, options)) {
    EXPECT_TRUE(outcome.status.ok()) << outcome.source << ": " << outcome.status.ToString();
  }
  std::vector<model::Entity> entities;
  EXPECT_TRUE((*store)
                  ->ForEachCurrentEntity([&](const model::Entity& e) {
                    entities.push_back(e);
                    return Status::Ok();
                  })
                  .ok());
  Result<std::shared_ptr<const MatchIndex>> index = MatchIndex::Build(std::move(entities));
  EXPECT_TRUE(index.ok()) << index.status().ToString();
  return index.ok() ? std::move(index).value() : nullptr;
}

TEST(GoldenTest, ScreeningAgainstTheUnList) {
  const std::shared_ptr<const MatchIndex> index = UnIndex();
  ASSERT_NE(index, nullptr);
  ASSERT_GT(index->entities().size(), 900u);
  const std::string path = GoldenPath("golden_screen.tsv");
  std::vector<std::vector<std::string>> rows = ReadRows(path, 6);
  ASSERT_GE(rows.size(), 10u);
  SearchOptions options;
  options.threshold = 0.3;
  options.limit = 1;
  size_t differences = 0;
  for (std::vector<std::string>& row : rows) {
    Query query;
    query.names.push_back(row[0]);
    if (!row[1].empty()) {
      query.schema = model::SchemaFromName(row[1]);
      ASSERT_TRUE(query.schema.has_value()) << row[1];
    }
    if (!row[2].empty()) {
      std::optional<model::PartialDate> date = model::PartialDate::FromIso(row[2]);
      ASSERT_TRUE(date.has_value()) << row[2];
      query.birth_dates.push_back(*date);
    }
    const std::vector<Match> matches = index->Search(query, options);
    const std::string id = matches.empty() ? "-" : matches[0].entity->id;
    const std::string score = fmt::format("{:.3f}", matches.empty() ? 0.0 : matches[0].score);
    if (Updating()) {
      row[3] = id;
      row[4] = score;
      row[5] = matches.empty() ? "-" : matches[0].explanation.entity_name;
      continue;
    }
    if (id != row[3] || score != row[4]) {
      ++differences;
      ADD_FAILURE() << "'" << row[0] << "': expected " << row[3] << " " << row[4] << ", got " << id
                    << " " << score << "\n  "
                    << (matches.empty() ? "" : matches[0].explanation.Summary());
    }
  }
  if (Updating()) {
    Rewrite(path, kScreenHeader, rows);
    return;
  }
  EXPECT_EQ(differences, 0u) << "if the change is deliberate, regenerate with "
                                "CORDON_UPDATE_GOLDEN=1 and review the diff";
}

}  // namespace
}  // namespace cordon::match
