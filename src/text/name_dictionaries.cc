#include "text/name_dictionaries.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "base/strings.h"
#include "text/normalize.h"

namespace cordon::text {
namespace internal {

// Generated from data/names/*.json by embed_file.cmake (see CMakeLists.txt).
extern const char kOrgTypesJson[];
extern const std::size_t kOrgTypesJsonSize;
extern const char kSymbolsJson[];
extern const std::size_t kSymbolsJsonSize;
extern const char kStopwordsJson[];
extern const std::size_t kStopwordsJsonSize;
extern const char kKoreanSurnamesJson[];
extern const std::size_t kKoreanSurnamesJsonSize;
extern const char kGivenNamesJson[];
extern const std::size_t kGivenNamesJsonSize;
extern const char kTitlesJson[];
extern const std::size_t kTitlesJsonSize;
extern const char kOrgWordsJson[];
extern const std::size_t kOrgWordsJsonSize;

}  // namespace internal

namespace {

using Json = nlohmann::json;

// Lookups run per query word, so they take a string_view and must not build a std::string
// (StringMap, StringSet: base/strings.h).

// MatchLegalForm joins the candidate tokens in a stack buffer, so legal forms are bounded in
// bytes and words. rigour's longest alias folds to 145 bytes and 14 words; an alias beyond these
// bounds could never be matched and is not loaded.
constexpr size_t kMaxLegalFormBytes = 256;
constexpr size_t kMaxLegalFormWords = 16;

// REQUIRES: `folded` is non-empty folded text (words separated by single spaces).
size_t WordCount(std::string_view folded) {
  return 1 + static_cast<size_t>(std::count(folded.begin(), folded.end(), ' '));
}

Json ParseEmbedded(const char* bytes, size_t size, const char* name) {
  Json document = Json::parse(bytes, bytes + size, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) {
    // The bytes were compiled in from data/names: a document that does not parse is a defect
    // of the build, never of input, and an engine without its tables must not screen.
    std::fprintf(stderr, "cordon: the embedded %s does not parse\n", name);
    std::abort();
  }
  return document;
}

// The string `object[key]`; "" when `object` is not an object or the field is missing or is not
// a string (the loaders check types rather than let nlohmann throw).
std::string_view StringField(const Json& object, const char* key) {
  if (!object.is_object()) return {};
  const auto it = object.find(key);
  if (it == object.end() || !it->is_string()) return {};
  return it->get_ref<const std::string&>();
}

// The folded, non-empty strings of a JSON array (other elements are skipped).
std::vector<std::string> FoldedStrings(const Json& array) {
  std::vector<std::string> folded;
  if (!array.is_array()) return folded;
  for (const Json& element : array) {
    if (!element.is_string()) continue;
    std::string key = Fold(element.get_ref<const std::string&>());
    if (!key.empty()) folded.push_back(std::move(key));
  }
  return folded;
}

StringSet FoldedSet(const Json& document, const char* key) {
  const auto it = document.find(key);
  if (it == document.end()) return {};
  std::vector<std::string> folded = FoldedStrings(*it);
  return StringSet(std::make_move_iterator(folded.begin()), std::make_move_iterator(folded.end()));
}

}  // namespace

struct NameDictionaries::Tables {
  struct Form {
    std::string compare;
    std::string generic;
  };
  std::vector<Form> forms;
  StringMap<uint32_t> legal_forms;  // folded alias -> index into `forms`
  // First word of any alias -> the most words an alias starting with it has. Most words of a
  // name begin no legal form, and this answers them with one lookup.
  StringMap<size_t> legal_form_first_words;
  size_t max_legal_form_bytes = 0;

  // Symbols of a folded word are symbol_ids[begin, begin + count): one contiguous array rather
  // than a vector per word.
  std::vector<uint32_t> symbol_ids;
  StringMap<std::pair<uint32_t, uint32_t>> symbols;
  std::vector<std::string> symbol_names;
  std::vector<bool> symbol_is_org;
  std::vector<bool> symbol_is_given_name;
  size_t max_symbol_words = 0;
  // First word of a phrase of several words -> the most words such a phrase has: most words of a
  // name begin none, and this answers them without building the phrases.
  StringMap<size_t> symbol_phrase_first_words;

  StringSet generic_person_names;
  StringSet person_prefixes;
  StringSet org_prefixes;
  StringSet object_prefixes;
  std::vector<std::string> name_split_phrases;

  void LoadOrgTypes(const Json& document);
  void LoadSymbols(std::initializer_list<const Json*> documents);
  void LoadStopwords(const Json& document);
  void LoadTitles(const Json& document);
};

bool IsEnglishNameWord(std::string_view folded) {
  static constexpr std::string_view kWords[] = {"of", "the", "and", "for", "to", "in",
                                                "on", "at",  "by",  "an",  "or", "no"};
  return std::find(std::begin(kWords), std::end(kWords), folded) != std::end(kWords);
}

void NameDictionaries::Tables::LoadOrgTypes(const Json& document) {
  if (!document.is_array()) return;
  // A few folded aliases belong to two entries ("zao" is ZAO's own alias and one of AO's).
  // The entry that names itself by the alias wins, then one that has a generic class, then the
  // earlier entry.
  const auto rank = [this](uint32_t form, std::string_view alias) {
    return (forms[form].compare == alias ? 2 : 0) + (forms[form].generic.empty() ? 0 : 1);
  };
  for (const Json& entry : document) {
    if (!entry.is_object()) continue;
    const auto aliases_it = entry.find("aliases");
    if (aliases_it == entry.end()) continue;
    std::vector<std::string> aliases = FoldedStrings(*aliases_it);
    // The display and comparison forms ("PJSC", "OOO", "LLC") are written in names too, and
    // rigour does not always repeat them among the aliases.
    for (const char* field : {"display", "compare"}) {
      std::string form = Fold(StringField(entry, field));
      if (!form.empty() && std::find(aliases.begin(), aliases.end(), form) == aliases.end()) {
        aliases.push_back(std::move(form));
      }
    }
    std::erase_if(aliases, [](const std::string& alias) {
      return alias.size() > kMaxLegalFormBytes || WordCount(alias) > kMaxLegalFormWords ||
             IsEnglishNameWord(alias);
    });
    if (aliases.empty()) continue;
    // rigour leaves `compare` empty in a few entries; an empty key would make unrelated forms
    // equal, so it counts as absent.
    std::string compare = Fold(StringField(entry, "compare"));
    if (compare.empty()) compare = Fold(StringField(entry, "display"));
    if (compare.empty()) compare = aliases.front();
    const auto form = static_cast<uint32_t>(forms.size());
    forms.push_back({std::move(compare), std::string(StringField(entry, "generic"))});

    for (std::string& alias : aliases) {
      const size_t words = WordCount(alias);
      max_legal_form_bytes = std::max(max_legal_form_bytes, alias.size());
      size_t& longest = legal_form_first_words[alias.substr(0, alias.find(' '))];
      longest = std::max(longest, words);
      const auto [it, inserted] = legal_forms.try_emplace(alias, form);
      if (!inserted && it->second != form && rank(form, alias) > rank(it->second, alias)) {
        it->second = form;
      }
    }
  }
}

void NameDictionaries::Tables::LoadSymbols(std::initializer_list<const Json*> documents) {
  StringMap<std::vector<uint32_t>> ids_of_word;
  std::unordered_map<std::string, uint32_t> id_of_group;
  // nlohmann keeps object keys sorted, so ids are the same in every build of the same data.
  for (const Json* document : documents) {
    if (!document->is_object()) continue;
    for (const auto& [category, groups] : document->items()) {
      if (!groups.is_object()) continue;
      const bool is_org = category == "org_domains" || category == "org_symbols";
      for (const auto& [group, members] : groups.items()) {
        // A group another document already has (org_words.json adds Arabic and Persian forms to
        // rigour's groups) keeps its id.
        auto [known, added] = id_of_group.try_emplace(category + '\n' + group,
                                                      static_cast<uint32_t>(symbol_names.size()));
        const uint32_t id = known->second;
        if (added) {
          symbol_names.push_back(group);
          symbol_is_org.push_back(is_org);
          symbol_is_given_name.push_back(category == "person_given_names");
        }
        for (std::string& member : FoldedStrings(members)) {
          max_symbol_words = std::max(max_symbol_words, WordCount(member));
          std::vector<uint32_t>& ids = ids_of_word[std::move(member)];
          if (std::find(ids.begin(), ids.end(), id) == ids.end()) {
            ids.insert(std::upper_bound(ids.begin(), ids.end(), id), id);
          }
        }
      }
    }
  }
  symbols.reserve(ids_of_word.size());
  for (auto& [word, ids] : ids_of_word) {
    const auto begin = static_cast<uint32_t>(symbol_ids.size());
    symbol_ids.insert(symbol_ids.end(), ids.begin(), ids.end());
    symbols.emplace(word, std::pair{begin, static_cast<uint32_t>(ids.size())});
    const size_t words = WordCount(word);
    if (words > 1) {
      size_t& most = symbol_phrase_first_words[std::string(word.substr(0, word.find(' ')))];
      most = std::max(most, words);
    }
  }
}

void NameDictionaries::Tables::LoadTitles(const Json& document) {
  if (!document.is_object()) return;
  person_prefixes.merge(FoldedSet(document, "person_name_prefixes"));
}

void NameDictionaries::Tables::LoadStopwords(const Json& document) {
  if (!document.is_object()) return;
  generic_person_names = FoldedSet(document, "generic_person_names");
  person_prefixes = FoldedSet(document, "person_name_prefixes");
  org_prefixes = FoldedSet(document, "org_name_prefixes");
  object_prefixes = FoldedSet(document, "obj_name_prefixes");

  const auto split_it = document.find("name_split_phrases");
  if (split_it == document.end()) return;
  name_split_phrases = FoldedStrings(*split_it);
  // Longest first, so a caller scanning in order takes "formerly known as" before "formerly".
  std::sort(name_split_phrases.begin(), name_split_phrases.end(),
            [](const std::string& a, const std::string& b) {
              const size_t a_words = WordCount(a);
              const size_t b_words = WordCount(b);
              return a_words != b_words ? a_words > b_words : a < b;
            });
  name_split_phrases.erase(std::unique(name_split_phrases.begin(), name_split_phrases.end()),
                           name_split_phrases.end());
}

NameDictionaries::NameDictionaries() : tables_(std::make_unique<Tables>()) {
  tables_->LoadOrgTypes(ParseEmbedded(internal::kOrgTypesJson, internal::kOrgTypesJsonSize,
                                      "data/names/org_types.json"));
  const Json symbols =
      ParseEmbedded(internal::kSymbolsJson, internal::kSymbolsJsonSize, "data/names/symbols.json");
  const Json korean_surnames =
      ParseEmbedded(internal::kKoreanSurnamesJson, internal::kKoreanSurnamesJsonSize,
                    "data/names/korean_surnames.json");
  const Json given_names = ParseEmbedded(internal::kGivenNamesJson, internal::kGivenNamesJsonSize,
                                         "data/names/given_names.json");
  const Json org_words = ParseEmbedded(internal::kOrgWordsJson, internal::kOrgWordsJsonSize,
                                       "data/names/org_words.json");
  tables_->LoadSymbols({&symbols, &korean_surnames, &given_names, &org_words});
  tables_->LoadStopwords(ParseEmbedded(internal::kStopwordsJson, internal::kStopwordsJsonSize,
                                       "data/names/stopwords.json"));
  tables_->LoadTitles(
      ParseEmbedded(internal::kTitlesJson, internal::kTitlesJsonSize, "data/names/titles.json"));
}

NameDictionaries::~NameDictionaries() = default;

const NameDictionaries& NameDictionaries::Get() {
  static const NameDictionaries dictionaries;
  return dictionaries;
}

std::optional<LegalForm> NameDictionaries::MatchLegalForm(std::span<const std::string_view> tokens,
                                                          size_t start) const {
  if (start >= tokens.size()) return std::nullopt;
  const auto first = tables_->legal_form_first_words.find(tokens[start]);
  if (first == tables_->legal_form_first_words.end()) return std::nullopt;
  const size_t max_words = std::min(first->second, tokens.size() - start);

  // Join the candidate words once; each shorter candidate is a prefix of the longest.
  std::array<char, kMaxLegalFormBytes> joined;
  std::array<size_t, kMaxLegalFormWords + 1> prefix_end{};  // bytes of the first n words
  size_t words = 0;
  size_t length = 0;
  while (words < max_words) {
    const std::string_view token = tokens[start + words];
    const size_t separator = words == 0 ? 0 : 1;
    if (length + separator + token.size() > tables_->max_legal_form_bytes) break;
    if (separator) joined[length++] = ' ';
    std::copy(token.begin(), token.end(), joined.begin() + static_cast<ptrdiff_t>(length));
    length += token.size();
    prefix_end[++words] = length;
  }
  for (; words > 0; --words) {
    const auto it = tables_->legal_forms.find(std::string_view(joined.data(), prefix_end[words]));
    if (it == tables_->legal_forms.end()) continue;
    const Tables::Form& form = tables_->forms[it->second];
    return LegalForm{.token_count = words, .compare = form.compare, .generic = form.generic};
  }
  return std::nullopt;
}

std::span<const uint32_t> NameDictionaries::Symbols(std::string_view folded) const {
  const auto it = tables_->symbols.find(folded);
  if (it == tables_->symbols.end()) return {};
  return std::span<const uint32_t>(tables_->symbol_ids)
      .subspan(it->second.first, it->second.second);
}

size_t NameDictionaries::max_symbol_words() const { return tables_->max_symbol_words; }

size_t NameDictionaries::SymbolPhraseWordsFrom(std::string_view first_word) const {
  const auto it = tables_->symbol_phrase_first_words.find(first_word);
  return it == tables_->symbol_phrase_first_words.end() ? 1 : it->second;
}

std::string_view NameDictionaries::SymbolName(uint32_t symbol) const {
  return symbol < tables_->symbol_names.size() ? std::string_view(tables_->symbol_names[symbol])
                                               : std::string_view();
}

bool NameDictionaries::IsGivenNameSymbol(uint32_t symbol) const {
  return symbol < tables_->symbol_is_given_name.size() && tables_->symbol_is_given_name[symbol];
}

bool NameDictionaries::IsOrgDomainSymbol(uint32_t symbol) const {
  return symbol < tables_->symbol_is_org.size() && tables_->symbol_is_org[symbol];
}

bool NameDictionaries::IsGenericPersonName(std::string_view folded) const {
  return tables_->generic_person_names.contains(folded);
}

bool NameDictionaries::IsPersonPrefix(std::string_view folded) const {
  return tables_->person_prefixes.contains(folded);
}

bool NameDictionaries::IsOrgPrefix(std::string_view folded) const {
  return tables_->org_prefixes.contains(folded);
}

bool NameDictionaries::IsObjectPrefix(std::string_view folded) const {
  return tables_->object_prefixes.contains(folded);
}

std::span<const std::string> NameDictionaries::NameSplitPhrases() const {
  return tables_->name_split_phrases;
}

}  // namespace cordon::text
