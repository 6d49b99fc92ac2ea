#include "match/prepared.h"

#include <algorithm>
#include <array>
#include <span>

#include "match/name_score.h"
#include "match/wade_giles.h"
#include "text/countries.h"
#include "text/japanese.h"
#include "text/name_dictionaries.h"

namespace cordon::match {
namespace {

// Connecting words of many languages' names: they carry almost no identity.
constexpr std::array<std::string_view, 30> kParticles = {
    "al",  "el",  "ul",  "ud",  "bin", "ibn", "ben",   "bint", "bat", "de",
    "da",  "di",  "do",  "dos", "das", "del", "della", "la",   "le",  "van",
    "von", "der", "den", "ter", "y",   "e",   "of",    "and",  "the", "et",
};

bool IsParticle(std::string_view w) {
  for (std::string_view p : kParticles) {
    if (p == w) return true;
  }
  return false;
}

// Roman numerals that number funds, trusts and subsidiaries ("Fund III", "Solutions II").
bool IsRomanNumeral(std::string_view w) {
  static constexpr std::array<std::string_view, 14> kNumerals = {
      "ii", "iii", "iv", "vi", "vii", "viii", "ix", "xi", "xii", "xiii", "xiv", "xv", "xx", "xxi"};
  return std::find(kNumerals.begin(), kNumerals.end(), w) != kNumerals.end();
}

bool AllDigits(std::string_view w) {
  for (char c : w) {
    if (c < '0' || c > '9') return false;
  }
  return !w.empty();
}

// Weights: what a word says about identity. Tuned by reasoning about name structure, then
// checked on the evaluation sets as a whole (docs/design/matching.md), not per row.
float WeightOf(const WordInfo& word, NameRole role, bool initial) {
  if (initial) return 0.3f;
  switch (word.word_class) {
    case WordClass::kParticle:
      return 0.2f;
    case WordClass::kNumber:
      return 0.8f;
    case WordClass::kGeneric:
    case WordClass::kName:
      break;
  }
  if (role == NameRole::kPerson && word.person_generic) return 0.55f;
  if (role == NameRole::kOrganization && word.org_generic) return 0.5f;
  if (word.text.size() <= 2) return 0.6f;
  return 1.0f;
}

constexpr std::array<std::string_view, 20> kUnits = {
    "zero",     "one",     "two",     "three",     "four",     "five",    "six",
    "seven",    "eight",   "nine",    "ten",       "eleven",   "twelve",  "thirteen",
    "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
constexpr std::array<std::string_view, 20> kOrdinalUnits = {
    "zeroth",     "first",     "second",    "third",       "fourth",     "fifth",     "sixth",
    "seventh",    "eighth",    "ninth",     "tenth",       "eleventh",   "twelfth",   "thirteenth",
    "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth"};
constexpr std::array<std::string_view, 10> kTens = {
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};

int NumberWordValue(std::string_view w) {
  for (size_t i = 0; i < kUnits.size(); ++i) {
    if (w == kUnits[i] || w == kOrdinalUnits[i]) return static_cast<int>(i);
  }
  if (w.size() == 1 && w[0] >= '0' && w[0] <= '9') return w[0] - '0';
  return -1;
}

int TensValue(std::string_view w) {
  for (size_t i = 2; i < kTens.size(); ++i) {
    if (w == kTens[i]) return static_cast<int>(i * 10);
  }
  return -1;
}

// Numbers written out become digits, so "Brigade Forty-Four", "Brigade Forty 4" and
// "Brigade 44" agree, and ordinals lose their suffix ("1st", "First" -> "1").
void ReadNumberWords(std::vector<text::Word>& words) {
  std::vector<text::Word> out;
  out.reserve(words.size());
  for (size_t i = 0; i < words.size(); ++i) {
    std::string& w = words[i].text;
    // "1st", "22nd", "3rd", "4th"
    size_t digits = 0;
    while (digits < w.size() && w[digits] >= '0' && w[digits] <= '9') ++digits;
    if (digits > 0 && w.size() == digits + 2) {
      std::string_view suffix = std::string_view(w).substr(digits);
      if (suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th") w.resize(digits);
    }
    const int tens = TensValue(w);
    if (tens > 0) {
      int value = tens;
      if (i + 1 < words.size()) {
        const int unit = NumberWordValue(words[i + 1].text);
        if (unit > 0 && unit < 10) {
          value += unit;
          ++i;
        }
      }
      text::Word number = words[i];
      number.text = std::to_string(value);
      number.script = text::Script::kNone;
      out.push_back(std::move(number));
      continue;
    }
    const int unit = NumberWordValue(w);
    if (unit >= 0 && (w.size() > 1)) {
      text::Word number = words[i];
      number.text = std::to_string(unit);
      number.script = text::Script::kNone;
      out.push_back(std::move(number));
      continue;
    }
    out.push_back(std::move(words[i]));
  }
  words = std::move(out);
}

bool IsAbjad(text::Script script) {
  return script == text::Script::kArabic || script == text::Script::kHebrew;
}

// Arabic writes the article joined to the word ("التكريتي"), and "Abd al-" and "Abu al-" often
// joined to the name they begin ("عبدالرحمن"); Latin spellings mostly write them apart
// ("al-Tikriti", "Abdul Rahman"). They become words of their own, so both read alike. Words of
// "allh..." are left whole: Allah and the names built on it ("عبدالله") are spelt joined in
// Latin too; "اللطيف" is al-Latif.
void SplitArabicArticles(std::vector<text::Word>& words) {
  // "العلي" is al-Ali and "الحق" al-Haq: the article splits from a name of two letters.
  constexpr size_t kShortestRest = 2;
  for (size_t i = 0; i < words.size(); ++i) {
    if (words[i].script != text::Script::kArabic) continue;
    for (std::string_view prefix : {"bd", "abw", "w", "al"}) {
      text::Word& w = words[i];
      const std::string_view word = w.text;
      // "bd", "abw" and the conjunction "w" (wa, "and") only before an article ("bdal...",
      // "abwal...", "والمسلمين" wa al-Muslimin); the article is split from the rest on the next
      // round.
      const size_t article = prefix == "al" ? 0 : prefix.size();
      // "allh" is Allah, not an article before "lh"; "alltyf" is al-Latif. "abw" also splits
      // from a name joined to it without the article ("أبوغيث" is Abu Ghaith).
      const bool joined_abu = prefix == "abw" && word.size() >= 3 + 3 && word.starts_with("abw") &&
                              word.substr(3, 2) != "al";
      if (!joined_abu && (word.size() < article + 2 + kShortestRest || !word.starts_with(prefix) ||
                          word.substr(article, 2) != "al" || word.substr(article, 4) == "allh")) {
        continue;
      }
      const size_t cut = prefix.size();
      text::Word rest = w;
      rest.text.erase(0, cut);
      rest.comma_before = false;
      w.text = std::string(prefix);
      words.insert(words.begin() + static_cast<std::ptrdiff_t>(i) + 1, std::move(rest));
      // The rest ("al...") is looked at again on the next round of the loop.
      break;
    }
  }
}

// How many words from `begin` make a hyphenated Wade-Giles name: Latin syllables joined by
// hyphens, each Wade-Giles or pinyin, at least one of them not pinyin ("tse-tung", not
// "jin-ping", which the merges already join); 0 or 1 when there is none.
constexpr size_t kMaxWadeGilesReadings = 16;  // the readings of a name kept, at most

size_t WadeGilesRun(std::span<const text::Word> words, size_t begin) {
  size_t end = begin;
  bool wade_giles_only = false;
  while (end < words.size() && words[end].script == text::Script::kLatin &&
         (end == begin || words[end].hyphen_before)) {
    const std::string& w = words[end].text;
    const bool pinyin = IsPinyinSyllable(w);
    const bool wade_giles = !WadeGilesAsPinyin(w).empty();
    if (!pinyin && !wade_giles) break;
    wade_giles_only |= wade_giles;
    ++end;
  }
  return wade_giles_only ? end - begin : 0;
}

}  // namespace

NameRole RoleOf(model::Schema schema) {
  return schema == model::Schema::kPerson ? NameRole::kPerson : NameRole::kOrganization;
}

const WordInfo* Vocabulary::Find(std::string_view text) const {
  auto it = ids_.find(text);
  return it == ids_.end() ? nullptr : &words_[it->second];
}

const WordInfo& Vocabulary::Intern(std::string_view text) {
  if (const WordInfo* found = Find(text)) return *found;
  WordInfo& w = words_.emplace_back();
  w.id = static_cast<uint32_t>(words_.size() - 1);
  w.text = std::string(text);
  w.phonetic = text::PhoneticKey(w.text);
  w.skeleton = text::SkeletonKey(w.text);
  w.abjad_key = AbjadKey(w.skeleton);
  const text::NameDictionaries& dict = text::NameDictionaries::Get();
  std::span<const uint32_t> symbols = dict.Symbols(w.text);
  w.symbols.assign(symbols.begin(), symbols.end());
  for (uint32_t s : w.symbols) w.org_generic |= dict.IsOrgDomainSymbol(s);
  w.person_generic = dict.IsGenericPersonName(w.text);
  // Codes ("sa", "ag") are legal forms or initials far more often than countries.
  w.place = w.text.size() >= 4 && !text::CountryCode(w.text).empty();
  if (AllDigits(w.text)) {
    w.word_class = WordClass::kNumber;
  } else if (IsParticle(w.text)) {
    w.word_class = WordClass::kParticle;
  } else if (w.person_generic || w.org_generic) {
    w.word_class = WordClass::kGeneric;
  }
  ids_.emplace(w.text, w.id);
  return w;
}

void Vocabulary::AddAlternative(const WordInfo& word, std::string_view alternative,
                                text::Reading reading) {
  WordInfo& w = words_[word.id];
  if (alternative.empty() || alternative == word.text ||
      std::find(w.alternatives.begin(), w.alternatives.end(), alternative) !=
          w.alternatives.end()) {
    return;
  }
  w.alternatives.emplace_back(alternative);
  w.alternative_readings.push_back(reading);
}

void Vocabulary::AddAbjadReadings(const WordInfo& word) {
  WordInfo& w = words_[word.id];
  if (w.abjad_readings) return;
  w.abjad_readings = true;
  w.abjad_key_variants = AbjadKeyVariants(w.text);
  AbjadRunKeys keys = AbjadRunKeysOf(w.text);
  w.abjad_run_key = std::move(keys.key);
  w.abjad_run_key_variants = std::move(keys.variants);
}

const WordInfo& Vocabulary::InternPhrase(std::string_view joined,
                                         std::span<const uint32_t> symbols) {
  const WordInfo& interned = Intern(joined);
  WordInfo& word = words_[interned.id];
  for (uint32_t s : symbols) {
    if (std::find(word.symbols.begin(), word.symbols.end(), s) == word.symbols.end()) {
      word.symbols.push_back(s);
    }
  }
  return word;
}

namespace {

struct Rewrite {
  std::string_view from, to;
};

bool IsVowelLetter(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

// Rewrites `word` left to right, the longest pattern first at each position; a pattern ending
// in '$' matches only at the end of the word.
std::string RewriteWord(std::string_view word, std::span<const Rewrite> rules, bool voice_s) {
  std::string out;
  for (size_t i = 0; i < word.size();) {
    bool done = false;
    for (const Rewrite& rule : rules) {
      std::string_view from = rule.from;
      const bool at_end = !from.empty() && from.back() == '$';
      if (at_end) from.remove_suffix(1);
      if (word.substr(i, from.size()) != from) continue;
      if (at_end && i + from.size() != word.size()) continue;
      out += rule.to;
      i += from.size();
      done = true;
      break;
    }
    if (done) continue;
    // German writes z as a single s between vowels ("Asarow" for Azarov).
    if (voice_s && word[i] == 's' && i > 0 && i + 1 < word.size() && IsVowelLetter(word[i - 1]) &&
        IsVowelLetter(word[i + 1])) {
      out += 'z';
    } else {
      out += word[i];
    }
    ++i;
  }
  return out;
}

// The press conventions, from the tables of Russian romanisation in use (Duden for German, the
// French press's, Polish "transkrypcja"): each rule turns a convention's spelling of a Cyrillic
// letter into the English one. Longest first where one begins another.
constexpr Rewrite kGerman[] = {{"schtsch", "shch"}, {"tsch", "ch"}, {"sch", "sh"}, {"ch", "kh"},
                               {"ij$", "iy"},       {"yj$", "yy"},  {"w", "v"},    {"j", "y"},
                               {"z", "ts"},         {"ss", "s"}};
// German writes ж as "sch" too ("Schirinowski", "Prigoschin"): a second reading.
constexpr Rewrite kGermanZh[] = {{"schtsch", "shch"}, {"tsch", "ch"}, {"sch", "zh"}, {"ch", "kh"},
                                 {"ij$", "iy"},       {"yj$", "yy"},  {"w", "v"},    {"j", "y"},
                                 {"z", "ts"},         {"ss", "s"}};
constexpr Rewrite kFrench[] = {{"chtch", "shch"}, {"tch", "ch"}, {"ch", "sh"},   {"iou", "yu"},
                               {"ou", "u"},       {"gue", "ge"}, {"gui", "gi"},  {"ii$", "iy"},
                               {"ei$", "ey"},     {"ai$", "ay"}, {"ine$", "in"}, {"j", "zh"},
                               {"ff$", "v"}};
constexpr Rewrite kPolish[] = {{"szcz", "shch"}, {"cz", "ch"}, {"sz", "sh"},
                               {"rz", "zh"},     {"ch", "kh"}, {"ij$", "iy"},
                               {"w", "v"},       {"j", "y"},   {"c", "ts"}};

bool Has(std::string_view word, std::string_view part) {
  return word.find(part) != std::string_view::npos;
}

}  // namespace

std::vector<PressReading> SlavicPressReadings(std::string_view w) {
  std::vector<PressReading> out;
  auto add = [&](std::string reading, text::Reading convention) {
    if (reading == w) return;
    for (const PressReading& r : out) {
      if (r.text == reading) return;
    }
    out.push_back({std::move(reading), convention});
  };
  if (w.size() < 3) return out;
  // Only marks that English spellings rarely have: every reading is one more spelling to look
  // up for the query word, and initial "w" and "j" or a lone "ou" are common in names of every
  // origin ("William", "John", "Louis"); a single w/v or j/y difference is a typo anyway.
  const bool slavic_ending = w.ends_with("ov") || w.ends_with("ev") || w.ends_with("ow") ||
                             w.ends_with("ew") || w.ends_with("ova") || w.ends_with("eva") ||
                             w.ends_with("owa") || w.ends_with("ewa") || w.ends_with("ine") ||
                             w.ends_with("ij") || w.ends_with("yj") || w.ends_with("enko") ||
                             w.ends_with("ouk");
  if (Has(w, "sch") || ((Has(w, "w") || Has(w, "j")) && slavic_ending)) {
    add(RewriteWord(w, kGerman, /*voice_s=*/true), text::Reading::kGermanPress);
    if (Has(w, "sch")) {
      add(RewriteWord(w, kGermanZh, /*voice_s=*/true), text::Reading::kGermanPress);
    }
  }
  // French marks: "ou" for у, "iou" for ю, "gu" for г before e and i, a mute e after -in.
  if (Has(w, "tch") || Has(w, "kh") || Has(w, "iou") || Has(w, "gue") || Has(w, "gui") ||
      ((Has(w, "ou") || Has(w, "ch") || Has(w, "j")) && slavic_ending)) {
    add(RewriteWord(w, kFrench, false), text::Reading::kFrenchPress);
  }
  if (Has(w, "cz") || Has(w, "sz") || Has(w, "rz") || (Has(w, "w") && slavic_ending)) {
    add(RewriteWord(w, kPolish, false), text::Reading::kPolishPress);
  }
  // Latvian and Lithuanian give a Russian name their own nominative ending ("Sergejs Lavrovs",
  // "Sergejus Lavrovas"): the stem is the name, with the й of "-ej", "-ij", "-aj" as "y".
  struct Ending {
    std::string_view baltic, english;
  };
  static constexpr Ending kBalticEndings[] = {
      {"ejus", "ey"}, {"ijus", "iy"}, {"ajus", "ay"}, {"ejs", "ey"},
      {"ijs", "iy"},  {"ajs", "ay"},  {"ojs", "oy"},  {"skis", "skiy"},
      {"ovas", "ov"}, {"evas", "ev"}, {"inas", "in"}, {"ovs", "ov"},
      {"evs", "ev"},  {"ins", "in"},  {"irs", "ir"},  {"ndrs", "ndr"}};
  for (const Ending& e : kBalticEndings) {
    if (w.size() > e.baltic.size() + 1 && w.ends_with(e.baltic)) {
      add(std::string(w.substr(0, w.size() - e.baltic.size())) + std::string(e.english),
          text::Reading::kBalticForm);
      break;
    }
  }
  return out;
}

namespace {

// A name's words as every role reads them: folded, number words read as numbers, Arabic
// articles split from their words.
std::vector<text::Word> FoldNameWords(std::string_view name) {
  std::vector<text::Word> words = text::FoldWords(name);
  ReadNumberWords(words);
  SplitArabicArticles(words);
  return words;
}

PreparedName PrepareWords(std::span<const text::Word> words, NameRole role, Vocabulary& vocabulary,
                          bool press_spellings) {
  const text::NameDictionaries& dict = text::NameDictionaries::Get();
  PreparedName out;
  out.role = role;

  std::vector<std::string_view> texts;
  texts.reserve(words.size());
  for (const text::Word& w : words) texts.push_back(w.text);

  // Titles and prefixes only at the start: "Dr", "Mullah", "The", "M/V", "Генерал", and in
  // Arabic after the article split from them ("اللواء" is "al" "lwa").
  size_t start = 0;
  while (start + 1 < words.size()) {
    if (role == NameRole::kPerson && texts[start] == "al" &&
        words[start].script == text::Script::kArabic && start + 2 < words.size() &&
        dict.IsPersonPrefix(texts[start + 1])) {
      start += 2;
      continue;
    }
    std::string_view w = texts[start];
    bool prefix = role == NameRole::kPerson ? dict.IsPersonPrefix(w)
                                            : (dict.IsOrgPrefix(w) || dict.IsObjectPrefix(w));
    if (!prefix) break;
    ++start;
  }

  for (size_t i = start; i < words.size() && out.tokens.size() < PreparedName::kMaxTokens;) {
    if (role == NameRole::kOrganization) {
      std::optional<text::LegalForm> form = dict.MatchLegalForm(texts, i);
      // A legal form is taken out only when something else names the organisation.
      if (form && form->token_count > 0 && form->token_count < words.size()) {
        if (out.legal_form.empty()) {
          out.legal_form = form->compare;
          out.legal_form_generic = form->generic;
        }
        i += form->token_count;
        continue;
      }
    }
    const text::Word& w = words[i];
    NameToken token;
    // A phrase the symbol tables know as one part of a person's name becomes one word ("abd
    // al", "pu jing" for Putin in Chinese). Organisation phrases stay words: "tactical missiles
    // corporation" must still meet "tactical missiles corp".
    size_t phrase_words = 1;
    const size_t longest_phrase =
        role == NameRole::kPerson ? std::min<size_t>(3, dict.SymbolPhraseWordsFrom(texts[i])) : 1;
    for (size_t len = std::min<size_t>(longest_phrase, words.size() - i); len >= 2; --len) {
      std::string phrase(texts[i]);
      for (size_t k = 1; k < len; ++k) {
        phrase += ' ';
        phrase += texts[i + k];
      }
      std::span<const uint32_t> symbols = dict.Symbols(phrase);
      if (symbols.empty()) continue;
      std::string joined;
      for (size_t k = 0; k < len; ++k) joined += texts[i + k];
      token.word = &vocabulary.InternPhrase(joined, symbols);
      phrase_words = len;
      break;
    }
    // A hyphenated Wade-Giles given name ("Tse-tung", "Chin-p'ing") is one word, read also as
    // the pinyin the other lists write as one word ("Zedong", "Jinping").
    if (token.word == nullptr && role == NameRole::kPerson) {
      const size_t run = WadeGilesRun(words, i);
      if (run >= 2) {
        std::string joined;
        std::vector<std::string> readings = {""};
        for (size_t k = i; k < i + run; ++k) {
          joined += texts[k];
          std::vector<std::string> syllables = WadeGilesSyllableAsPinyin(texts[k]);
          if (IsPinyinSyllable(texts[k])) syllables.emplace_back(texts[k]);
          std::vector<std::string> longer;
          for (const std::string& head : readings) {
            for (const std::string& syllable : syllables) {
              if (longer.size() < kMaxWadeGilesReadings) longer.push_back(head + syllable);
            }
          }
          readings = std::move(longer);
        }
        token.word = &vocabulary.InternPhrase(joined, {});
        for (const std::string& reading : readings) {
          vocabulary.AddAlternative(*token.word, reading, text::Reading::kWadeGiles);
        }
        phrase_words = run;
      }
    }
    if (token.word == nullptr) {
      token.word = &vocabulary.Intern(w.text);
      if (role == NameRole::kPerson && w.script == text::Script::kLatin) {
        for (const std::string& reading : WadeGilesAsPinyin(w.text)) {
          vocabulary.AddAlternative(*token.word, reading, text::Reading::kWadeGiles);
        }
      }
      for (size_t k = 0; k < w.alternatives.size(); ++k) {
        vocabulary.AddAlternative(
            *token.word, w.alternatives[k],
            k < w.alternative_readings.size() ? w.alternative_readings[k] : text::Reading::kIcu);
      }
      if (press_spellings && w.script == text::Script::kLatin && role == NameRole::kPerson) {
        for (const PressReading& reading : SlavicPressReadings(w.text)) {
          vocabulary.AddAlternative(*token.word, reading.text, reading.convention);
        }
      }
    }
    token.lossy_script = text::IsLossyScript(w.script);
    token.abjad = IsAbjad(w.script);
    if (token.abjad) vocabulary.AddAbjadReadings(*token.word);
    token.syllable = w.script == text::Script::kHan || w.script == text::Script::kHangul;
    token.reading = phrase_words == 1 ? w.reading : text::Reading::kAsWritten;
    token.initial = w.text.size() == 1 && w.script == text::Script::kLatin;
    token.weight = WeightOf(*token.word, role, token.initial);
    token.abbreviation = w.abbreviation && phrase_words == 1 && !token.initial;
    token.numeral = token.word->word_class == WordClass::kNumber ||
                    (role == NameRole::kOrganization && IsRomanNumeral(token.word->text));
    token.first_letter = token.word->text.empty() ? '\0' : token.word->text[0];
    out.total_weight += token.weight;
    out.tokens.push_back(token);
    i += phrase_words;
  }
  return out;
}

}  // namespace

std::vector<PreparedName> PrepareQueryName(std::string_view name, NameRole role,
                                           Vocabulary& vocabulary) {
  return std::move(PrepareQueryName(name, std::span(&role, 1), vocabulary).front());
}

std::vector<std::vector<PreparedName>> PrepareQueryName(std::string_view name,
                                                        std::span<const NameRole> roles,
                                                        Vocabulary& vocabulary) {
  std::vector<std::vector<PreparedName>> out(roles.size());
  const bool kanji = text::HasHan(name);
  const std::string japanese = kanji ? text::JapaneseReading(name) : std::string();
  // Folded once, read in each role.
  if (japanese.empty() || !text::HasKana(name)) {
    const std::vector<text::Word> words = FoldNameWords(name);
    for (size_t r = 0; r < roles.size(); ++r) {
      out[r].push_back(PrepareWords(words, roles[r], vocabulary, /*press_spellings=*/true));
    }
  }
  if (!japanese.empty()) {
    const std::vector<text::Word> words = FoldNameWords(japanese);
    for (size_t r = 0; r < roles.size(); ++r) {
      PreparedName as_japanese = PrepareWords(words, roles[r], vocabulary,
                                              /*press_spellings=*/false);
      // Romanised syllables, as Han and Hangul are: no phonetic keys, no typos in short words.
      for (NameToken& token : as_japanese.tokens) {
        token.reading = text::Reading::kJapanese;
        token.lossy_script = true;
      }
      out[r].push_back(std::move(as_japanese));
    }
  }
  for (std::vector<PreparedName>& readings : out) {
    std::erase_if(readings, [](const PreparedName& p) { return p.tokens.empty(); });
  }
  return out;
}

PreparedName PrepareName(std::string_view name, NameRole role, Vocabulary& vocabulary,
                         bool press_spellings) {
  return PrepareWords(FoldNameWords(name), role, vocabulary, press_spellings);
}

}  // namespace cordon::match
