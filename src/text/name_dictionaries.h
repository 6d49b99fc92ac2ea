// text/name_dictionaries.h: what words in names mean, from rigour's name resources.
//
//   const NameDictionaries& dict = NameDictionaries::Get();
//   std::optional<LegalForm> form = dict.MatchLegalForm(tokens, 2);  // "ooo", "llc", ...
//   for (uint32_t symbol : dict.Symbols("muhammad")) ...
//
// The tables are data/names/{org_types,symbols,stopwords}.json (opensanctions/rigour, MIT),
// compiled into the binary so that a screening engine never depends on a data path at run
// time. Every key is looked up in the folded form text/normalize.h produces (ASCII lower case,
// one space between words), and the tables are folded the same way when they are loaded, so a
// Cyrillic "ООО" and a Latin "OOO" meet at "ooo".
//
// Thread safety: Get() builds the tables once (thread-safe static); the object is immutable.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cordon::text {

// A legal form found in a name: "Aktiengesellschaft", "AG", "OAO", "Public Limited Company".
struct LegalForm {
  size_t token_count = 0;  // how many tokens, from the start position, the form covers
  std::string compare;     // the form's own comparison key ("ag", "ooo", "plc")
  std::string generic;     // its class: "JSC", "LLC", "LP", ... ("" when rigour gives none)
};

// English words that are never read as a legal form, though a few abbreviations in other
// scripts fold to them ("ОФ", a Russian public fund, is "of"): read as legal forms wherever they
// stand, they would take "of" out of "Sberbank of Russia".
bool IsEnglishNameWord(std::string_view folded);

class NameDictionaries {
 public:
  static const NameDictionaries& Get();

  // The longest legal form that starts at tokens[start], if any. Tokens are folded words.
  std::optional<LegalForm> MatchLegalForm(std::span<const std::string_view> tokens,
                                          size_t start) const;

  // Symbol ids a folded word (or folded multi-word phrase such as "abd al") belongs to:
  // person_symbols, person_nick, person_name_parts, person_given_names and org_symbols /
  // org_domains groups. Two
  // words that share a symbol id are the same name part written differently ("bin" / "ibn",
  // "bill" / "william", "putin" / "путин" folded). Empty when the word is in no group.
  std::span<const uint32_t> Symbols(std::string_view folded) const;
  // Longest phrase length (in words) of any multi-word symbol entry, so callers know how far
  // to look ahead.
  size_t max_symbol_words() const;
  // The most words a symbol phrase beginning with `first_word` has; 1 when none begins with it.
  size_t SymbolPhraseWordsFrom(std::string_view first_word) const;
  // The group name of a symbol id ("BIN", "ALEX", "ACADEMY"), for explanations.
  std::string_view SymbolName(uint32_t symbol) const;
  // True when the symbol comes from org_domains / org_symbols (words like "bank", "group",
  // "academy" that describe what an organisation is rather than which one).
  bool IsOrgDomainSymbol(uint32_t symbol) const;
  // True when the symbol is a given name's group of forms across languages
  // (data/names/given_names.json: "Aleksandr", "Oleksandr", "Iskander" are ALEXANDER).
  bool IsGivenNameSymbol(uint32_t symbol) const;

  // Words that say little about who someone is: generic person names ("mohammed", "abdullah",
  // "abu ali"), for lower weight. Folded, single or multi-word.
  bool IsGenericPersonName(std::string_view folded) const;
  // Honorifics and titles that may precede a person's name ("dr", "sheikh", "president") and
  // prefixes of organisation / object names ("the", "m v").
  bool IsPersonPrefix(std::string_view folded) const;
  bool IsOrgPrefix(std::string_view folded) const;
  bool IsObjectPrefix(std::string_view folded) const;
  // Phrases that separate two names in one string ("a k a", "formerly known as"), folded,
  // longest (in words) first.
  std::span<const std::string> NameSplitPhrases() const;

  NameDictionaries(const NameDictionaries&) = delete;
  NameDictionaries& operator=(const NameDictionaries&) = delete;
  ~NameDictionaries();

 private:
  NameDictionaries();
  struct Tables;
  std::unique_ptr<Tables> tables_;
};

}  // namespace cordon::text
