#include "service/ftm.h"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "match/query_reader.h"

namespace cordon::service {

bool NestedDeeperThan(const nlohmann::json& value, size_t max_depth) {
  // Iterative: the point is to refuse values whose recursive walk (dump) would overflow the
  // stack, so this walk must not recurse.
  std::vector<std::pair<const nlohmann::json*, size_t>> pending = {{&value, 1}};
  while (!pending.empty()) {
    auto [node, depth] = pending.back();
    pending.pop_back();
    if (!node->is_structured()) continue;
    if (depth > max_depth) return true;
    for (const nlohmann::json& child : *node) pending.emplace_back(&child, depth + 1);
  }
  return false;
}

bool TextNestedDeeperThan(std::string_view text, size_t max_depth) {
  size_t depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;  // the escaped character cannot end the string
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return true;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return false;
}

Result<match::Query> QueryFromFtm(const nlohmann::json& value, std::string_view where) {
  if (!value.is_object()) {
    return InvalidArgumentError(std::string(where) + ": expected an object");
  }
  if (NestedDeeperThan(value, kMaxQueryDepth)) {
    return InvalidArgumentError(
        fmt::format("{}: nested deeper than {} levels", where, kMaxQueryDepth));
  }
  // One JSON line through the screening reader: the API and `cordon screen` read a record
  // by the same rules and give the same errors.
  std::string line;
  auto schema = value.find("schema");
  if (schema != value.end() && schema->is_string() && *schema == "Thing") {
    // yente's "any kind of entity"; the reader knows it as no schema.
    nlohmann::json any = value;
    any.erase("schema");
    line = any.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  } else {
    line = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  // One block for the whole line: the reader's default block (1 MiB) is for files.
  match::QueryReaderOptions options;
  options.block_bytes = line.size() + 64;
  std::unique_ptr<match::QueryReader> reader =
      match::QueryReader::FromString(std::move(line), std::string(where), options);
  // The reader names the line ("queries.q1:1: ..."); a query has only one.
  const std::string line_prefix = std::string(where) + ":1:";
  auto without_line = [&](std::string message) {
    if (message.rfind(line_prefix, 0) == 0) {
      message = std::string(where) + ":" + message.substr(line_prefix.size());
    }
    return message;
  };
  match::Query query;
  Result<bool> read = reader->Next(query);
  if (!read.ok()) return InvalidArgumentError(without_line(read.status().message()));
  if (!*read) return InvalidArgumentError(std::string(where) + ": empty query");
  for (std::string& warning : query.warnings) warning = without_line(std::move(warning));
  return query;
}

}  // namespace cordon::service
