// match/prepared.h: a name made ready for comparison, once, before any scoring.
//
//   Vocabulary vocabulary;
//   PreparedName name = PrepareName("OOO Gazprom Neft", NameRole::kOrganization, vocabulary);
//   // tokens "gazprom", "neft"; legal form "ooo" (LLC)
//
// Preparing folds the name (text/normalize.h), drops titles ("Dr", "Sheikh") and name prefixes
// ("The", "M/V"), takes legal forms out of organisation names (they are compared on their
// own), and gives every remaining word a weight: particles ("al", "bin", "van") and generic
// given names ("Mohammed") say less about who someone is than a rare family name does.
//
// Distinct words live once in a Vocabulary with their derived keys (phonetic, skeleton,
// symbols), so the index prepares each of its thousands of repeated words once, and the hot
// path compares pointers before strings.
#pragma once

#include <cstdint>
#include <deque>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/entity.h"
#include "text/normalize.h"

namespace cordon::match {

enum class WordClass : uint8_t {
  kName,      // an ordinary name word
  kGeneric,   // a common given name or an organisation domain word ("bank", "group")
  kParticle,  // "al", "bin", "van", "de", "of", "and"
  kNumber,    // digits only
};

struct WordInfo {
  // What comparing two Latin words reads comes first, up to `alternative_readings`: a search
  // fetches only that much of the words its probes reach.
  uint32_t id = 0;  // position in its Vocabulary
  WordClass word_class = WordClass::kName;
  bool person_generic = false;  // generic as a person name part
  bool org_generic = false;     // generic as an organisation word
  bool place = false;           // a country name or demonym ("mexico", "chile", "german")
  std::string text;
  std::string phonetic;  // text::PhoneticKey
  std::string skeleton;  // text::SkeletonKey
  std::vector<uint32_t> symbols;
  // Other romanisations of the word (text::Word::alternative), compared and indexed as
  // spellings of it.
  std::vector<std::string> alternatives;
  std::vector<text::Reading> alternative_readings;  // one per alternative
  std::string abjad_key;  // AbjadKey(skeleton) (name_score.h): where abjad and Latin words meet
  // Made only for words written in an abjad (Vocabulary::AddAbjadReadings), which most words
  // are not: AbjadKeyVariants(text), the keys of its other spellings, and AbjadRunKeysOf(text),
  // where it meets Latin words run together (name_score.h).
  std::string abjad_key_variants;
  std::string abjad_run_key, abjad_run_key_variants;
  bool abjad_readings = false;  // the three above made
};

// Interns words with their derived keys. Not thread-safe while words are added; pointers to
// WordInfo stay valid for the vocabulary's lifetime.
class Vocabulary {
 public:
  const WordInfo& Intern(std::string_view text);
  // Interns a phrase the dictionaries know as one name part ("abd al", "pu jing") as one word,
  // its parts run together, carrying the phrase's symbols.
  const WordInfo& InternPhrase(std::string_view joined, std::span<const uint32_t> symbols);
  const WordInfo* Find(std::string_view text) const;
  // Makes the word's abjad_key_variants, abjad_run_key and abjad_run_key_variants, once.
  void AddAbjadReadings(const WordInfo& word);
  // Records another romanisation of an interned word.
  void AddAlternative(const WordInfo& word, std::string_view alternative, text::Reading reading);
  const WordInfo& at(uint32_t id) const { return words_[id]; }
  size_t size() const { return words_.size(); }

 private:
  std::deque<WordInfo> words_;
  std::unordered_map<std::string_view, uint32_t> ids_;  // views into words_[i].text
};

// Whether a name is read as a person's or an organisation's (companies, vessels, aircraft).
enum class NameRole : uint8_t { kPerson, kOrganization };
NameRole RoleOf(model::Schema schema);

struct NameToken {
  const WordInfo* word = nullptr;
  float weight = 1;
  bool lossy_script = false;  // written in a script whose romanisation loses vowels
  bool abjad = false;         // ... an abjad (Arabic, Persian, Hebrew): read by abjad_reading.h
  bool syllable = false;      // one syllable of Han or Hangul, read exactly by its table
  text::Reading reading = text::Reading::kAsWritten;  // how the word was romanised
  bool initial = false;                               // a single letter standing for a word
  bool numeral = false;       // a number, or a Roman numeral in an organisation's name ("II")
  bool abbreviation = false;  // letters standing for words ("us" from "U.S.", "jc" from "JC")
  // The word's first letter, 0 if not recorded: what pairs beside initials is read without
  // reading the word (FirstLetter).
  char first_letter = 0;
};

// The first letter of the token's word ('\0' for an empty word).
inline char FirstLetter(const NameToken& t) {
  if (t.first_letter != 0) return t.first_letter;
  return t.word->text.empty() ? '\0' : t.word->text[0];
}

// What the scorer reads: a PreparedName, or a name stored flat inside the index.
struct NameView {
  std::span<const NameToken> tokens;
  std::string_view legal_form;
  std::string_view legal_form_generic;
  NameRole role = NameRole::kPerson;
};

struct PreparedName {
  std::vector<NameToken> tokens;  // at most kMaxTokens
  float total_weight = 0;
  std::string legal_form;          // comparison key of the legal form, "" if none
  std::string legal_form_generic;  // its class ("LLC", "JSC")
  NameRole role = NameRole::kPerson;

  static constexpr size_t kMaxTokens = 24;

  NameView view() const { return {tokens, legal_form, legal_form_generic, role}; }
};

// With `press_spellings` (the query side), a Latin word written the way the German, French or
// Polish press spells a Slavic name ("Wladimirowitsch", "Tchernychov", "Szczerbakow") also gets
// the English (BGN/PCGN) spelling the lists use ("vladimirovich", "chernyshov", "shcherbakov")
// as an alternative (SlavicPressReadings).
PreparedName PrepareName(std::string_view name, NameRole role, Vocabulary& vocabulary,
                         bool press_spellings = false);

// A query name prepared in each way it may be read (with press spellings): as itself and, for a
// name in kanji, also as Japanese (text::JapaneseReading, its words marked kJapanese), since
// "山田太郎" is Yamada Tarou to a Japanese reader and Shan Tiantailang in pinyin; a name with
// kana as well as kanji is Japanese, and read so only. Names without a word are left out.
std::vector<PreparedName> PrepareQueryName(std::string_view name, NameRole role,
                                           Vocabulary& vocabulary);
// The same in each of `roles` (by role, in their order), the name folded once for all.
std::vector<std::vector<PreparedName>> PrepareQueryName(std::string_view name,
                                                        std::span<const NameRole> roles,
                                                        Vocabulary& vocabulary);

// The English (BGN/PCGN) spellings of a folded Latin word read as the German, French and Polish
// press transliterate Russian and Ukrainian names, for each convention whose marks the word
// has (German "sch", "tsch", or "w"/"j" with a Slavic ending such as "-ow"; French "tch", "kh",
// or "ou"/"ch" with a Slavic ending; Polish "cz", "sz", "rz", or "w" with a Slavic ending), and
// the stem of a Latvian or Lithuanian form ("sergejs", "lavrovas": "sergey", "lavrov"); the word
// itself is not among them.
struct PressReading {
  std::string text;
  text::Reading convention;  // kGermanPress, kFrenchPress, kPolishPress or kBalticForm
};
std::vector<PressReading> SlavicPressReadings(std::string_view folded_word);

}  // namespace cordon::match
