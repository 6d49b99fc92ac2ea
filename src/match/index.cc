#include "match/index.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <chrono>
#include <cmath>
#include <deque>
#include <functional>
#include <limits>
#include <optional>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>

#include "base/huge_pages.h"
#include "match/features.h"
#include "match/name_score.h"
#include "match/prepared.h"
#include "text/normalize.h"

namespace cordon::match {
namespace {

// Keys are strings hashed as a polynomial in a large odd base (the key kind its leading term),
// finished by a mixer so that the low bits a table takes are well spread. A polynomial is what
// makes deletions cheap: the value of a string without one or two of its letters is a sum of
// its prefix and suffix values, so a word's whole deletion neighbourhood costs a multiply or
// two a variant instead of a pass over the word.
constexpr uint64_t kHashBase = 0x100000001B3ull * 0x9E3779B97F4A7C15ull | 1;

uint64_t FinishHash(uint64_t polynomial) {
  polynomial ^= polynomial >> 33;
  polynomial *= 0xFF51AFD7ED558CCDull;
  polynomial ^= polynomial >> 33;
  polynomial *= 0xC4CEB9FE1A85EC53ull;
  polynomial ^= polynomial >> 33;
  return polynomial;
}

uint64_t KindTerm(uint8_t kind) { return 0x9E3779B97F4A7C15ull * (uint64_t{kind} + 1); }

uint64_t Hash(uint8_t kind, std::string_view s) {
  uint64_t h = KindTerm(kind);
  for (char c : s) h = h * kHashBase + static_cast<unsigned char>(c);
  return FinishHash(h);
}

// Skeleton keys exist twice: for every word (a query word from a lossy script may meet any
// listed word) and for words seen in a lossy script only (all a Latin query word can meet).
// An abjad query word meets a listed word by AbjadKey (name_score.h) at any length: that key is
// kept for every word.
enum KeyKind : uint8_t {
  kDeletion = 1,
  kPhonetic,
  kSkeleton,
  kSkeletonDeletion,
  kLossySkeleton,
  kLossySkeletonDeletion,
  kSymbol,
  kAbjadKey,
  // An index of names as queries (BuildOptions::names_as_queries) files its abjad words under
  // the AbjadKeys such a query would probe with, for a mirrored search's Latin words.
  kMirrorAbjadKey,
  // Two adjacent Latin words of a listed name, run together, by their AbjadRunKey: an abjad
  // query word written without the space between them reads as them (ReadListedRun).
  kListedRunAbjadKey,
  // With names_as_queries: the index's abjad words by their AbjadRunKeysOf, the keys a mirrored
  // search's two Latin words run together probe with (ReadListedRun).
  kMirrorAbjadRunKey,
  // Every word by its text (Impl::words_by_text).
  kWholeWord,
};

// prefix[i]: the polynomial of `lead` then text[0, i); power[i]: base^i; for i in [0, |text|].
void PrefixValues(uint64_t lead, std::string_view text, std::vector<uint64_t>& prefix,
                  std::vector<uint64_t>& power) {
  const size_t n = text.size();
  prefix.resize(n + 1);
  power.resize(n + 1);
  prefix[0] = lead;
  power[0] = 1;
  for (size_t i = 0; i < n; ++i) {
    prefix[i + 1] = prefix[i] * kHashBase + static_cast<unsigned char>(text[i]);
    power[i + 1] = power[i] * kHashBase;
  }
}

// The whole-word keys (Hash(kWholeWord, ...)) of the cuts of `text` into two parts at
// [first_cut, last_cut]: left part's, then right part's, cut by cut. Each costs a multiply or
// two: the parts' values come from the text's prefix values.
void CutHashes(std::string_view text, size_t first_cut, size_t last_cut,
               std::vector<uint64_t>& out) {
  out.clear();
  const size_t n = text.size();
  thread_local std::vector<uint64_t> prefix, power;  // of text[0, i) without the kind; base^i
  PrefixValues(0, text, prefix, power);
  const uint64_t kind = KindTerm(kWholeWord);
  for (size_t cut = first_cut; cut <= last_cut; ++cut) {
    out.push_back(FinishHash(kind * power[cut] + prefix[cut]));
    const size_t rest = n - cut;
    out.push_back(FinishHash(kind * power[rest] + prefix[n] - prefix[cut] * power[rest]));
  }
}

// Hashes (Hash(kind, v)) of every string v left by deleting up to `depth` (at most 2) letters
// of `word`, the word itself included, from the word's prefix and suffix values.
void DeletionHashes(uint8_t kind, std::string_view word, int depth, std::vector<uint64_t>& out) {
  out.clear();
  const size_t n = word.size();
  // prefix[i]: the kind and word[0, i); suffix[i]: word[i, n) alone; power[k]: base^k.
  thread_local std::vector<uint64_t> prefix, suffix, power;
  PrefixValues(KindTerm(kind), word, prefix, power);
  suffix.resize(n + 1);
  suffix[n] = 0;
  for (size_t i = n; i-- > 0;) {
    suffix[i] = static_cast<unsigned char>(word[i]) * power[n - 1 - i] + suffix[i + 1];
  }
  out.push_back(FinishHash(prefix[n]));
  if (depth >= 1 && n > 1) {
    for (size_t a = 0; a < n; ++a) {
      if (a > 0 && word[a] == word[a - 1]) continue;  // same string as deleting a - 1
      // word without a: prefix[a], shifted past the n - 1 - a letters after it.
      out.push_back(FinishHash(prefix[a] * power[n - 1 - a] + suffix[a + 1]));
      if (depth >= 2 && n > 2) {
        for (size_t b = a + 1; b < n; ++b) {
          if (b > a + 1 && word[b] == word[b - 1]) continue;
          // word[0, a) word(a, b) word(b, n): the middle is prefix[b] less prefix[a + 1]
          // shifted, then all of it shifted past the n - 1 - b letters after b.
          const uint64_t middle = prefix[b] - prefix[a + 1] * power[b - a - 1];
          const uint64_t head = prefix[a] * power[b - a - 1] + middle;
          out.push_back(FinishHash(head * power[n - 1 - b] + suffix[b + 1]));
        }
      }
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
}

// Deletions a word needs (on either side) so that every pair within its edit budget meets.
// An alignment of q with c of S substitutions, I insertions and D deletions meets at the
// common subsequence left by deleting S + D letters of q and S + I of c. When c is longer, I
// is at least the length gap, and the budget grows by at most one edit per letter, so
// S + D <= EditBudget(|q|); when c is shorter, the budget is q's own. The same holds for c.
// A word longer than kMaxEditLength meets only itself (name_score.h): its neighbourhood, of
// about L^2 / 2 keys of L letters each, would cost the cube of its length for nothing.
int IndexDepth(size_t length) {
  return length <= 1 || length > kMaxEditLength ? 0 : EditBudget(length);
}

// Deletions for a run of query words merged, compared with at most one edit (name_score.h).
int RunDepth(size_t length) { return length > kMaxEditLength ? 0 : 1; }

// Deletions for a consonant skeleton, whose near matches are one edit apart; beyond
// kMaxEditLength only the skeleton itself can meet another.
int SkeletonDepth(size_t length) { return length > kMaxEditLength ? 0 : 1; }

// How Search() reads the query words [begin, begin + count): whether one of them is written in a
// lossy script, and whether they are abjad words run together, read as one Latin word. An
// article belongs to the word after it (name_score.cc reads runs alike).
struct QueryUnit {
  bool lossy = false;
  bool abjad_run = false;
};
QueryUnit ReadUnit(std::span<const NameToken> tokens, size_t begin, size_t count) {
  QueryUnit unit;
  unit.abjad_run = count > 1;
  for (size_t i = begin; i < begin + count; ++i) {
    unit.lossy |= tokens[i].lossy_script;
    unit.abjad_run &= tokens[i].abjad;
  }
  if (unit.abjad_run && tokens[begin + count - 1].word->text == "al") unit.abjad_run = false;
  return unit;
}

// How Search() pairs a run of query words (`text` merged, or read as `abjad` when they are abjad
// words run together) with a listed word; 0 when it does not. An abjad run is read only against
// a word some name writes in Latin letters (`listed_plain`).
float RunSimilarity(const AbjadRun* abjad, std::string_view text, const WordInfo& listed,
                    bool listed_plain) {
  if (abjad != nullptr) {
    return listed_plain ? abjad->Read({listed.text, listed.skeleton, listed.abjad_key}).similarity
                        : 0;
  }
  const WordSimilarity m = CompareSpellings(text, listed.text, /*lossy=*/false, 1);
  return m.similarity >= kMinMergeSimilarity ? m.similarity : 0;
}

// How Search() pairs the query words `run`, two or three of them, with a listed word.
float RunReadingSimilarity(std::span<const NameToken> run, const WordInfo& listed) {
  const QueryUnit unit = ReadUnit(run, 0, run.size());
  std::string text;
  for (const NameToken& t : run) text += t.word->text;
  std::optional<AbjadRun> abjad;
  if (unit.abjad_run) abjad.emplace(run);
  return RunSimilarity(abjad ? &*abjad : nullptr, text, listed, /*listed_plain=*/true);
}

// The skeleton keys Search() probes for one query unit (a single word, or abjad words run
// together read as `abjad`): a lossy query word may meet any listed word, a Latin one only
// listed words written in a lossy script. A single word's keys were derived when it was
// interned.
template <typename Fn>
void ForEachSkeletonProbe(const NameToken& first, bool lossy, const AbjadRun* abjad,
                          std::vector<uint64_t>& variants, Fn&& fn) {
  const std::string_view skeleton = abjad != nullptr ? abjad->skeleton() : first.word->skeleton;
  const uint8_t exact_kind = lossy ? kSkeleton : kLossySkeleton;
  const uint8_t near_kind = lossy ? kSkeletonDeletion : kLossySkeletonDeletion;
  if (skeleton.size() >= kMinSkeleton) fn(Hash(exact_kind, skeleton));
  if (abjad != nullptr) {
    abjad->ForEachKey([&](std::string_view key) { fn(Hash(kAbjadKey, key)); });
  } else if (first.abjad && !first.word->abjad_key.empty()) {
    fn(Hash(kAbjadKey, first.word->abjad_key));
    ForEachAbjadKey(first.word->abjad_key_variants,
                    [&](std::string_view key) { fn(Hash(kAbjadKey, key)); });
  }
  if (skeleton.size() >= kMinNearSkeleton) {
    DeletionHashes(near_kind, skeleton, SkeletonDepth(skeleton.size()), variants);
    for (uint64_t v : variants) fn(v);
  }
  // A run read without its article is read by its own skeleton too, exact or one edit off, as
  // ReadAcrossScripts allows.
  if (abjad != nullptr && abjad->skeletons() > 1) {
    const std::string_view without = abjad->skeleton(1);
    if (without.size() >= kMinSkeleton) fn(Hash(exact_kind, without));
    if (without.size() >= kMinNearSkeleton) {
      DeletionHashes(near_kind, without, SkeletonDepth(without.size()), variants);
      for (uint64_t v : variants) fn(v);
    }
  }
}

// The skeleton keys Build() files a listed word under, the other half of ForEachSkeletonProbe:
// every word by its skeleton (exact and one edit off) and, if some name writes it in Latin
// letters, by its AbjadKey; a word some name writes in a lossy script by its skeleton again,
// for Latin query words.
template <typename Fn>
void ForEachSkeletonKey(const WordInfo& word, bool seen_plain, bool seen_lossy,
                        std::vector<uint64_t>& variants, Fn&& fn) {
  if (!word.abjad_key.empty() && seen_plain) fn(Hash(kAbjadKey, word.abjad_key));
  if (word.skeleton.size() < kMinSkeleton) return;
  fn(Hash(kSkeleton, word.skeleton));
  if (seen_lossy) fn(Hash(kLossySkeleton, word.skeleton));
  if (word.skeleton.size() < kMinNearSkeleton) return;
  const int depth = SkeletonDepth(word.skeleton.size());
  DeletionHashes(kSkeletonDeletion, word.skeleton, depth, variants);
  for (uint64_t v : variants) fn(v);
  if (seen_lossy) {
    DeletionHashes(kLossySkeletonDeletion, word.skeleton, depth, variants);
    for (uint64_t v : variants) fn(v);
  }
}

// Whether two prepared names have the same words in the same scripts: their runs read alike.
bool SameWords(std::span<const NameToken> a, std::span<const NameToken> b) {
  return std::equal(
      a.begin(), a.end(), b.begin(), b.end(), [](const NameToken& x, const NameToken& y) {
        return x.word == y.word && x.abjad == y.abjad && x.lossy_script == y.lossy_script;
      });
}

// The keys Search() probes `run` by across scripts, when it is abjad words run together.
template <typename Fn>
void ForEachAbjadRunProbe(std::span<const NameToken> run, Fn&& fn) {
  if (run.size() < 2) return;
  const QueryUnit unit = ReadUnit(run, 0, run.size());
  if (!unit.abjad_run) return;
  const AbjadRun abjad(run);
  std::vector<uint64_t> variants;
  ForEachSkeletonProbe(run.front(), unit.lossy, &abjad, variants, fn);
}

// A multimap from 64-bit key to word ids: values grouped by key, found through an
// open-addressing table so a lookup costs one or two cache misses, not a binary search.
class KeyIndex {
 public:
  void Add(uint64_t key, uint32_t word) { pending_.push_back({key, word}); }
  void Freeze() {
    std::sort(pending_.begin(), pending_.end());
    pending_.erase(std::unique(pending_.begin(), pending_.end()), pending_.end());
    values_.reserve(pending_.size());
    size_t distinct = 0;
    for (size_t i = 0; i < pending_.size(); ++i) {
      if (i == 0 || pending_[i].first != pending_[i - 1].first) ++distinct;
    }
    size_t capacity = 16;
    while (capacity < distinct * 2) capacity *= 2;
    slots_.assign(capacity, Slot{});
    tags_.assign(capacity, 0);
    for (size_t i = 0; i < pending_.size();) {
      size_t j = i;
      while (j < pending_.size() && pending_[j].first == pending_[i].first) {
        values_.push_back(pending_[j].second);
        ++j;
      }
      Slot slot{pending_[i].first, static_cast<uint32_t>(values_.size() - (j - i)),
                static_cast<uint32_t>(j - i)};
      size_t at = slot.key & (capacity - 1);
      while (tags_[at] != 0) at = (at + 1) & (capacity - 1);
      slots_[at] = slot;
      tags_[at] = TagOf(slot.key);
      i = j;
    }
    std::vector<std::pair<uint64_t, uint32_t>>().swap(pending_);
  }
  // fn(value), or fn(k, value) with k the key's index in `keys`, for every value of each of
  // `keys`, key by key (the first slot holding a key has its values). A probe is a cache miss or
  // two into tables of tens of megabytes, so every key's tag, then every matching slot, then every
  // found key's values are fetched together before any is read.
  template <typename Fn>
  void ForEachOf(std::span<const uint64_t> keys, Fn&& fn) const {
    const size_t mask = slots_.size() - 1;
    for (uint64_t key : keys) __builtin_prefetch(&tags_[key & mask]);
    thread_local std::vector<std::pair<uint32_t, uint32_t>> tagged;  // (key index, slot)
    tagged.clear();
    for (uint32_t k = 0; k < keys.size(); ++k) {
      const uint8_t tag = TagOf(keys[k]);
      for (size_t at = keys[k] & mask; tags_[at] != 0; at = (at + 1) & mask) {
        if (tags_[at] != tag) continue;
        __builtin_prefetch(&slots_[at]);
        tagged.push_back({k, static_cast<uint32_t>(at)});
      }
    }
    // Then each key's first slot holding it.
    size_t found = 0;
    for (size_t i = 0; i < tagged.size(); ++i) {
      const auto [k, at] = tagged[i];
      if (found > 0 && tagged[found - 1].first == k) continue;
      if (slots_[at].key != keys[k]) continue;
      __builtin_prefetch(&values_[slots_[at].begin]);
      tagged[found++] = tagged[i];
    }
    for (size_t i = 0; i < found; ++i) {
      const Slot& slot = slots_[tagged[i].second];
      for (uint32_t v = 0; v < slot.count; ++v) {
        if constexpr (std::is_invocable_v<Fn, uint32_t, uint32_t>) {
          fn(tagged[i].first, values_[slot.begin + v]);
        } else {
          fn(values_[slot.begin + v]);
        }
      }
    }
  }
  size_t size() const { return values_.size(); }
  size_t bytes() const {
    return slots_.capacity() * sizeof(Slot) + tags_.capacity() + values_.capacity() * 4;
  }

 private:
  // A byte per slot, from the key's high bits (the slot comes from its low bits), nonzero when
  // the slot is used: most keys a query probes are not in the index, and the tags (a byte a slot,
  // where the slots are 16) answer those from cache without reading a slot.
  static uint8_t TagOf(uint64_t key) { return static_cast<uint8_t>(key >> 56) | 1; }
  HugePageVector<uint8_t> tags_ = HugePageVector<uint8_t>(1, 0);
  struct Slot {
    uint64_t key = 0;
    uint32_t begin = 0;
    uint32_t count = 0;
  };
  std::vector<std::pair<uint64_t, uint32_t>> pending_;
  HugePageVector<Slot> slots_{1};
  HugePageVector<uint32_t> values_;
};

// Bounds are computed in float and may land a rounding step below the score the scorer
// computes another way; a candidate exactly at the threshold must not be lost to that.
constexpr double kBoundSlack = 1e-5;
// The best a word no posting reached can pair at beside initials or abbreviations on the other
// side: an initial's similarity, or an abbreviation's against the run its letters spell.
constexpr float kBesideInitials = std::max(kInitialSimilarity, kAbbreviationSimilarity);
constexpr uint8_t kSeenLossy = 1;
constexpr uint8_t kSeenPlain = 2;

// A token's script flags as a number below 8, and back: a word seen in form f has bit f set.
uint8_t FormOf(const NameToken& t) {
  return static_cast<uint8_t>((t.lossy_script ? 1 : 0) | (t.abjad ? 2 : 0) | (t.syllable ? 4 : 0));
}
constexpr uint8_t kAbjadForms = (1u << 2) | (1u << 3) | (1u << 6) | (1u << 7);
NameToken TokenOfForm(const WordInfo& word, uint8_t form) {
  NameToken t;
  t.word = &word;
  t.lossy_script = (form & 1) != 0;
  t.abjad = (form & 2) != 0;
  t.syllable = (form & 4) != 0;
  return t;
}

struct StoredName {
  uint32_t entity = 0;
  uint32_t token_begin = 0;
  uint8_t token_count = 0;
  model::NameKind kind = model::NameKind::kPrimary;
  uint16_t legal_form = 0;  // into legal_forms; 0 = none
  float total_weight = 0;
  float initial_weight = 0;  // weight of its initials, which the bound must allow for
  uint16_t name_index = 0;   // into entity.names
  model::Schema schema = model::Schema::kLegalEntity;  // the entity's
  NameRole role = NameRole::kPerson;                   // as which the name was prepared
};

// Postings carry what the bound needs, so that walking them touches nothing else.
struct Posting {
  uint32_t name = 0;
  uint8_t position = 0;
  NameRole role = NameRole::kPerson;  // of the name's entity
  // Of the name, packed (NameBits): whether it has initials, which may pair with words no
  // posting shows; its kind; its entity's schema.
  uint8_t name_bits = 0;
  float weight = 0;       // of the word at `position`
  float name_weight = 0;  // of the whole name

  static uint8_t NameBits(bool has_initials, model::NameKind kind, model::Schema schema) {
    return static_cast<uint8_t>((has_initials ? 1 : 0) | (static_cast<unsigned>(kind) << 1) |
                                (static_cast<unsigned>(schema) << 4));
  }
  bool name_has_initials() const { return (name_bits & 1) != 0; }
  model::NameKind kind() const { return static_cast<model::NameKind>((name_bits >> 1) & 7); }
  model::Schema schema() const { return static_cast<model::Schema>(name_bits >> 4); }
};
static_assert(static_cast<unsigned>(model::NameKind::kOriginalScript) < 8);
static_assert(static_cast<unsigned>(model::Schema::kAircraft) < 16);

static_assert(sizeof(Posting) == 16, "postings are walked by the million: keep them small");

// One query name prepared for one role, with what the bound needs.
struct QueryName {
  std::string original;
  NameRole role = NameRole::kPerson;
  bool any_role = false;  // read the same as a person's and an organisation's name
  PreparedName prepared;

  bool Meets(NameRole name_role) const { return any_role || role == name_role; }
};

bool SameReading(const PreparedName& a, const PreparedName& b) {
  if (a.tokens.size() != b.tokens.size() || !a.legal_form.empty() || !b.legal_form.empty()) {
    return false;
  }
  for (size_t i = 0; i < a.tokens.size(); ++i) {
    const NameToken& x = a.tokens[i];
    const NameToken& y = b.tokens[i];
    if (x.word != y.word || x.weight != y.weight || x.initial != y.initial ||
        x.abbreviation != y.abbreviation || x.numeral != y.numeral ||
        x.lossy_script != y.lossy_script || x.abjad != y.abjad || x.syllable != y.syllable ||
        x.reading != y.reading) {
      return false;
    }
  }
  return true;
}

// Per-name accumulation of the query words that may match it.
struct Accumulator {
  uint32_t name = 0;
  uint32_t query_name = 0;
  uint32_t candidate_mask = 0;
  float candidate_weight = 0;  // of the words in candidate_mask
  bool query_runs = false;     // query words run together reached one of its words
  // Of the name, from its postings, so that most candidates are bounded without reading it.
  bool name_has_initials = false;
  model::NameKind kind = model::NameKind::kPrimary;
  float name_weight = 0;
  // Best similarity per query word, in 1/255ths rounded up (a bound may only err upwards);
  // bytes keep an accumulator within one cache line.
  std::array<uint8_t, PreparedName::kMaxTokens> best{};
};

// A name with a legal form or an organisation word ("bank", "power", "trading") is an
// organisation's, whatever schema its list gave it. `as_org` is it read as one.
bool LooksLikeOrganisation(const PreparedName& as_org) {
  if (!as_org.legal_form.empty()) return true;
  for (const NameToken& t : as_org.tokens) {
    if (t.word->org_generic) return true;
  }
  return false;
}

// Accumulators by (name, query name) in a small open-addressing table: it grows with the
// candidates of one query, not with the index, so it stays in cache on a million names.
class AccumulatorSlots {
 public:
  void Clear() {
    for (size_t at : touched_) keys_[at] = 0;
    touched_.clear();
    used_ = 0;
  }
  Accumulator* FindOrAdd(const Posting& posting, uint32_t query_name,
                         std::vector<Accumulator>& accs) {
    const uint32_t name = posting.name;
    if ((used_ + 1) * 2 > keys_.size()) Grow(accs);
    const uint64_t key = (uint64_t{query_name + 1} << 32) | name;
    const size_t mask = keys_.size() - 1;
    for (size_t at = Mix(key) & mask;; at = (at + 1) & mask) {
      if (keys_[at] == key) return &accs[values_[at]];
      if (keys_[at] == 0) {
        keys_[at] = key;
        values_[at] = static_cast<uint32_t>(accs.size());
        touched_.push_back(at);
        ++used_;
        accs.push_back({.name = name,
                        .query_name = query_name,
                        .name_has_initials = posting.name_has_initials(),
                        .kind = posting.kind(),
                        .name_weight = posting.name_weight});
        return &accs.back();
      }
    }
  }

  Accumulator* Find(uint32_t name, uint32_t query_name, std::vector<Accumulator>& accs) {
    if (keys_.empty()) return nullptr;
    const uint64_t key = (uint64_t{query_name + 1} << 32) | name;
    const size_t mask = keys_.size() - 1;
    for (size_t at = Mix(key) & mask; keys_[at] != 0; at = (at + 1) & mask) {
      if (keys_[at] == key) return &accs[values_[at]];
    }
    return nullptr;
  }

 private:
  static uint64_t Mix(uint64_t k) { return (k * 0x9E3779B97F4A7C15ull) >> 20; }
  void Grow(const std::vector<Accumulator>& accs) {
    const size_t capacity = std::max<size_t>(1024, keys_.size() * 2);
    keys_.assign(capacity, 0);
    values_.assign(capacity, 0);
    touched_.clear();
    const size_t mask = capacity - 1;
    for (uint32_t i = 0; i < accs.size(); ++i) {
      const uint64_t key = (uint64_t{accs[i].query_name + 1} << 32) | accs[i].name;
      size_t at = Mix(key) & mask;
      while (keys_[at] != 0) at = (at + 1) & mask;
      keys_[at] = key;
      values_[at] = i;
      touched_.push_back(at);
    }
  }
  std::vector<uint64_t> keys_;
  std::vector<uint32_t> values_;
  std::vector<size_t> touched_;
  size_t used_ = 0;
};

// Whether a search must stop before its end: the cancel flag is read at every step, the clock
// at the first step and every kClockStride steps after it (a step is microseconds at most; a
// clock read costs tens of nanoseconds).
class Stopper {
 public:
  // `honour` false: never stops (Search()).
  Stopper(const SearchOptions& options, bool honour)
      : deadline_(honour ? options.deadline : std::nullopt),
        cancel_(honour ? options.cancel : nullptr) {}

  bool Stop() {
    if (!status_.ok()) return true;
    if (cancel_ != nullptr && cancel_->load(std::memory_order_relaxed)) {
      status_ = Status(StatusCode::kCancelled, "the search was cancelled");
      return true;
    }
    if (deadline_ && steps_++ % kClockStride == 0 &&
        std::chrono::steady_clock::now() >= *deadline_) {
      status_ = Status(StatusCode::kDeadlineExceeded, "the search ran past its deadline");
      return true;
    }
    return false;
  }
  const Status& status() const { return status_; }

 private:
  static constexpr uint32_t kClockStride = 16;
  std::optional<std::chrono::steady_clock::time_point> deadline_;
  const std::atomic<bool>* cancel_;
  uint32_t steps_ = 0;
  Status status_;
};

}  // namespace

namespace {
std::atomic<uint64_t> next_index_instance{1};
}  // namespace

namespace {

// An entity that reaches the threshold, scored but not yet explained.
struct Ranked {
  double score;
  uint32_t entity;
  // Its best name and how it scored; detail null when it was found by an identifier alone (or
  // mirrored).
  size_t query_name = 0;
  uint32_t name = 0;
  const NameScore* detail = nullptr;
  FeatureScore features;
};

}  // namespace

struct MatchIndex::Impl {
  // Tells this index from any other in a process, for what threads keep per index (UnitLookups).
  const uint64_t instance = next_index_instance.fetch_add(1);
  std::vector<model::Entity> entities;
  std::unordered_map<std::string_view, uint32_t> by_id;
  std::vector<std::string> source_ids;
  std::vector<std::vector<model::Regime>> regimes;

  Vocabulary vocabulary;
  // By word id: kSeenLossy if some name writes it in a lossy script, kSeenPlain if some name
  // in another; a query word is compared under each, since the scorer treats them differently.
  std::vector<uint8_t> word_lossy;
  // By word id: the forms its tokens were seen in, one bit per FormOf(token), for a mirrored
  // search to compare it as a query word would be compared.
  std::vector<uint8_t> word_forms;
  // The tables a search reads at random are backed by huge pages (base/huge_pages.h).
  HugePageVector<NameToken> tokens;
  HugePageVector<StoredName> names;
  std::vector<uint32_t> first_name_of_entity;  // names of entity e: [first[e], first[e + 1])
  std::vector<std::pair<std::string, std::string>> legal_forms{{"", ""}};
  size_t longest_word = 0;                   // letters of the vocabulary's longest word
  HugePageVector<uint32_t> posting_offsets;  // by word id, CSR into postings
  // Each word's postings of names with initials come first, up to this index (by word id): a
  // search walks only those where no other name could become a candidate (Search, accumulate).
  // Then persons' names, up to organisation_postings_begin, then organisations': a search
  // walks only those of the roles its query name meets.
  std::vector<uint32_t> initial_postings_end;
  std::vector<uint32_t> organisation_postings_begin;
  HugePageVector<Posting> postings;
  KeyIndex keys;
  // Every word by Hash(kWholeWord, its text): a query word cut in two looks its parts up here,
  // a cache miss a part rather than a string hash and a few misses in the vocabulary's map.
  KeyIndex words_by_text;
  // Built with names_as_queries: the runs of two or three adjacent words of every name, by the
  // keys a query probes them by (their words merged, and abjad words read across scripts), for
  // a mirrored search to find what screening reads from the query's side only. Sorted by key;
  // keys cut to 32 bits, since a collision only proposes a run that RunSimilarity rejects.
  struct RunPosting {
    uint32_t name = 0;
    uint8_t begin = 0, count = 0;
    auto operator<=>(const RunPosting&) const = default;
  };
  // Runs by a key cut to 32 bits: filled, then sorted once, then looked up.
  class RunTable {
   public:
    void Add(uint64_t key, RunPosting run) {
      entries_.push_back({static_cast<uint32_t>(key), run});
    }
    void Freeze() {
      std::sort(entries_.begin(), entries_.end(),
                [](const auto& a, const auto& b) { return a.first < b.first; });
      entries_.shrink_to_fit();
    }
    bool empty() const { return entries_.empty(); }
    size_t bytes() const { return entries_.capacity() * sizeof(entries_[0]); }
    // Appends the runs filed under `key` to `out`.
    void Find(uint64_t key, std::vector<RunPosting>& out) const {
      const auto cut = static_cast<uint32_t>(key);
      auto it = std::lower_bound(entries_.begin(), entries_.end(), cut,
                                 [](const auto& entry, uint32_t k) { return entry.first < k; });
      for (; it != entries_.end() && it->first == cut; ++it) out.push_back(it->second);
    }

   private:
    std::vector<std::pair<uint32_t, RunPosting>> entries_;
  };
  RunTable run_keys;
  // Without names_as_queries: two adjacent Latin words of every name, by kListedRunAbjadKey of
  // their text run together, for abjad query words written without the space.
  RunTable listed_run_keys;
  // Built with names_as_queries: what the names' tokens point to. A word's content (its other
  // romanisations, the symbols of a phrase it stands for) depends on the name it was read in,
  // and the scorer is not monotone in it (a symbol shared makes a pair that keeps a better merge
  // from forming), so each name keeps the words screening would read it with, and `vocabulary`
  // the union of them, which the keys are made from. By content; their ids are the vocabulary's.
  std::deque<WordInfo> query_words;
  std::unordered_map<std::string, const WordInfo*> query_word_by_content;
  std::vector<std::vector<const WordInfo*>> query_words_of;  // by vocabulary id

  // Points the tokens of `name`, prepared as a query's, at query words, adding their spellings
  // and symbols to the vocabulary.
  void AdoptQueryWords(PreparedName& name);
  std::unordered_multimap<std::string, uint32_t> identifiers;  // type:value -> entity
  IndexStats stats;

  NameView View(const StoredName& n) const {
    const auto& form = legal_forms[n.legal_form];
    return {std::span<const NameToken>(tokens.data() + n.token_begin, n.token_count), form.first,
            form.second, n.role};
  }

  bool Selected(uint32_t entity, const SearchOptions& options) const {
    if (!options.sources.empty() &&
        std::find(options.sources.begin(), options.sources.end(),
                  entities[entity].provenance.source) == options.sources.end()) {
      return false;
    }
    if (!options.regimes.empty()) {
      bool any = false;
      for (model::Regime r : regimes[entity]) {
        any |=
            std::find(options.regimes.begin(), options.regimes.end(), r) != options.regimes.end();
      }
      if (!any) return false;
    }
    return true;
  }

  std::vector<QueryName> PrepareQuery(const Query& query, Vocabulary& local) const;
  Match Finish(uint32_t entity, double score, const QueryName& qn, const StoredName& name,
               const NameScore& ns, const FeatureScore& features) const;
  Match IdentifierOnly(uint32_t entity, double score, const FeatureScore& features) const {
    Match m;
    m.entity = &entities[entity];
    m.source_id = source_ids[entity];
    m.regimes = regimes[entity];
    m.score = score;
    m.explanation.entity_name = entities[entity].caption();
    m.explanation.contributions = features.contributions;
    return m;
  }
  // The best options.limit of `ranked` (all when 0), best first, ties by entity id, explained:
  // explaining a match costs more than scoring it, so only those returned are.
  std::vector<Match> Rank(std::vector<Ranked> ranked, const std::vector<QueryName>& qnames,
                          const SearchOptions& options) const;
  // Search() and TrySearch(): the matches, or the status `stop` ended the search with.
  // `mirrored`: SearchMirrored(), with the query's names already prepared (`given`).
  Result<std::vector<Match>> Search(const Query& query, const SearchOptions& options, Stopper& stop,
                                    SearchStats& stats,
                                    const std::vector<QueryName>* given = nullptr,
                                    bool mirrored = false) const;
};

void MatchIndex::Impl::AdoptQueryWords(PreparedName& p) {
  std::string content;
  for (NameToken& t : p.tokens) {
    const WordInfo& own = *t.word;
    const WordInfo& shared = own.symbols.empty() ? vocabulary.Intern(own.text)
                                                 : vocabulary.InternPhrase(own.text, own.symbols);
    for (size_t k = 0; k < own.alternatives.size(); ++k) {
      vocabulary.AddAlternative(shared, own.alternatives[k], own.alternative_readings[k]);
    }
    if (own.abjad_readings) vocabulary.AddAbjadReadings(shared);
    content = own.text;
    for (const std::string& alternative : own.alternatives) content += '\x1f' + alternative;
    content += '\x1e';
    for (text::Reading reading : own.alternative_readings) content += static_cast<char>(reading);
    content += '\x1e';
    content.append(reinterpret_cast<const char*>(own.symbols.data()), own.symbols.size() * 4);
    auto [it, inserted] = query_word_by_content.try_emplace(content, nullptr);
    if (inserted) {
      WordInfo& copy = query_words.emplace_back(own);
      copy.id = shared.id;
      it->second = &copy;
      if (query_words_of.size() <= shared.id) query_words_of.resize(shared.id + 1);
      query_words_of[shared.id].push_back(&copy);
    }
    t.word = it->second;
  }
}

namespace {

// Which postings may create a candidate. Word groups are walked rarest first; a name no
// earlier group reached can only be reached by the groups still to come, so every query word
// outside them is left over for it. A posting creates a candidate only if its name could then
// still reach `floor`: each remaining query word pairing at 1.0 with a listed word of weight at
// most 1, the rest of the listed name left over. Names with initials always may: initials
// pair with words no posting shows. Later groups of common words ("mohammed") then mostly
// update candidates the rarer words made.
struct CreationRule {
  bool always = true;
  float pairs = 0;      // weight of the query words still to come (with initials)
  float leftovers = 0;  // least cost of the query words already walked
  float cap = 0;        // most listed weight the words still to come can pair with
  double floor = 0;
  float listed_leftover = kListedLeftoverCost;  // a listed word's (kQuery... when mirrored)

  // Whether some name without initials, of any weight, may create a candidate: Allows is
  // largest for a name of weight `cap` (below it fewer pairs, above it more left over).
  bool AllowsAnyWithoutInitials() const {
    if (always) return true;
    return Reaches(pairs + cap, leftovers);
  }
  bool Allows(const Posting& posting) const {
    if (always || posting.name_has_initials()) return true;
    const float reachable = std::min(posting.name_weight, cap);
    const float pairs_total = pairs + reachable;
    const float cost =
        leftovers + listed_leftover * 0.999f * std::max(0.0f, posting.name_weight - cap);
    return Reaches(pairs_total, cost);
  }
  // pairs / (pairs + cost) >= floor - kBoundSlack, without a division per posting; the last
  // factor keeps rounding on the side of allowing.
  bool Reaches(float pairs_total, float cost) const {
    return pairs_total >= static_cast<float>(floor - kBoundSlack) * (pairs_total + cost) * 0.99999f;
  }
};

// Calls walk(hit) for each hit, group by group, rarest group first, with `rule` set for the
// group; end_group() after each group.
template <typename Hit, typename Fn, typename EndGroup>
void WalkHits(std::span<const uint32_t> posting_offsets, const Posting* postings,
              const PreparedName& qp, std::vector<Hit>& hits, double floor, float query_leftover,
              CreationRule& rule, Fn&& walk, EndGroup&& end_group) {
  const size_t n = qp.tokens.size();
  // Groups: the hits of one query unit (a word, or a run of words merged).
  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    return a.q_begin != b.q_begin ? a.q_begin < b.q_begin : a.q_count < b.q_count;
  });
  struct Group {
    size_t begin, end;
    uint64_t volume;
  };
  std::vector<Group> groups;
  for (size_t k = 0; k < hits.size();) {
    size_t e = k;
    uint64_t volume = 0;
    while (e < hits.size() && hits[e].q_begin == hits[k].q_begin &&
           hits[e].q_count == hits[k].q_count) {
      const uint32_t first = posting_offsets[hits[e].word];
      volume += posting_offsets[hits[e].word + 1] - first;
      // Each word's postings start somewhere in tens of megabytes: on their way while the
      // groups before are walked.
      __builtin_prefetch(postings + first);
      ++e;
    }
    groups.push_back({k, e, volume});
    k = e;
  }
  std::sort(groups.begin(), groups.end(),
            [](const Group& a, const Group& b) { return a.volume < b.volume; });
  for (size_t g = 0; g < groups.size(); ++g) {
    // Query words the groups from g on may still pair.
    uint32_t remaining = 0;
    for (size_t h = g; h < groups.size(); ++h) {
      const Hit& first = hits[groups[h].begin];
      for (size_t i = first.q_begin; i < first.q_begin + first.q_count; ++i) {
        remaining |= uint32_t{1} << i;
      }
    }
    rule.always = g == 0;
    rule.pairs = rule.leftovers = rule.cap = 0;
    rule.floor = floor;
    for (size_t i = 0; i < n; ++i) {
      const NameToken& t = qp.tokens[i];
      if (t.abbreviation) {
        rule.pairs += t.weight;
        rule.cap += 5.0f;  // an abbreviation may stand for up to five words
      } else if (t.initial || (remaining & (uint32_t{1} << i))) {
        rule.pairs += t.weight;
        rule.cap += 1.0f;
      } else {
        rule.leftovers += query_leftover * t.weight;
      }
    }
    for (size_t k = groups[g].begin; k < groups[g].end; ++k) walk(hits[k]);
    end_group();
  }
  rule.always = true;
}

}  // namespace

MatchIndex::MatchIndex() : impl_(std::make_unique<Impl>()) {}
MatchIndex::~MatchIndex() = default;

std::string SourceId(const model::Entity& entity) {
  if (entity.provenance.source == "un_sc") {
    for (const model::Sanction& s : entity.sanctions) {
      if (!s.reference.empty()) return s.reference;
    }
  }
  return entity.provenance.record_id;
}

std::vector<model::Regime> Regimes(const model::Entity& entity) {
  std::vector<model::Regime> out;
  for (const model::Sanction& s : entity.sanctions) {
    if (s.regime != model::Regime::kOther &&
        std::find(out.begin(), out.end(), s.regime) == out.end()) {
      out.push_back(s.regime);
    }
  }
  if (out.empty()) {
    const std::string& source = entity.provenance.source;
    if (source.rfind("us_", 0) == 0) out.push_back(model::Regime::kUs);
    if (source.rfind("eu_", 0) == 0) out.push_back(model::Regime::kEu);
    if (source.rfind("gb_", 0) == 0) out.push_back(model::Regime::kUk);
    if (source.rfind("un_", 0) == 0) out.push_back(model::Regime::kUn);
  }
  std::sort(out.begin(), out.end());
  return out;
}

Result<std::shared_ptr<const MatchIndex>> MatchIndex::Build(std::vector<model::Entity> entities,
                                                            const BuildOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  std::shared_ptr<MatchIndex> index(new MatchIndex());
  Impl& x = *index->impl_;
  x.entities = std::move(entities);
  x.source_ids.reserve(x.entities.size());
  x.regimes.reserve(x.entities.size());

  std::vector<std::vector<Posting>> postings_by_word;
  std::unordered_map<std::string, uint16_t> legal_form_ids;
  for (uint32_t e = 0; e < x.entities.size(); ++e) {
    const model::Entity& entity = x.entities[e];
    x.by_id.emplace(entity.id, e);
    x.source_ids.push_back(SourceId(entity));
    x.regimes.push_back(Regimes(entity));
    for (const model::Identifier& id : entity.identifiers) {
      std::string value = CanonicalIdentifier(id.type, id.value);
      if (value.empty()) continue;
      x.identifiers.emplace(std::string(model::IdentifierTypeName(id.type)) + ":" + value, e);
    }
    // A LegalEntity may be a person or an organisation (the DPL and the CSL say no more): its
    // names are kept both ways, so either kind of query meets them.
    std::vector<NameRole> roles;
    if (entity.schema == model::Schema::kLegalEntity) {
      roles = {NameRole::kOrganization, NameRole::kPerson};  // the first reading decides
    } else {
      roles = {RoleOf(entity.schema)};
    }
    // As queries: prepared as Search() prepares a query's names, all in one vocabulary of their
    // own, in which a word read in one name or role carries what another added to it.
    std::vector<PreparedName> as_queries;
    size_t next_as_query = 0;
    if (options.names_as_queries) {
      Vocabulary own;
      std::unordered_set<std::string> seen;
      for (const model::Name& name : entity.names) {
        if (!seen.insert(name.full).second) continue;
        for (NameRole role : roles) {
          as_queries.push_back(PrepareName(name.full, role, own, /*press_spellings=*/true));
        }
      }
      for (PreparedName& p : as_queries) x.AdoptQueryWords(p);
    }
    std::unordered_set<std::string> seen;
    x.first_name_of_entity.push_back(static_cast<uint32_t>(x.names.size()));
    for (size_t name_index = 0; name_index < entity.names.size(); ++name_index) {
      const model::Name& name = entity.names[name_index];
      if (!seen.insert(name.full).second) continue;
      bool organisation_only = false;
      for (NameRole role : roles) {
        if (role == NameRole::kPerson && organisation_only) continue;
        PreparedName p = options.names_as_queries ? std::move(as_queries[next_as_query++])
                                                  : PrepareName(name.full, role, x.vocabulary);
        // A query is read both ways whatever it looks like.
        if (role == NameRole::kOrganization && !options.names_as_queries) {
          organisation_only = LooksLikeOrganisation(p);
        }
        if (p.tokens.empty()) continue;
        StoredName stored;
        stored.entity = e;
        stored.token_begin = static_cast<uint32_t>(x.tokens.size());
        stored.token_count = static_cast<uint8_t>(p.tokens.size());
        stored.kind = name.kind;
        stored.name_index = static_cast<uint16_t>(name_index);
        stored.schema = entity.schema;
        stored.role = role;
        stored.total_weight = p.total_weight;
        if (!p.legal_form.empty()) {
          std::string key = p.legal_form + '\n' + p.legal_form_generic;
          auto [it, inserted] =
              legal_form_ids.emplace(key, static_cast<uint16_t>(x.legal_forms.size()));
          if (inserted) x.legal_forms.emplace_back(p.legal_form, p.legal_form_generic);
          stored.legal_form = it->second;
        }
        // Abbreviations pair like initials, with runs of words no posting shows.
        for (const NameToken& t : p.tokens) {
          if (t.initial || t.abbreviation) stored.initial_weight += t.weight;
        }
        const uint32_t name_id = static_cast<uint32_t>(x.names.size());
        for (size_t i = 0; i < p.tokens.size(); ++i) {
          const NameToken& t = p.tokens[i];
          if (x.word_lossy.size() <= t.word->id) x.word_lossy.resize(t.word->id + 1, 0);
          x.word_lossy[t.word->id] |= t.lossy_script ? kSeenLossy : kSeenPlain;
          if (x.word_forms.size() <= t.word->id) x.word_forms.resize(t.word->id + 1, 0);
          x.word_forms[t.word->id] |= static_cast<uint8_t>(1u << FormOf(t));
          if (t.initial) continue;
          if (postings_by_word.size() <= t.word->id) postings_by_word.resize(t.word->id + 1);
          postings_by_word[t.word->id].push_back(
              {name_id, static_cast<uint8_t>(i), role,
               Posting::NameBits(stored.initial_weight > 0, name.kind, entity.schema), t.weight,
               p.total_weight});
        }
        x.tokens.insert(x.tokens.end(), p.tokens.begin(), p.tokens.end());
        x.names.push_back(stored);
      }
    }
  }
  x.first_name_of_entity.push_back(static_cast<uint32_t>(x.names.size()));
  // Postings in CSR form, and the keys of every word.
  const size_t word_count = x.vocabulary.size();
  for (uint32_t w = 0; w < word_count; ++w) {
    x.longest_word = std::max(x.longest_word, x.vocabulary.at(w).text.size());
    for (const std::string& alternative : x.vocabulary.at(w).alternatives) {
      x.longest_word = std::max(x.longest_word, alternative.size());
    }
  }
  x.word_lossy.resize(word_count, 0);
  x.word_forms.resize(word_count, 0);
  postings_by_word.resize(word_count);
  x.posting_offsets.resize(word_count + 1, 0);
  for (size_t w = 0; w < word_count; ++w) {
    x.posting_offsets[w + 1] =
        x.posting_offsets[w] + static_cast<uint32_t>(postings_by_word[w].size());
  }
  x.postings.reserve(x.posting_offsets.back());
  x.initial_postings_end.reserve(word_count);
  x.organisation_postings_begin.reserve(word_count);
  for (auto& list : postings_by_word) {
    const auto initials_end = std::stable_partition(
        list.begin(), list.end(), [](const Posting& p) { return p.name_has_initials(); });
    const auto organisations = std::stable_partition(
        initials_end, list.end(), [](const Posting& p) { return p.role == NameRole::kPerson; });
    x.initial_postings_end.push_back(static_cast<uint32_t>(
        x.postings.size() + static_cast<size_t>(initials_end - list.begin())));
    x.organisation_postings_begin.push_back(static_cast<uint32_t>(
        x.postings.size() + static_cast<size_t>(organisations - list.begin())));
    x.postings.insert(x.postings.end(), list.begin(), list.end());
    std::vector<Posting>().swap(list);
  }
  std::vector<uint64_t> variants;
  for (uint32_t w = 0; w < word_count; ++w) {
    const WordInfo& word = x.vocabulary.at(w);
    if (x.posting_offsets[w] == x.posting_offsets[w + 1]) continue;
    DeletionHashes(kDeletion, word.text, IndexDepth(word.text.size()), variants);
    for (uint64_t v : variants) x.keys.Add(v, w);
    // Other romanisations are spellings of the word, found by the same keys.
    for (const std::string& alternative : word.alternatives) {
      DeletionHashes(kDeletion, alternative, IndexDepth(alternative.size()), variants);
      for (uint64_t v : variants) x.keys.Add(v, w);
    }
    if (word.phonetic.size() >= kMinPhonetic) x.keys.Add(Hash(kPhonetic, word.phonetic), w);
    ForEachSkeletonKey(word, (x.word_lossy[w] & kSeenPlain) != 0,
                       (x.word_lossy[w] & kSeenLossy) != 0, variants,
                       [&](uint64_t key) { x.keys.Add(key, w); });
    if (options.names_as_queries && !word.abjad_key.empty() &&
        (x.word_forms[w] & kAbjadForms) != 0) {
      x.keys.Add(Hash(kMirrorAbjadKey, word.abjad_key), w);
      ForEachAbjadKey(word.abjad_key_variants,
                      [&](std::string_view key) { x.keys.Add(Hash(kMirrorAbjadKey, key), w); });
      if (!word.abjad_run_key.empty()) x.keys.Add(Hash(kMirrorAbjadRunKey, word.abjad_run_key), w);
      ForEachAbjadKey(word.abjad_run_key_variants,
                      [&](std::string_view key) { x.keys.Add(Hash(kMirrorAbjadRunKey, key), w); });
    }
    for (uint32_t s : word.symbols) {
      x.keys.Add(Hash(kSymbol, std::string_view(reinterpret_cast<const char*>(&s), 4)), w);
    }
  }
  x.keys.Freeze();
  for (uint32_t w = 0; w < word_count; ++w) {
    x.words_by_text.Add(Hash(kWholeWord, x.vocabulary.at(w).text), w);
  }
  x.words_by_text.Freeze();
  if (!options.names_as_queries) {
    std::string merged;
    for (uint32_t n = 0; n < x.names.size(); ++n) {
      const std::span<const NameToken> tokens = x.View(x.names[n]).tokens;
      for (size_t begin = 0; begin + 1 < tokens.size(); ++begin) {
        const NameToken &a = tokens[begin], &b = tokens[begin + 1];
        if (a.lossy_script || b.lossy_script || a.initial || b.initial ||
            a.word->text.size() < kMinMergedPart || b.word->text.size() < kMinMergedPart) {
          continue;
        }
        merged = a.word->text + b.word->text;
        const std::string key = AbjadRunKey(merged);
        if (key.size() < kMinSkeleton) continue;  // ReadListedRun reads none shorter
        x.listed_run_keys.Add(Hash(kListedRunAbjadKey, key), {n, static_cast<uint8_t>(begin), 2});
      }
    }
    x.listed_run_keys.Freeze();
  }
  if (options.names_as_queries) {
    std::vector<uint64_t> run_hashes;
    std::string merged;
    for (uint32_t e = 0; e < x.entities.size(); ++e) {
      for (uint32_t n = x.first_name_of_entity[e]; n < x.first_name_of_entity[e + 1]; ++n) {
        const std::span<const NameToken> tokens = x.View(x.names[n]).tokens;
        // A name read alike under both roles is keyed once, under the first.
        bool seen = false;
        for (uint32_t earlier = x.first_name_of_entity[e]; earlier < n && !seen; ++earlier) {
          seen = SameWords(tokens, x.View(x.names[earlier]).tokens);
        }
        if (seen) continue;
        for (size_t begin = 0; begin < tokens.size(); ++begin) {
          for (size_t count = 2; count <= 3 && begin + count <= tokens.size(); ++count) {
            const std::span<const NameToken> run = tokens.subspan(begin, count);
            merged.clear();
            for (const NameToken& t : run) merged += t.word->text;
            DeletionHashes(kDeletion, merged, RunDepth(merged.size()), run_hashes);
            ForEachAbjadRunProbe(run, [&](uint64_t key) { run_hashes.push_back(key); });
            for (uint64_t& h : run_hashes) h = static_cast<uint32_t>(h);
            std::sort(run_hashes.begin(), run_hashes.end());
            run_hashes.erase(std::unique(run_hashes.begin(), run_hashes.end()), run_hashes.end());
            for (uint64_t h : run_hashes) {
              x.run_keys.Add(h, {n, static_cast<uint8_t>(begin), static_cast<uint8_t>(count)});
            }
          }
        }
      }
    }
    x.run_keys.Freeze();
  }

  IndexStats& st = x.stats;
  st.entities = x.entities.size();
  st.names = x.names.size();
  st.distinct_words = word_count;
  st.keys = x.keys.size();
  st.memory_bytes = x.keys.bytes() + x.words_by_text.bytes() +
                    x.postings.capacity() * sizeof(Posting) + x.run_keys.bytes() +
                    x.listed_run_keys.bytes() +
                    x.query_words.size() * (sizeof(WordInfo) + 3 * sizeof(void*) + 24) +
                    x.posting_offsets.capacity() * 4 + x.tokens.capacity() * sizeof(NameToken) +
                    x.names.capacity() * sizeof(StoredName) + word_count * (sizeof(WordInfo) + 24);
  st.build_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return std::shared_ptr<const MatchIndex>(std::move(index));
}

std::vector<QueryName> MatchIndex::Impl::PrepareQuery(const Query& query, Vocabulary& local) const {
  std::vector<NameRole> roles;
  if (query.schema && *query.schema != model::Schema::kLegalEntity) {
    roles.push_back(RoleOf(*query.schema));
  } else {
    roles = {NameRole::kPerson, NameRole::kOrganization};
  }
  std::vector<QueryName> out;
  for (const std::string& name : query.names) {
    // Each reading of the name (a name in kanji has a Japanese one too), in each role.
    std::vector<std::vector<PreparedName>> by_role = PrepareQueryName(name, roles, local);
    for (size_t reading = 0; reading < by_role.front().size(); ++reading) {
      for (size_t r = 0; r < roles.size(); ++r) {
        if (reading >= by_role[r].size()) continue;
        QueryName qn;
        qn.original = name;
        qn.role = roles[r];
        qn.prepared = std::move(by_role[r][reading]);
        // Most names read the same both ways: look them up once, for names of either role.
        if (r > 0 && !out.empty() && out.back().original == name &&
            SameReading(out.back().prepared, qn.prepared)) {
          out.back().any_role = true;
          continue;
        }
        out.push_back(std::move(qn));
      }
    }
  }
  return out;
}

Match MatchIndex::Impl::Finish(uint32_t entity, double score, const QueryName& qn,
                               const StoredName& name, const NameScore& ns,
                               const FeatureScore& features) const {
  Match m;
  m.entity = &entities[entity];
  m.source_id = source_ids[entity];
  m.regimes = regimes[entity];
  m.score = score;
  Explanation& ex = m.explanation;
  ex.query_name = qn.original;
  ex.entity_name = entities[entity].names[name.name_index].full;
  ex.name_kind = std::string(model::NameKindName(name.kind));
  ex.name_score = ns.score;
  ExplainNames(qn.prepared.view(), View(name), ns, ex);
  const double factor = NameKindFactor(name.kind);
  ex.contributions.push_back(
      {"name", ns.score * factor, factor < 1 ? "weak alias, x0.9" : std::string(ex.name_kind)});
  ex.contributions.insert(ex.contributions.end(), features.contributions.begin(),
                          features.contributions.end());
  return m;
}

std::vector<Match> MatchIndex::Impl::Rank(std::vector<Ranked> ranked,
                                          const std::vector<QueryName>& qnames,
                                          const SearchOptions& options) const {
  const auto before = [&](const Ranked& a, const Ranked& b) {
    if (a.score != b.score) return a.score > b.score;
    return entities[a.entity].id < entities[b.entity].id;
  };
  if (options.limit != 0 && ranked.size() > options.limit) {
    std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(options.limit),
                      ranked.end(), before);
    ranked.resize(options.limit);
  } else {
    std::sort(ranked.begin(), ranked.end(), before);
  }
  std::vector<Match> out;
  out.reserve(ranked.size());
  for (const Ranked& r : ranked) {
    if (r.detail == nullptr) {
      out.push_back(IdentifierOnly(r.entity, r.score, r.features));
    } else {
      out.push_back(
          Finish(r.entity, r.score, qnames[r.query_name], names[r.name], *r.detail, r.features));
    }
  }
  return out;
}

namespace {

// Best name of one entity for the query, over every query name of a compatible role.
// What a name's initials and abbreviations can pair with beside the postings: words beginning
// with an initial's letter at kInitialSimilarity, one each, and runs as long as an
// abbreviation's letters at kAbbreviationSimilarity.
struct BesideInitials {
  size_t capacity = 0;                // words of the other name they can take in all
  uint32_t initial_letters = 0;       // LetterBit of each initial
  uint32_t abbreviation_letters = 0;  // ... of each abbreviation's letters

  static uint32_t LetterBit(char c) {
    return c >= 'a' && c <= 'z' ? uint32_t{1} << (c - 'a') : uint32_t{1} << 26;
  }
  static BesideInitials Of(std::span<const NameToken> tokens) {
    BesideInitials out;
    for (const NameToken& t : tokens) {
      if (t.initial && !t.word->text.empty()) {
        ++out.capacity;
        out.initial_letters |= LetterBit(t.word->text[0]);
      } else if (t.abbreviation) {
        out.capacity += t.word->text.size();
        for (char c : t.word->text) out.abbreviation_letters |= LetterBit(c);
      }
    }
    return out;
  }
  // Whether an initial of theirs is the word's first letter.
  bool Begins(const NameToken& token) const {
    const char letter = FirstLetter(token);
    return letter != '\0' && (initial_letters & LetterBit(letter)) != 0;
  }
  // The best a word of the other name can pair at beside them: in an abbreviation's run if
  // one of its letters begins the word, or with an initial that does; else 0.
  double Similarity(const NameToken& token) const {
    const char letter = FirstLetter(token);
    if (letter == '\0') return 0;
    const uint32_t bit = LetterBit(letter);
    if (abbreviation_letters & bit) return kAbbreviationSimilarity;
    return (initial_letters & bit) != 0 ? kInitialSimilarity : 0;
  }
  // The best any word can pair at beside them.
  double Best() const {
    return abbreviation_letters != 0 ? kAbbreviationSimilarity
           : capacity > 0            ? kInitialSimilarity
                                     : 0;
  }
  bool abbreviations() const { return abbreviation_letters != 0; }
};

// Two listed words, by id, that a query word may be run together ("ramimakhlouf").
struct WordPair {
  uint32_t left, right;
};

// A listed word a query unit (a word, or words run together) may pair with, and how well.
struct UnitHit {
  uint32_t word;
  float similarity;
};

// The words each query unit's probes found, by the unit's words as the scorer reads them, kept
// per thread for one index. Names repeat words ("Mohammed", "Ivanov", "LLC"): in a batch most
// units have been looked up before. The key holds everything the probes and the comparison read
// of the words, so a unit found is one the lookup would answer alike. Direct-mapped: a unit
// stored takes its slot from whatever held it, reusing its memory.
class UnitLookups {
 public:
  static constexpr size_t kSlots = size_t{1} << 15;

  // Starts serving `index` (an index's instance number); another index's units stop counting.
  void Use(uint64_t index) {
    if (slots_.empty()) slots_.resize(kSlots);
    index_ = index;
  }
  // Nothing stored before answers again; the slots' memory is kept for what follows.
  void Forget() { ++epoch_; }
  // Makes the unit's key in `key`; returns its hash (Find, Store).
  size_t MakeKey(std::span<const NameToken> unit, std::string& key) const {
    key.clear();
    for (const NameToken& t : unit) {
      const WordInfo& w = *t.word;
      for (const std::string* field :
           {&w.text, &w.phonetic, &w.skeleton, &w.abjad_key, &w.abjad_key_variants}) {
        key += *field;
        key += '\x1f';
      }
      for (const std::string& alternative : w.alternatives) {
        key += alternative;
        key += '\x1e';
      }
      for (uint32_t symbol : w.symbols) key.append(reinterpret_cast<const char*>(&symbol), 4);
      key += static_cast<char>(w.word_class);
      key +=
          static_cast<char>((t.lossy_script ? 1 : 0) | (t.abjad ? 2 : 0) | (t.syllable ? 4 : 0) |
                            (t.initial ? 8 : 0) | (t.abbreviation ? 16 : 0) | (t.numeral ? 32 : 0));
      key += '\x1d';
    }
    // Another index's units take other slots: a thread may search two in turn.
    return std::hash<std::string_view>{}(key) ^ (index_ * 0x9E3779B97F4A7C15ull);
  }
  // Fetches the slot of a key's hash, ahead of Find: the slots are megabytes.
  void Prefetch(size_t hash) const { __builtin_prefetch(&slots_[hash & (kSlots - 1)]); }
  struct Found {
    std::vector<UnitHit> hits;
    std::vector<WordPair> splits;  // a single word's cuts into two listed words
  };
  // What was stored under the key (of that hash), or null.
  const Found* Find(std::string_view key, size_t hash) const {
    const Slot& slot = slots_[hash & (kSlots - 1)];
    if (slot.index != index_ || slot.epoch != epoch_ || slot.hash != hash || slot.key != key) {
      return nullptr;
    }
    return &slot.found;
  }
  // Stores what the unit's lookup found under the key (of that hash).
  template <typename HitRange>
  void Store(std::string_view key, size_t hash, const HitRange& hits,
             std::span<const WordPair> splits) {
    Slot& slot = slots_[hash & (kSlots - 1)];
    slot.index = index_;
    slot.epoch = epoch_;
    slot.hash = hash;
    slot.key.assign(key);
    slot.found.hits.clear();
    for (const auto& hit : hits) slot.found.hits.push_back({hit.word, hit.similarity});
    slot.found.splits.assign(splits.begin(), splits.end());
  }

 private:
  struct Slot {
    uint64_t index = 0;  // 0: empty; instance numbers start at 1
    uint64_t epoch = 0;
    size_t hash = 0;
    std::string key;
    Found found;
  };
  uint64_t index_ = 0;
  uint64_t epoch_ = 0;  // Forget() calls so far
  HugePageVector<Slot> slots_;
};

thread_local UnitLookups thread_lookups;

// The sum of the `k` largest of `values` (all of them when there are fewer); reorders them.
double SumOfLargest(std::vector<double>& values, size_t k) {
  if (values.size() > k) {
    std::nth_element(values.begin(), values.begin() + k, values.end(), std::greater<>());
    values.resize(k);
  }
  double sum = 0;
  for (double v : values) sum += v;
  return sum;
}

struct BestName {
  double score = -1;  // name score x alias factor
  size_t query_name = 0;
  uint32_t name = 0;
  NameScore detail;
  std::optional<FeatureScore> features;  // once its name score may reach the threshold
};

// The best final scores of up to `limit` distinct entities seen so far, each only rising. Once
// `limit` entities hold scores, the least of them is a floor: an entity that cannot beat it
// is not among the matches returned, which are at most `limit`.
class LeadingEntities {
 public:
  // A limit of 0 (no limit) or one too large to scan keeps no floor.
  explicit LeadingEntities(size_t limit) : limit_(limit <= kMaxLimit ? limit : 0) {}

  void Offer(uint32_t entity, double score) {
    if (limit_ == 0) return;
    for (Held& h : held_) {
      if (h.entity != entity) continue;
      if (score > h.score) {
        h.score = score;
        UpdateFloor();
      }
      return;
    }
    if (held_.size() < limit_) {
      held_.push_back({entity, score});
      UpdateFloor();
      return;
    }
    auto least = std::min_element(held_.begin(), held_.end(),
                                  [](const Held& a, const Held& b) { return a.score < b.score; });
    if (score > least->score) {
      *least = {entity, score};
      UpdateFloor();
    }
  }
  // Whether it keeps a floor at all.
  bool Keeps() const { return limit_ != 0; }
  // The score an entity must reach to be returned; -infinity until `limit` entities are held.
  double Floor() const { return floor_; }

 private:
  static constexpr size_t kMaxLimit = 64;
  struct Held {
    uint32_t entity;
    double score;
  };
  void UpdateFloor() {
    if (held_.size() < limit_) return;
    floor_ = held_.front().score;
    for (const Held& h : held_) floor_ = std::min(floor_, h.score);
  }
  size_t limit_;
  std::vector<Held> held_;
  double floor_ = -std::numeric_limits<double>::infinity();
};

}  // namespace

std::vector<Match> MatchIndex::SearchBruteForce(const Query& query,
                                                const SearchOptions& options) const {
  const Impl& x = *impl_;
  Vocabulary local;
  std::vector<QueryName> qnames = x.PrepareQuery(query, local);
  std::vector<BestName> best(x.entities.size());
  for (uint32_t n = 0; n < x.names.size(); ++n) {
    const StoredName& name = x.names[n];
    const model::Entity& e = x.entities[name.entity];
    if (query.schema && !SchemataCompatible(*query.schema, e.schema)) continue;
    if (!x.Selected(name.entity, options)) continue;
    for (size_t q = 0; q < qnames.size(); ++q) {
      if (!qnames[q].Meets(name.role)) continue;
      NameScore ns = ScoreNames(qnames[q].prepared.view(), x.View(name));
      const double s = ns.score * NameKindFactor(name.kind);
      if (s > best[name.entity].score) best[name.entity] = {s, q, n, std::move(ns)};
    }
  }
  std::vector<Ranked> ranked;
  for (uint32_t e = 0; e < x.entities.size(); ++e) {
    const bool by_identifier = !query.identifiers.empty();
    if (best[e].score < 0 && !by_identifier) continue;
    if (query.schema && !SchemataCompatible(*query.schema, x.entities[e].schema)) continue;
    if (!x.Selected(e, options)) continue;
    FeatureScore f = ScoreFeatures(query, x.entities[e]);
    const double name_score = std::max(0.0, best[e].score);
    const double score = Combine(name_score, f);
    if (score < options.threshold || score <= 0) continue;
    const BestName& b = best[e];
    ranked.push_back(
        {score, e, b.query_name, b.name, b.score < 0 ? nullptr : &b.detail, std::move(f)});
  }
  return x.Rank(std::move(ranked), qnames, options);
}

std::vector<Match> MatchIndex::Search(const Query& query, const SearchOptions& options) const {
  Stopper never(options, /*honour=*/false);
  SearchStats stats;
  return std::move(impl_->Search(query, options, never, stats)).value();
}

Result<std::vector<Match>> MatchIndex::TrySearch(const Query& query, const SearchOptions& options,
                                                 SearchStats* stats) const {
  Stopper stop(options, /*honour=*/true);
  SearchStats local;
  return impl_->Search(query, options, stop, stats != nullptr ? *stats : local);
}

std::vector<Match> MatchIndex::SearchMirrored(const MatchIndex& listed, size_t entity,
                                              const SearchOptions& options) const {
  const model::Entity& e = listed.entities()[entity];
  Query query;
  query.id = e.id;
  for (const model::DateSpec& d : e.birth_dates) {
    if (!d.date.empty()) query.birth_dates.push_back(d.date);
  }
  for (const model::CountryRef& c : e.countries) query.countries.push_back(c.code);
  query.identifiers = e.identifiers;
  // The entity's names as the listed index prepared them: its words carry every romanisation
  // that index gathered, as screening reads them.
  std::vector<QueryName> names;
  const Impl& l = *listed.impl_;
  for (uint32_t n = l.first_name_of_entity[entity]; n < l.first_name_of_entity[entity + 1]; ++n) {
    const StoredName& stored = l.names[n];
    const NameView view = l.View(stored);
    QueryName qn;
    qn.original = e.names[stored.name_index].full;
    qn.role = stored.role;
    qn.prepared.tokens.assign(view.tokens.begin(), view.tokens.end());
    qn.prepared.total_weight = stored.total_weight;
    qn.prepared.legal_form = std::string(view.legal_form);
    qn.prepared.legal_form_generic = std::string(view.legal_form_generic);
    qn.prepared.role = stored.role;
    names.push_back(std::move(qn));
  }
  Stopper never(options, /*honour=*/false);
  SearchStats stats;
  return std::move(impl_->Search(query, options, never, stats, &names, /*mirrored=*/true)).value();
}

Result<std::vector<Match>> MatchIndex::Impl::Search(const Query& query,
                                                    const SearchOptions& options, Stopper& stop,
                                                    SearchStats& done,
                                                    const std::vector<QueryName>* given,
                                                    bool mirrored) const {
  const Impl& x = *this;
  // Mirrored, the query is the listed side: its words left over cost what a listed word's do,
  // and the index's names' words what a query's do.
  const float query_side_leftover = std::min(kQueryLeftoverCost, kQueryConflictCost);
  const float listed_side_leftover = std::min(kListedLeftoverCost, kListedConflictCost);
  const float query_leftover = mirrored ? listed_side_leftover : query_side_leftover;
  const float listed_leftover = mirrored ? query_side_leftover : listed_side_leftover;
  if (stop.Stop()) return stop.status();
  Vocabulary local;
  std::vector<QueryName> qnames = given != nullptr ? *given : x.PrepareQuery(query, local);

  // Scratch space reused across queries on this thread.
  thread_local AccumulatorSlots slots;
  thread_local std::vector<Accumulator> accumulators;
  thread_local std::vector<uint32_t> word_stamp;
  thread_local uint32_t stamp = 0;
  if (word_stamp.size() < x.vocabulary.size()) word_stamp.assign(x.vocabulary.size(), 0);
  slots.Clear();
  accumulators.clear();

  std::vector<uint64_t> variants;
  std::vector<uint32_t> reached;  // listed words a query unit's probes reached, to compare
  UnitLookups& lookups = thread_lookups;
  lookups.Use(x.instance);
  CreationRule rule;  // which postings may create a candidate (WalkHits)
  rule.listed_leftover = listed_leftover;
  // Similarities are kept in 1/255ths rounded up (Accumulator::best).
  auto quantize = [](float similarity) {
    return static_cast<uint8_t>(std::min(255.0f, std::ceil(similarity * 255.0f)));
  };
  // Which schemata of listed names the query allows: a name of another is never a candidate.
  uint32_t schemata_allowed = 0;
  for (unsigned schema = 0; schema <= static_cast<unsigned>(model::Schema::kAircraft); ++schema) {
    if (!query.schema || SchemataCompatible(*query.schema, static_cast<model::Schema>(schema))) {
      schemata_allowed |= uint32_t{1} << schema;
    }
  }
  // Records on a candidate that query words [q_begin, q_begin + q_count) may pair, at a
  // similarity of `quantized` or less, with `c_count` of its words from `position` (weighing
  // `weight`, the others `neighbour_weight` each).
  auto update = [](Accumulator& acc, size_t q_begin, size_t q_count, size_t position,
                   size_t c_count, uint8_t quantized, float weight, float neighbour_weight) {
    acc.query_runs |= q_count > 1;
    for (size_t i = q_begin; i < q_begin + q_count; ++i) {
      acc.best[i] = std::max(acc.best[i], quantized);
    }
    for (size_t j = position; j < position + c_count; ++j) {
      const uint32_t bit = uint32_t{1} << j;
      if (acc.candidate_mask & bit) continue;
      acc.candidate_mask |= bit;
      acc.candidate_weight += j == position ? weight : neighbour_weight;
    }
  };
  // The same for the name of `posting`, from its position; the name becomes a candidate if
  // the rule allows.
  auto record = [&](uint32_t query_name, size_t q_begin, size_t q_count, const Posting& posting,
                    size_t c_count, uint8_t quantized, float neighbour_weight = 0) {
    if ((schemata_allowed & (uint32_t{1} << static_cast<unsigned>(posting.schema()))) == 0) return;
    Accumulator* acc = rule.Allows(posting) ? slots.FindOrAdd(posting, query_name, accumulators)
                                            : slots.Find(posting.name, query_name, accumulators);
    if (acc == nullptr) return;
    update(*acc, q_begin, q_count, posting.position, c_count, quantized, posting.weight,
           neighbour_weight);
  };
  // Common words whose candidates are read rather than their postings walked (accumulate).
  struct DeferredRead {
    const WordInfo* word;
    uint8_t quantized, q_begin, q_count;
  };
  thread_local std::vector<DeferredRead> deferred;
  deferred.clear();
  auto accumulate = [&](uint32_t query_name, size_t q_begin, size_t q_count, uint32_t word,
                        float similarity) {
    const QueryName& qn = qnames[query_name];
    const uint32_t begin = x.posting_offsets[word], end = x.posting_offsets[word + 1];
    const uint32_t initials_end = x.initial_postings_end[word];
    const uint32_t organisations = x.organisation_postings_begin[word];
    const uint8_t quantized = quantize(similarity);
    auto walk = [&](uint32_t from, uint32_t to) {
      done.postings_walked += to - from;
      for (uint32_t p = from; p < to; ++p) {
        const Posting& posting = x.postings[p];
        if (qn.Meets(posting.role)) record(query_name, q_begin, q_count, posting, 1, quantized);
      }
    };
    walk(begin, initials_end);
    // Names without initials, of the roles the query name meets. A common word's, when only
    // names with initials may still become candidates: those can only update the candidates
    // there are, which are read instead (read_deferred); the same updates either way.
    const uint32_t from = qn.Meets(NameRole::kPerson) ? initials_end : organisations;
    const uint32_t to = qn.Meets(NameRole::kOrganization) ? end : organisations;
    const bool read_candidates =
        !rule.AllowsAnyWithoutInitials() && !mirrored && to - from > 2 * accumulators.size();
    if (read_candidates) {
      deferred.push_back({&x.vocabulary.at(word), quantized, static_cast<uint8_t>(q_begin),
                          static_cast<uint8_t>(q_count)});
    } else {
      walk(from, to);
    }
  };
  // The candidates' names read once for every common word of a group (a query unit) whose
  // postings were not walked: each name is a few cache misses away, read once, not once a word.
  auto read_deferred = [&](uint32_t query_name) {
    if (deferred.empty()) return;
    // Names a few candidates ahead, and their words fewer ahead, are fetched meanwhile.
    constexpr size_t kNameAhead = 8, kWordsAhead = 4;
    for (size_t a = 0; a < std::min(kNameAhead, accumulators.size()); ++a) {
      __builtin_prefetch(&x.names[accumulators[a].name]);
    }
    for (size_t a = 0; a < accumulators.size(); ++a) {
      if (a + kNameAhead < accumulators.size()) {
        __builtin_prefetch(&x.names[accumulators[a + kNameAhead].name]);
      }
      if (a + kWordsAhead < accumulators.size()) {
        __builtin_prefetch(x.tokens.data() +
                           x.names[accumulators[a + kWordsAhead].name].token_begin);
      }
      Accumulator& acc = accumulators[a];
      // Names with initials had their postings walked.
      if (acc.query_name != query_name || acc.name_has_initials) continue;
      const StoredName& name = x.names[acc.name];
      const NameToken* name_tokens = x.tokens.data() + name.token_begin;
      for (uint32_t j = 0; j < name.token_count; ++j) {
        if (name_tokens[j].initial) continue;
        for (const DeferredRead& read : deferred) {
          // The posting of word j, had it been walked.
          if (name_tokens[j].word != read.word) continue;
          update(acc, read.q_begin, read.q_count, j, 1, read.quantized, name_tokens[j].weight, 0);
        }
      }
    }
    deferred.clear();
  };
  // The cuts of `text` into two listed words (left and right word ids); only cuts that leave
  // both halves no longer than the longest known word are tried: the others cannot be found,
  // and trying them would cost the square of the word's length.
  std::vector<WordPair> splits;
  thread_local std::vector<uint64_t> cut_hashes;
  thread_local std::vector<uint32_t> cut_words;  // by key: the word of that text, or kNoWord
  constexpr uint32_t kNoWord = ~uint32_t{0};
  auto find_splits = [&](std::string_view text) {
    splits.clear();
    const size_t longest = x.longest_word;
    if (text.size() < 2 * kMinMergedPart || text.size() > 2 * longest) return;
    const size_t first_cut = std::max(kMinMergedPart, text.size() - std::min(text.size(), longest));
    const size_t last_cut = std::min(longest, text.size() - kMinMergedPart);
    CutHashes(text, first_cut, last_cut, cut_hashes);
    done.keys_probed += cut_hashes.size();
    cut_words.assign(cut_hashes.size(), kNoWord);
    x.words_by_text.ForEachOf(cut_hashes, [&](uint32_t k, uint32_t word) {
      // A hash shared by another text is told apart by the text itself.
      const size_t cut = first_cut + k / 2;
      const std::string_view part = k % 2 == 0 ? text.substr(0, cut) : text.substr(cut);
      if (x.vocabulary.at(word).text == part) cut_words[k] = word;
    });
    for (size_t k = 0; k + 1 < cut_words.size(); k += 2) {
      if (cut_words[k] != kNoWord && cut_words[k + 1] != kNoWord) {
        splits.push_back({cut_words[k], cut_words[k + 1]});
      }
    }
  };
  // A query word that is two listed words run together ("ramimakhlouf"): both halves must be
  // adjacent in one name. The rarer half's postings are walked.
  auto accumulate_split = [&](uint32_t query_name, size_t q_index, WordPair split) {
    const QueryName& qn = qnames[query_name];
    const uint32_t left_count = x.posting_offsets[split.left + 1] - x.posting_offsets[split.left];
    const uint32_t right_count =
        x.posting_offsets[split.right + 1] - x.posting_offsets[split.right];
    const bool walk_left = left_count <= right_count;
    const uint32_t walked = walk_left ? split.left : split.right;
    const uint32_t other = walk_left ? split.right : split.left;
    for (uint32_t p = x.posting_offsets[walked]; p < x.posting_offsets[walked + 1]; ++p) {
      const Posting& posting = x.postings[p];
      if (!qn.Meets(posting.role)) continue;
      const StoredName& name = x.names[posting.name];
      const int neighbour = static_cast<int>(posting.position) + (walk_left ? 1 : -1);
      if (neighbour < 0 || neighbour >= name.token_count) continue;
      if (x.tokens[name.token_begin + neighbour].word->id != other) continue;
      Posting first = posting;
      first.position = static_cast<uint8_t>(walk_left ? posting.position : neighbour);
      const float walked_weight = posting.weight;
      const float other_weight = x.tokens[name.token_begin + neighbour].weight;
      first.weight = walk_left ? walked_weight : other_weight;
      record(query_name, q_index, 1, first, 2, quantize(1.0f),
             walk_left ? other_weight : walked_weight);
    }
  };

  struct Hit {
    uint32_t word;
    uint8_t q_begin, q_count;
    float similarity;
  };
  // Kept by the thread between searches, as the accumulators are: a search allocates little.
  thread_local std::vector<Hit> hits;
  struct RunHit {
    Impl::RunPosting run;
    uint8_t query_word;
    float similarity;
  };
  thread_local std::vector<RunHit> run_hits;
  thread_local std::vector<Impl::RunPosting> runs_near;
  thread_local std::string unit_text;
  // The keys of a query unit, gathered and then looked up together (KeyIndex::ForEachOf).
  thread_local std::vector<uint64_t> unit_keys;
  auto probe = [&](uint64_t key) { unit_keys.push_back(key); };
  auto probe_all = [&](std::span<const uint64_t> more) {
    unit_keys.insert(unit_keys.end(), more.begin(), more.end());
  };
  for (uint32_t qi = 0; qi < qnames.size(); ++qi) {
    const PreparedName& qp = qnames[qi].prepared;
    const size_t n = qp.tokens.size();
    hits.clear();
    // Each unit's key, made first so that the slots that may remember them are all on their
    // way before the first is read: unit (begin, count) at 3 begin + count - 1.
    thread_local std::vector<std::string> unit_memo_keys;
    thread_local std::vector<size_t> unit_hashes;
    if (!mirrored) {
      if (unit_memo_keys.size() < 3 * n) unit_memo_keys.resize(3 * n);
      unit_hashes.assign(3 * n, 0);
      for (size_t begin = 0; begin < n; ++begin) {
        for (size_t count = 1; count <= 3 && begin + count <= n; ++count) {
          if (count == 1 && qp.tokens[begin].initial) continue;
          const size_t u = 3 * begin + count - 1;
          unit_hashes[u] =
              lookups.MakeKey(std::span(qp.tokens).subspan(begin, count), unit_memo_keys[u]);
          lookups.Prefetch(unit_hashes[u]);
        }
      }
    }
    // Single words, then runs of two and three adjacent words merged.
    for (size_t begin = 0; begin < n; ++begin) {
      for (size_t count = 1; count <= 3 && begin + count <= n; ++count) {
        const NameToken& first = qp.tokens[begin];
        if (count == 1 && first.initial) continue;
        if (stop.Stop()) return stop.status();
        // What a unit's probes find depends on its words alone: a unit seen before on this
        // thread, against this index, is not looked up again (nor its text and readings made).
        const size_t unit_index = 3 * begin + count - 1;
        if (!mirrored) {
          if (const UnitLookups::Found* seen =
                  lookups.Find(unit_memo_keys[unit_index], unit_hashes[unit_index])) {
            ++done.units_remembered;
            for (const WordPair& split : seen->splits) accumulate_split(qi, begin, split);
            for (const UnitHit& hit : seen->hits) {
              hits.push_back({hit.word, static_cast<uint8_t>(begin), static_cast<uint8_t>(count),
                              hit.similarity});
            }
            continue;
          }
        }
        const QueryUnit unit = ReadUnit(qp.tokens, begin, count);
        const bool lossy = unit.lossy, abjad_run = unit.abjad_run;
        std::string& text = unit_text;
        text.clear();
        for (size_t i = begin; i < begin + count; ++i) text += qp.tokens[i].word->text;
        std::optional<AbjadRun> abjad;
        if (abjad_run) abjad.emplace(std::span(qp.tokens).subspan(begin, count));
        // Mirrored, two Latin words run together as ReadListedRun reads them against the index's
        // abjad words.
        std::string run_skeleton, run_key;
        if (mirrored && count == 2 && !lossy && !abjad_run) {
          run_skeleton = text::SkeletonKey(text);
          run_key = AbjadRunKey(text);
          if (run_key.size() < kMinSkeleton) run_key.clear();
        }
        if (++stamp == 0) {
          std::fill(word_stamp.begin(), word_stamp.end(), 0);
          stamp = 1;
        }
        // Words the probes reach are collected first and compared after every probe of the
        // unit: each is a few cache lines of a large vocabulary, fetched meanwhile.
        reached.clear();
        auto consider = [&](uint32_t word) {
          if (word_stamp[word] == stamp) return;
          word_stamp[word] = stamp;
          // What a comparison of Latin words reads (WordInfo's first fields).
          const WordInfo& info = x.vocabulary.at(word);
          const uintptr_t from = reinterpret_cast<uintptr_t>(&info) & ~uintptr_t{63};
          const uintptr_t to = reinterpret_cast<uintptr_t>(&info.alternative_readings);
          for (uintptr_t line = from; line < to; line += 64) {
            __builtin_prefetch(reinterpret_cast<const void*>(line));
          }
          reached.push_back(word);
        };
        auto compare = [&](uint32_t word) {
          ++done.words_compared;
          const WordInfo& info = x.vocabulary.at(word);
          float similarity = 0;
          if (count == 1) {
            NameToken c;
            c.word = &info;
            const uint8_t seen = x.word_lossy[word];
            if (seen & kSeenPlain) similarity = CompareWords(first, c).similarity;
            if (seen & kSeenLossy) {
              c.lossy_script = true;
              similarity = std::max(similarity, CompareWords(first, c).similarity);
            }
            if (mirrored) {
              // As screening compares them: the index's word as the query's, in every form it
              // was seen in, against the query's word as a listed word, whichever way the
              // lists write it.
              static const std::vector<const WordInfo*> kNone;
              const std::vector<const WordInfo*>& readings =
                  word < x.query_words_of.size() ? x.query_words_of[word] : kNone;
              for (const WordInfo* reading : readings) {
                for (uint8_t form = 0; form < 8; ++form) {
                  if ((x.word_forms[word] & (1u << form)) == 0) continue;
                  const NameToken as_query = TokenOfForm(*reading, form);
                  NameToken as_listed;
                  as_listed.word = first.word;
                  for (const bool listed_lossy : {false, true}) {
                    as_listed.lossy_script = listed_lossy;
                    similarity = std::max(similarity, CompareWords(as_query, as_listed).similarity);
                  }
                }
              }
            }
          } else {
            similarity = RunSimilarity(abjad ? &*abjad : nullptr, text, info,
                                       (x.word_lossy[word] & kSeenPlain) != 0);
            if (!run_key.empty() && (x.word_forms[word] & kAbjadForms) != 0 &&
                word < x.query_words_of.size()) {
              for (const WordInfo* reading : x.query_words_of[word]) {
                similarity = std::max(
                    similarity, ReadListedRun(*reading, {text, run_skeleton, run_key}).similarity);
              }
            }
          }
          if (similarity > 0) {
            hits.push_back(
                {word, static_cast<uint8_t>(begin), static_cast<uint8_t>(count), similarity});
          }
        };
        ++done.units_looked_up;
        splits.clear();
        if (count == 1) find_splits(text);
        for (const WordPair& split : splits) accumulate_split(qi, begin, split);
        const size_t hits_before = hits.size();
        const int depth = count == 1 ? IndexDepth(text.size()) : RunDepth(text.size());
        DeletionHashes(kDeletion, text, depth, variants);
        unit_keys.clear();
        probe_all(variants);
        if (count == 1) {
          for (const std::string& alternative : first.word->alternatives) {
            DeletionHashes(kDeletion, alternative, IndexDepth(alternative.size()), variants);
            probe_all(variants);
          }
          if (first.word->phonetic.size() >= kMinPhonetic) {
            probe(Hash(kPhonetic, first.word->phonetic));
          }
          for (uint32_t s : first.word->symbols) {
            probe(Hash(kSymbol, std::string_view(reinterpret_cast<const char*>(&s), 4)));
          }
        }
        // Runs are compared as spellings only, but for abjad words run together.
        if (count > 1 && !abjad_run) {
          // Mirrored, two Latin words run together meet the index's abjad words written
          // without the space (ReadListedRun).
          if (!run_key.empty()) probe(Hash(kMirrorAbjadRunKey, run_key));
        } else {
          ForEachSkeletonProbe(first, lossy, abjad ? &*abjad : nullptr, variants,
                               [&](uint64_t key) { probe(key); });
          // Mirrored, a word meets the index's abjad words that would read as it.
          if (mirrored && count == 1 && !first.word->abjad_key.empty()) {
            probe(Hash(kMirrorAbjadKey, first.word->abjad_key));
          }
        }
        done.keys_probed += unit_keys.size();
        x.keys.ForEachOf(unit_keys, consider);
        for (uint32_t word : reached) compare(word);
        if (!mirrored) {
          lookups.Store(unit_memo_keys[unit_index], unit_hashes[unit_index],
                        std::span(hits).subspan(hits_before), splits);
        }
      }
    }
    run_hits.clear();
    // Abjad query words written without a space that the listed names have: two adjacent Latin
    // words of a name, run together, found by the word's abjad keys and kept if they read so.
    if (!x.listed_run_keys.empty()) {
      for (size_t i = 0; i < n; ++i) {
        const NameToken& token = qp.tokens[i];
        if (!token.abjad || token.word->abjad_key.empty()) continue;
        if (stop.Stop()) return stop.status();
        runs_near.clear();
        auto runs_under = [&](std::string_view key) {
          ++done.keys_probed;
          x.listed_run_keys.Find(Hash(kListedRunAbjadKey, key), runs_near);
        };
        if (!token.word->abjad_run_key.empty()) runs_under(token.word->abjad_run_key);
        ForEachAbjadKey(token.word->abjad_run_key_variants, runs_under);
        std::sort(runs_near.begin(), runs_near.end());
        runs_near.erase(std::unique(runs_near.begin(), runs_near.end()), runs_near.end());
        std::string merged;
        for (const Impl::RunPosting& r : runs_near) {
          const StoredName& name = x.names[r.name];
          if (!qnames[qi].Meets(name.role)) continue;
          const NameToken* listed = x.tokens.data() + name.token_begin + r.begin;
          merged = listed[0].word->text + listed[1].word->text;
          const float similarity = ReadListedRun(*token.word, merged).similarity;
          if (similarity >= kMinMergeSimilarity) {
            run_hits.push_back({r, static_cast<uint8_t>(i), similarity});
          }
        }
      }
    }
    // Mirrored, the runs of the index's names that screening would read as one of the query's
    // words: found by their keys, kept if they read so.
    if (mirrored && !x.run_keys.empty()) {
      for (size_t i = 0; i < n; ++i) {
        const NameToken& token = qp.tokens[i];
        if (token.initial) continue;
        if (stop.Stop()) return stop.status();
        runs_near.clear();
        auto runs_under = [&](uint64_t key) {
          ++done.keys_probed;
          x.run_keys.Find(key, runs_near);
        };
        DeletionHashes(kDeletion, token.word->text, IndexDepth(token.word->text.size()), variants);
        for (uint64_t v : variants) runs_under(v);
        for (const std::string& alternative : token.word->alternatives) {
          DeletionHashes(kDeletion, alternative, IndexDepth(alternative.size()), variants);
          for (uint64_t v : variants) runs_under(v);
        }
        ForEachSkeletonKey(*token.word, /*seen_plain=*/true, /*seen_lossy=*/true, variants,
                           runs_under);
        std::sort(runs_near.begin(), runs_near.end());
        runs_near.erase(std::unique(runs_near.begin(), runs_near.end()), runs_near.end());
        for (const Impl::RunPosting& r : runs_near) {
          const StoredName& keyed = x.names[r.name];
          const std::span<const NameToken> run = x.View(keyed).tokens.subspan(r.begin, r.count);
          const float similarity = RunReadingSimilarity(run, *token.word);
          if (similarity <= 0) continue;
          // The run is keyed under the first of the entity's names that read alike; it is
          // theirs too.
          const uint32_t entity = keyed.entity;
          for (uint32_t m = r.name; m < x.first_name_of_entity[entity + 1]; ++m) {
            const StoredName& name = x.names[m];
            if (m != r.name && !SameWords(x.View(name).tokens, x.View(keyed).tokens)) continue;
            if (!qnames[qi].Meets(name.role)) continue;
            run_hits.push_back({{m, r.begin, r.count}, static_cast<uint8_t>(i), similarity});
          }
        }
      }
    }
    // Run hits make candidates whatever the rule (there are few), and first, so that the postings
    // walked next find them.
    for (const RunHit& hit : run_hits) {
      const StoredName& name = x.names[hit.run.name];
      const NameToken* name_tokens = x.tokens.data() + name.token_begin;
      float others = 0;
      for (size_t j = hit.run.begin + 1; j < hit.run.begin + hit.run.count; ++j) {
        others += name_tokens[j].weight;
      }
      Posting posting{hit.run.name,
                      hit.run.begin,
                      name.role,
                      Posting::NameBits(name.initial_weight > 0, name.kind, name.schema),
                      name_tokens[hit.run.begin].weight,
                      name.total_weight};
      record(qi, hit.query_word, 1, posting, hit.run.count, quantize(hit.similarity),
             others / static_cast<float>(hit.run.count - 1));
    }
    // Once stopped, the remaining hits are passed over and the search returns below.
    WalkHits(
        x.posting_offsets, x.postings.data(), qp, hits, options.threshold - MaxFeatureBonus(query),
        query_leftover, rule,
        [&](const Hit& hit) {
          if (stop.Stop()) return;
          accumulate(qi, hit.q_begin, hit.q_count, hit.word, hit.similarity);
        },
        [&] {
          if (stop.Stop()) {
            deferred.clear();
          } else {
            read_deferred(qi);
          }
        });
    if (stop.Stop()) return stop.status();
  }

  // Bound each candidate's name score from the words it shares with the query; score in full
  // only those whose bound reaches the threshold.
  const double bonus = MaxFeatureBonus(query);
  // What each query name's initials and abbreviations can pair with beside the postings.
  thread_local std::vector<BesideInitials> query_beside;
  query_beside.clear();
  for (const QueryName& qn : qnames) query_beside.push_back(BesideInitials::Of(qn.prepared.tokens));
  thread_local std::vector<double> gains;
  std::unordered_map<uint32_t, BestName> best;
  // Mirrored, what an identifier finds is found below whatever the names say.
  const bool bound_prunes = query.identifiers.empty() || mirrored;
  // Candidates whose bound from their accumulator alone reaches the threshold, bounded word by
  // word next; their names are fetched meanwhile.
  struct Passed {
    const Accumulator* acc;
    double bound;  // of the name score times the alias factor, the feature bonus left out
  };
  thread_local std::vector<Passed> passed;
  passed.clear();
  for (const Accumulator& acc : accumulators) {
    if (stop.Stop()) return stop.status();
    ++done.names_bounded;  // of a schema the query allows: others made no accumulator
    const PreparedName& qp = qnames[acc.query_name].prepared;
    const BesideInitials& beside_query = query_beside[acc.query_name];
    const bool query_has_initials = beside_query.capacity > 0;
    // The name score is sum(sim * pair weight) / (pair weights + leftover costs). Words no
    // query word reached must be left over, at their least cost; words that were reached give
    // at most their weight to the pairs, at no better than the best similarity seen. So the
    // score is at most top * pairs / (pairs + leftovers). Initials are not indexed: an initial
    // on one side may pair with any word on the other, which the bound allows for.
    const bool name_has_initials = acc.name_has_initials;
    float pairs = 0, leftovers = 0, top = 0;
    for (size_t i = 0; i < qp.tokens.size(); ++i) {
      const float w = qp.tokens[i].weight;
      if (qp.tokens[i].abbreviation) top = 1.0f;  // it may pair with a run instead
      if (acc.best[i] > 0) {
        const float best_similarity = static_cast<float>(acc.best[i]) / 255.0f;
        pairs += w;
        top = std::max(top, best_similarity);
      } else if (qp.tokens[i].initial || qp.tokens[i].abbreviation) {
        pairs += w;
        top = 1.0f;  // an initial may pair with an equal initial
      } else if (name_has_initials) {
        pairs += w;
        top = std::max(top, kBesideInitials);
      } else {
        leftovers += query_leftover * w;
      }
    }
    // Listed words: those reached pair at best; initials, and any word when the query has
    // initials, may pair with an initial; the rest are left over.
    const float unreached = std::max(0.0f, acc.name_weight - acc.candidate_weight);
    pairs += acc.candidate_weight;
    if (query_has_initials) {
      pairs += unreached;
      if (unreached > 0) top = std::max(top, kBesideInitials);
    } else {
      const float initials =
          name_has_initials ? std::min(unreached, x.names[acc.name].initial_weight) : 0.0f;
      pairs += initials;
      if (initials > 0) top = std::max(top, kBesideInitials);
      leftovers += listed_leftover * std::max(0.0f, unreached - initials) * 0.999f;
    }
    const double name_bound = pairs > 0 ? top * pairs / (pairs + leftovers) : 0.0;
    const double bound = std::min(1.0, name_bound) * NameKindFactor(acc.kind);
    if (bound + bonus + kBoundSlack < options.threshold && bound_prunes) continue;
    __builtin_prefetch(&x.names[acc.name]);
    passed.push_back({&acc, bound});
  }
  // Best bounds first, so that an entity's other names, whose bounds its best score already
  // reaches, need not be scored: only the best name of an entity is reported, and a name
  // replaces it only when it scores strictly higher. And once `limit` entities score above what
  // the rest may reach, the rest cannot be returned (LeadingEntities): a common name ("Ali
  // Muhammad") reaches hundreds of names above the threshold, of which the best ten are wanted.
  std::sort(passed.begin(), passed.end(), [](const Passed& a, const Passed& b) {
    return a.bound != b.bound ? a.bound > b.bound : a.acc->name < b.acc->name;
  });
  // Without identifiers, an entity's final score is at most its name score plus the bonus.
  LeadingEntities leading(!mirrored && query.identifiers.empty() ? options.limit : 0);
  constexpr size_t kWordsAhead = 4;
  for (size_t k = 0; k < passed.size(); ++k) {
    if (stop.Stop()) return stop.status();
    if (passed[k].bound + bonus + kBoundSlack < leading.Floor()) break;
    if (k + kWordsAhead < passed.size()) {
      __builtin_prefetch(x.tokens.data() + x.names[passed[k + kWordsAhead].acc->name].token_begin);
    }
    const Accumulator& acc = *passed[k].acc;
    const PreparedName& qp = qnames[acc.query_name].prepared;
    const BesideInitials& beside_query = query_beside[acc.query_name];
    const bool query_has_initials = beside_query.capacity > 0;
    const bool name_has_initials = acc.name_has_initials;
    const double factor = NameKindFactor(acc.kind);
    const StoredName& name = x.names[acc.name];
    // The same bound word by word: a query word pairs at no better than its own best similarity
    // (not the best of any word), or is left over, whichever helps the score more. The score
    // N / D reaches t exactly when the sum over words of (s - t) w for a pair, or -t c w for a
    // word left over at cost c, can reach 0; each word's better choice bounds that sum.
    // Legal forms that differ scale the name score down (ScoreNames).
    const std::string_view listed_form = x.legal_forms[name.legal_form].first;
    const std::string_view listed_generic = x.legal_forms[name.legal_form].second;
    const bool forms_differ =
        !qp.legal_form.empty() && !listed_form.empty() && qp.legal_form != listed_form &&
        (qp.legal_form_generic.empty() || qp.legal_form_generic != listed_generic);
    const double scale = factor * (forms_differ ? kLegalFormConflictFactor : 1.0);
    if (bound_prunes && scale > 0) {
      const double t = (options.threshold - kBoundSlack - bonus) / scale;
      if (t > 0) {
        ++done.names_word_bounded;
        double sum = 0;
        auto pair_or_leave = [&](double similarity, double weight, double leftover_cost) {
          sum += std::max((similarity - t) * weight, -t * leftover_cost * weight);
        };
        // Query words may also pair beside the name's initials and abbreviations, which no
        // posting shows: an initial takes one word that begins with its letter, an abbreviation
        // a run of as many words as it has letters. Only that many words can, the ones that
        // gain most by it.
        const std::span<const NameToken> listed = x.View(name).tokens;
        const BesideInitials beside =
            name_has_initials ? BesideInitials::Of(listed) : BesideInitials{};
        gains.clear();
        double top_reached = 0;
        for (size_t i = 0; i < qp.tokens.size(); ++i) {
          const NameToken& token = qp.tokens[i];
          const double w = token.weight;
          // What its postings reached, as a word or run together with its neighbours.
          const double seen = static_cast<double>(acc.best[i]) / 255.0;
          top_reached = std::max(top_reached, seen);
          if (token.initial) {
            // An equal initial, or a word it begins.
            const double alongside = beside.Begins(token) ? 1.0 : kInitialSimilarity;
            pair_or_leave(std::max(seen, alongside), w, query_leftover);
            continue;
          }
          if (token.abbreviation) {
            // The run its letters begin.
            pair_or_leave(std::max<double>(seen, kAbbreviationSimilarity), w, query_leftover);
            continue;
          }
          // A number or a Han or Hangul syllable the listed name lacks costs as a conflict.
          const double leftover =
              !mirrored && (token.numeral || token.syllable) ? kQueryConflictCost : query_leftover;
          const double leave = -t * leftover * w;
          double gain = 0;
          if (acc.best[i] > 0) gain = (seen - t) * w - leave;
          gain = std::max(gain, (beside.Similarity(token) - t) * w - leave);
          sum += leave;
          if (gain > 0) gains.push_back(gain);
        }
        // Pairs are one to one: no more query words pair than the listed words their postings
        // reached (unless query words run together reached one), and the initials' capacity.
        const size_t capacity =
            acc.query_runs ? gains.size() : std::popcount(acc.candidate_mask) + beside.capacity;
        sum += SumOfLargest(gains, capacity);
        // Listed words a posting reached pair with the query words that reached them, or
        // beside the query's initials and abbreviations, or, as an abbreviation, with a run.
        const double by_initials = beside_query.Best();
        pair_or_leave(std::max({top_reached, by_initials,
                                beside.abbreviations() ? double{kAbbreviationSimilarity} : 0.0}),
                      acc.candidate_weight, listed_leftover);
        // Of those no posting reached, the name's initials and abbreviations pair with a word,
        // a run, or an equal initial; the others only beside the query's initials and
        // abbreviations, as many as those can take.
        gains.clear();
        for (size_t j = 0; j < listed.size(); ++j) {
          if (acc.candidate_mask & (uint32_t{1} << j)) continue;
          const double w = listed[j].weight;
          if (listed[j].initial || listed[j].abbreviation) {
            pair_or_leave(query_has_initials ? 1.0 : double{kBesideInitials}, w, listed_leftover);
            continue;
          }
          const double leave = -t * listed_leftover * w * 0.999;
          sum += leave;
          // Without initials or abbreviations the query takes none of them (and their words are
          // not read).
          if (beside_query.capacity == 0) continue;
          const double gain = (beside_query.Similarity(listed[j]) - t) * w - leave;
          if (gain > 0) gains.push_back(gain);
        }
        sum += SumOfLargest(gains, beside_query.capacity);
        if (sum < -1e-6) continue;
      }
    }
    if (!x.Selected(name.entity, options)) continue;
    // Without the feature bonus: a name is worth scoring only if it may beat its entity's best.
    auto [it, inserted] = best.try_emplace(name.entity);
    if (passed[k].bound + kBoundSlack < it->second.score) continue;
    ++done.names_scored;
    // Mirrored, the name is scored as screening would score it: the index's name as the query.
    NameScore ns =
        mirrored ? ScoreNames(x.View(name), qp.view()) : ScoreNames(qp.view(), x.View(name));
    const double s = ns.score * NameKindFactor(name.kind);
    // Ties go to the first name, then the first reading, as the full scan takes them.
    const BestName& held = it->second;
    if (s > held.score || (s == held.score && std::pair(acc.name, size_t{acc.query_name}) <
                                                  std::pair(held.name, held.query_name))) {
      it->second.score = s;
      it->second.query_name = acc.query_name;
      it->second.name = acc.name;
      it->second.detail = std::move(ns);
    }
    // The entity's final score as the end computes it, to raise the floor.
    if (!leading.Keeps()) continue;
    BestName& now = it->second;
    if (now.score + bonus + kBoundSlack < options.threshold) continue;
    const model::Entity& entity = x.entities[name.entity];
    if (query.schema && !SchemataCompatible(*query.schema, entity.schema)) continue;
    if (!now.features) now.features = ScoreFeatures(query, entity);
    const double final_score = Combine(std::max(0.0, now.score), *now.features);
    if (final_score >= options.threshold && final_score > 0)
      leading.Offer(name.entity, final_score);
  }
  accumulators.clear();

  // Identifiers find entities whatever their names; such an entity has all its names scored,
  // as the full scan does, not only those the name lookup reached.
  std::unordered_set<uint32_t> by_identifier;
  for (const model::Identifier& id : query.identifiers) {
    std::string key = std::string(model::IdentifierTypeName(id.type)) + ":" +
                      CanonicalIdentifier(id.type, id.value);
    auto [lo, hi] = x.identifiers.equal_range(key);
    for (auto it = lo; it != hi; ++it) {
      best.try_emplace(it->second);
      by_identifier.insert(it->second);
    }
  }

  std::vector<Ranked> ranked;
  for (auto& [e, b] : best) {
    if (stop.Stop()) return stop.status();
    // A name score the features cannot lift to the threshold is passed over without reading
    // the entity: without identifiers, they add at most the bonus.
    if (!mirrored && query.identifiers.empty() &&
        b.score + bonus + kBoundSlack < options.threshold) {
      continue;
    }
    const model::Entity& entity = x.entities[e];
    if (query.schema && !SchemataCompatible(*query.schema, entity.schema)) continue;
    if (!x.Selected(e, options)) continue;
    if (mirrored) {
      // The forward score is at most the name score plus every bonus the query's features
      // allow (a bonus needs the field on both sides), or anything when an identifier is shared.
      const bool shared_identifier = by_identifier.contains(e);
      if (b.score <= 0 && !shared_identifier) continue;
      const double upper =
          shared_identifier ? 1.0 : std::min(1.0, b.score + MaxFeatureBonus(query));
      if (upper + kBoundSlack < options.threshold) continue;
      ranked.push_back({.score = upper, .entity = e});
      continue;
    }
    if (by_identifier.contains(e)) {
      for (uint32_t n = x.first_name_of_entity[e]; n < x.first_name_of_entity[e + 1]; ++n) {
        for (size_t q = 0; q < qnames.size(); ++q) {
          if (!qnames[q].Meets(x.names[n].role)) continue;
          ++done.names_scored;
          NameScore ns = ScoreNames(qnames[q].prepared.view(), x.View(x.names[n]));
          const double s = ns.score * NameKindFactor(x.names[n].kind);
          if (s > b.score) b = {s, q, n, std::move(ns), std::nullopt};
        }
      }
    }
    FeatureScore f = b.features ? std::move(*b.features) : ScoreFeatures(query, entity);
    const double score = Combine(std::max(0.0, b.score), f);
    if (score < options.threshold || score <= 0) continue;
    ranked.push_back(
        {score, e, b.query_name, b.name, b.score < 0 ? nullptr : &b.detail, std::move(f)});
  }
  return x.Rank(std::move(ranked), qnames, options);
}

void MatchIndex::ForgetLookups() { thread_lookups.Forget(); }

const model::Entity* MatchIndex::Find(std::string_view entity_id) const {
  auto it = impl_->by_id.find(entity_id);
  return it == impl_->by_id.end() ? nullptr : &impl_->entities[it->second];
}

const std::vector<model::Entity>& MatchIndex::entities() const { return impl_->entities; }

void MatchIndex::ForEachPreparedName(size_t entity,
                                     const std::function<void(const NameView&)>& fn) const {
  const Impl& x = *impl_;
  for (uint32_t n = x.first_name_of_entity[entity]; n < x.first_name_of_entity[entity + 1]; ++n) {
    fn(x.View(x.names[n]));
  }
}
const IndexStats& MatchIndex::stats() const { return impl_->stats; }

}  // namespace cordon::match
