// The /match request path on any bytes: the body parsed as JSON, then every query read with
// QueryFromFtm, as the server does. Never crashes; every query it accepts can be screened (a
// name or an identifier), and every error names its query.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "service/ftm.h"

namespace cordon::service {
namespace {

#define CHECK(condition)                \
  do {                                  \
    if (!(condition)) __builtin_trap(); \
  } while (0)

void ReadQuery(const nlohmann::json& value, const std::string& where) {
  Result<match::Query> query = QueryFromFtm(value, where);
  if (!query.ok()) {
    CHECK(query.status().code() == StatusCode::kInvalidArgument);
    CHECK(query.status().message().rfind(where + ":", 0) == 0);
    return;
  }
  CHECK(!query->names.empty() || !query->identifiers.empty());
  for (const std::string& name : query->names) CHECK(!name.empty());
}

}  // namespace
}  // namespace cordon::service

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using cordon::service::ReadQuery;
  const nlohmann::json body =
      nlohmann::json::parse(data, data + size, /*cb=*/nullptr, /*allow_exceptions=*/false);
  if (!body.is_object()) return 0;
  auto queries = body.find("queries");
  if (queries == body.end()) return 0;
  if (queries->is_object()) {
    for (const auto& [name, value] : queries->items()) ReadQuery(value, "queries." + name);
  } else {
    // The server refuses a non-object "queries"; reading it as one query must not crash either.
    ReadQuery(*queries, "queries");
  }
  return 0;
}
