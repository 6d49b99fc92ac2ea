// base/strings.h: small string helpers used by every parser.
//
//   std::string_view field = StripWhitespace("  AL-QAHTANI ");   // "AL-QAHTANI"
//   for (std::string_view part : Split("a; b; c", ';')) ...       // "a", " b", " c"
//   std::optional<int64_t> n = ParseInt("36");                    // 36
//
// All functions are pure and ASCII-only where they talk about case or whitespace; Unicode-aware
// text handling lives in text/.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace cordon {

std::string_view StripWhitespace(std::string_view s);
std::vector<std::string_view> Split(std::string_view s, char separator);
// Splits on a multi-character separator such as "; ".
std::vector<std::string_view> SplitOn(std::string_view s, std::string_view separator);
std::string AsciiLower(std::string_view s);
std::string AsciiUpper(std::string_view s);
bool EqualsIgnoreCase(std::string_view a, std::string_view b);
bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix);
// Collapses runs of whitespace to one space and strips both ends.
std::string CollapseWhitespace(std::string_view s);
// Whole-string decimal integer; nullopt on anything else (sign allowed).
std::optional<int64_t> ParseInt(std::string_view s);
std::string Join(const std::vector<std::string>& parts, std::string_view separator);

// Hashes a std::string and a std::string_view alike: with std::equal_to<>, a container keyed by
// std::string is searched by a view without building a string (StringMap, StringSet).
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};
template <typename Value>
using StringMap = std::unordered_map<std::string, Value, StringHash, std::equal_to<>>;
using StringSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;

}  // namespace cordon
