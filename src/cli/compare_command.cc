// `cordon compare NAME1 NAME2 [--schema S]`: the score of two names and why.
// `cordon compare --pairs FILE [--schema S] [--output FILE]`: every name1,name2 row scored.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <optional>

#include "base/file.h"
#include "base/strings.h"
#include "cli/commands.h"
#include "cli/render.h"
#include "ingest/csv.h"
#include "match/compare.h"

namespace cordon::cli {
namespace {

std::optional<model::Schema> SchemaArgument(std::string_view text) {
  if (auto schema = model::SchemaFromName(text)) return schema;
  if (EqualsIgnoreCase(text, "individual")) return model::Schema::kPerson;
  return std::nullopt;
}

// Every input column, then score and match.
Result<std::string> ScorePairs(const std::string& path,
                               const std::optional<model::Schema>& default_schema) {
  ASSIGN_OR_RETURN(std::string bytes, ReadFile(path));
  std::string_view text = bytes;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  ingest::CsvReader reader(text);
  ingest::CsvRecord header;
  if (!reader.Next(&header)) {
    return InvalidArgumentError(path + ": no header row (want name1,name2[,schema])");
  }
  constexpr size_t kNone = SIZE_MAX;
  size_t name1 = kNone, name2 = kNone, schema = kNone;
  for (size_t field_idx = 0; field_idx < header.fields.size(); ++field_idx) {
    const std::string_view h = StripWhitespace(header.fields[field_idx]);
    if (EqualsIgnoreCase(h, "name1") && name1 == kNone) name1 = field_idx;
    if (EqualsIgnoreCase(h, "name2") && name2 == kNone) name2 = field_idx;
    if (EqualsIgnoreCase(h, "schema") && schema == kNone) schema = field_idx;
  }
  if (name1 == kNone || name2 == kNone) {
    return InvalidArgumentError(path + ":" + std::to_string(header.line) +
                                ": the header needs name1 and name2 columns");
  }
  std::vector<std::string_view> fields(header.fields.begin(), header.fields.end());
  fields.push_back("score");
  fields.push_back("match");
  std::string result = CsvLine(fields);
  ingest::CsvRecord record;
  while (reader.Next(&record)) {
    const std::string at = path + ":" + std::to_string(record.line);
    if (record.fields.size() != header.fields.size()) {
      return InvalidArgumentError(at + ": " + std::to_string(record.fields.size()) +
                                  " fields, but the header has " +
                                  std::to_string(header.fields.size()));
    }
    std::optional<model::Schema> row_schema = default_schema;
    if (schema != kNone) {
      const std::string_view value = StripWhitespace(record.fields[schema]);
      if (!value.empty()) {
        row_schema = SchemaArgument(value);
        if (!row_schema) {
          return InvalidArgumentError(at + ": schema: '" + std::string(value) +
                                      "' is not a schema");
        }
      }
    }
    const match::NameComparison c = match::CompareNames(
        StripWhitespace(record.fields[name1]), StripWhitespace(record.fields[name2]), row_schema);
    const std::string score = fmt::format("{:.3f}", c.score);
    fields.assign(record.fields.begin(), record.fields.end());
    fields.push_back(score);
    fields.push_back(c.score >= match::kDefaultThreshold ? "true" : "false");
    result += CsvLine(fields);
  }
  if (!reader.status().ok()) return reader.status().WithContext(path);
  return result;
}

class CompareCommand : public Command {
 public:
  CLI::App* Add(CLI::App& app) override {
    CLI::App* cmd =
        app.add_subcommand("compare", "score two names, or every name1,name2 pair of a CSV file");
    cmd->add_option("names", names_, "NAME1 NAME2 (the query, then the listed name)")
        ->expected(0, 2);
    cmd->add_option("--schema", schema_text_, "Person, Company, Organization, Vessel, ...");
    cmd->add_option("--pairs", pairs_path_, "CSV with name1,name2[,schema] columns");
    cmd->add_option("--output", output_, "CSV to write (default standard output)");
    return cmd;
  }

  Status Check(const SharedOptions&) override {
    if (!schema_text_.empty()) {
      schema_ = SchemaArgument(schema_text_);
      if (!schema_) return InvalidArgumentError("--schema: '" + schema_text_ + "' is not a schema");
    }
    if (!pairs_path_.empty() && !names_.empty()) {
      return InvalidArgumentError("compare takes two names or --pairs");
    }
    if (pairs_path_.empty() && names_.size() != 2) {
      return InvalidArgumentError("compare needs two names or --pairs");
    }
    return Status::Ok();
  }

  Status Run(const SharedOptions&, CommandIo& io) override {
    if (pairs_path_.empty()) {
      PrintComparison(io.out, match::CompareNames(names_[0], names_[1], schema_));
      return Status::Ok();
    }
    ASSIGN_OR_RETURN(std::string result, ScorePairs(pairs_path_, schema_));
    ASSIGN_OR_RETURN(std::unique_ptr<OutputFile> output, OutputFile::Open(output_, io.out));
    output->stream() << result;
    return output->Commit();
  }

 private:
  std::vector<std::string> names_;
  std::string schema_text_, pairs_path_, output_;
  std::optional<model::Schema> schema_;
};

}  // namespace

std::unique_ptr<Command> MakeCompareCommand() { return std::make_unique<CompareCommand>(); }

}  // namespace cordon::cli
