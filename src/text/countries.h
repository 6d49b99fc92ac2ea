// text/countries.h: country names as the lists write them, to ISO 3166-1 alpha-2 codes.
//
//   CountryCode("Russia")                  // "RU"
//   CountryCode("Korea, North")            // "KP"
//   CountryCode("Iran (Islamic Republic of)")  // "IR"
//   CountryCode("RU")                      // "RU" (codes pass through)
//   CountryCode("Atlantis")                // "" (unknown)
//
// The table is ICU's English country names plus the spellings the sanctions lists use
// (OFAC, UN, OFSI, EU, CSL). Lookups ignore case, punctuation and a leading "the".
// Thread safety: the table is built once, thread-safely, on first use; then read-only.
#pragma once

#include <string>
#include <string_view>

namespace cordon::text {

// The ISO alpha-2 code for a country name or code, or "" when unknown.
std::string CountryCode(std::string_view name_or_code);

// ICU's English name for an ISO alpha-2 code ("RU" -> "Russia"), or "" when unknown.
std::string CountryName(std::string_view code);

}  // namespace cordon::text
