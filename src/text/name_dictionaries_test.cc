#include "text/name_dictionaries.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <random>

#include "base/file.h"
#include "base/strings.h"
#include "text/normalize.h"

namespace cordon::text {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

const NameDictionaries& Dict() { return NameDictionaries::Get(); }

// The legal form at tokens[start] of `folded`, a folded name.
std::optional<LegalForm> FormIn(std::string_view folded, size_t start = 0) {
  const std::vector<std::string_view> tokens = Split(folded, ' ');
  return Dict().MatchLegalForm(tokens, start);
}

std::optional<LegalForm> FormOf(std::string_view name) { return FormIn(Fold(name)); }

std::vector<std::string_view> SymbolNames(std::string_view folded) {
  std::vector<std::string_view> names;
  for (uint32_t symbol : Dict().Symbols(folded)) names.push_back(Dict().SymbolName(symbol));
  return names;
}

bool ShareSymbol(std::string_view a, std::string_view b) {
  const std::span<const uint32_t> a_symbols = Dict().Symbols(a);
  const std::span<const uint32_t> b_symbols = Dict().Symbols(b);
  return std::find_first_of(a_symbols.begin(), a_symbols.end(), b_symbols.begin(),
                            b_symbols.end()) != a_symbols.end();
}

// The source JSON, read from the data folder, to check the compiled-in copy against.
nlohmann::json SourceJson(const std::string& name) {
  Result<std::string> bytes = ReadFile(std::string(CORDON_BUNDLED_DATA) + "/names/" + name);
  EXPECT_TRUE(bytes.ok()) << bytes.status().message();
  if (!bytes.ok()) return nullptr;
  return nlohmann::json::parse(*bytes, nullptr, /*allow_exceptions=*/false);
}

TEST(NameDictionariesTest, RussianLlcInBothScriptsAndSpelledOut) {
  for (std::string_view name : {"OOO", "ООО", "ooo"}) {
    const std::optional<LegalForm> form = FormOf(name);
    ASSERT_TRUE(form.has_value()) << name;
    EXPECT_EQ(form->token_count, 1u);
    EXPECT_EQ(form->compare, "ooo");
    EXPECT_EQ(form->generic, "LLC");
  }
  for (std::string_view name : {"Obshchestvo s ogranichennoy otvetstvennostyu",
                                "Общество с ограниченной ответственностью"}) {
    const std::optional<LegalForm> form = FormOf(name);
    ASSERT_TRUE(form.has_value()) << name;
    EXPECT_EQ(form->token_count, 4u) << name;
    EXPECT_EQ(form->compare, "ooo") << name;
    EXPECT_EQ(form->generic, "LLC") << name;
  }
}

TEST(NameDictionariesTest, AbbreviationAndLongFormShareCompareKey) {
  const std::optional<LegalForm> ag = FormOf("AG");
  const std::optional<LegalForm> aktiengesellschaft = FormOf("Aktiengesellschaft");
  const std::optional<LegalForm> dotted = FormOf("A.G.");
  ASSERT_TRUE(ag && aktiengesellschaft && dotted);
  EXPECT_EQ(ag->compare, "ag");
  EXPECT_EQ(aktiengesellschaft->compare, "ag");
  EXPECT_EQ(dotted->compare, "ag");
  EXPECT_EQ(ag->generic, "JSC");

  const std::optional<LegalForm> gmbh = FormOf("GmbH");
  const std::optional<LegalForm> spelled = FormOf("Gesellschaft mit beschränkter Haftung");
  ASSERT_TRUE(gmbh && spelled);
  EXPECT_EQ(gmbh->compare, "gmbh");
  EXPECT_EQ(gmbh->generic, "LLC");
  EXPECT_NE(gmbh->generic, ag->generic);
  EXPECT_EQ(spelled->compare, "gmbh");
  EXPECT_EQ(spelled->token_count, 4u);
}

TEST(NameDictionariesTest, LongestMultiWordFormAtAnyStart) {
  const std::optional<LegalForm> plc = FormIn("deutsche bank public limited company", 2);
  ASSERT_TRUE(plc.has_value());
  EXPECT_EQ(plc->token_count, 3u);  // not the shorter alias "public limited"
  EXPECT_EQ(plc->compare, "plc");
  EXPECT_EQ(plc->generic, "JSC");

  const std::optional<LegalForm> shorter = FormIn("deutsche bank public limited", 2);
  ASSERT_TRUE(shorter.has_value());
  EXPECT_EQ(shorter->token_count, 2u);
  EXPECT_EQ(shorter->compare, "plc");

  EXPECT_FALSE(FormIn("deutsche bank public limited company", 0).has_value());
  EXPECT_FALSE(FormIn("deutsche bank public limited company", 1).has_value());
  EXPECT_FALSE(FormIn("deutsche bank public limited company", 5).has_value());
  EXPECT_FALSE(FormIn("deutsche bank public limited company", 500).has_value());
  EXPECT_FALSE(Dict().MatchLegalForm({}, 0).has_value());
  // The form must cover whole tokens: "publicity" is not "public".
  EXPECT_FALSE(FormIn("publicity limited company").has_value());
}

TEST(NameDictionariesTest, AliasOfTwoEntriesGoesToTheEntryNamedByIt) {
  // "zao" is ZAO's own alias and also listed under AO; "gku" under KU and GKU.
  ASSERT_TRUE(FormOf("ZAO").has_value());
  EXPECT_EQ(FormOf("ZAO")->compare, "zao");
  ASSERT_TRUE(FormOf("ГКУ").has_value());
  EXPECT_EQ(FormOf("ГКУ")->compare, "gku");
  // Both N.A. entries name themselves "na"; the one with a generic class wins.
  ASSERT_TRUE(FormOf("N.A.").has_value());
  EXPECT_EQ(FormOf("N.A.")->generic, "FIN");
}

TEST(NameDictionariesTest, EmptyCompareFallsBackToDisplay) {
  // rigour gives the Bulgarian "кд" entry compare "" and display "к.д.".
  const std::optional<LegalForm> kd = FormOf("командитно дружество");
  ASSERT_TRUE(kd.has_value());
  EXPECT_EQ(kd->compare, "kd");
  EXPECT_EQ(kd->generic, "LP");
}

TEST(NameDictionariesTest, EveryAliasOfTheSourceMatchesWhole) {
  const nlohmann::json org_types = SourceJson("org_types.json");
  ASSERT_TRUE(org_types.is_array());
  size_t aliases = 0;
  for (const nlohmann::json& entry : org_types) {
    for (const nlohmann::json& alias : entry.at("aliases")) {
      const std::string folded = Fold(alias.get<std::string>());
      if (folded.empty()) continue;
      ++aliases;
      if (IsEnglishNameWord(folded)) {  // "ОФ" folds to "of": never a legal form
        EXPECT_FALSE(FormIn(folded).has_value()) << alias;
        continue;
      }
      const std::optional<LegalForm> form = FormIn(folded);
      ASSERT_TRUE(form.has_value()) << alias;
      EXPECT_EQ(form->token_count, Split(folded, ' ').size()) << alias;
      EXPECT_FALSE(form->compare.empty()) << alias;
    }
  }
  EXPECT_EQ(aliases, 1896u);
}

TEST(NameDictionariesTest, SpellingsShareSymbols) {
  EXPECT_TRUE(ShareSymbol("bin", "ibn"));
  EXPECT_THAT(SymbolNames("ibn"), ElementsAre("BIN"));
  EXPECT_TRUE(ShareSymbol("bill", "william"));
  EXPECT_THAT(SymbolNames("william"), ElementsAre("BILL", "WILL"));  // a word in two groups
  EXPECT_TRUE(ShareSymbol(Fold("Путин"), "putin"));
  EXPECT_TRUE(ShareSymbol("abdul", Fold("Abd-al")));  // multi-word member "abd al"
  EXPECT_FALSE(ShareSymbol("bill", "bin"));
  EXPECT_THAT(Dict().Symbols("zzyzx"), IsEmpty());
  EXPECT_THAT(Dict().Symbols(""), IsEmpty());
}

TEST(NameDictionariesTest, OrgDomainSymbols) {
  ASSERT_THAT(SymbolNames("bank"), ElementsAre("BANK"));
  EXPECT_TRUE(Dict().IsOrgDomainSymbol(Dict().Symbols("bank")[0]));
  EXPECT_TRUE(ShareSymbol("bank", Fold("банк")));
  EXPECT_TRUE(ShareSymbol("bank", "commercial bank"));
  ASSERT_THAT(SymbolNames("agency"), ElementsAre("AGENCY"));  // org_symbols
  EXPECT_TRUE(Dict().IsOrgDomainSymbol(Dict().Symbols("agency")[0]));
  ASSERT_THAT(SymbolNames("bin"), ElementsAre("BIN"));
  EXPECT_FALSE(Dict().IsOrgDomainSymbol(Dict().Symbols("bin")[0]));
}

// Arabic and Persian words for the kind of an organisation join rigour's groups, as the UN list
// writes them: "شبكة حقاني" HAQQANI NETWORK, "مكتب حنيفة للصرافة" HANIFA MONEY EXCHANGE OFFICE.
// OFAC's enhanced XML writes "МИНИСТЕРСТВО ФИНАНСОВ РОССИЙСКОЙ ФЕДЕРАЦИИ" for MINISTRY OF
// FINANCE OF THE RUSSIAN FEDERATION: the inflected forms share the English words' symbols.
TEST(NameDictionariesTest, RussianOrgWordsInTheirInflectedFormsShareTheEnglishSymbols) {
  EXPECT_TRUE(ShareSymbol("russian", Fold("РОССИЙСКОЙ")));
  EXPECT_TRUE(ShareSymbol("russian", Fold("российские")));
  EXPECT_TRUE(ShareSymbol("federation", Fold("ФЕДЕРАЦИИ")));
  EXPECT_TRUE(ShareSymbol("finance", Fold("ФИНАНСОВ")));
  EXPECT_TRUE(ShareSymbol("wealth", Fold("БЛАГОСОСТОЯНИЯ")));
  EXPECT_TRUE(ShareSymbol("national", Fold("национальная")));
  EXPECT_FALSE(ShareSymbol("russian", Fold("ФЕДЕРАЦИИ")));
}

TEST(NameDictionariesTest, ArabicAndPersianOrgWordsShareRigoursSymbols) {
  EXPECT_TRUE(ShareSymbol("network", Fold("شبكة")));
  EXPECT_TRUE(ShareSymbol("network", Fold("شبکه")));  // Persian kaf and he
  EXPECT_TRUE(ShareSymbol("office", Fold("مكتب")));
  EXPECT_TRUE(ShareSymbol("exchange", Fold("للصرافة")));
  EXPECT_TRUE(ShareSymbol("group", Fold("جماعة")));
  EXPECT_TRUE(ShareSymbol("front", Fold("جبهة")));
  EXPECT_TRUE(ShareSymbol("movement", Fold("حركة")));
  EXPECT_TRUE(Dict().IsOrgDomainSymbol(Dict().Symbols(Fold("اسلامية"))[0]));
  // Joining a group keeps one symbol: "network" has NETWORK alone, not a second copy of it.
  EXPECT_THAT(SymbolNames("network"), ElementsAre("NETWORK"));
}

TEST(NameDictionariesTest, SymbolIdsCoverEveryGroup) {
  // 113 org_domains + 76 org_symbols + 2 person_name_parts + 56 person_nick + 25 person_symbols,
  // then 34 Korean family names (korean_surnames.json).
  EXPECT_FALSE(Dict().SymbolName(271).empty());
  EXPECT_EQ(Dict().SymbolName(272), "KO_AHN");
  // Then 80 given names across languages (given_names.json), sorted: AARON first.
  EXPECT_FALSE(Dict().SymbolName(305).empty());
  EXPECT_EQ(Dict().SymbolName(306), "AARON");
  EXPECT_FALSE(Dict().SymbolName(385).empty());
  // Then given_names.json's two name parts (ABD_AL, ABU_AL).
  EXPECT_EQ(Dict().SymbolName(386), "ABD_AL");
  EXPECT_EQ(Dict().SymbolName(387), "ABU_AL");
  EXPECT_FALSE(Dict().IsGivenNameSymbol(386));
  // Then the groups org_words.json adds (its others join rigour's groups): GAS among its
  // domains, then FRONT, MOVEMENT, RUSSIAN and WEALTH.
  EXPECT_EQ(Dict().SymbolName(388), "GAS");
  EXPECT_EQ(Dict().SymbolName(389), "FRONT");
  EXPECT_EQ(Dict().SymbolName(390), "MOVEMENT");
  EXPECT_EQ(Dict().SymbolName(391), "RUSSIAN");
  EXPECT_EQ(Dict().SymbolName(392), "WEALTH");
  EXPECT_EQ(Dict().SymbolName(393), "");
  EXPECT_FALSE(Dict().IsOrgDomainSymbol(272));
  EXPECT_FALSE(Dict().IsGivenNameSymbol(272));
  EXPECT_TRUE(Dict().IsGivenNameSymbol(306));
  // "Army of the Guardians of the Islamic Revolution" (IRGC).
  EXPECT_EQ(Dict().max_symbol_words(), 8u);
}

TEST(NameDictionariesTest, KoreanFamilyNamesShareASymbolInEveryRomanisation) {
  EXPECT_TRUE(ShareSymbol("lee", "ri"));
  EXPECT_TRUE(ShareSymbol("park", "pak"));
  EXPECT_TRUE(ShareSymbol("choi", "choe"));
  EXPECT_TRUE(ShareSymbol("lee", Fold("리")));
  EXPECT_FALSE(ShareSymbol("kim", "park"));
}

TEST(NameDictionariesTest, GivenNamesShareASymbolInEveryLanguagesForm) {
  EXPECT_TRUE(ShareSymbol("alexander", "oleksandr"));
  EXPECT_TRUE(ShareSymbol("aliaksandr", "iskander"));
  EXPECT_TRUE(ShareSymbol(Fold("Олександр"), "aleksandr"));
  EXPECT_TRUE(ShareSymbol("joseph", "iosif"));
  EXPECT_TRUE(ShareSymbol("yosef", "jozef"));
  EXPECT_TRUE(ShareSymbol("michael", "mykhailo"));
  EXPECT_TRUE(ShareSymbol("mohammed", "magomed"));
  EXPECT_TRUE(ShareSymbol("hussein", "hossein"));
  EXPECT_FALSE(ShareSymbol("alexander", "joseph"));
  ASSERT_THAT(SymbolNames("oleksandr"), ElementsAre("ALEXANDER"));
  EXPECT_TRUE(Dict().IsGivenNameSymbol(Dict().Symbols("oleksandr")[0]));
}

TEST(NameDictionariesTest, EveryMemberOfTheSourceHasItsGroup) {
  const nlohmann::json symbols = SourceJson("symbols.json");
  ASSERT_TRUE(symbols.is_object());
  size_t members = 0;
  for (const auto& [category, groups] : symbols.items()) {
    const bool is_org = category == "org_domains" || category == "org_symbols";
    for (const auto& [group, words] : groups.items()) {
      for (const nlohmann::json& word : words) {
        const std::string folded = Fold(word.get<std::string>());
        if (folded.empty()) continue;
        ++members;
        EXPECT_LE(Split(folded, ' ').size(), Dict().max_symbol_words());
        const std::span<const uint32_t> ids = Dict().Symbols(folded);
        bool found = false;
        for (uint32_t id : ids) {
          found |= Dict().SymbolName(id) == group && Dict().IsOrgDomainSymbol(id) == is_org;
        }
        EXPECT_TRUE(found) << category << "/" << group << ": " << word;
      }
    }
  }
  EXPECT_EQ(members, 3480u);  // every member of the source folds to a key
}

TEST(NameDictionariesTest, Stopwords) {
  EXPECT_TRUE(Dict().IsGenericPersonName("mohammed"));
  EXPECT_TRUE(Dict().IsGenericPersonName("abu ali"));
  EXPECT_FALSE(Dict().IsGenericPersonName("vladimir"));
  EXPECT_TRUE(Dict().IsPersonPrefix("dr"));
  EXPECT_TRUE(Dict().IsPersonPrefix(Fold("Prof. Dr")));
  EXPECT_TRUE(Dict().IsPersonPrefix("the right honourable"));
  EXPECT_FALSE(Dict().IsPersonPrefix("putin"));
  EXPECT_TRUE(Dict().IsOrgPrefix("the"));
  EXPECT_FALSE(Dict().IsOrgPrefix("bank"));
  EXPECT_TRUE(Dict().IsObjectPrefix("mv"));
  EXPECT_TRUE(Dict().IsObjectPrefix(Fold("M/V")));
  EXPECT_FALSE(Dict().IsObjectPrefix("dr"));
  EXPECT_FALSE(Dict().IsPersonPrefix(""));
}

TEST(NameDictionariesTest, EveryStopwordOfTheSourceIsLoaded) {
  const nlohmann::json stopwords = SourceJson("stopwords.json");
  ASSERT_TRUE(stopwords.is_object());
  const auto check = [&](const char* key, bool (NameDictionaries::*is)(std::string_view) const) {
    for (const nlohmann::json& word : stopwords.at(key)) {
      const std::string folded = Fold(word.get<std::string>());
      if (!folded.empty()) {
        EXPECT_TRUE((Dict().*is)(folded)) << key << ": " << word;
      }
    }
  };
  check("generic_person_names", &NameDictionaries::IsGenericPersonName);
  check("person_name_prefixes", &NameDictionaries::IsPersonPrefix);
  check("org_name_prefixes", &NameDictionaries::IsOrgPrefix);
  check("obj_name_prefixes", &NameDictionaries::IsObjectPrefix);
}

TEST(NameDictionariesTest, SplitPhrasesFoldedDistinctLongestFirst) {
  const std::span<const std::string> phrases = Dict().NameSplitPhrases();
  ASSERT_FALSE(phrases.empty());
  // "A.K.A", "a.k.a" and "a.k.a." fold to one "aka"; "A/K/A" and "a/k/a" to "a k a".
  EXPECT_EQ(std::count(phrases.begin(), phrases.end(), "aka"), 1);
  EXPECT_EQ(std::count(phrases.begin(), phrases.end(), "a k a"), 1);
  EXPECT_EQ(std::count(phrases.begin(), phrases.end(), "formerly known as"), 1);
  EXPECT_EQ(std::count(phrases.begin(), phrases.end(), "formerly"), 1);
  EXPECT_EQ(phrases.size(), 15u);  // 19 in the source, less the 4 spellings that fold alike
  for (size_t i = 1; i < phrases.size(); ++i) {
    EXPECT_GE(Split(phrases[i - 1], ' ').size(), Split(phrases[i], ' ').size()) << phrases[i];
  }
}

// Lookups follow Fold() on whatever a user or a list supplies; neither may throw or read out of
// bounds, whatever the bytes.
TEST(NameDictionariesTest, FoldThenLookupNeverThrows) {
  std::mt19937 rng(20261129);  // fixed seed: a failure must reproduce
  const std::string alphabet =
      "abcdeghilmnoprstuvwxyz ABCDGHLMOPS.,-'&/() 0123456789"
      "ООО Общество с ограниченной ответственностью محمد بن 股份有限公司";
  for (int round = 0; round < 2000; ++round) {
    std::string input;
    const size_t length = rng() % 60;
    for (size_t i = 0; i < length; ++i) {
      // Mostly characters likely to form words, sometimes raw bytes (invalid UTF-8 included).
      input.push_back(rng() % 4 == 0 ? static_cast<char>(rng() % 256)
                                     : alphabet[rng() % alphabet.size()]);
    }
    EXPECT_NO_THROW({
      const std::string folded = Fold(input);
      const std::vector<std::string_view> tokens = Split(folded, ' ');
      for (size_t start = 0; start <= tokens.size(); ++start) {
        if (std::optional<LegalForm> form = Dict().MatchLegalForm(tokens, start)) {
          EXPECT_GE(form->token_count, 1u);
          EXPECT_LE(start + form->token_count, tokens.size());
        }
      }
      for (std::string_view token : tokens) {
        for (uint32_t symbol : Dict().Symbols(token)) {
          EXPECT_FALSE(Dict().SymbolName(symbol).empty());
        }
        Dict().IsGenericPersonName(token);
        Dict().IsPersonPrefix(token);
        Dict().IsOrgPrefix(token);
        Dict().IsObjectPrefix(token);
      }
      Dict().Symbols(folded);
    }) << input;
  }
}

TEST(NameDictionariesTest, UnfoldedAndOversizedTokensAreHarmless) {
  const std::string long_word(100000, 'a');
  const std::vector<std::string_view> odd = {"", " ", "public limited company", long_word,
                                             std::string_view("\0\xff", 2)};
  for (size_t start = 0; start < odd.size(); ++start) {
    EXPECT_FALSE(Dict().MatchLegalForm(odd, start).has_value()) << start;
  }
  // Forty repeats of a form's first word: far beyond any alias, which must not overflow.
  const std::vector<std::string_view> repeated(40, "public");
  EXPECT_FALSE(Dict().MatchLegalForm(repeated, 0).has_value());
  EXPECT_THAT(Dict().Symbols(long_word), IsEmpty());
  EXPECT_FALSE(Dict().IsGenericPersonName(long_word));
}

}  // namespace
}  // namespace cordon::text
