#include "bench/synthetic_corpus.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <unordered_set>
#include <utility>

namespace cordon::bench {
namespace {

using model::Entity;
using model::Name;
using model::NameKind;
using model::Schema;

// ---- UTF-8, just enough to treat code points as letters ------------------------------------

std::u32string Decode(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    int len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 1;
    if (i + len > s.size()) len = 1;
    char32_t cp = len == 1 ? b : b & (0x7F >> len);
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += static_cast<size_t>(len);
  }
  return out;
}

std::string Encode(const std::u32string& s) {
  std::string out;
  out.reserve(s.size());
  for (char32_t cp : s) {
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }
  return out;
}

bool IsAsciiAlpha(char32_t cp) { return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'); }
// Letters of every script count as letters; ASCII punctuation, digits and spaces do not.
bool IsLetter(char32_t cp) { return IsAsciiAlpha(cp) || cp >= 0xC0; }
bool IsSpace(char32_t cp) { return cp == ' ' || cp == '\t'; }

char32_t AsciiLower(char32_t cp) { return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp; }
char32_t AsciiUpper(char32_t cp) { return cp >= 'a' && cp <= 'z' ? cp - 32 : cp; }

// ---- words ----------------------------------------------------------------------------------

std::vector<std::string> SplitWords(std::string_view s) {
  std::vector<std::string> words;
  std::string current;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == ',' || c == ';' || c == '(' || c == ')' || c == '/') {
      if (!current.empty()) words.push_back(std::move(current));
      current.clear();
    } else {
      current.push_back(c);
    }
  }
  if (!current.empty()) words.push_back(std::move(current));
  return words;
}

// A word that could be part of a name: letters, hyphens and apostrophes, at least two bytes.
bool IsNameWord(std::string_view w) {
  if (w.size() < 2 || w.size() > 24) return false;
  bool letter = false;
  for (char c : w) {
    const auto b = static_cast<unsigned char>(c);
    if (b >= 0x80 || std::isalpha(b)) {
      letter = true;
    } else if (c != '-' && c != '\'') {
      return false;
    }
  }
  return letter;
}

bool AllNameWords(const std::vector<std::string>& words) {
  return !words.empty() && std::all_of(words.begin(), words.end(), IsNameWord);
}

std::string Join(const std::vector<std::string>& words, size_t begin, size_t end) {
  std::string out;
  for (size_t i = begin; i < end; ++i) {
    if (!out.empty()) out.push_back(' ');
    out += words[i];
  }
  return out;
}

std::string AsciiLowerString(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// "MOHAMMED" and "mohammed" -> "Mohammed"; words with non-ASCII letters are left alone.
std::string TitleCase(std::string_view word) {
  std::string out(word);
  bool start = true;
  for (char& c : out) {
    const auto b = static_cast<unsigned char>(c);
    if (b >= 0x80) return std::string(word);
    c = static_cast<char>(start ? std::toupper(b) : std::tolower(b));
    start = c == '-' || c == '\'' || c == ' ';
  }
  return out;
}

std::string Upper(std::string_view word) {
  std::string out(word);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool LooksPatronymic(std::string_view word) {
  const std::string w = AsciiLowerString(word);
  for (std::string_view suffix : {"ovich", "evich", "ovna", "evna", "ich", "ovic", "ogly", "uly"}) {
    if (EndsWith(w, suffix)) return true;
  }
  return false;
}

const std::unordered_set<std::string>& LegalFormWords() {
  static const std::unordered_set<std::string> words{
      "llc",     "ltd",          "ltd.",  "limited", "ooo",       "oao",   "zao",         "pao",
      "ao",      "jsc",          "ojsc",  "cjsc",    "pjsc",      "gmbh",  "ag",          "sa",
      "s.a.",    "sarl",         "co",    "co.",     "corp",      "corp.", "corporation", "inc",
      "inc.",    "fze",          "fzco",  "fzc",     "llp",       "plc",   "bv",          "b.v.",
      "spa",     "srl",          "pte",   "pvt",     "sdn",       "bhd",   "lp",          "l.l.c.",
      "company", "incorporated", "joint", "stock",   "liability", "&"};
  return words;
}

constexpr std::string_view kLegalForms[] = {
    "LLC",  "LTD",    "LIMITED", "OOO",  "AO",  "PAO", "JSC",  "GMBH", "AG",      "SA",
    "SARL", "CO LTD", "FZE",     "FZCO", "LLP", "INC", "CORP", "PJSC", "PTE LTD", "SRL"};

template <typename T>
const T& Pick(const std::vector<T>& pool, std::mt19937& rng) {
  return pool[std::uniform_int_distribution<size_t>(0, pool.size() - 1)(rng)];
}

bool Chance(std::mt19937& rng, double p) { return std::bernoulli_distribution(p)(rng); }

// The culture used for an entity: its nationality or citizenship, else any country it has.
std::pair<Culture, std::string> EntityCulture(const Entity& e) {
  const model::CountryRef* best = nullptr;
  for (const model::CountryRef& c : e.countries) {
    if (c.code.empty()) continue;
    const bool strong =
        c.role == model::CountryRole::kNationality || c.role == model::CountryRole::kCitizenship ||
        c.role == model::CountryRole::kBirthCountry || c.role == model::CountryRole::kJurisdiction;
    if (best == nullptr || strong) best = &c;
    if (strong) break;
  }
  if (best == nullptr) return {Culture::kOther, ""};
  return {CultureOf(best->code), best->code};
}

void AddPersonName(const Name& name, Culture culture, CulturePool& pool) {
  if (!name.given.empty() || !name.family.empty()) {
    const std::vector<std::string> given = SplitWords(name.given);
    std::vector<std::string> middle;
    if (AllNameWords(given)) {
      pool.given.push_back(given[0]);
      middle.assign(given.begin() + 1, given.end());
    }
    for (std::string& w : SplitWords(name.middle)) middle.push_back(std::move(w));
    for (std::string& w : middle) {
      if (!IsNameWord(w)) continue;
      (culture == Culture::kSlavic && LooksPatronymic(w) ? pool.patronymic : pool.middle)
          .push_back(std::move(w));
    }
    const std::vector<std::string> patronymic = SplitWords(name.patronymic);
    if (AllNameWords(patronymic)) pool.patronymic.push_back(Join(patronymic, 0, patronymic.size()));
    const std::vector<std::string> family = SplitWords(name.family);
    if (AllNameWords(family) && family.size() <= 3) {
      pool.family.push_back(Join(family, 0, family.size()));
    }
    return;
  }
  const size_t comma = name.full.find(',');
  if (comma != std::string::npos) {  // "FAMILY, Given Middle"
    const std::vector<std::string> family = SplitWords(name.full.substr(0, comma));
    const std::vector<std::string> rest = SplitWords(name.full.substr(comma + 1));
    if (AllNameWords(family) && family.size() <= 3 && AllNameWords(rest)) {
      pool.family.push_back(Join(family, 0, family.size()));
      pool.given.push_back(rest[0]);
      for (size_t i = 1; i < rest.size(); ++i) {
        (culture == Culture::kSlavic && LooksPatronymic(rest[i]) ? pool.patronymic : pool.middle)
            .push_back(rest[i]);
      }
    }
    return;
  }
  const std::vector<std::string> words = SplitWords(name.full);
  if (words.size() < 2 || words.size() > 5 || !AllNameWords(words)) return;
  // East Asian lists write the family name first.
  const bool family_first = culture == Culture::kEastAsian;
  pool.given.push_back(family_first ? words[1] : words[0]);
  pool.family.push_back(family_first ? words[0] : words.back());
  for (size_t i = family_first ? 2 : 1; i + (family_first ? 0 : 1) < words.size(); ++i) {
    (culture == Culture::kSlavic && LooksPatronymic(words[i]) ? pool.patronymic : pool.middle)
        .push_back(words[i]);
  }
}

void AddCompanyName(const Name& name, NamePools& pools) {
  for (std::string w : SplitWords(name.full)) {
    while (!w.empty() && (w.back() == '.' || w.back() == '"')) w.pop_back();
    while (!w.empty() && w.front() == '"') w.erase(w.begin());
    if (!IsNameWord(w) || LegalFormWords().count(AsciiLowerString(w)) > 0) continue;
    pools.company_words.push_back(std::move(w));
  }
}

void SortPool(std::vector<std::string>& pool) { std::sort(pool.begin(), pool.end()); }

// "Given Middle Family" or the list style "FAMILY, Given Middle".
std::string FormatPerson(const std::vector<std::string>& given_parts, const std::string& family,
                         bool family_first_style, bool comma_style) {
  std::string out;
  if (comma_style) {
    out = Upper(family) + ",";
    for (const std::string& g : given_parts) out += " " + TitleCase(g);
    return out;
  }
  std::vector<std::string> words;
  if (family_first_style) words.push_back(TitleCase(family));
  for (const std::string& g : given_parts) words.push_back(TitleCase(g));
  if (!family_first_style) words.push_back(TitleCase(family));
  return Join(words, 0, words.size());
}

Entity MakePerson(const NamePools& pools, Culture culture, size_t n, std::mt19937& rng) {
  const CulturePool& pool = pools.persons[static_cast<size_t>(culture)];
  // Given names first (for kEastAsian the family name is put first when formatting).
  std::vector<std::string> given{Pick(pool.given, rng)};
  std::string patronymic, family = Pick(pool.family, rng);
  const auto& middle_pool = pool.middle.empty() ? pool.given : pool.middle;
  switch (culture) {
    case Culture::kSlavic:
      if (!pool.patronymic.empty() && Chance(rng, 0.6)) patronymic = Pick(pool.patronymic, rng);
      break;
    case Culture::kArabic: {
      const int extra = std::uniform_int_distribution<int>(0, 2)(rng);
      for (int k = 0; k < extra; ++k)
        given.push_back(Pick(Chance(rng, 0.5) ? pool.given : middle_pool, rng));
      break;
    }
    case Culture::kHispanic:
      if (Chance(rng, 0.4)) given.push_back(Pick(middle_pool, rng));
      if (Chance(rng, 0.5)) family += " " + Pick(pool.family, rng);
      break;
    case Culture::kPersian:
    case Culture::kEastAsian:
      if (Chance(rng, 0.3)) given.push_back(Pick(middle_pool, rng));
      break;
    case Culture::kOther:
      if (Chance(rng, 0.4)) given.push_back(Pick(middle_pool, rng));
      break;
  }
  std::vector<std::string> given_parts = given;
  if (!patronymic.empty()) given_parts.push_back(patronymic);

  Entity e;
  e.id = "synthetic:" + std::to_string(n);
  e.schema = Schema::kPerson;
  e.provenance = {"synthetic", std::to_string(n), "synthetic"};
  Name primary;
  primary.full =
      FormatPerson(given_parts, family, culture == Culture::kEastAsian, Chance(rng, 0.5));
  primary.kind = NameKind::kPrimary;
  primary.given = given[0];
  primary.middle = Join(given, 1, given.size());
  primary.patronymic = patronymic;
  primary.family = family;
  e.names.push_back(primary);
  if (Chance(rng, 0.25)) {  // a second spelling, as lists give transliteration variants
    Name alias;
    alias.full = MutateName(primary.full, Mutation::kSubstitute, rng);
    alias.kind = NameKind::kStrongAlias;
    e.names.push_back(std::move(alias));
  }
  if (Chance(rng, 0.85)) {
    model::DateSpec dob;
    dob.date.year = static_cast<int16_t>(std::uniform_int_distribution<int>(1940, 2004)(rng));
    const double precision = std::uniform_real_distribution<double>(0, 1)(rng);
    if (precision < 0.8)
      dob.date.month = static_cast<int8_t>(std::uniform_int_distribution<int>(1, 12)(rng));
    if (precision < 0.7)
      dob.date.day = static_cast<int8_t>(std::uniform_int_distribution<int>(1, 28)(rng));
    e.birth_dates.push_back(dob);
  }
  if (!pool.countries.empty()) {
    model::AddCountry(e, Pick(pool.countries, rng), model::CountryRole::kNationality);
  }
  e.gender = Chance(rng, 0.8) ? "male" : "female";
  return e;
}

Entity MakeCompany(const NamePools& pools, size_t n, std::mt19937& rng) {
  const int words = std::uniform_int_distribution<int>(1, 4)(rng);
  std::vector<std::string> parts;
  for (int k = 0; k < words; ++k) parts.push_back(Upper(Pick(pools.company_words, rng)));
  if (Chance(rng, 0.8)) {
    parts.emplace_back(
        kLegalForms[std::uniform_int_distribution<size_t>(0, std::size(kLegalForms) - 1)(rng)]);
  }
  Entity e;
  e.id = "synthetic:" + std::to_string(n);
  e.schema = Schema::kCompany;
  e.provenance = {"synthetic", std::to_string(n), "synthetic"};
  e.names.push_back({.full = Join(parts, 0, parts.size()), .kind = NameKind::kPrimary});
  if (!pools.company_countries.empty()) {
    model::AddCountry(e, Pick(pools.company_countries, rng), model::CountryRole::kJurisdiction);
  }
  if (Chance(rng, 0.5)) {
    model::DateSpec founded;
    founded.date.year = static_cast<int16_t>(std::uniform_int_distribution<int>(1950, 2024)(rng));
    e.incorporation_dates.push_back(founded);
  }
  return e;
}

Culture PickCulture(const NamePools& pools, std::mt19937& rng) {
  std::array<double, kCultureCount> weights{};
  for (size_t c = 0; c < kCultureCount; ++c) {
    const CulturePool& pool = pools.persons[c];
    weights[c] =
        pool.given.empty() || pool.family.empty() ? 0 : static_cast<double>(pool.family.size());
  }
  std::discrete_distribution<size_t> dist(weights.begin(), weights.end());
  return static_cast<Culture>(dist(rng));
}

}  // namespace

std::string_view CultureName(Culture culture) {
  switch (culture) {
    case Culture::kSlavic:
      return "slavic";
    case Culture::kArabic:
      return "arabic";
    case Culture::kPersian:
      return "persian_south_asian";
    case Culture::kEastAsian:
      return "east_asian";
    case Culture::kHispanic:
      return "hispanic";
    case Culture::kOther:
      return "other";
  }
  return "other";
}

Culture CultureOf(std::string_view code) {
  static constexpr std::pair<std::string_view, Culture> kCountries[] = {
      {"RU", Culture::kSlavic},    {"UA", Culture::kSlavic},    {"BY", Culture::kSlavic},
      {"KZ", Culture::kSlavic},    {"KG", Culture::kSlavic},    {"TJ", Culture::kSlavic},
      {"UZ", Culture::kSlavic},    {"RS", Culture::kSlavic},    {"BG", Culture::kSlavic},
      {"MD", Culture::kSlavic},    {"AM", Culture::kSlavic},    {"AZ", Culture::kSlavic},
      {"GE", Culture::kSlavic},    {"BA", Culture::kSlavic},    {"SA", Culture::kArabic},
      {"YE", Culture::kArabic},    {"IQ", Culture::kArabic},    {"SY", Culture::kArabic},
      {"LB", Culture::kArabic},    {"JO", Culture::kArabic},    {"EG", Culture::kArabic},
      {"LY", Culture::kArabic},    {"SD", Culture::kArabic},    {"SO", Culture::kArabic},
      {"DZ", Culture::kArabic},    {"TN", Culture::kArabic},    {"MA", Culture::kArabic},
      {"AE", Culture::kArabic},    {"QA", Culture::kArabic},    {"KW", Culture::kArabic},
      {"BH", Culture::kArabic},    {"OM", Culture::kArabic},    {"PS", Culture::kArabic},
      {"ML", Culture::kArabic},    {"MR", Culture::kArabic},    {"IR", Culture::kPersian},
      {"AF", Culture::kPersian},   {"PK", Culture::kPersian},   {"IN", Culture::kPersian},
      {"BD", Culture::kPersian},   {"LK", Culture::kPersian},   {"KP", Culture::kEastAsian},
      {"KR", Culture::kEastAsian}, {"CN", Culture::kEastAsian}, {"HK", Culture::kEastAsian},
      {"TW", Culture::kEastAsian}, {"JP", Culture::kEastAsian}, {"VN", Culture::kEastAsian},
      {"MM", Culture::kEastAsian}, {"KH", Culture::kEastAsian}, {"MX", Culture::kHispanic},
      {"CO", Culture::kHispanic},  {"VE", Culture::kHispanic},  {"CU", Culture::kHispanic},
      {"PE", Culture::kHispanic},  {"EC", Culture::kHispanic},  {"AR", Culture::kHispanic},
      {"ES", Culture::kHispanic},  {"PA", Culture::kHispanic},  {"NI", Culture::kHispanic},
      {"GT", Culture::kHispanic},  {"HN", Culture::kHispanic},  {"SV", Culture::kHispanic},
      {"BO", Culture::kHispanic},  {"CL", Culture::kHispanic},  {"PY", Culture::kHispanic},
      {"DO", Culture::kHispanic},
  };
  for (const auto& [country, culture] : kCountries) {
    if (country == code) return culture;
  }
  return Culture::kOther;
}

NamePools NamePools::FromEntities(const std::vector<model::Entity>& entities) {
  NamePools pools;
  for (const Entity& e : entities) {
    const auto [culture, country] = EntityCulture(e);
    if (e.schema == Schema::kPerson) {
      CulturePool& pool = pools.persons[static_cast<size_t>(culture)];
      for (const Name& name : e.names) {
        if (name.kind == NameKind::kPrimary || name.kind == NameKind::kStrongAlias) {
          AddPersonName(name, culture, pool);
        }
      }
      if (!country.empty()) pool.countries.push_back(country);
    } else if (e.schema != Schema::kVessel && e.schema != Schema::kAircraft) {
      for (const Name& name : e.names) {
        if (name.kind != NameKind::kOriginalScript) AddCompanyName(name, pools);
      }
      if (!country.empty()) pools.company_countries.push_back(country);
    }
  }
  for (CulturePool& pool : pools.persons) {
    SortPool(pool.given);
    SortPool(pool.middle);
    SortPool(pool.patronymic);
    SortPool(pool.family);
    SortPool(pool.countries);
  }
  SortPool(pools.company_words);
  SortPool(pools.company_countries);
  return pools;
}

size_t NamePools::PersonWords() const {
  size_t n = 0;
  for (const CulturePool& pool : persons) {
    n += pool.given.size() + pool.middle.size() + pool.patronymic.size() + pool.family.size();
  }
  return n;
}

std::vector<model::Entity> GenerateCorpus(const NamePools& pools, size_t size, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<Entity> corpus;
  corpus.reserve(size);
  const bool has_companies = !pools.company_words.empty();
  for (size_t n = 0; n < size; ++n) {
    if (has_companies && Chance(rng, 1.0 / 3)) {
      corpus.push_back(MakeCompany(pools, n, rng));
    } else {
      corpus.push_back(MakePerson(pools, PickCulture(pools, rng), n, rng));
    }
    model::Sanction sanction;
    constexpr model::Regime kRegimes[] = {model::Regime::kUs, model::Regime::kEu,
                                          model::Regime::kUk, model::Regime::kUn};
    sanction.regime = kRegimes[std::uniform_int_distribution<size_t>(0, 3)(rng)];
    sanction.authority = "synthetic";
    sanction.program = "SYNTHETIC";
    corpus.back().sanctions.push_back(std::move(sanction));
  }
  return corpus;
}

std::string UnlistedPersonName(const NamePools& pools, std::mt19937& rng) {
  const CulturePool& given_pool = pools.persons[static_cast<size_t>(PickCulture(pools, rng))];
  const CulturePool& family_pool = pools.persons[static_cast<size_t>(PickCulture(pools, rng))];
  std::vector<std::string> given{Pick(given_pool.given, rng)};
  if (Chance(rng, 0.3)) {
    given.push_back(Pick(given_pool.middle.empty() ? given_pool.given : given_pool.middle, rng));
  }
  return FormatPerson(given, Pick(family_pool.family, rng), false, false);
}

std::string_view MutationName(Mutation mutation) {
  switch (mutation) {
    case Mutation::kInsert:
      return "typo_insert";
    case Mutation::kDelete:
      return "typo_delete";
    case Mutation::kSubstitute:
      return "typo_substitute";
    case Mutation::kTranspose:
      return "typo_transpose";
    case Mutation::kReorder:
      return "reorder";
    case Mutation::kDropMiddle:
      return "drop_middle";
    case Mutation::kCasePunct:
      return "case_punct";
  }
  return "?";
}

std::string MutateName(std::string_view name, Mutation mutation, std::mt19937& rng) {
  std::u32string s = Decode(name);
  // Letter positions inside words of at least three letters: where typos land.
  std::vector<size_t> typo_positions, letters;
  for (size_t i = 0; i < s.size();) {
    if (!IsLetter(s[i])) {
      ++i;
      continue;
    }
    size_t end = i;
    while (end < s.size() && IsLetter(s[end])) ++end;
    for (size_t k = i; k < end; ++k) {
      letters.push_back(k);
      if (end - i >= 3) typo_positions.push_back(k);
    }
    i = end;
  }
  auto pick = [&](const std::vector<size_t>& v) {
    return v[std::uniform_int_distribution<size_t>(0, v.size() - 1)(rng)];
  };
  // A replacement letter in the name's own script and case.
  auto other_letter = [&](char32_t current) -> char32_t {
    if (IsAsciiAlpha(current)) {
      const char32_t base = current >= 'a' ? 'a' : 'A';
      char32_t c = current;
      while (c == current) c = base + std::uniform_int_distribution<char32_t>(0, 25)(rng);
      return c;
    }
    for (int attempt = 0; attempt < 8; ++attempt) {
      const char32_t c = s[pick(letters)];
      if (c != current) return c;
    }
    return current + 1;
  };
  auto words = [](const std::u32string& text) {
    std::vector<std::u32string> out;
    std::u32string current;
    for (char32_t cp : text) {
      if (IsSpace(cp) || cp == ',') {
        if (!current.empty()) out.push_back(std::move(current));
        current.clear();
      } else {
        current.push_back(cp);
      }
    }
    if (!current.empty()) out.push_back(std::move(current));
    return out;
  };
  auto join = [](const std::vector<std::u32string>& w) {
    std::u32string out;
    for (const std::u32string& word : w) {
      if (!out.empty()) out.push_back(' ');
      out += word;
    }
    return Encode(out);
  };

  switch (mutation) {
    case Mutation::kInsert:
      if (typo_positions.empty()) break;
      {
        const size_t at = pick(typo_positions);
        s.insert(s.begin() + static_cast<std::ptrdiff_t>(at), other_letter(s[at]));
      }
      return Encode(s);
    case Mutation::kDelete:
      if (typo_positions.empty()) break;
      s.erase(s.begin() + static_cast<std::ptrdiff_t>(pick(typo_positions)));
      return Encode(s);
    case Mutation::kSubstitute:
      if (typo_positions.empty()) break;
      {
        const size_t at = pick(typo_positions);
        s[at] = other_letter(s[at]);
      }
      return Encode(s);
    case Mutation::kTranspose: {
      std::vector<size_t> swappable;
      for (size_t at : typo_positions) {
        if (at + 1 < s.size() && IsLetter(s[at + 1]) && s[at] != s[at + 1]) swappable.push_back(at);
      }
      if (swappable.empty()) return MutateName(name, Mutation::kSubstitute, rng);
      const size_t at = pick(swappable);
      std::swap(s[at], s[at + 1]);
      return Encode(s);
    }
    case Mutation::kReorder: {
      const size_t comma = s.find(U',');
      if (comma != std::u32string::npos) {
        // "FAMILY, Given" read back in the other order: "Given FAMILY".
        std::vector<std::u32string> w = words(s.substr(comma + 1));
        const std::vector<std::u32string> family = words(s.substr(0, comma));
        if (w.empty() || family.empty()) break;
        w.insert(w.end(), family.begin(), family.end());
        return join(w);
      }
      std::vector<std::u32string> w = words(s);
      if (w.size() < 2) break;
      std::rotate(w.begin(), w.end() - 1, w.end());  // family name first
      return join(w);
    }
    case Mutation::kDropMiddle: {
      // In "FAMILY, Given Middle" the middle words follow the first given name.
      const size_t comma = s.find(U',');
      std::vector<std::u32string> w =
          words(comma == std::u32string::npos ? s : s.substr(comma + 1));
      if (comma != std::u32string::npos) {
        const std::vector<std::u32string> family = words(s.substr(0, comma));
        w.insert(w.end(), family.begin(), family.end());
      }
      if (w.size() < 3) return MutateName(name, Mutation::kSubstitute, rng);
      w.erase(w.begin() + static_cast<std::ptrdiff_t>(
                              std::uniform_int_distribution<size_t>(1, w.size() - 2)(rng)));
      return join(w);
    }
    case Mutation::kCasePunct: {
      size_t upper = 0, lower = 0;
      for (char32_t cp : s) {
        upper += cp >= 'A' && cp <= 'Z';
        lower += cp >= 'a' && cp <= 'z';
      }
      std::u32string out;
      for (char32_t cp : s) {
        if (cp == ',' || cp == '.') continue;
        if (cp == '-' || cp == '\'') cp = ' ';
        if (IsSpace(cp) && (out.empty() || out.back() == ' ')) continue;
        out.push_back(upper > lower ? AsciiLower(cp) : AsciiUpper(cp));
      }
      while (!out.empty() && out.back() == ' ') out.pop_back();
      if (out != s) return Encode(out);
      // Nothing to fold (a script without case or punctuation): hyphenate the first two words.
      const size_t space = out.find(U' ');
      if (space != std::u32string::npos) out[space] = U'-';
      return Encode(out);
    }
  }
  return std::string(name);
}

}  // namespace cordon::bench
