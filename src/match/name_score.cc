#include "match/name_score.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <optional>

#include "base/strings.h"
#include "match/abjad_reading.h"
#include "text/name_dictionaries.h"
#include "text/normalize.h"

namespace cordon::match {
namespace {

constexpr float kSymbolSimilarity = 0.92f;
// A given name in another language's form (Iosif / Joseph) is the same name, but a person is
// written in one language's form on their own papers: weaker than a nickname, as strong as a
// consonant skeleton across scripts.
constexpr float kGivenNameSimilarity = 0.85f;
constexpr float kPhoneticSimilarity = 0.8f;
constexpr float kSkeletonSimilarity = 0.85f;
constexpr float kSkeletonNearSimilarity = 0.75f;

// An abjad word read as a Latin one: the reading's similarity, at most this for words of one
// and two consonants ("علي" / "Ali", "قصي" / "Qusay"), which need the rest of the name to agree.
constexpr float kAbjadOneConsonant = 0.88f;
constexpr float kAbjadTwoConsonants = 0.94f;
constexpr float kMinAbjadSimilarity = 0.7f;

using Mask = uint32_t;
static_assert(PreparedName::kMaxTokens <= 32);

bool Used(Mask mask, size_t begin, size_t count) {
  for (size_t i = begin; i < begin + count; ++i) {
    if (mask & (Mask{1} << i)) return true;
  }
  return false;
}

void Use(Mask& mask, size_t begin, size_t count) {
  for (size_t i = begin; i < begin + count; ++i) mask |= Mask{1} << i;
}

std::string Concat(const NameView& name, size_t begin, size_t count) {
  std::string out;
  for (size_t i = begin; i < begin + count; ++i) out += name.tokens[i].word->text;
  return out;
}

float Weight(const NameView& name, size_t begin, size_t count) {
  float w = 0;
  for (size_t i = begin; i < begin + count; ++i) w += name.tokens[i].weight;
  return w;
}

struct Candidate {
  float similarity;
  float weight;
  AlignedPair pair;
};

// Runs of two or three adjacent unused words on one side against single unused words on the
// other: "patr ushev" = "patrushev", "ramimakhlouf" = "rami makhlouf".
}  // namespace

WordSimilarity ReadListedRun(const WordInfo& abjad, const Spelling& run) {
  // Two short words run together ("al i", "bu sa") read as too many abjad words.
  if (run.abjad_key.size() < kMinSkeleton || abjad.abjad_run_key.empty()) return {};
  const Spelling abjad_spelling{abjad.text, abjad.skeleton, abjad.abjad_run_key,
                                abjad.abjad_run_key_variants};
  if (!AbjadKeysMeet(abjad_spelling, run.abjad_key)) return {};
  return ReadAcrossScripts(abjad_spelling, run);
}

WordSimilarity ReadListedRun(const WordInfo& abjad, std::string_view merged) {
  const std::string skeleton = text::SkeletonKey(merged);
  const std::string key = AbjadRunKey(merged);
  return ReadListedRun(abjad, Spelling{merged, skeleton, key});
}

namespace {

void AddMerges(const NameView& runs, Mask runs_used, const NameView& singles, Mask singles_used,
               bool runs_are_query, std::vector<Candidate>& out) {
  const size_t n = runs.tokens.size();
  for (size_t begin = 0; begin < n; ++begin) {
    // Query words may be split in three ("plat ono vich"); a query word may stand for two
    // listed words run together exactly ("ramimakhlouf"), the case the index looks up.
    const size_t max_count = runs_are_query ? 3 : 2;
    for (size_t count = 2; count <= max_count && begin + count <= n; ++count) {
      if (Used(runs_used, begin, count)) break;
      if (!runs_are_query && (runs.tokens[begin].word->text.size() < kMinMergedPart ||
                              runs.tokens[begin + 1].word->text.size() < kMinMergedPart ||
                              runs.tokens[begin].initial || runs.tokens[begin + 1].initial)) {
        continue;
      }
      const std::string merged = Concat(runs, begin, count);
      bool abjad_run = true, lossy_run = false;
      for (size_t k = begin; k < begin + count; ++k) {
        abjad_run &= runs.tokens[k].abjad;
        lossy_run |= runs.tokens[k].lossy_script;
      }
      // Abjad query words run together are read as a Latin word ("عبد الله" / "Abdullah"),
      // never as a run that ends in the article, which belongs to the word after it ("fwaz al"
      // is not "Fazal"); listed abjad runs are not read.
      const bool read_run =
          abjad_run && runs_are_query && runs.tokens[begin + count - 1].word->text != "al";
      std::optional<AbjadRun> abjad;
      if (read_run) abjad.emplace(runs.tokens.subspan(begin, count));
      for (size_t j = 0; j < singles.tokens.size(); ++j) {
        if (Used(singles_used, j, 1)) continue;
        const NameToken& single = singles.tokens[j];
        const WordInfo& w = *single.word;
        // Runs are compared as spellings only: consonant skeletons of several words run
        // together pair too easily with unrelated long words. Syllables of a lossy script run
        // together must spell the word exactly; abjad words are read, which is stricter.
        WordSimilarity s;
        if (read_run) {
          if (!single.lossy_script) s = abjad->Read({w.text, w.skeleton, w.abjad_key});
        } else if (!abjad_run) {
          s = CompareSpellings(merged, w.text, /*lossy=*/false,
                               runs_are_query && !lossy_run ? 1 : 0);
          // An abjad query word written without the space a Latin listed run has ("عبدالله" /
          // "Abd Allah", "ظاهرعويس" / "Dahir Aweys") is read as the run's words run together,
          // when their abjad keys meet (the index looks listed runs up by that key alone).
          if (!runs_are_query && single.abjad && !lossy_run && s.similarity < 1.0f) {
            const WordSimilarity read = ReadListedRun(w, merged);
            if (read.similarity > s.similarity) s = read;
          }
        }
        if (s.similarity < kMinMergeSimilarity) continue;
        Candidate c;
        c.similarity = s.similarity;
        c.weight = Weight(runs, begin, count) + single.weight;
        if (runs_are_query) {
          c.pair = {static_cast<uint8_t>(begin), static_cast<uint8_t>(count),
                    static_cast<uint8_t>(j), 1, s};
        } else {
          c.pair = {static_cast<uint8_t>(j), 1, static_cast<uint8_t>(begin),
                    static_cast<uint8_t>(count), s};
        }
        out.push_back(c);
      }
    }
  }
}

// An abbreviation on one side against a run of unused words on the other whose initials spell
// it, particles ("of", "the") skipped or not: "us" / "united states", "jc" / "jean claude".
void AddAbbreviations(const NameView& abbreviations, Mask abbreviations_used, const NameView& runs,
                      Mask runs_used, bool abbreviations_are_query, std::vector<Candidate>& out) {
  for (size_t a = 0; a < abbreviations.tokens.size(); ++a) {
    const NameToken& token = abbreviations.tokens[a];
    if (!token.abbreviation || Used(abbreviations_used, a, 1)) continue;
    const std::string& letters = token.word->text;
    for (size_t begin = 0; begin < runs.tokens.size(); ++begin) {
      for (bool skip_particles : {false, true}) {
        size_t matched = 0, end = begin;
        while (end < runs.tokens.size() && matched < letters.size() && !Used(runs_used, end, 1)) {
          const WordInfo& w = *runs.tokens[end].word;
          if (skip_particles && w.word_class == WordClass::kParticle && end > begin) {
            ++end;
            continue;
          }
          if (w.text[0] != letters[matched]) break;
          ++matched;
          ++end;
        }
        if (matched != letters.size() || end - begin < 2) continue;
        Candidate c;
        c.similarity = kAbbreviationSimilarity;
        c.weight = token.weight + Weight(runs, begin, end - begin);
        const WordSimilarity s{kAbbreviationSimilarity, Method::kInitial, 0};
        if (abbreviations_are_query) {
          c.pair = {static_cast<uint8_t>(a), 1, static_cast<uint8_t>(begin),
                    static_cast<uint8_t>(end - begin), s};
        } else {
          c.pair = {static_cast<uint8_t>(begin), static_cast<uint8_t>(end - begin),
                    static_cast<uint8_t>(a), 1, s};
        }
        out.push_back(c);
      }
    }
  }
}

void TakeGreedily(std::vector<Candidate>& candidates, Mask& q_used, Mask& c_used,
                  std::vector<AlignedPair>& pairs) {
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    if (a.similarity != b.similarity) return a.similarity > b.similarity;
    return a.weight > b.weight;
  });
  for (const Candidate& c : candidates) {
    if (Used(q_used, c.pair.q_begin, c.pair.q_count)) continue;
    if (Used(c_used, c.pair.c_begin, c.pair.c_count)) continue;
    Use(q_used, c.pair.q_begin, c.pair.q_count);
    Use(c_used, c.pair.c_begin, c.pair.c_count);
    pairs.push_back(c.pair);
  }
}

}  // namespace

std::string_view MethodName(Method method) {
  switch (method) {
    case Method::kNone:
      return "none";
    case Method::kExact:
      return "exact";
    case Method::kSymbol:
      return "symbol";
    case Method::kTypo:
      return "typo";
    case Method::kPhonetic:
      return "phonetic";
    case Method::kInitial:
      return "initial";
    case Method::kScript:
      return "script";
  }
  return "none";
}

int EditBudget(size_t longest) {
  if (longest <= 1) return 0;
  if (longest == 2) return 1;  // a vowel only: TypoSimilarity allows no more
  if (longest <= 5) return 1;
  return 2;
}

namespace {

bool IsVowelLetter(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

// The cost of the cheapest optimal string alignment of a and b (a transposition is one edit)
// under `Costs`, or `limit` + 1 when it exceeds `limit`. Every insertion or deletion costs at
// least 1, so an alignment within `limit` stays within that many cells of the diagonal: only
// that band is computed, over three rotating rows, and the rows stop as soon as every cell of
// one exceeds `limit`. REQUIRES: neither longer than kMaxEditLength.
template <typename Costs>
int BandedAlignmentCost(std::string_view a, std::string_view b, int limit) {
  const int n = static_cast<int>(a.size()), m = static_cast<int>(b.size());
  if (std::abs(n - m) > limit) return limit + 1;
  constexpr int kFar = 1 << 20;
  std::array<int, kMaxEditLength + 2> rows[3];
  int* before = rows[0].data();
  int* previous = rows[1].data();
  int* current = rows[2].data();
  previous[0] = 0;
  for (int j = 1; j <= m; ++j) {
    previous[j] = j <= limit ? previous[j - 1] + Costs::Indel(b[j - 1]) : kFar;
  }
  for (int j = 0; j <= m; ++j) before[j] = kFar;
  for (int i = 1; i <= n; ++i) {
    const char x = a[i - 1];
    const int lo = std::max(1, i - limit), hi = std::min(m, i + limit);
    current[0] = i <= limit ? previous[0] + Costs::Indel(x) : kFar;
    if (lo > 1) current[lo - 1] = kFar;
    int row_min = current[0];
    for (int j = lo; j <= hi; ++j) {
      const char y = b[j - 1];
      int v = std::min({previous[j] + Costs::Indel(x), current[j - 1] + Costs::Indel(y),
                        previous[j - 1] + Costs::Substitution(x, y)});
      if (i > 1 && j > 1 && x == b[j - 2] && a[i - 2] == y) {
        v = std::min(v, before[j - 2] + Costs::kTransposition);
      }
      current[j] = v;
      row_min = std::min(row_min, v);
    }
    if (hi < m) current[hi + 1] = kFar;
    if (row_min > limit) return limit + 1;
    int* spare = before;
    before = previous;
    previous = current;
    current = spare;
  }
  return std::min(previous[m], limit + 1);
}

// In half letters, vowels weighing half: transliterations and typos change vowels ("Schulze" /
// "Scholz", "Merkur" / "Merkel") far more often than they change consonants, which set names
// apart ("Orbach" / "Orban", "Navros" / "Lavrov").
struct VowelHalfCosts {
  static int Indel(char c) { return IsVowelLetter(c) ? 1 : 2; }
  static int Substitution(char x, char y) {
    return x == y ? 0 : (IsVowelLetter(x) && IsVowelLetter(y) ? 1 : 2);
  }
  static constexpr int kTransposition = 2;
};

// The optimal-string-alignment distance of `pattern` (1 to 64 letters) and `text`, a column of
// the dynamic programme at a time, its vertical differences as bit vectors (Hyyrö, "A
// bit-vector algorithm for computing Levenshtein and Damerau edit distances", 2003): a dozen
// word operations a letter of `text`, where the band of the matrix costs a dozen a cell.
int BitParallelOsaDistance(std::string_view pattern, std::string_view text) {
  const size_t m = pattern.size();
  // Where each letter occurs in the pattern; only the pattern's entries are set, and cleared.
  thread_local std::array<uint64_t, 256> occurs{};
  for (size_t i = 0; i < m; ++i) occurs[static_cast<unsigned char>(pattern[i])] |= uint64_t{1} << i;
  const uint64_t last = uint64_t{1} << (m - 1);
  uint64_t positive = ~uint64_t{0}, negative = 0;  // vertical differences +1 and -1
  uint64_t zero = 0;                               // diagonal differences of 0
  uint64_t previous_occurs = 0;
  int distance = static_cast<int>(m);
  for (char c : text) {
    const uint64_t here = occurs[static_cast<unsigned char>(c)];
    // A transposition: this letter ends a swapped pair whose first half the last column met.
    const uint64_t transposed = (((~zero) & here) << 1) & previous_occurs;
    zero = (((here & positive) + positive) ^ positive) | here | negative | transposed;
    uint64_t horizontal_positive = negative | ~(zero | positive);
    uint64_t horizontal_negative = zero & positive;
    distance += (horizontal_positive & last) != 0;
    distance -= (horizontal_negative & last) != 0;
    horizontal_positive = (horizontal_positive << 1) | 1;
    horizontal_negative <<= 1;
    positive = horizontal_negative | ~(zero | horizontal_positive);
    negative = zero & horizontal_positive;
    previous_occurs = here;
  }
  for (size_t i = 0; i < m; ++i) occurs[static_cast<unsigned char>(pattern[i])] = 0;
  return distance;
}

}  // namespace

int BoundedEditDistance(std::string_view a, std::string_view b, int max_distance) {
  const size_t longest = std::max(a.size(), b.size());
  if (std::abs(static_cast<int>(a.size()) - static_cast<int>(b.size())) > max_distance) {
    return max_distance + 1;
  }
  if (longest > kMaxEditLength) return a == b ? 0 : max_distance + 1;
  if (a.empty() || b.empty()) return std::min(static_cast<int>(longest), max_distance + 1);
  return std::min(BitParallelOsaDistance(a, b), max_distance + 1);
}

namespace {

// The VowelHalfCosts cost of two spellings one edit apart (BoundedEditDistance 1), without the
// matrix: every edit costs one or two halves, so the cost is one half exactly when a single
// edit that touches only vowels turns one into the other, and two otherwise. Of equal length,
// that edit is the one substitution (a swap of two letters costs two); one letter longer, the
// letter deleted is any of a run of equal letters, which begins where the two first differ.
int HalvesOfOneEdit(std::string_view a, std::string_view b) {
  if (a.size() < b.size()) std::swap(a, b);
  size_t i = 0;
  while (i < b.size() && a[i] == b[i]) ++i;
  if (a.size() == b.size()) {
    const bool substitution = a.substr(i + 1) == b.substr(i + 1);
    return substitution && IsVowelLetter(a[i]) && IsVowelLetter(b[i]) ? 1 : 2;
  }
  return IsVowelLetter(a[i]) ? 1 : 2;
}

}  // namespace

float TypoSimilarity(std::string_view a, std::string_view b, int distance) {
  if (distance == 0) return 1.0f;
  const size_t longest = std::max(a.size(), b.size());
  if (longest > kMaxEditLength) return 0.0f;
  // Allowed cost, in half letters: 0.5 up to 2 letters, 1 up to 5, 1.5 up to 7, else 2.
  const int allowed = longest <= 2 ? 1 : longest <= 5 ? 2 : (longest <= 7 ? 3 : 4);
  const int halves =
      distance == 1 ? HalvesOfOneEdit(a, b) : BandedAlignmentCost<VowelHalfCosts>(a, b, allowed);
  if (halves > allowed) return 0.0f;
  return 1.0f - (static_cast<float>(halves) / 2.0f) / static_cast<float>(longest + 1);
}

WordSimilarity CompareSpellings(std::string_view a, std::string_view b, bool lossy,
                                int max_budget) {
  if (a == b) return {1.0f, Method::kExact, 0};
  WordSimilarity best;
  const size_t longest = std::max(a.size(), b.size());
  const int budget = std::min(EditBudget(longest), max_budget);
  if (budget > 0) {
    const int d = BoundedEditDistance(a, b, budget);
    if (d <= budget) {
      const float sim = TypoSimilarity(a, b, d);
      if (sim > 0) best = {sim, Method::kTypo, 0};
    }
  }
  if (lossy && best.similarity < kSkeletonSimilarity) {
    const std::string sa = text::SkeletonKey(a), sb = text::SkeletonKey(b);
    if (sa == sb && sa.size() >= kMinSkeleton) {
      best = {kSkeletonSimilarity, Method::kScript, 0};
    } else if (sa.size() >= kMinNearSkeleton && sb.size() >= kMinNearSkeleton &&
               std::max(sa.size(), sb.size()) > kMinNearSkeleton &&
               BoundedEditDistance(sa, sb, 1) <= 1 && best.similarity < kSkeletonNearSimilarity) {
      best = {kSkeletonNearSimilarity, Method::kScript, 0};
    }
  }
  return best;
}

std::string AbjadKey(std::string_view skeleton) {
  std::string key;
  for (char c : skeleton) {
    if (c != 'h' && (key.empty() || key.back() != c)) key += c;
  }
  if (key.size() > 1 && key.back() == 't') key.pop_back();
  // A word of vowels and h alone ("yhyy" Yahya) keeps its h.
  return key.empty() ? std::string(skeleton) : key;
}

namespace {

bool KeyAmong(std::string_view key, std::string_view keys) {
  bool found = false;
  ForEachAbjadKey(keys, [&](std::string_view k) { found |= k == key; });
  return found;
}

}  // namespace

namespace {

std::string KeyOf(std::string_view folded_word, bool l_apart_from_r) {
  return AbjadKey(text::SkeletonKey(folded_word, l_apart_from_r));
}

std::string KeyVariants(std::string_view folded_word, bool l_apart_from_r) {
  if (folded_word.size() < 2) return "";
  const std::string main = KeyOf(folded_word, l_apart_from_r);
  std::string out;
  auto add = [&](const std::string& reading) {
    if (reading == folded_word) return;
    const std::string key = KeyOf(reading, l_apart_from_r);
    if (key.empty() || key == main || KeyAmong(key, out)) return;
    if (!out.empty()) out += '|';
    out += key;
  };
  // Each letter ICU writes one way and Latin spellings of names write another: every
  // occurrence rewritten, and each alone when there are several, since a word may hold the
  // letter and its look-alike ("محمدرضا" Mohammad Reza: dal, then dad; "موسوی" Mousavi: waw
  // as a vowel, then as v).
  constexpr size_t kMaxSingleRewrites = 4;
  auto rewrites = [](std::string_view word, std::string_view from, std::string_view to,
                     size_t start) {
    std::vector<size_t> at;
    for (size_t k = word.find(from, start); k != std::string_view::npos;
         k = word.find(from, k + from.size())) {
      // "s" and "d" alone, not as the first letter of ICU's "sh" and "dh".
      if (from.size() == 1 && k + 1 < word.size() && word[k + 1] == 'h') continue;
      at.push_back(k);
    }
    std::vector<std::string> spellings;
    if (at.empty()) return spellings;
    auto rewritten = [&](size_t first, size_t last) {
      std::string reading;
      size_t copied = 0;
      for (size_t i = first; i < last; ++i) {
        reading.append(word.substr(copied, at[i] - copied));
        reading.append(to);
        copied = at[i] + from.size();
      }
      reading.append(word.substr(copied));
      return reading;
    };
    spellings.push_back(rewritten(0, at.size()));
    if (at.size() > 1 && at.size() <= kMaxSingleRewrites) {
      for (size_t i = 0; i < at.size(); ++i) {
        // Only occurrence i: the others are copied as written.
        std::string reading(word);
        reading.replace(at[i], from.size(), to);
        spellings.push_back(std::move(reading));
      }
    }
    return spellings;
  };
  // Persian waw: Javad, Vahid. Persian names write it so beside the other letters below, so
  // each of those is read with the waw as written and as v (Mortazavi: dad and waw).
  std::vector<std::string> readings = {std::string(folded_word)};
  for (std::string& reading : rewrites(folded_word, "w", "v", 1)) {
    add(reading);
    readings.push_back(std::move(reading));
  }
  for (const std::string& word : readings) {
    auto add_all = [&](std::string_view from, std::string_view to) {
      for (const std::string& reading : rewrites(word, from, to, 0)) add(reading);
    };
    add_all("th", "s");   // Persian and Urdu tha: Saqib, Wasiq, Sanaullah
    add_all("dh", "z");   // Persian and Urdu dhal: Zakir, Nazir
    add_all("d", "z");    // dad, which ICU writes d: Zia, Fazal, Ramazan
    add_all("z", "d");    // za, written dh or d in Iraq and the Gulf: Dhafer
    add_all("j", "g");    // Egyptian jim: Ragab, Gamal
    add_all("sh", "ch");  // French shin: Akkacha, Alouche
    add_all("kh", "ch");  // kha as German and Dutch write it: Barich, Barech
    add_all("s", "c");    // French sin before e and i: Lounici
  }
  if (folded_word[0] == 'w') add(std::string(folded_word.substr(1)));  // French "ou": Ouni
  return out;
}

}  // namespace

std::string AbjadKeyVariants(std::string_view folded_word) {
  // An abjad query's words and runs are read against every candidate name it is scored with
  // (AbjadRun), and the variants take a few microseconds to make: each thread keeps those it
  // made last.
  constexpr size_t kRemembered = 4096;
  thread_local StringMap<std::string> made;
  if (const auto it = made.find(folded_word); it != made.end()) return it->second;
  if (made.size() >= kRemembered) made.clear();
  std::string variants = KeyVariants(folded_word, /*l_apart_from_r=*/false);
  made.emplace(folded_word, variants);
  return variants;
}

std::string AbjadRunKey(std::string_view folded_word) {
  return KeyOf(folded_word, /*l_apart_from_r=*/true);
}

AbjadRunKeys AbjadRunKeysOf(std::string_view folded_abjad_word) {
  return {AbjadRunKey(folded_abjad_word), KeyVariants(folded_abjad_word, /*l_apart_from_r=*/true)};
}

AbjadRun::AbjadRun(std::span<const NameToken> words) {
  for (const NameToken& t : words) text_[0] += t.word->text;
  count_ = 1;
  // Only the compounds Latin writes as one word: "... al-Din" (Noureddine, Salahuddin) and
  // "Abd al-...", "Abu al-..." (Abdurrahman, Abulhassan); "Karim al-Alyan" stays two names.
  for (size_t k = 1; k + 1 < words.size(); ++k) {
    if (words[k].word->text != "al") continue;
    const std::string_view before = words[k - 1].word->text, after = words[k + 1].word->text;
    if (after != "dyn" && before != "bd" && before != "abw") continue;
    for (size_t j = 0; j < words.size(); ++j) {
      if (j == 0 || words[j].word->text != "al") text_[1] += words[j].word->text;
    }
    count_ = 2;
    break;
  }
  for (int k = 0; k < count_; ++k) {
    skeleton_[k] = text::SkeletonKey(text_[k]);
    key_[k] = AbjadKey(skeleton_[k]);
    variants_[k] = AbjadKeyVariants(text_[k]);
  }
}

WordSimilarity AbjadRun::Read(const Spelling& latin) const {
  WordSimilarity best;
  for (int k = 0; k < count_; ++k) {
    const WordSimilarity s =
        ReadAcrossScripts({text_[k], skeleton_[k], key_[k], variants_[k]}, latin);
    if (s.similarity > best.similarity) best = s;
  }
  return best;
}

bool AbjadKeysMeet(const Spelling& abjad, std::string_view latin_key) {
  return !abjad.abjad_key.empty() &&
         (abjad.abjad_key == latin_key || KeyAmong(latin_key, abjad.abjad_key_variants));
}

WordSimilarity ReadAcrossScripts(const Spelling& abjad, const Spelling& latin) {
  const bool keys_meet = AbjadKeysMeet(abjad, latin.abjad_key);
  if (!keys_meet) {
    const std::string_view a = abjad.skeleton, b = latin.skeleton;
    const bool near = a.size() >= kMinNearSkeleton && b.size() >= kMinNearSkeleton &&
                      std::max(a.size(), b.size()) > kMinNearSkeleton &&
                      BoundedEditDistance(a, b, 1) <= 1;
    if (!near) return {};
  }
  const AbjadReading reading = ReadAbjadAsLatin(abjad.text, latin.text, kMinAbjadSimilarity);
  float similarity = reading.similarity;
  if (reading.consonants <= 1) similarity = std::min(similarity, kAbjadOneConsonant);
  if (reading.consonants == 2) similarity = std::min(similarity, kAbjadTwoConsonants);
  if (similarity < kMinAbjadSimilarity) return {};
  return {similarity, Method::kScript, 0};
}

WordSimilarity CompareWords(const NameToken& q, const NameToken& c) {
  const WordInfo& a = *q.word;
  const WordInfo& b = *c.word;
  if (q.initial || c.initial) {
    // Initials confirm a name found by other words; two equal initials count as initials.
    if (q.initial && c.initial) {
      return a.text == b.text ? WordSimilarity{1.0f, Method::kInitial, 0} : WordSimilarity{};
    }
    const std::string& whole = q.initial ? b.text : a.text;
    const std::string& letter = q.initial ? a.text : b.text;
    if (whole[0] == letter[0]) return {kInitialSimilarity, Method::kInitial, 0};
    return {};
  }
  if (&a == &b || a.text == b.text) return {1.0f, Method::kExact, 0};
  if (a.word_class == WordClass::kNumber || b.word_class == WordClass::kNumber) return {};
  WordSimilarity best;
  for (uint32_t s : a.symbols) {
    if (std::find(b.symbols.begin(), b.symbols.end(), s) != b.symbols.end()) {
      const float similarity = text::NameDictionaries::Get().IsGivenNameSymbol(s)
                                   ? kGivenNameSimilarity
                                   : kSymbolSimilarity;
      if (similarity > best.similarity) best = {similarity, Method::kSymbol, s};
      if (similarity == kSymbolSimilarity) break;
    }
  }
  const bool lossy = q.lossy_script || c.lossy_script;
  // Letters standing for words are exact or another organisation: "N.A.B.C." is not "A.B.C.".
  const bool abbreviation = q.abbreviation || c.abbreviation;
  if (best.similarity < 0.9f && !abbreviation) {
    // Every spelling of one against every spelling of the other: the word as folded and its
    // other romanisations (Cyrillic's scholarly reading beside BGN).
    // `spellings` says which were compared, for the explanation: 1 + the index of the
    // query's alternative in the low byte, of the listed word's in the next, 0 for the word.
    auto typo = [&](std::string_view x, std::string_view y, uint32_t spellings) {
      const size_t longest = std::max(x.size(), y.size());
      const int budget = EditBudget(longest);
      if (budget <= 0 && x != y) return;
      const int d = x == y ? 0 : BoundedEditDistance(x, y, budget);
      if (d > budget) return;
      float s = TypoSimilarity(x, y, d);
      // Two romanisations of the same lossy script differ only where the original letters
      // differ ("이재형" / "이재명"): that is a different name more often than a typo.
      if (q.lossy_script && c.lossy_script) s = std::max(0.0f, 2 * s - 1);
      // A syllable of a syllabic script one letter off is another syllable ("su" / "si",
      // "jong" / "mong"): no evidence at all. A query written in Han or Hangul is read
      // exactly, syllable by syllable, so there that holds at every length ("cheng" / "chen").
      if (lossy && (longest <= 4 || q.syllable) && d > 0) s = 0;
      if (s > best.similarity) best = {s, Method::kTypo, spellings};
    };
    typo(a.text, b.text, 0);
    const uint32_t a_count = std::min<uint32_t>(a.alternatives.size(), 255);
    const uint32_t b_count = std::min<uint32_t>(b.alternatives.size(), 255);
    for (uint32_t i = 0; i < a_count; ++i) {
      typo(a.alternatives[i], b.text, i + 1);
      for (uint32_t j = 0; j < b_count; ++j) {
        typo(a.alternatives[i], b.alternatives[j], (i + 1) | ((j + 1) << 8));
      }
    }
    for (uint32_t j = 0; j < b_count; ++j) typo(a.text, b.alternatives[j], (j + 1) << 8);
  }
  // An abjad word against a Latin one: the abjad's letters read as the Latin spelling.
  // Only an abjad query word is read so: a Latin query finds an entity by its Latin names, and
  // reading every Latin query word against every listed abjad word would cost every query.
  if (q.abjad && !c.lossy_script) {
    const WordSimilarity read = ReadAcrossScripts(
        {a.text, a.skeleton, a.abjad_key, a.abjad_key_variants}, {b.text, b.skeleton, b.abjad_key});
    return read.similarity > best.similarity ? read : best;
  }
  // Phonetic keys are for Latin spelling variants; romanised syllables of lossy scripts are
  // too short and too alike for them ("zhang" / "cheng") and have the skeleton instead.
  if (!lossy && best.similarity < kPhoneticSimilarity && a.phonetic.size() >= kMinPhonetic &&
      a.phonetic == b.phonetic && a.text.size() >= 3 && b.text.size() >= 3) {
    best = {kPhoneticSimilarity, Method::kPhonetic, 0};
  }
  if (lossy && best.similarity < kSkeletonSimilarity) {
    if (a.skeleton.size() >= kMinSkeleton && a.skeleton == b.skeleton) {
      best = {kSkeletonSimilarity, Method::kScript, 0};
    } else if (best.similarity < kSkeletonNearSimilarity && a.skeleton.size() >= kMinNearSkeleton &&
               b.skeleton.size() >= kMinNearSkeleton &&
               std::max(a.skeleton.size(), b.skeleton.size()) > kMinNearSkeleton &&
               BoundedEditDistance(a.skeleton, b.skeleton, 1) <= 1) {
      best = {kSkeletonNearSimilarity, Method::kScript, 0};
    }
  }
  return best;
}

namespace {

// The position of the first "bin", "ibn" or "bint" inside a name (neither first nor last), or
// the name's size when it has none.
size_t SonOfAt(const NameView& name) {
  const size_t n = name.tokens.size();
  for (size_t i = 1; i + 1 < n; ++i) {
    const std::string& w = name.tokens[i].word->text;
    if (w == "bin" || w == "ibn" || w == "bint" || w == "bn" || w == "bnt" || w == "abn") return i;
  }
  return n;
}

bool SwapsGenerations(const NameView& query, const NameView& candidate,
                      std::span<const AlignedPair> pairs) {
  const size_t q_bin = SonOfAt(query), c_bin = SonOfAt(candidate);
  if (q_bin == query.tokens.size() || c_bin == candidate.tokens.size()) return false;
  bool son_as_father = false, father_as_son = false;
  for (const AlignedPair& p : pairs) {
    if (p.q_begin == q_bin || p.c_begin == c_bin) continue;
    const bool q_son = p.q_begin < q_bin, c_son = p.c_begin < c_bin;
    son_as_father |= q_son && !c_son;
    father_as_son |= !q_son && c_son;
  }
  return son_as_father && father_as_son;
}

// The score of one alignment: the weighted similarity of its pairs against what is left over.
float ScoreAlignment(const NameView& query, const NameView& candidate,
                     std::span<const AlignedPair> pairs, Mask q_used, Mask c_used) {
  const size_t n = query.tokens.size(), m = candidate.tokens.size();
  const Mask q_all = n == 32 ? ~Mask{0} : (Mask{1} << n) - 1;
  const Mask c_all = m == 32 ? ~Mask{0} : (Mask{1} << m) - 1;
  bool found_by_more_than_initials = false, found_by_initials = false;
  float numerator = 0, denominator = 0;
  for (const AlignedPair& p : pairs) {
    const float w = Weight(query, p.q_begin, p.q_count) + Weight(candidate, p.c_begin, p.c_count);
    numerator += p.similarity.similarity * w;
    denominator += w;
    found_by_more_than_initials |= p.similarity.method != Method::kInitial;
    // A single letter on either side ("B." for Barnett, "L" for "L"), not an abbreviation's
    // letters against the words they stand for ("U.S." / "United States").
    found_by_initials |= p.similarity.method == Method::kInitial && p.q_count == 1 &&
                         p.c_count == 1 &&
                         (query.tokens[p.q_begin].initial || candidate.tokens[p.c_begin].initial);
  }
  if (!found_by_more_than_initials) return 0;
  // Words left over on both sides are a substitution ("AL-DULAIMI" for "AL-TIKRITI"): a
  // different person more often than an omission is, so both sides then cost more.
  // An initial is only a first letter: beside a word left over on the other side a name
  // found by initials is as much a substitution ("James Barnett" / "Lizzette B. Jaimes", "L & H
  // Sweden" / "L & H Mendez Sweden").
  const bool candidate_leftover = c_used != c_all;
  const bool query_leftover = q_used != q_all;
  const bool conflict = (candidate_leftover && (query_leftover || found_by_initials)) ||
                        (query_leftover && found_by_initials);
  const float query_cost = conflict ? kQueryConflictCost : kQueryLeftoverCost;
  const float listed_cost = conflict ? kListedConflictCost : kListedLeftoverCost;

  for (size_t i = 0; i < n; ++i) {
    if (q_used & (Mask{1} << i)) continue;
    // An initial that matches nothing while the listed name has a word to spare contradicts
    // it ("Hans O Friedrich" / "Hans Joachim Friedrich").
    const float w = query.tokens[i].initial && candidate_leftover ? 1.0f : query.tokens[i].weight;
    // A number only one name has tells two funds, trusts or branches apart; a Han or Hangul
    // syllable the listed name lacks is a surname or half a given name of another person
    // ("이수빈" is not "Su Bin").
    const bool conflicting = query.tokens[i].numeral || query.tokens[i].syllable;
    denominator += (conflicting ? kQueryConflictCost : query_cost) * w;
  }
  for (size_t j = 0; j < m; ++j) {
    if (c_used & (Mask{1} << j)) continue;
    // A country in a listed organisation's name the query lacks names a branch of its own
    // ("Banco Santander Mexico" is not "Banco Santander"): it costs like a substitution.
    const bool branch =
        candidate.tokens[j].word->place && candidate.role == NameRole::kOrganization;
    denominator += (branch ? kListedConflictCost : listed_cost) * candidate.tokens[j].weight;
  }
  float score = denominator > 0 ? numerator / denominator : 0;
  // "X bin Y" is X, son of Y: a name whose words pair across "bin" both ways is the father's
  // name for the son's ("Ibrahim bin Saif al-Din" / "Saif al-Din bin Ibrahim").
  if (SwapsGenerations(query, candidate, pairs)) score *= kSwappedGenerationsFactor;
  return score;
}

// Abbreviations against runs of the words still unused.
void TakeAbbreviations(const NameView& query, const NameView& candidate, Mask& q_used, Mask& c_used,
                       std::vector<Candidate>& scratch, std::vector<AlignedPair>& pairs) {
  scratch.clear();
  AddAbbreviations(query, q_used, candidate, c_used, /*abbreviations_are_query=*/true, scratch);
  AddAbbreviations(candidate, c_used, query, q_used, /*abbreviations_are_query=*/false, scratch);
  TakeGreedily(scratch, q_used, c_used, pairs);
}

}  // namespace

NameScore ScoreNames(const NameView& query, const NameView& candidate) {
  NameScore out;
  const size_t n = query.tokens.size(), m = candidate.tokens.size();
  if (n == 0 || m == 0) return out;

  // Scratch reused across calls on this thread: scoring must not allocate per pair.
  thread_local std::vector<Candidate> singles, scratch;
  singles.clear();
  out.pairs.reserve(std::min(n, m) + 2);
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = 0; j < m; ++j) {
      WordSimilarity s = CompareWords(query.tokens[i], candidate.tokens[j]);
      if (s.similarity <= 0) continue;
      singles.push_back({s.similarity,
                         query.tokens[i].weight + candidate.tokens[j].weight,
                         {static_cast<uint8_t>(i), 1, static_cast<uint8_t>(j), 1, s}});
    }
  }
  Mask q_used = 0, c_used = 0;
  TakeGreedily(singles, q_used, c_used, out.pairs);

  const Mask q_all = n == 32 ? ~Mask{0} : (Mask{1} << n) - 1;
  const Mask c_all = m == 32 ? ~Mask{0} : (Mask{1} << m) - 1;
  if (q_used != q_all && c_used != c_all) {
    scratch.clear();
    AddMerges(query, q_used, candidate, c_used, /*runs_are_query=*/true, scratch);
    AddMerges(candidate, c_used, query, q_used, /*runs_are_query=*/false, scratch);
    TakeGreedily(scratch, q_used, c_used, out.pairs);
  }
  if (q_used != q_all && c_used != c_all) {
    TakeAbbreviations(query, candidate, q_used, c_used, scratch, out.pairs);
  }
  out.score = ScoreAlignment(query, candidate, out.pairs, q_used, c_used);

  // Words still left over may be a single word's doing: it took a listed word that a run of
  // it and its neighbour spells better ("nwr" took "Noori", leaving "nwr allh" without
  // "Norullah" and "nwry" without "Noori"; "akhwnd" took "Akhunzada" from "akhwnd zadh"). The
  // runs are then aligned first, and the better of the two alignments counts. Only for a
  // query in a script that loses letters: its short words are the ones that read as many
  // listed words, and a second alignment of every Latin query would cost a sixth of the time.
  bool lossy_query = false;
  for (const NameToken& t : query.tokens) lossy_query |= t.lossy_script;
  if (n > 1 && lossy_query && (q_used != q_all || c_used != c_all)) {
    thread_local std::vector<AlignedPair> runs_first;
    runs_first.clear();
    Mask q_runs = 0, c_runs = 0;
    scratch.clear();
    AddMerges(query, 0, candidate, 0, /*runs_are_query=*/true, scratch);
    AddMerges(candidate, 0, query, 0, /*runs_are_query=*/false, scratch);
    if (!scratch.empty()) {
      TakeGreedily(scratch, q_runs, c_runs, runs_first);
      TakeGreedily(singles, q_runs, c_runs, runs_first);
      if (q_runs != q_all && c_runs != c_all) {
        TakeAbbreviations(query, candidate, q_runs, c_runs, scratch, runs_first);
      }
      const float score = ScoreAlignment(query, candidate, runs_first, q_runs, c_runs);
      if (score > out.score) {
        out.score = score;
        out.pairs.assign(runs_first.begin(), runs_first.end());
      }
    }
  }

  if (!query.legal_form.empty() && !candidate.legal_form.empty()) {
    const bool same = query.legal_form == candidate.legal_form ||
                      (!query.legal_form_generic.empty() &&
                       query.legal_form_generic == candidate.legal_form_generic);
    out.legal_form = same ? 1 : -1;
    if (!same) out.score *= kLegalFormConflictFactor;
  }
  return out;
}

void ExplainNames(const NameView& query, const NameView& candidate, const NameScore& score,
                  Explanation& out) {
  const text::NameDictionaries& dict = text::NameDictionaries::Get();
  Mask q_used = 0, c_used = 0;
  auto words = [](const NameView& name, size_t begin, size_t count) {
    std::string s;
    for (size_t i = begin; i < begin + count; ++i) {
      if (!s.empty()) s += ' ';
      s += name.tokens[i].word->text;
    }
    return s;
  };
  const bool swapped = SwapsGenerations(query, candidate, score.pairs);
  const size_t q_bin = SonOfAt(query), c_bin = SonOfAt(candidate);
  for (const AlignedPair& p : score.pairs) {
    TokenPair t;
    t.query = words(query, p.q_begin, p.q_count);
    t.entity = words(candidate, p.c_begin, p.c_count);
    t.similarity = p.similarity.similarity;
    // Another romanisation spelt the same is an exact match, though found among the typos.
    const bool spelt_the_same =
        p.similarity.method == Method::kTypo && p.similarity.similarity >= 1.0f;
    t.how = std::string(MethodName(spelt_the_same ? Method::kExact : p.similarity.method));
    if (p.similarity.method == Method::kSymbol) {
      // A given name in another language's form says so: "oleksandr ~ aleksandr
      // given-name:ALEXANDER", where "symbol:BIN" is the same name part spelt differently.
      t.how = dict.IsGivenNameSymbol(p.similarity.symbol) ? "given-name:" : "symbol:";
      t.how += dict.SymbolName(p.similarity.symbol);
    }
    // The romanisation each side was read by, where either was not written in Latin or was
    // read another way: "choe = choe exact (Hangul McCune-Reischauer as the North writes
    // it)", "sergejs ~ sergey exact (Latvian or Lithuanian form)".
    if (p.q_count == 1 && p.c_count == 1) {
      // A word's alternatives are kept per word, not per name: a Latin "sergey" carries the
      // scholarly "sergej" of a Cyrillic Сергей listed elsewhere. Only readings of Latin
      // spellings (the press's, Wade-Giles) or of a word not written in Latin name the rule.
      auto reading = [](const NameToken& token, uint32_t alternative) {
        const WordInfo& w = *token.word;
        if (alternative > 0 && alternative <= w.alternative_readings.size()) {
          const text::Reading r = w.alternative_readings[alternative - 1];
          const bool of_latin = r == text::Reading::kGermanPress ||
                                r == text::Reading::kFrenchPress ||
                                r == text::Reading::kPolishPress ||
                                r == text::Reading::kBalticForm || r == text::Reading::kWadeGiles;
          return of_latin || token.reading != text::Reading::kAsWritten ? r
                                                                        : text::Reading::kAsWritten;
        }
        return token.reading;
      };
      const bool typo = p.similarity.method == Method::kTypo;
      const text::Reading q_reading =
          reading(query.tokens[p.q_begin], typo ? p.similarity.symbol & 0xff : 0);
      const text::Reading c_reading =
          reading(candidate.tokens[p.c_begin], typo ? (p.similarity.symbol >> 8) & 0xff : 0);
      std::string rule(text::ReadingName(q_reading));
      const std::string_view listed_rule = text::ReadingName(c_reading);
      if (!listed_rule.empty() && listed_rule != rule) {
        rule += rule.empty() ? "listed: " : " ~ ";
        rule += listed_rule;
      }
      if (!rule.empty()) t.how += " (" + rule + ")";
    }
    if (swapped && p.q_begin != q_bin && p.c_begin != c_bin &&
        (p.q_begin < q_bin) != (p.c_begin < c_bin)) {
      t.how +=
          p.q_begin < q_bin ? " (son's name as the father's)" : " (father's name as the son's)";
    }
    if (p.q_count > 1 || p.c_count > 1) t.how = "merged+" + t.how;
    out.pairs.push_back(std::move(t));
    Use(q_used, p.q_begin, p.q_count);
    Use(c_used, p.c_begin, p.c_count);
  }
  for (size_t i = 0; i < query.tokens.size(); ++i) {
    if (!(q_used & (Mask{1} << i))) out.unmatched_query.push_back(query.tokens[i].word->text);
  }
  for (size_t j = 0; j < candidate.tokens.size(); ++j) {
    if (!(c_used & (Mask{1} << j))) {
      out.unmatched_entity.push_back(candidate.tokens[j].word->text);
    }
  }
  if (score.legal_form != 0) {
    out.legal_form = std::string(query.legal_form) + (score.legal_form > 0 ? " = " : " != ") +
                     std::string(candidate.legal_form);
    if (!candidate.legal_form_generic.empty()) {
      out.legal_form += " (" + std::string(candidate.legal_form_generic) + ")";
    }
  }
}

}  // namespace cordon::match
