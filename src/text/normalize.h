// text/normalize.h: names in any script to comparable ASCII words.
//
//   std::vector<Word> words = FoldWords("Владимир Владимирович ПУТИН");
//   // {"vladimir", kCyrillic}, {"vladimirovich", kCyrillic}, {"putin", kCyrillic}
//   std::string key = Fold("Deutsche Bank's AG");  // "deutsche bank ag"
//
// Folding is NFKC, then transliteration to Latin (ICU "Any-Latin"; Han and Hangul read one
// syllable at a time; Cyrillic by the BGN/PCGN table of its language, Greek by ELOT 743 and
// Hangul the way the lists spell North Korean names, with the other readings in use kept as
// Word::alternatives), then Latin to ASCII ("Latin-ASCII"), lower case, and punctuation to
// word breaks: "Jean-Claude" is two words, "A.B.C." one ("abc"), "O'Neill" one ("oneill"),
// "&" the word "and", and a possessive "'s" is dropped. Digits stay; a word that mixes letters
// and look-alike digits ("Ig0r", "Sech1n") has them read as letters.
//
// Each word remembers the script it was written in, because romanisation loses different
// things in different scripts: Arabic and Hebrew drop most vowels, Chinese and Japanese
// rebuild a foreign name from syllables. The matcher uses IsLossyScript() to decide when a
// consonant skeleton (SkeletonKey) is the fairer comparison.
//
// Pure ASCII input never touches ICU (the hot path); other input uses thread-local ICU
// transliterators. Thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cordon::text {

enum class Script : uint8_t {
  kNone,  // digits and punctuation only
  kLatin,
  kCyrillic,
  kGreek,
  kArmenian,
  kGeorgian,
  kArabic,  // also Persian, Urdu, Pashto
  kHebrew,
  kHan,
  kKana,
  kHangul,
  kThai,
  kDevanagari,
  kEthiopic,
  kKhmer,
  kOther,
};

std::string_view ScriptName(Script script);  // "latin", "cyrillic", ...

// True for scripts whose romanisation loses vowels or consonant distinctions a Latin spelling
// keeps (abjads, syllabaries, Han): Arabic, Hebrew, Han, Kana, Hangul, Thai, Khmer, Ethiopic,
// Devanagari.
bool IsLossyScript(Script script);

// The romanisation a folded word, or one of its alternatives, was read by: for explanations
// ("최 ~ Choe" by the North's McCune-Reischauer, "Sergejs ~ Sergey" as a Latvian form).
enum class Reading : uint8_t {
  kAsWritten,  // Latin, digits: folded, not romanised
  kIcu,        // ICU's Any-Latin, for scripts with no table of their own (Arabic, Hebrew, ...)
  kScholarly,  // ICU's Any-Latin for Cyrillic and Greek: the scholarly reading ("sergej")
  kRussianBgn,
  kUkrainianBgn,
  kBelarusianBgn,
  kSerbianBgn,
  kKazakhBgn,
  kGreekElot743,
  kGreekBgn,
  kHangulNorth,             // McCune-Reischauer as the North and the lists write it
  kHangulNorthVoiced,       // ... a given name's later syllable voiced ("Man Gon", "Su Gil")
  kHangulMcCuneReischauer,  // ICU's (BGN/PCGN)
  kHangulRevised,           // the South's Revised Romanisation
  kPinyin,
  kGermanPress,
  kFrenchPress,
  kPolishPress,
  kBalticForm,
  kWadeGiles,  // a Wade-Giles syllable read as pinyin
  kJapanese,   // kanji and kana read the Japanese way, Hepburn (KAKASI: japanese.h)
};
// "Russian BGN/PCGN", ...; "" for kAsWritten and kIcu, which name no romanisation system.
std::string_view ReadingName(Reading reading);

struct Word {
  std::string text;                       // folded: [a-z0-9]+
  Reading reading = Reading::kAsWritten;  // how `text` was romanised
  Script script = Script::kNone;
  bool initial_dot = false;    // a single letter written with a dot ("J." in "J. Smith")
  bool comma_before = false;   // a comma separated it from the previous word ("PUTIN, Vladimir")
  bool hyphen_before = false;  // a hyphen joined it to the previous word ("Tse-tung")
  // Letters standing for words: dotted ("U.S.", "J.C."), or two to four capitals without a
  // vowel in a name otherwise written in mixed case ("JC Juncker").
  bool abbreviation = false;
  // Other romanisations of the same word in use on lists and documents, where they differ:
  // Cyrillic is folded by BGN/PCGN ("sergey", "shcherbakov") with ICU's scholarly reading
  // ("sergej", "serbakov") beside it; Hangul by the North's McCune-Reischauer as the lists
  // write it ("ri", "jong", "ryong") with ICU's McCune-Reischauer (BGN: "ni", "chong") and
  // the South's Revised Romanisation ("li", "jeong") beside it.
  std::vector<std::string> alternatives;
  std::vector<Reading> alternative_readings;  // one per alternative

  friend bool operator==(const Word&, const Word&) = default;
};

// The folded words of `utf8`. Invalid UTF-8 bytes are treated as word breaks.
std::vector<Word> FoldWords(std::string_view utf8);

// FoldWords joined by single spaces.
std::string Fold(std::string_view utf8);

// The script most letters of `utf8` are written in (kNone when it has no letters).
Script DominantScript(std::string_view utf8);

// A phonetic key of a folded word, for spellings that sound alike ("mohammed", "muhammad",
// "mohamad" share one): vowels after the first letter dropped, consonant digraphs reduced
// ("ph" f, "kh" k, "sch" sh, ...), doubled letters collapsed.
std::string PhoneticKey(std::string_view folded_word);

// A consonant skeleton of a folded word: vowels and the semivowels "w" / "y" (except
// initially) dropped, "h" dropped, and consonants merged into classes that abjad and
// syllabary romanisations confuse (b p f v; k g q c; s z x; t d j; l r). "vladimir",
// "fladymyr" (Arabic), "wldymyr" (Hebrew), "fulajimier" (Chinese) all give "brtmr".
// `l_apart_from_r`: "l" stays a class of its own. Abjads write the two apart, and keys of a few
// letters need every distinction they can keep ("amyrly" / "Amir Ali" give "mrl", not "mr").
std::string SkeletonKey(std::string_view folded_word, bool l_apart_from_r = false);

}  // namespace cordon::text
