// match/name_score.h: the name similarity at the heart of the scorer.
//
//   NameScore s = ScoreNames(query.view(), candidate.view());   // PreparedName views
//   s.score;  // 0..1
//
// Words are aligned one to one, best pairs first; then two or three query words run together
// may match one listed word ("Patr ushev" / "Patrushev", one edit), one query word may be two
// listed words run together exactly ("Ramimakhlouf" / "Rami Makhlouf"), and an abbreviation
// may stand for the words its letters begin. The score is the similarity-weighted share of the
// aligned words' weight, where words left without a counterpart cost as set out below: a query that
// says something the listed name does not is stronger evidence against a match than a listed middle
// name the query omits, and words left over on both sides (a substitution) cost most.
//
// Word similarity, the best of:
//   exact 1.0; shared symbol (nickname, "bin"/"ibn", cross-script table) 0.92;
//   typo: 1 - c/(longest+1), where the edit distance is within EditBudget(longest) and c is
//     the alignment's cost with vowels at half weight, at most 1 (up to 5 letters), 1.5 (6 or
//     7) or 2 (longer): "Schulze" / "Scholz" pass, "Orbach" / "Orban" do not;
//   phonetic key (of kMinPhonetic letters or more) equal 0.8; initial against a word it begins 0.6;
//   abbreviation against the words its letters begin ("us" / "united states") 0.85;
//   across lossy scripts, consonant skeletons equal 0.85 or one edit apart 0.75.
// A name pair whose only aligned words are initials or abbreviations scores 0: they confirm,
// never find.
#pragma once

#include <algorithm>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "match/prepared.h"
#include "match/query.h"

namespace cordon::match {

// What a word left without a counterpart adds to the denominator, per unit of its weight. A
// matched word adds its weight once; a query word the listed name lacks costs less than that,
// a listed word the query lacks (a middle name left out) less still. When both names have words
// left over, the leftovers are a substitution and cost more on both sides. Set on the name-pair
// development set as a whole (docs/design/matching.md), not per row.
// Below this a run of words merged is not worth pairing.
inline constexpr float kMinMergeSimilarity = 0.7f;
// A query word is read as listed words run together only when the parts are this long, and
// the concatenation must then be exact (the index looks the parts up as they are).
inline constexpr size_t kMinMergedPart = 2;

// Consonant skeletons shorter than this say too little to pair words across scripts
// ("eric" and Arabic "alhq" share "rk"; a Chinese "shuhuizhuang" and "stan" share "stn");
// one edit apart needs kMinNearSkeleton.
// An initial against a word it begins; the index's bound allows for it, since initials are not
// looked up.
inline constexpr float kInitialSimilarity = 0.6f;
// An abbreviation against the run of words whose initials spell it ("us" / "united states").
inline constexpr float kAbbreviationSimilarity = 0.85f;

inline constexpr size_t kMinSkeleton = 3;
// Phonetic keys of two consonants ("zhang" and "cheng", "yan" and "jon") pair unrelated names.
inline constexpr size_t kMinPhonetic = 3;
inline constexpr size_t kMinNearSkeleton = 4;  // and the longer of the two one more

inline constexpr float kQueryLeftoverCost = 0.8f;
inline constexpr float kListedLeftoverCost = 0.4f;
inline constexpr float kQueryConflictCost = 2.4f;
inline constexpr float kListedConflictCost = 1.8f;

enum class Method : uint8_t { kNone, kExact, kSymbol, kTypo, kPhonetic, kInitial, kScript };
std::string_view MethodName(Method method);

struct WordSimilarity {
  float similarity = 0;
  Method method = Method::kNone;
  // The shared symbol for kSymbol; for kTypo, which spellings met (1 + the query's alternative
  // in the low byte, 1 + the listed word's in the next, 0 for the word itself).
  uint32_t symbol = 0;
};

// Words longer than this are compared as exact spellings only, never as typos or near
// skeletons: the alignment tables below are bounded, and the index generates no deletion
// neighbourhood for them, so a hostile 8,000-letter word costs its length and no more. Names
// do not come near it: the longest Latin-script word in the bundled list files has 32 letters.
inline constexpr size_t kMaxEditLength = 62;

// Edits allowed for a word pair whose longer word has `longest` letters.
int EditBudget(size_t longest);
// Similarity of two words `distance` edits apart (within budget), or 0 when the vowel-weighted
// cost of the difference is too high for their length.
float TypoSimilarity(std::string_view a, std::string_view b, int distance);
// Optimal-string-alignment distance of a and b, or max_distance + 1 if it exceeds it; when
// either is longer than kMaxEditLength, 0 if they are equal, else max_distance + 1.
int BoundedEditDistance(std::string_view a, std::string_view b, int max_distance);
// Similarity of two words as strings (typo, or skeleton when `lossy`), no dictionaries.
// `max_budget` caps the edits allowed (words run together allow one: the index keeps only
// the one-edit neighbourhood of merged words).
WordSimilarity CompareSpellings(std::string_view a, std::string_view b, bool lossy,
                                int max_budget = 2);
WordSimilarity CompareWords(const NameToken& q, const NameToken& c);

// The key on which an abjad word and a Latin one must agree before the abjad is read as the
// Latin spelling (abjad_reading.h), from either's consonant skeleton: its "h"s and a final "t"
// dropped, since a Latin spelling may leave out the letter ha and write ta marbuta as a vowel
// ("حمزة" hmzt / "Hamza", "طه" th / "Taha"); a key that would be empty stays the skeleton.
// The index looks words up by it.
std::string AbjadKey(std::string_view skeleton);
// An abjad word (folded) against a Latin one, through the key above or consonant skeletons one
// edit apart: the reading's similarity, capped for words of one or two consonants, which need
// the rest of the name to agree; 0 below kMinMergeSimilarity.
// The other keys of an abjad word (folded), '|'-separated, for the letters Latin spellings of
// names write otherwise than ICU does: Persian waw as v (Javad), tha as s (Saqib), dhal and
// dad as z (Zakir, Zia), za as d (Dhafer), Egyptian jim as g (Ragab), the French "ch" for shin
// and "c" for sin (Akkacha, Lounici), initial waw as a vowel (Ouni); Persian waw as v together
// with each of the others (Mortazavi: waw and dad). "" when none differs.
std::string AbjadKeyVariants(std::string_view folded_word);
// Calls fn(key) for each key of a '|'-separated list such as AbjadKeyVariants gives.
template <typename Fn>
void ForEachAbjadKey(std::string_view keys, Fn&& fn) {
  while (!keys.empty()) {
    const size_t bar = std::min(keys.find('|'), keys.size());
    fn(keys.substr(0, bar));
    keys.remove_prefix(std::min(bar + 1, keys.size()));
  }
}
struct Spelling {
  std::string_view text, skeleton, abjad_key;
  std::string_view abjad_key_variants = {};  // AbjadKeyVariants of an abjad word
};
WordSimilarity ReadAcrossScripts(const Spelling& abjad, const Spelling& latin);
// Whether an abjad word's AbjadKey, or one of its variants, is `latin_key`.
bool AbjadKeysMeet(const Spelling& abjad, std::string_view latin_key);
// The keys on which an abjad word meets Latin words run together: AbjadKey and AbjadKeyVariants
// with "l" kept apart from "r" (text::SkeletonKey), since a run's key of a few letters must keep
// every distinction ("امیرعلی" / "Amir Ali": "mrl"; the shared key "mr" would meet too many).
std::string AbjadRunKey(std::string_view folded_word);
struct AbjadRunKeys {
  std::string key, variants;  // AbjadRunKey and its variants, '|'-separated
};
AbjadRunKeys AbjadRunKeysOf(std::string_view folded_abjad_word);
// An abjad query word against listed Latin words run together (`merged`), read when their run
// keys meet and the run's has at least kMinSkeleton letters: "عبدالله" / "Abd Allah",
// "محمدرضا" / "Mohammad Reza", written without the space. The index looks listed runs up by
// that key alone. REQUIRES: abjad.abjad_readings (Vocabulary::AddAbjadReadings); 0 if not.
WordSimilarity ReadListedRun(const WordInfo& abjad, std::string_view merged);
// The same with the run's skeleton and AbjadRunKey already made.
WordSimilarity ReadListedRun(const WordInfo& abjad, const Spelling& run);

// Abjad words run together, read as one Latin word: joined as written ("nwr al dyn" Nur al-Din,
// Nor Eldin) and, for the compounds "... al-Din", "Abd al-..." and "Abu al-...", joined
// without the article too, since Latin spellings assimilate its "l" or drop it ("Noureddine",
// "Nuruddin", "Abdurrahman").
class AbjadRun {
 public:
  explicit AbjadRun(std::span<const NameToken> words);
  // The better reading of the two against a Latin word; nothing unless a key meets.
  WordSimilarity Read(const Spelling& latin) const;
  // Every key a Latin word may meet the run by: each spelling's AbjadKey and its variants.
  template <typename Fn>
  void ForEachKey(Fn&& fn) const {
    for (int k = 0; k < count_; ++k) {
      if (key_[k].empty()) continue;
      fn(std::string_view(key_[k]));
      ForEachAbjadKey(variants_[k], fn);
    }
  }
  // The skeletons of its spellings: as written, then, for a compound, without the article.
  int skeletons() const { return count_; }
  std::string_view skeleton(int k = 0) const { return skeleton_[k]; }

 private:
  int count_ = 0;
  std::string text_[2], skeleton_[2], key_[2], variants_[2];
};

struct AlignedPair {
  uint8_t q_begin = 0, q_count = 1;  // query tokens [q_begin, q_begin + q_count)
  uint8_t c_begin = 0, c_count = 1;  // candidate tokens
  WordSimilarity similarity;
};

struct NameScore {
  float score = 0;
  std::vector<AlignedPair> pairs;
  int legal_form = 0;  // +1 both carry the same (class of) legal form, -1 different, 0 n/a
};

NameScore ScoreNames(const NameView& query, const NameView& candidate);

// Fills the name part of an Explanation (pairs, unmatched words, legal form).
void ExplainNames(const NameView& query, const NameView& candidate, const NameScore& score,
                  Explanation& out);

// Factor applied to a name score when the two legal forms differ ("AG" vs "GmbH").
inline constexpr float kLegalFormConflictFactor = 0.65f;
// Factor applied when two Arabic names pair words across "bin" both ways: father and son.
inline constexpr float kSwappedGenerationsFactor = 0.6f;

}  // namespace cordon::match
