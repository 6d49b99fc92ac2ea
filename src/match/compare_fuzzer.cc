// CompareNames on any two strings (the input split at its first zero byte, else in halves): the
// score is a finite number in [0, 1] with any schema, and the explanation's pairs are too.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "match/compare.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  // The first byte picks the schema, so that organisation rules (legal forms) are reached too.
  const uint8_t selector = data[0];
  const std::string_view input(reinterpret_cast<const char*>(data + 1), size - 1);
  size_t cut = input.find('\0');
  std::string_view query, listed;
  if (cut == std::string_view::npos) {
    cut = input.size() / 2;
    query = input.substr(0, cut);
    listed = input.substr(cut);
  } else {
    query = input.substr(0, cut);
    listed = input.substr(cut + 1);
  }
  std::optional<cordon::model::Schema> schema;
  if (selector % 7 < 6) schema = static_cast<cordon::model::Schema>(selector % 7);
  const cordon::match::NameComparison c = cordon::match::CompareNames(query, listed, schema);
  if (!std::isfinite(c.score) || c.score < 0 || c.score > 1) __builtin_trap();
  for (const cordon::match::TokenPair& p : c.explanation.pairs) {
    if (!std::isfinite(p.similarity) || p.similarity < 0 || p.similarity > 1) __builtin_trap();
  }
  return 0;
}
