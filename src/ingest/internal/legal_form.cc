#include "ingest/internal/legal_form.h"

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "text/name_dictionaries.h"
#include "text/normalize.h"

namespace cordon::ingest::internal {
namespace {

// Words the sanctions lists use for companies that rigour does not hold as legal forms (it
// leaves out generic English words such as "company", and a few regional forms), folded.
constexpr std::array<std::string_view, 15> kListCompanyWords = {
    "company", "corporation", "corp",    "incorporated", "fzc",      "pte", "pty", "pvt",
    "sdn",     "tbk",         "anstalt", "holding",      "holdings", "kk",  "sl"};
// Two-word forms rigour does not hold.
constexpr std::array<std::array<std::string_view, 2>, 1> kListCompanyPhrases = {{
    {"joint", "stock"},  // "JOINT STOCK BANK ...", "... JOINT STOCK COMMERCIAL BANK"
}};

// One-word forms of one or two letters are also name parts ("KIM SONG II", "AVIASTAR - TU",
// Korean and Chinese given names ending in "ao" or "se"): these, and only these, count, and only
// as the last word of a longer name.
constexpr std::array<std::string_view, 15> kShortFormsAtEnd = {
    "co", "sa", "ag", "ab", "as", "bv", "nv", "oy", "kg", "kk", "sl", "cv", "jv", "lp", "ao"};
constexpr size_t kMaxShortFormLetters = 2;
// rigour's other one-word forms of three letters count only as the last word of a longer name
// too ("Chan Sau Luen" is a person; "... SAU" a Spanish single-member company), except these,
// which the lists write anywhere in a name ("LTD", "OOO", "JSC", "SDN BHD").
constexpr size_t kMaxAmbiguousFormLetters = 3;
constexpr std::array<std::string_view, 21> kThreeLetterFormsAnywhere = {
    "ltd", "llc", "llp", "plc", "inc", "jsc", "pao", "oao", "zao", "ooo", "fze",
    "fzc", "pte", "pvt", "pty", "bhd", "kft", "sdn", "tbk", "srl", "sas"};

// rigour's classes that are not companies: non-profit, religious, military, cooperative and
// state bodies (a "federal state budgetary institution" is not a company).
bool IsCompanyClass(std::string_view generic) {
  return generic != "NGO" && generic != "REL" && generic != "MIL" && generic != "COOP" &&
         generic != "SOE";
}

template <size_t N>
bool Contains(const std::array<std::string_view, N>& words, std::string_view word) {
  for (std::string_view candidate : words) {
    if (candidate == word) return true;
  }
  return false;
}

}  // namespace

bool HasCompanyLegalForm(std::string_view name) {
  const std::vector<text::Word> words = text::FoldWords(name);
  std::vector<std::string_view> tokens;
  tokens.reserve(words.size());
  for (const text::Word& word : words) tokens.push_back(word.text);
  const text::NameDictionaries& dictionaries = text::NameDictionaries::Get();
  for (size_t start = 0; start < tokens.size(); ++start) {
    const std::string_view token = tokens[start];
    const bool last = start + 1 == tokens.size() && tokens.size() >= 2;
    if (token.size() <= kMaxShortFormLetters) {
      if (last && Contains(kShortFormsAtEnd, token)) return true;
      // A short word may still open a longer form ("s a de c v").
    } else if (Contains(kListCompanyWords, token)) {
      return true;
    }
    for (const auto& phrase : kListCompanyPhrases) {
      if (start + 1 < tokens.size() && token == phrase[0] && tokens[start + 1] == phrase[1]) {
        return true;
      }
    }
    const std::optional<text::LegalForm> form = dictionaries.MatchLegalForm(tokens, start);
    if (!form || !IsCompanyClass(form->generic)) continue;
    if (form->token_count == 1 && token.size() <= kMaxShortFormLetters) continue;
    if (form->token_count == 1 && token.size() <= kMaxAmbiguousFormLetters && !last &&
        !Contains(kThreeLetterFormsAnywhere, token)) {
      continue;
    }
    return true;
  }
  return false;
}

}  // namespace cordon::ingest::internal
