#include "match/abjad_reading.h"

#include <algorithm>
#include <array>

namespace cordon::match {
namespace {

// A Latin spelling of an abjad letter, and what choosing it costs.
struct Spelling {
  std::string_view latin;
  float cost;
};

// Costs. A letter spelt a related way ("t" for d, "p" for b) is a transliteration choice more
// than a different name; a letter written and not spelt, or spelt and not written, is a
// different name unless it is a vowel letter.
constexpr float kRelated = 0.35f;
constexpr float kUnrelated = 1.0f;
constexpr float kMissingVowelLetter = 0.6f;  // alif, waw or ya with no Latin counterpart
constexpr float kLatinH = 0.6f;  // an "h" the abjad does not write: final "ah" is read above
constexpr float kLatinY = 0.15f;
constexpr float kShortVowel = 0.02f;
constexpr float kSplitDigraph = 0.3f;  // the first letter of ICU's "th", "sh", ... read alone // a
                                       // "y" glide ("Husayn" has ya; "Sayed" may not)

struct Unit {
  std::string_view abjad;       // as ICU folds the letter
  Spelling spellings[10] = {};  // the first with an empty spelling ends the list
};

// How Latin spellings of Arabic, Persian, Urdu and Hebrew names write each letter: the common
// English and French conventions (Mohammed/Mouhammad, Hussein/Husayn/Hossein, Khaled/Chaled),
// and the Persian and Hebrew readings of shared letters (zh, ch, v; p as f in Hebrew).
constexpr Unit kUnits[] = {
    {"sh", {{"sh", 0}, {"ch", 0}, {"sch", 0}, {"sz", 0}, {"s", kRelated}}},
    {"kh", {{"kh", 0}, {"h", 0}, {"ch", 0}, {"x", 0}, {"k", 0}, {"j", kRelated}}},
    {"th", {{"th", 0}, {"s", 0}, {"t", kRelated}, {"z", kRelated}}},
    {"dh", {{"dh", 0}, {"z", 0}, {"d", 0}, {"th", 0}}},
    {"gh", {{"gh", 0}, {"g", 0}, {"r", 0}, {"q", 0}, {"kh", kRelated}}},
    {"zh", {{"zh", 0}, {"j", 0}, {"z", 0}, {"s", kRelated}}},
    {"ch", {{"ch", 0}, {"tch", 0}, {"tsch", 0}, {"c", 0}, {"j", kRelated}}},
    {"ts", {{"ts", 0}, {"tz", 0}, {"z", 0}, {"s", kRelated}, {"c", kRelated}}},
    {"b", {{"b", 0}, {"p", kRelated}, {"v", kRelated}}},
    {"p", {{"p", 0}, {"f", 0}, {"ph", 0}, {"b", kRelated}}},
    {"t", {{"t", 0}, {"th", kRelated}, {"d", kRelated}}},
    {"j", {{"j", 0}, {"g", 0}, {"dj", 0}, {"dsch", 0}, {"zh", 0}, {"y", kRelated}}},
    {"h", {{"h", 0}, {"kh", kRelated}, {"ch", kRelated}}},
    {"d", {{"d", 0}, {"dh", 0}, {"z", 0.2f}, {"t", kRelated}}},
    {"r", {{"r", 0}, {"l", 0.5f}}},
    {"z", {{"z", 0}, {"s", 0}, {"dh", kRelated}, {"th", kRelated}, {"d", kRelated}}},
    {"s", {{"s", 0}, {"c", 0}, {"z", kRelated}, {"ts", kRelated}, {"th", kRelated}}},
    {"f", {{"f", 0}, {"ph", 0}, {"v", 0}, {"p", kRelated}}},
    {"q", {{"q", 0}, {"k", 0}, {"g", 0}, {"c", 0}, {"ck", 0}, {"gh", 0}}},
    {"k", {{"k", 0}, {"c", 0}, {"ck", 0}, {"q", 0}, {"kh", 0}, {"ch", 0}, {"g", kRelated}}},
    {"g", {{"g", 0}, {"gu", 0}, {"gh", 0}, {"k", kRelated}, {"j", kRelated}}},
    {"l", {{"l", 0}, {"r", 0.5f}}},
    {"m", {{"m", 0}, {"n", 0.5f}}},
    {"n", {{"n", 0}, {"m", 0.5f}}},
    {"v", {{"v", 0}, {"w", 0}, {"f", kRelated}, {"b", kRelated}}},
    {"x", {{"x", 0}, {"kh", 0}, {"ks", 0}}},
    {"c", {{"c", 0}, {"k", 0}, {"s", kRelated}}},
    // Vowel letters: long vowels and glides.
    {"w", {{"w", 0}, {"u", 0}, {"o", 0}, {"ou", 0}, {"oo", 0}, {"v", 0}, {"ow", 0}, {"aw", 0}}},
    {"y",
     {{"y", 0},
      {"i", 0},
      {"e", 0},
      {"ee", 0},
      {"ie", 0},
      {"ei", 0},
      {"ey", 0},
      {"ai", 0},
      {"ay", 0},
      {"j", kRelated}}},
    {"a", {{"a", 0}, {"aa", 0}, {"e", 0}}},
    // Vowels ICU writes from pointed Hebrew or Persian.
    {"e", {{"e", 0}, {"a", 0}, {"i", 0}}},
    {"i", {{"i", 0}, {"e", 0}, {"y", 0}}},
    {"o", {{"o", 0}, {"u", 0}, {"ou", 0}}},
    {"u", {{"u", 0}, {"o", 0}, {"ou", 0}, {"oo", 0}}},
};

// Word-initial alif carries whatever vowel the name begins with (Ibrahim, Ahmad, Omar, Usama).
constexpr Spelling kInitialAlif[] = {{"a", 0}, {"e", 0}, {"i", 0}, {"o", 0}, {"u", 0}};
// Word-final h (and ta marbuta, which ICU folds to "t"), and alif maqsura ("y"): Hamza,
// Hamzah, Talha, Aisha; Mustafa, Moussa, Yahya.
constexpr Spelling kFinalH[] = {{"h", 0}, {"a", 0}, {"ah", 0}, {"e", 0}, {"eh", 0}};
constexpr Spelling kFinalT[] = {{"t", 0}, {"a", 0},  {"ah", 0}, {"at", 0},
                                {"e", 0}, {"eh", 0}, {"et", 0}, {"h", 0}};
constexpr Spelling kFinalY[] = {{"a", 0}, {"aa", 0}};

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }
bool IsVowelLetter(std::string_view unit) {
  return unit.size() == 1 && (IsVowel(unit[0]) || unit[0] == 'w' || unit[0] == 'y');
}

const Unit* FindUnit(std::string_view letters) {
  // The table is small and read per letter of every word compared: index it once.
  static const std::array<const Unit*, 26 * 27> kByLetters = [] {
    std::array<const Unit*, 26 * 27> by{};
    for (const Unit& unit : kUnits) {
      const size_t second = unit.abjad.size() == 2 ? unit.abjad[1] - 'a' + 1 : 0;
      by[(unit.abjad[0] - 'a') * 27 + second] = &unit;
    }
    return by;
  }();
  if (letters.empty() || letters.size() > 2) return nullptr;
  const auto first = static_cast<unsigned char>(letters[0] - 'a');
  const auto second = letters.size() == 2 ? static_cast<unsigned char>(letters[1] - 'a')
                                          : static_cast<unsigned char>(0xff);
  if (first >= 26 || (letters.size() == 2 && second >= 26)) return nullptr;
  return kByLetters[first * 27 + (letters.size() == 2 ? second + 1 : 0)];
}

// What leaving an abjad letter unspelt costs.
float DeletionCost(std::string_view unit, bool final) {
  if (final && (unit == "h" || unit == "t")) return 0.1f;  // "Hamz" for Hamza is rare but seen
  if (IsVowelLetter(unit)) return kMissingVowelLetter;
  if (unit == "h") return 0.75f;  // a weak letter, yet Latin spellings keep it
  return kUnrelated;
}

// What a Latin letter the abjad does not write costs. A short vowel costs next to nothing (it
// only makes a reading that spells more from written letters the better one: "wlyd" is
// "walid" before "wld" is); a second vowel after it is a long vowel the abjad would have
// written ("Mahmoud" is not "mhmd").
float InsertionCost(char c, char before) {
  if (IsVowel(c)) return IsVowel(before) ? 0.2f : kShortVowel;
  if (c == 'h') return kLatinH;
  if (c == 'y' || c == 'w') return kLatinY;
  return kUnrelated;
}

}  // namespace

AbjadReading ReadAbjadAsLatin(std::string_view abjad, std::string_view latin,
                              float min_similarity) {
  AbjadReading out;
  const size_t n = abjad.size(), m = latin.size();
  if (n == 0 || m == 0 || n > kMaxAbjadLetters || m > kMaxAbjadLetters) return out;

  // Consonants of the word, digraphs counted once.
  for (size_t i = 0; i < n;) {
    const size_t len = i + 1 < n && FindUnit(abjad.substr(i, 2)) != nullptr ? 2 : 1;
    if (!IsVowelLetter(abjad.substr(i, len))) ++out.consonants;
    i += len;
  }

  // The letters of the word from each position, read as one letter or two.
  std::array<std::array<const Unit*, 2>, kMaxAbjadLetters> units{};
  for (size_t i = 0; i < n; ++i) {
    units[i][0] = FindUnit(abjad.substr(i, 1));
    units[i][1] = i + 1 < n ? FindUnit(abjad.substr(i, 2)) : nullptr;
  }

  // cost[i][j]: the cheapest reading of abjad[0, i) as latin[0, j).
  constexpr float kInf = 1e9f;
  // Costs only grow along a reading, so a cell above the cost that min_similarity allows leads
  // nowhere worth reading (a little slack keeps rounding from cutting a reading at the limit).
  const float ceiling =
      min_similarity > 0 ? (1.0f - min_similarity) * static_cast<float>(out.consonants + 1) + 1e-3f
                         : kInf;
  std::array<std::array<float, kMaxAbjadLetters + 1>, kMaxAbjadLetters + 1> cost;
  for (size_t i = 0; i <= n; ++i) std::fill_n(cost[i].begin(), m + 1, kInf);
  cost[0][0] = 0;
  bool previous_row_alive = true;
  auto relax = [&](size_t i, size_t j, float c) {
    if (c < cost[i][j]) cost[i][j] = c;
  };
  for (size_t i = 0; i <= n; ++i) {
    bool row_alive = false;
    for (size_t j = 0; j <= m; ++j) {
      const float here = cost[i][j];
      if (here >= kInf || here > ceiling) continue;
      row_alive = true;
      if (j < m) relax(i, j + 1, here + InsertionCost(latin[j], j > 0 ? latin[j - 1] : '\0'));
      if (i == n) continue;
      // ICU folds some letters to two ("th" for tha), so a digraph is read as one letter or,
      // at a small cost, as two ("طه" is "th" too, and Taha).
      const bool digraph = units[i][1] != nullptr;
      for (size_t len = 1; len <= 2 && i + len <= n; ++len) {
        const std::string_view letters = abjad.substr(i, len);
        const Unit* unit = units[i][len - 1];
        if (unit == nullptr) continue;
        const float split = digraph && len == 1 ? kSplitDigraph : 0.0f;
        const bool final = i + len == n;
        relax(i + len, j, here + split + DeletionCost(letters, final));
        auto spell = [&](std::string_view s, float c) {
          // Spellings are never empty: the first letter rules most of them out.
          if (j >= m || latin[j] != s[0] || latin.substr(j, s.size()) != s) return;
          const size_t after = j + s.size();
          c += split;
          relax(i + len, after, here + c);
          // A doubled consonant: the shadda is not written ("Saddam", "Hassan", "Mohammed").
          if (after < m && latin[after] == s.back() && !IsVowel(s.back())) {
            relax(i + len, after + 1, here + c);
          }
        };
        for (const Spelling& s : unit->spellings) {
          if (s.latin.empty()) break;
          spell(s.latin, s.cost);
        }
        if (i == 0 && letters == "a") {
          for (const Spelling& s : kInitialAlif) spell(s.latin, s.cost);
        }
        if (final && i > 0) {
          if (letters == "h") {
            for (const Spelling& s : kFinalH) spell(s.latin, s.cost);
          } else if (letters == "t") {
            for (const Spelling& s : kFinalT) spell(s.latin, s.cost);
          } else if (letters == "y") {
            for (const Spelling& s : kFinalY) spell(s.latin, s.cost);
          }
        }
        // Any other consonant for this letter: a different letter, one whole edit.
        if (j < m && !IsVowel(latin[j]) && !IsVowelLetter(letters)) {
          relax(i + len, j + 1, here + split + kUnrelated);
        }
      }
    }
    // Rows i + 1 and i + 2 are reached only from rows up to i: when neither this row nor the one
    // before had a cell worth going on from, no reading reaches the end. (A digraph moves two
    // rows, so one dead row is not enough.)
    if (!row_alive && i > 0 && !previous_row_alive) return out;
    previous_row_alive = row_alive;
  }
  const float total = cost[n][m];
  if (total >= kInf || total > ceiling) return out;
  out.similarity = std::max(0.0f, 1.0f - total / static_cast<float>(out.consonants + 1));
  return out;
}

}  // namespace cordon::match
