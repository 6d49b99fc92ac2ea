// MatchIndex over every bundled list: Search() against SearchBruteForce() on a generated
// workload (the differential test), then the behaviours a screening user relies on (filters,
// limit, schema, identifiers, birth dates, names in other scripts).
//
// The differential workload is deterministic (fixed seed): listed names in any script, changed
// the ways customer data differs from a list (typos, transpositions, dropped, added, reordered,
// merged or split words, initials, case and punctuation, romanised forms), names on no list,
// single common words, and names with birth dates, countries and identifiers (real vessels'
// IMO and MMSI numbers, sometimes wrong), with and without a schema, a regime or a source
// filter. For every query and threshold the two must return the same entities with the same
// scores: the index may skip work, never a match.
#include "match/index.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <iomanip>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "match/features.h"
#include "match/name_score.h"
#include "match/prepared.h"
#include "store/store.h"
#include "text/normalize.h"
#include "update/sources.h"
#include "update/updater.h"

namespace cordon::match {
namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

// Brute force scores every name of every entity: about 15 ms a query in release, forty times
// that in the debug build with sanitizers, where the workload shrinks (release runs it whole).
constexpr size_t kDefaultWorkloadSize = kSanitized ? 120 : 3000;
constexpr uint32_t kSeed = 20261129;
constexpr double kThresholds[] = {0.3, 0.5, 0.7, 0.9};

// Every bundled list, current versions, loaded once for the whole binary.
struct Bundled {
  std::shared_ptr<const MatchIndex> index;
  std::string error;
};

Bundled LoadBundledIndex() {
  Bundled out;
  Result<update::SourceCatalog> catalog =
      update::LoadSourceCatalog(std::string(CORDON_BUNDLED_DATA) + "/sources.json");
  if (!catalog.ok()) {
    out.error = catalog.status().ToString();
    return out;
  }
  Result<std::unique_ptr<store::Store>> store = store::Store::Open(":memory:");
  if (!store.ok()) {
    out.error = store.status().ToString();
    return out;
  }
  for (const update::SourceOutcome& outcome : update::LoadBundled(**store, *catalog, {})) {
    if (!outcome.status.ok()) out.error += outcome.source + ": " + outcome.status.ToString();
  }
  std::vector<model::Entity> entities;
  Status status = (*store)->ForEachCurrentEntity([&](const model::Entity& e) {
    entities.push_back(e);
    return Status::Ok();
  });
  if (!status.ok()) out.error += status.ToString();
  Result<std::shared_ptr<const MatchIndex>> index = MatchIndex::Build(std::move(entities));
  if (!index.ok()) {
    out.error += index.status().ToString();
    return out;
  }
  out.index = std::move(index).value();
  return out;
}

const Bundled& SharedIndex() {
  static const Bundled bundled = LoadBundledIndex();
  return bundled;
}

class IndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const Bundled& bundled = SharedIndex();
    ASSERT_TRUE(bundled.error.empty()) << bundled.error;
    ASSERT_NE(bundled.index, nullptr);
    index_ = bundled.index.get();
  }

  static SearchOptions Options(double threshold, size_t limit = 0) {
    SearchOptions options;
    options.threshold = threshold;
    options.limit = limit;
    return options;
  }

  static Query NameQuery(std::string name, std::optional<model::Schema> schema = std::nullopt) {
    Query query;
    query.names.push_back(std::move(name));
    query.schema = schema;
    return query;
  }

  // The score of `entity_id` among `matches`, or -1 when it is not there.
  static double ScoreOf(const std::vector<Match>& matches, std::string_view entity_id) {
    for (const Match& m : matches) {
      if (m.entity->id == entity_id) return m.score;
    }
    return -1;
  }

  const MatchIndex* index_ = nullptr;
};

// ---- the workload ------------------------------------------------------------------------------

// mt19937's output is fixed by the standard; the distributions are not, so indices are drawn
// with a modulo to keep the workload the same with every standard library.
class Random {
 public:
  explicit Random(uint32_t seed) : engine_(seed) {}
  size_t Below(size_t n) { return n == 0 ? 0 : static_cast<size_t>(engine_() % n); }
  bool Percent(int p) { return Below(100) < static_cast<size_t>(p); }
  template <typename T>
  const T& Pick(const std::vector<T>& items) {
    return items[Below(items.size())];
  }

 private:
  std::mt19937 engine_;
};

// UTF-8 text as code points, so that a typo in "Путин" replaces a letter, not half of one.
std::vector<std::string> CodePoints(std::string_view s) {
  std::vector<std::string> out;
  for (size_t i = 0; i < s.size();) {
    size_t len = 1;
    while (i + len < s.size() && (static_cast<unsigned char>(s[i + len]) & 0xC0) == 0x80) ++len;
    out.emplace_back(s.substr(i, len));
    i += len;
  }
  return out;
}

std::string Join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += separator;
    out += parts[i];
  }
  return out;
}

std::vector<std::string> SplitWords(std::string_view s) {
  std::vector<std::string> out;
  std::string word;
  for (char c : s) {
    if (c == ' ') {
      if (!word.empty()) out.push_back(std::move(word));
      word.clear();
    } else {
      word += c;
    }
  }
  if (!word.empty()) out.push_back(std::move(word));
  return out;
}

bool IsSeparator(const std::string& cp) {
  return cp == " " || cp == "," || cp == "-" || cp == "." || cp == "'" || cp == "(" || cp == ")" ||
         cp == "/";
}

// Positions of code points that are part of a word.
std::vector<size_t> LetterPositions(const std::vector<std::string>& cps) {
  std::vector<size_t> out;
  for (size_t i = 0; i < cps.size(); ++i) {
    if (!IsSeparator(cps[i])) out.push_back(i);
  }
  return out;
}

enum class Mutation {
  kExact,
  kOneTypo,
  kTwoTypos,
  kTransposition,
  kDropWord,
  kAddWord,
  kReorder,
  kLastCommaFirst,
  kRunTogether,
  kSplitWord,
  kInitials,
  kCasePunctuation,
  kFolded,
  kFoldedTypo,
  kCount,
};

std::string_view MutationName(Mutation m) {
  static constexpr std::string_view kNames[] = {
      "exact",    "one_typo",         "two_typos",  "transposition", "drop_word",
      "add_word", "reorder",          "last_comma", "run_together",  "split_word",
      "initials", "case_punctuation", "folded",     "folded_typo"};
  return kNames[static_cast<size_t>(m)];
}

class WorkloadGenerator {
 public:
  WorkloadGenerator(const MatchIndex& index, uint32_t seed) : random_(seed) {
    const std::vector<model::Entity>& entities = index.entities();
    std::set<std::string> sources;
    for (const model::Entity& e : entities) {
      if (e.names.empty()) continue;
      named_.push_back(&e);
      sources.insert(e.provenance.source);
      if (!e.birth_dates.empty() && !e.birth_dates[0].date.empty()) dated_.push_back(&e);
      for (const model::Identifier& id : e.identifiers) {
        if (id.type == model::IdentifierType::kImo || id.type == model::IdentifierType::kMmsi) {
          identified_.push_back(&e);
          break;
        }
      }
      for (const model::Name& n : e.names) {
        for (std::string& w : SplitWords(n.full)) {
          if (words_.size() < 200000 && random_.Percent(10)) words_.push_back(std::move(w));
        }
      }
    }
    sources_.assign(sources.begin(), sources.end());
  }

  Query Next(std::string& description) {
    Query query;
    std::ostringstream what;
    const size_t kind = random_.Below(100);
    const model::Entity* source_entity = nullptr;
    if (kind < 62) {
      source_entity = random_.Pick(named_);
      AddMutatedName(*source_entity, query, what);
    } else if (kind < 72) {
      // A person on a file who is on no list: parts of two different listed names.
      const model::Entity& a = *random_.Pick(named_);
      const model::Entity& b = *random_.Pick(named_);
      std::vector<std::string> wa = SplitWords(a.names[0].full);
      std::vector<std::string> wb = SplitWords(b.names[0].full);
      query.names.push_back(random_.Pick(wa) + " " + random_.Pick(wb));
      what << "mixed";
    } else if (kind < 78) {
      query.names.push_back(RandomNonName());
      what << "non-name";
    } else if (kind < 84) {
      static const std::vector<std::string> kCommon = {
          "mohammed",      "al",       "bank", "Ali",   "trading",  "company",  "Ltd",
          "ivan",          "li",       "wang", "group", "de",       "the",      "abu",
          "bin",           "hassan",   "kim",  "sa",    "ooo",      "holdings", "shipping",
          "international", "muhammad", "AL-",  "Abdul", "Co., Ltd."};
      query.names.push_back(random_.Pick(kCommon));
      what << "common word";
    } else {
      // Names with the entity's own (or slightly wrong) details.
      const std::vector<const model::Entity*>& pool = random_.Percent(50) ? identified_ : dated_;
      source_entity = random_.Pick(pool);
      AddMutatedName(*source_entity, query, what);
    }
    if (source_entity != nullptr) AddDetails(*source_entity, query, what);
    if (random_.Percent(8)) {
      // A second name, as a customer record with an alias gives.
      const model::Entity& other = *random_.Pick(named_);
      query.names.push_back(other.names[random_.Below(other.names.size())].full);
      what << " +second name";
    }
    ChooseSchema(source_entity, query, what);
    description = what.str();
    return query;
  }

  // Regime and source filters for the next query (empty most of the time).
  void ChooseFilters(SearchOptions& options) {
    options.regimes.clear();
    options.sources.clear();
    const size_t r = random_.Below(100);
    if (r < 10) {
      static const model::Regime kRegimes[] = {model::Regime::kUs, model::Regime::kEu,
                                               model::Regime::kUk, model::Regime::kUn};
      options.regimes.push_back(kRegimes[random_.Below(4)]);
      if (random_.Percent(30)) options.regimes.push_back(kRegimes[random_.Below(4)]);
    } else if (r < 20) {
      options.sources.push_back(random_.Pick(sources_));
      if (random_.Percent(30)) options.sources.push_back(random_.Pick(sources_));
    }
  }

 private:
  void AddMutatedName(const model::Entity& e, Query& query, std::ostringstream& what) {
    const model::Name& name = e.names[random_.Below(e.names.size())];
    const auto mutation =
        static_cast<Mutation>(random_.Below(static_cast<size_t>(Mutation::kCount)));
    query.names.push_back(Mutate(name.full, mutation));
    what << MutationName(mutation) << " of " << e.id << " '" << name.full << "'";
  }

  std::string RandomLetter() { return std::string(1, static_cast<char>('a' + random_.Below(26))); }

  std::string Typo(std::string name) {
    std::vector<std::string> cps = CodePoints(name);
    std::vector<size_t> letters = LetterPositions(cps);
    if (letters.empty()) return name + "x";
    const size_t at = letters[random_.Below(letters.size())];
    // A letter from the same name keeps the script; an ASCII one is a keyboard slip.
    std::string replacement =
        random_.Percent(50) ? cps[letters[random_.Below(letters.size())]] : RandomLetter();
    switch (random_.Below(3)) {
      case 0:
        cps[at] = replacement;
        break;
      case 1:
        cps.insert(cps.begin() + static_cast<std::ptrdiff_t>(at), replacement);
        break;
      default:
        cps.erase(cps.begin() + static_cast<std::ptrdiff_t>(at));
        break;
    }
    return Join(cps, "");
  }

  std::string Mutate(const std::string& name, Mutation mutation) {
    std::vector<std::string> words = SplitWords(name);
    if (words.empty()) return name;
    switch (mutation) {
      case Mutation::kExact:
        return name;
      case Mutation::kOneTypo:
        return Typo(name);
      case Mutation::kTwoTypos:
        return Typo(Typo(name));
      case Mutation::kTransposition: {
        std::vector<std::string> cps = CodePoints(name);
        std::vector<size_t> letters = LetterPositions(cps);
        for (size_t tries = 0; tries < 8 && letters.size() > 1; ++tries) {
          const size_t k = random_.Below(letters.size() - 1);
          if (letters[k + 1] != letters[k] + 1 || cps[letters[k]] == cps[letters[k + 1]]) continue;
          std::swap(cps[letters[k]], cps[letters[k + 1]]);
          break;
        }
        return Join(cps, "");
      }
      case Mutation::kDropWord:
        if (words.size() > 1)
          words.erase(words.begin() + static_cast<std::ptrdiff_t>(random_.Below(words.size())));
        return Join(words, " ");
      case Mutation::kAddWord:
        words.insert(words.begin() + static_cast<std::ptrdiff_t>(random_.Below(words.size() + 1)),
                     random_.Pick(words_));
        return Join(words, " ");
      case Mutation::kReorder:
        if (random_.Percent(50)) {
          std::reverse(words.begin(), words.end());
        } else {
          std::rotate(words.begin(), words.begin() + 1, words.end());
        }
        return Join(words, " ");
      case Mutation::kLastCommaFirst: {
        std::string last = words.back();
        words.pop_back();
        return words.empty() ? last : last + ", " + Join(words, " ");
      }
      case Mutation::kRunTogether: {
        if (words.size() < 2) return name;
        const size_t k = random_.Below(words.size() - 1);
        words[k] += words[k + 1];
        words.erase(words.begin() + static_cast<std::ptrdiff_t>(k) + 1);
        return Join(words, " ");
      }
      case Mutation::kSplitWord: {
        std::string& w = words[random_.Below(words.size())];
        std::vector<std::string> cps = CodePoints(w);
        if (cps.size() >= 4) {
          cps.insert(cps.begin() + static_cast<std::ptrdiff_t>(2 + random_.Below(cps.size() - 3)),
                     " ");
          w = Join(cps, "");
        }
        return Join(words, " ");
      }
      case Mutation::kInitials: {
        // The first word (and sometimes more, not the last) as an initial: "J. Smith", "J Smith".
        const size_t count = words.size() > 2 && random_.Percent(40) ? 2 : 1;
        for (size_t k = 0; k < count && k + 1 < words.size(); ++k) {
          words[k] = CodePoints(words[k])[0] + (random_.Percent(50) ? "." : "");
        }
        return Join(words, " ");
      }
      case Mutation::kCasePunctuation: {
        std::string out;
        const size_t style = random_.Below(4);
        for (size_t k = 0; k < words.size(); ++k) {
          if (k > 0) out += style == 0 ? "-" : style == 1 ? ", " : style == 2 ? ". " : "  ";
          std::string w = words[k];
          for (char& c : w) {
            if (style % 2 == 0 && c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
            if (style % 2 == 1 && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
          }
          out += w;
        }
        return style == 3 ? "\"" + out + "\"." : out;
      }
      case Mutation::kFolded:
        return text::Fold(name);
      case Mutation::kFoldedTypo:
        return Typo(text::Fold(name));
      case Mutation::kCount:
        break;
    }
    return name;
  }

  std::string RandomNonName() {
    static const std::vector<std::string> kSyllables = {
        "ka",  "zu",  "mor", "ten", "ix",  "pla", "quo", "ver", "den", "ash", "lin", "gro",
        "bel", "tar", "sho", "nu",  "vik", "ro",  "pe",  "zan", "qi",  "xu",  "ol",  "ster"};
    std::string out;
    const size_t words = 1 + random_.Below(3);
    for (size_t w = 0; w < words; ++w) {
      if (w > 0) out += ' ';
      if (random_.Percent(15)) {
        out += std::to_string(random_.Below(10000));
        continue;
      }
      const size_t syllables = 1 + random_.Below(3);
      for (size_t s = 0; s < syllables; ++s) out += random_.Pick(kSyllables);
    }
    return out;
  }

  void AddDetails(const model::Entity& e, Query& query, std::ostringstream& what) {
    if (!e.birth_dates.empty() && random_.Percent(60)) {
      model::PartialDate d = e.birth_dates[random_.Below(e.birth_dates.size())].date;
      switch (random_.Below(5)) {
        case 0:
          what << " dob exact";
          break;
        case 1:
          d.month = 0;
          d.day = 0;
          what << " dob year";
          break;
        case 2:
          d.year = static_cast<int16_t>(d.year + 1 + static_cast<int>(random_.Below(15)));
          what << " dob wrong year";
          break;
        case 3:
          std::swap(d.month, d.day);
          what << " dob swapped";
          break;
        default:
          d.day = static_cast<int8_t>(1 + random_.Below(28));
          d.month = d.month == 0 ? static_cast<int8_t>(1 + random_.Below(12)) : d.month;
          what << " dob other day";
          break;
      }
      if (d.month > 12 || (d.month == 0 && d.day != 0)) d = {d.year, 0, 0};
      if (!d.empty()) query.birth_dates.push_back(d);
    }
    if (random_.Percent(35)) {
      static const std::vector<std::string> kCountries = {"RU", "IR", "SY", "KP", "CN", "US",
                                                          "AE", "IQ", "VE", "BY", "DE", "PK"};
      if (!e.countries.empty() && random_.Percent(60)) {
        query.countries.push_back(e.countries[random_.Below(e.countries.size())].code);
      } else {
        query.countries.push_back(random_.Pick(kCountries));
      }
      what << " country " << query.countries.back();
    }
    std::vector<const model::Identifier*> ids;
    for (const model::Identifier& id : e.identifiers) {
      if (id.type == model::IdentifierType::kImo || id.type == model::IdentifierType::kMmsi ||
          id.type == model::IdentifierType::kPassport || id.type == model::IdentifierType::kInn) {
        ids.push_back(&id);
      }
    }
    if (!ids.empty() && random_.Percent(70)) {
      model::Identifier id = *ids[random_.Below(ids.size())];
      const size_t variant = random_.Below(5);
      if (variant == 0 && !id.value.empty()) {
        // One digit wrong: a different vessel, or none.
        char& c = id.value[random_.Below(id.value.size())];
        if (c >= '0' && c <= '9') c = static_cast<char>('0' + (c - '0' + 1) % 10);
        what << " wrong ";
      } else if (variant == 1) {
        // Another vessel's number under this name.
        const model::Entity& other = *random_.Pick(identified_);
        for (const model::Identifier& o : other.identifiers) {
          if (o.type == model::IdentifierType::kImo || o.type == model::IdentifierType::kMmsi)
            id = o;
        }
        what << " other's ";
      } else if (variant == 2 && id.type == model::IdentifierType::kImo) {
        id.value = "IMO " + id.value;
        what << " ";
      } else {
        what << " ";
      }
      query.identifiers.push_back(id);
      what << model::IdentifierTypeName(id.type) << " " << id.value;
      if (random_.Percent(15)) {
        query.names.clear();  // an identifier alone
        what << " (no name)";
      }
    }
  }

  void ChooseSchema(const model::Entity* e, Query& query, std::ostringstream& what) {
    const size_t r = random_.Below(100);
    if (r < 45) return;
    if (r < 85 && e != nullptr) {
      query.schema = e->schema;
    } else {
      static const model::Schema kSchemata[] = {
          model::Schema::kPerson, model::Schema::kCompany,     model::Schema::kOrganization,
          model::Schema::kVessel, model::Schema::kLegalEntity, model::Schema::kAircraft};
      query.schema = kSchemata[random_.Below(6)];
    }
    what << " as " << model::SchemaName(*query.schema);
  }

  Random random_;
  std::vector<const model::Entity*> named_;
  std::vector<const model::Entity*> dated_;
  std::vector<const model::Entity*> identified_;
  std::vector<std::string> words_;
  std::vector<std::string> sources_;
};

std::string Describe(const Query& query, const SearchOptions& options) {
  std::ostringstream out;
  out << "names:";
  for (const std::string& n : query.names) out << " '" << n << "'";
  if (query.schema) out << " schema " << model::SchemaName(*query.schema);
  for (const model::PartialDate& d : query.birth_dates) out << " dob " << d.ToIso();
  for (const std::string& c : query.countries) out << " country " << c;
  for (const model::Identifier& id : query.identifiers) {
    out << " " << model::IdentifierTypeName(id.type) << " '" << id.value << "'";
  }
  for (model::Regime r : options.regimes) out << " regime " << model::RegimeName(r);
  for (const std::string& s : options.sources) out << " source " << s;
  out << " threshold " << std::setprecision(17) << options.threshold << " limit " << options.limit;
  return out.str();
}

// "" when `actual` and `expected` hold the same entities with the same scores, else what
// differs, with each side's explanation.
std::string Difference(const std::vector<Match>& actual, const std::vector<Match>& expected) {
  std::map<std::string, const Match*> a, e;
  for (const Match& m : actual) a[m.entity->id] = &m;
  for (const Match& m : expected) e[m.entity->id] = &m;
  std::ostringstream out;
  if (a.size() != actual.size()) out << "  Search returned an entity twice\n";
  for (const auto& [id, m] : e) {
    auto it = a.find(id);
    if (it == a.end()) {
      out << "  only brute force: " << id << " " << m->score << " " << m->explanation.Summary()
          << "\n";
    } else if (std::abs(it->second->score - m->score) > 1e-9) {
      out << "  score differs for " << id << ": Search " << it->second->score << " ("
          << it->second->explanation.Summary() << "), brute force " << m->score << " ("
          << m->explanation.Summary() << ")\n";
    }
  }
  for (const auto& [id, m] : a) {
    if (!e.contains(id)) {
      out << "  only Search: " << id << " " << m->score << " " << m->explanation.Summary() << "\n";
    }
  }
  return out.str();
}

std::vector<Match> AtLeast(const std::vector<Match>& matches, double threshold) {
  std::vector<Match> out;
  for (const Match& m : matches) {
    if (m.score >= threshold) out.push_back(m);
  }
  return out;
}

// What one query of the workload came to.
struct Outcome {
  std::string report;  // the disagreements, "" when there were none
  size_t disagreements = 0;
  bool matched[std::size(kThresholds)] = {};
  size_t compared_matches = 0;
  size_t checked_derivations = 0;
};

Outcome Check(const MatchIndex& index, size_t n, const std::string& description, const Query& query,
              SearchOptions options) {
  Outcome out;
  // Brute force's threshold only filters its final list, so one run at the lowest threshold
  // is the reference for all; every 32nd query checks that by running it at each.
  options.threshold = kThresholds[0];
  const std::vector<Match> reference = index.SearchBruteForce(query, options);
  // Besides the round thresholds, thresholds equal to scores the reference found: a match
  // exactly at the threshold is returned, so the index's bound may not round below it.
  std::vector<double> thresholds(std::begin(kThresholds), std::end(kThresholds));
  if (!reference.empty()) {
    thresholds.push_back(reference.back().score);
    thresholds.push_back(reference[reference.size() / 2].score);
  }
  for (size_t t = 0; t < thresholds.size(); ++t) {
    options.threshold = thresholds[t];
    const std::vector<Match> expected = AtLeast(reference, thresholds[t]);
    if (n % 32 == 0 && t > 0) {
      const std::string derived = Difference(index.SearchBruteForce(query, options), expected);
      if (!derived.empty()) {
        out.report += "brute force at " + Describe(query, options) + " is not its list at " +
                      std::to_string(kThresholds[0]) + " filtered:\n" + derived;
        ++out.disagreements;
      }
      ++out.checked_derivations;
    }
    const std::vector<Match> actual = index.Search(query, options);
    std::string difference = Difference(actual, expected);
    // Best first, ties by id, as both promise.
    for (size_t k = 1; k < actual.size() && difference.empty(); ++k) {
      if (actual[k - 1].score < actual[k].score ||
          (actual[k - 1].score == actual[k].score &&
           actual[k - 1].entity->id > actual[k].entity->id)) {
        difference = "  out of order at " + std::to_string(k) + "\n";
      }
    }
    if (!difference.empty()) {
      out.report += "query " + std::to_string(n) + " (" + description +
                    "): " + Describe(query, options) + "\n" + difference;
      ++out.disagreements;
      continue;
    }
    out.compared_matches += actual.size();
    if (t < std::size(kThresholds)) out.matched[t] = !actual.empty();
    // With a limit, the first of the same, in the same order: a search stops scoring names
    // once that many entities score above what the rest may reach.
    SearchOptions limited = options;
    limited.limit = 1 + n % 10;
    const std::vector<Match> first = index.Search(query, limited);
    const size_t wanted = std::min(limited.limit, expected.size());
    bool same = first.size() == wanted;
    for (size_t k = 0; same && k < wanted; ++k) {
      same = first[k].entity == expected[k].entity && first[k].score == expected[k].score;
    }
    if (!same) {
      out.report += "query " + std::to_string(n) + " (" + description +
                    "): " + Describe(query, limited) + " is not the first of the unlimited\n";
      ++out.disagreements;
    }
  }
  return out;
}

// CORDON_DIFFERENTIAL_QUERIES and CORDON_DIFFERENTIAL_SEED run a longer or different workload
// by hand (the counts below are asserted as shares of it).
size_t EnvOr(const char* name, size_t fallback) {
  const char* value = std::getenv(name);
  return value == nullptr ? fallback : std::strtoull(value, nullptr, 10);
}

TEST_F(IndexTest, SearchAgreesWithBruteForceOnGeneratedWorkload) {
  const size_t workload_size = EnvOr("CORDON_DIFFERENTIAL_QUERIES", kDefaultWorkloadSize);
  WorkloadGenerator generator(*index_,
                              static_cast<uint32_t>(EnvOr("CORDON_DIFFERENTIAL_SEED", kSeed)));
  std::vector<std::string> descriptions(workload_size);
  std::vector<Query> queries;
  std::vector<SearchOptions> options(workload_size);
  queries.reserve(workload_size);
  for (size_t n = 0; n < workload_size; ++n) {
    queries.push_back(generator.Next(descriptions[n]));
    options[n] = Options(kThresholds[0]);
    generator.ChooseFilters(options[n]);
  }
  // Two threads: the brute-force reference is the cost, and Search() is meant to be called
  // from several threads at once (its scratch space is per thread), which this exercises too.
  std::vector<Outcome> outcomes(workload_size);
  {
    std::vector<std::jthread> workers;
    constexpr size_t kWorkers = 2;
    for (size_t w = 0; w < kWorkers; ++w) {
      workers.emplace_back([&, w] {
        for (size_t n = w; n < workload_size; n += kWorkers) {
          outcomes[n] = Check(*index_, n, descriptions[n], queries[n], options[n]);
        }
      });
    }
  }
  size_t with_matches[std::size(kThresholds)] = {};
  size_t compared_matches = 0, disagreements = 0, checked_derivations = 0;
  std::string report;
  for (const Outcome& o : outcomes) {
    if (o.disagreements > 0 && disagreements < 25) report += o.report;
    disagreements += o.disagreements;
    compared_matches += o.compared_matches;
    checked_derivations += o.checked_derivations;
    for (size_t t = 0; t < std::size(kThresholds); ++t) with_matches[t] += o.matched[t];
  }
  EXPECT_EQ(disagreements, 0u) << report;
  std::ostringstream counts;
  counts << workload_size << " queries, " << compared_matches << " matches compared, "
         << checked_derivations << " brute-force thresholds checked; queries with matches:";
  for (size_t t = 0; t < std::size(kThresholds); ++t) {
    counts << " " << kThresholds[t] << ": " << with_matches[t];
  }
  std::printf("%s\n", counts.str().c_str());
  // The workload must exercise the index, not only agree on empty answers: most queries find
  // something at 0.3, many at 0.7, and some reach 0.9 (but not all: there are non-names).
  EXPECT_GE(with_matches[0], workload_size * 6 / 10) << counts.str();
  EXPECT_GE(with_matches[1], workload_size * 5 / 10) << counts.str();
  EXPECT_GE(with_matches[2], workload_size * 4 / 10) << counts.str();
  EXPECT_GE(with_matches[3], workload_size * 2 / 10) << counts.str();
  EXPECT_LT(with_matches[3], workload_size * 9 / 10) << counts.str();
}

// Names in an abjad meet Latin names through readings and keys of their own (abjad_reading.h,
// AbjadKey): every original-script name the lists carry, with its article joined or not, is
// looked up by the index exactly as the brute force scores it.
TEST_F(IndexTest, AbjadNamesFindWhatTheBruteForceFinds) {
  // Each costs a brute-force pass over every list (seconds under the sanitizers); the generated
  // workload has more of them.
  constexpr size_t kAbjadQueries = kSanitized ? 6 : 200;
  size_t queries = 0, disagreements = 0, compared = 0;
  std::string report;
  for (const model::Entity& e : index_->entities()) {
    for (const model::Name& name : e.names) {
      if (name.kind != model::NameKind::kOriginalScript) continue;
      if (text::DominantScript(name.full) != text::Script::kArabic &&
          text::DominantScript(name.full) != text::Script::kHebrew) {
        continue;
      }
      for (bool person : {true, false}) {
        Query query;
        query.names.push_back(name.full);
        query.schema = person ? model::Schema::kPerson : model::Schema::kLegalEntity;
        const Outcome o = Check(*index_, queries, "original-script name of " + e.id, query,
                                Options(kThresholds[0]));
        if (o.disagreements > 0 && disagreements < 10) report += o.report;
        disagreements += o.disagreements;
        compared += o.compared_matches;
        ++queries;
      }
    }
    if (queries >= kAbjadQueries) break;
  }
  EXPECT_GE(queries, kAbjadQueries);
  EXPECT_GT(compared, queries);  // the names find their own entries and others, not nothing
  EXPECT_EQ(disagreements, 0u) << report;
}

// Runs read without their article ("... al-Din", "Abd al-...") are looked up by both
// spellings' keys and skeletons, so the index finds what the scorer reads, typos included.
TEST_F(IndexTest, ArabicCompoundsFindWhatTheBruteForceFinds) {
  size_t queries = 0, disagreements = 0;
  std::string report;
  for (const char* name :
       {"سراج الدين حقاني", "غياث الذين آغا", "نور الدين بن علي الدريسي", "عبد الرحمن عبد الله",
        // Persian compound given names, which the SDN list writes as two words.
        "محمدرضا نقدی", "امیرعلی حاجی‌زاده", "علیرضا تنگسیری", "سعید مرتضوی"}) {
    Query query;
    query.names.push_back(name);
    query.schema = model::Schema::kPerson;
    const Outcome o = Check(*index_, queries, name, query, Options(kThresholds[0]));
    report += o.report;
    disagreements += o.disagreements;
    ++queries;
  }
  EXPECT_EQ(disagreements, 0u) << report;
}

// ---- behaviours --------------------------------------------------------------------------------

TEST_F(IndexTest, RegimeFilterReturnsOnlyThatRegimeAndNothingElseIsLost) {
  for (const char* name : {"Mohammed Ali", "Ivanov", "Trading Company", "Abu Bakr"}) {
    const Query query = NameQuery(name);
    const std::vector<Match> all = index_->Search(query, Options(0.3));
    for (model::Regime regime : {model::Regime::kUn, model::Regime::kUk, model::Regime::kEu}) {
      SearchOptions options = Options(0.3);
      options.regimes = {regime};
      const std::vector<Match> filtered = index_->Search(query, options);
      std::vector<Match> expected;
      for (const Match& m : all) {
        if (std::find(m.regimes.begin(), m.regimes.end(), regime) != m.regimes.end()) {
          expected.push_back(m);
        }
      }
      EXPECT_EQ(Difference(filtered, expected), "") << name << " " << model::RegimeName(regime);
      for (const Match& m : filtered) {
        const std::vector<model::Regime> listed = Regimes(*m.entity);
        EXPECT_NE(std::find(listed.begin(), listed.end(), regime), listed.end()) << m.entity->id;
      }
    }
  }
  SearchOptions un_only = Options(0.3);
  un_only.regimes = {model::Regime::kUn};
  EXPECT_FALSE(index_->Search(NameQuery("Mohammed Ali"), un_only).empty());
}

TEST_F(IndexTest, SourceFilterReturnsOnlyThoseSources) {
  const Query query = NameQuery("Mohammed Hassan");
  const std::vector<Match> all = index_->Search(query, Options(0.3));
  std::set<std::string> sources_seen;
  for (const Match& m : all) sources_seen.insert(m.entity->provenance.source);
  ASSERT_GE(sources_seen.size(), 3u);
  SearchOptions options = Options(0.3);
  options.sources = {"un_sc", "gb_hmt_ofsi"};
  const std::vector<Match> filtered = index_->Search(query, options);
  std::vector<Match> expected;
  for (const Match& m : all) {
    if (m.entity->provenance.source == "un_sc" || m.entity->provenance.source == "gb_hmt_ofsi") {
      expected.push_back(m);
    }
  }
  EXPECT_FALSE(filtered.empty());
  EXPECT_EQ(Difference(filtered, expected), "");
  options.sources = {"no_such_source"};
  EXPECT_TRUE(index_->Search(query, options).empty());
}

TEST_F(IndexTest, LimitKeepsTheBestInOrder) {
  const Query query = NameQuery("Ali Hassan");
  const std::vector<Match> all = index_->Search(query, Options(0.3, 0));
  ASSERT_GT(all.size(), 5u);
  for (size_t limit : {size_t{1}, size_t{3}, size_t{5}}) {
    const std::vector<Match> limited = index_->Search(query, Options(0.3, limit));
    ASSERT_EQ(limited.size(), limit);
    for (size_t k = 0; k < limit; ++k) {
      EXPECT_EQ(limited[k].entity->id, all[k].entity->id) << k;
      EXPECT_EQ(limited[k].score, all[k].score) << k;
    }
  }
  // The default options return at most ten.
  EXPECT_LE(index_->Search(query, SearchOptions{}).size(), 10u);
}

TEST_F(IndexTest, PersonQueryNeverReturnsAVessel) {
  // Vessels named like people and words ("NADINE", "LYNN S") are the case that matters.
  size_t vessels_found_without_schema = 0;
  for (const model::Entity& e : index_->entities()) {
    if (e.schema != model::Schema::kVessel || e.names.empty()) continue;
    if (vessels_found_without_schema >= 40) break;
    const std::vector<Match> any = index_->Search(NameQuery(e.names[0].full), Options(0.7));
    if (ScoreOf(any, e.id) < 0) continue;
    ++vessels_found_without_schema;
    const std::vector<Match> as_person =
        index_->Search(NameQuery(e.names[0].full, model::Schema::kPerson), Options(0.3));
    for (const Match& m : as_person) {
      EXPECT_NE(m.entity->schema, model::Schema::kVessel)
          << e.names[0].full << " found " << m.entity->id;
    }
    const std::vector<Match> as_vessel =
        index_->Search(NameQuery(e.names[0].full, model::Schema::kVessel), Options(0.3));
    for (const Match& m : as_vessel) {
      EXPECT_TRUE(SchemataCompatible(model::Schema::kVessel, m.entity->schema)) << m.entity->id;
    }
    EXPECT_GE(ScoreOf(as_vessel, e.id), 0.7) << e.names[0].full;
  }
  EXPECT_EQ(vessels_found_without_schema, 40u);
}

TEST_F(IndexTest, ExactImoFindsTheVesselWhateverTheName) {
  size_t checked = 0;
  for (const model::Entity& e : index_->entities()) {
    if (checked >= 25) break;
    const model::Identifier* imo = nullptr;
    for (const model::Identifier& id : e.identifiers) {
      if (id.type == model::IdentifierType::kImo) imo = &id;
    }
    if (imo == nullptr) continue;
    ++checked;
    for (const char* name : {"", "Completely Unrelated Name", "Ivan Petrov"}) {
      Query query;
      if (*name != '\0') query.names.push_back(name);
      query.identifiers.push_back({.type = model::IdentifierType::kImo, .value = imo->value});
      const std::vector<Match> matches = index_->Search(query, Options(0.7));
      EXPECT_GE(ScoreOf(matches, e.id), 0.96)
          << e.id << " IMO " << imo->value << " '" << name << "'";
      // Written "IMO 1234567" it is the same number.
      query.identifiers[0].value = "IMO " + imo->value;
      EXPECT_GE(ScoreOf(index_->Search(query, Options(0.7)), e.id), 0.96) << e.id;
    }
    // One digit off is another ship: the name alone decides, and it is lowered.
    Query wrong = NameQuery(e.names[0].full);
    std::string value = CanonicalIdentifier(model::IdentifierType::kImo, imo->value);
    value.back() = value.back() == '9' ? '0' : static_cast<char>(value.back() + 1);
    wrong.identifiers.push_back({.type = model::IdentifierType::kImo, .value = value});
    const double by_name = ScoreOf(index_->Search(NameQuery(e.names[0].full), Options(0.3)), e.id);
    const double with_wrong_imo = ScoreOf(index_->Search(wrong, Options(0.0)), e.id);
    EXPECT_LT(with_wrong_imo, by_name) << e.id << " " << e.names[0].full;
    EXPECT_LT(with_wrong_imo, 0.96) << e.id;
  }
  EXPECT_EQ(checked, 25u);
}

TEST_F(IndexTest, ConflictingBirthDateLowersTheScoreOfTheSameName) {
  size_t checked = 0;
  for (const model::Entity& e : index_->entities()) {
    if (checked >= 30) break;
    if (e.schema != model::Schema::kPerson || e.birth_dates.size() != 1 ||
        e.birth_dates[0].date.day == 0 || !e.birth_dates[0].until.empty() ||
        e.birth_dates[0].approximate || e.names.empty()) {
      continue;
    }
    // The name without its last word (a middle name or patronymic left out) scores below 1,
    // so that a date has room to raise it as well as to lower it.
    std::vector<std::string> words = SplitWords(e.names[0].full);
    if (words.size() < 3) continue;
    words.pop_back();
    const Query plain = NameQuery(Join(words, " "), model::Schema::kPerson);
    const double name_only = ScoreOf(index_->Search(plain, Options(0.3)), e.id);
    if (name_only < 0.5 || name_only > 0.93) continue;
    ++checked;
    const model::PartialDate dob = e.birth_dates[0].date;
    Query same = plain, year_only = plain, near = plain, conflict = plain;
    same.birth_dates = {dob};
    year_only.birth_dates = {{dob.year, 0, 0}};
    near.birth_dates = {{static_cast<int16_t>(dob.year + 1), dob.month, dob.day}};
    conflict.birth_dates = {{static_cast<int16_t>(dob.year + 20), dob.month, dob.day}};
    const double s_same = ScoreOf(index_->Search(same, Options(0.3)), e.id);
    const double s_year = ScoreOf(index_->Search(year_only, Options(0.3)), e.id);
    const double s_near = ScoreOf(index_->Search(near, Options(0.3)), e.id);
    const double s_conflict = ScoreOf(index_->Search(conflict, Options(0.05)), e.id);
    const std::string what = e.id + " '" + plain.names[0] + "' " + dob.ToIso();
    EXPECT_GT(s_same, s_year) << what;
    EXPECT_GT(s_year, name_only) << what;
    EXPECT_LT(s_near, name_only) << what;
    EXPECT_LT(s_conflict, s_near) << what;
  }
  EXPECT_EQ(checked, 30u);
}

TEST_F(IndexTest, PutinInOtherScriptsFindsTheSdnEntry) {
  const model::Entity* putin = nullptr;
  for (const model::Entity& e : index_->entities()) {
    if (e.provenance.source == "us_ofac_sdn" && !e.names.empty() &&
        e.names[0].full == "PUTIN, Vladimir Vladimirovich") {
      putin = &e;
    }
  }
  ASSERT_NE(putin, nullptr);
  for (const char* name : {"Vladimir Putin", "Владимир Путин", "ПУТИН Владимир Владимирович",
                           "فلاديمير بوتين", "弗拉基米尔·普京"}) {
    for (std::optional<model::Schema> schema :
         {std::optional<model::Schema>(), std::optional(model::Schema::kPerson)}) {
      const std::vector<Match> matches = index_->Search(NameQuery(name, schema), Options(0.7));
      ASSERT_FALSE(matches.empty()) << name;
      EXPECT_GT(ScoreOf(matches, putin->id), 0.70) << name;
      EXPECT_EQ(matches[0].entity->id, putin->id)
          << name << ": " << matches[0].explanation.Summary();
    }
  }
}

// Japanese names in kanji read the Japanese way (KAKASI), beside the pinyin reading: the
// kanji names of SDN-listed yakuza leaders and their syndicate, as the Japanese press writes
// them, find the entries OFAC files in Hepburn romanisation.
TEST_F(IndexTest, JapaneseNamesInKanjiFindTheirSdnEntries) {
  const std::pair<const char*, const char*> kNames[] = {
      {"井上邦雄", "us_ofac_sdn:20381"},  // INOUE, Kunio
      {"寺岡修", "us_ofac_sdn:20382"},    // TERAOKA, Osamu
      {"池田孝志", "us_ofac_sdn:20383"},  // IKEDA, Takashi
      {"西口茂男", "us_ofac_sdn:15496"},  // NISHIGUCHI, Shigeo
      {"住吉会", "us_ofac_sdn:15495"},    // SUMIYOSHI-KAI
  };
  for (const auto& [name, id] : kNames) {
    const std::vector<Match> matches = index_->Search(NameQuery(name), Options(0.7));
    ASSERT_FALSE(matches.empty()) << name;
    EXPECT_EQ(matches[0].entity->id, id) << name << ": " << matches[0].explanation.Summary();
    EXPECT_NE(matches[0].explanation.Summary().find("Japanese reading"), std::string::npos)
        << matches[0].explanation.Summary();
  }
  // A Chinese name keeps its pinyin reading: "习近平" has no Japanese one (simplified
  // characters), and the traditional "習近平" has both.
  for (const char* name : {"习近平", "習近平"}) {
    Query query = NameQuery(name);
    const std::vector<Match> matches = index_->Search(query, Options(0.0));
    bool pinyin = false;
    for (const Match& m : matches) {
      pinyin |= m.explanation.Summary().find("Han pinyin") != std::string::npos;
    }
    EXPECT_TRUE(pinyin) << name;
  }
}

// The BIS Denied Persons List and the CSL file people as LegalEntity. Names are compared
// within one role (a person's or an organisation's), so a LegalEntity's names are kept in both
// and a LegalEntity query is read both ways: a Person query meets them, and a LegalEntity
// query meets a Person.
TEST_F(IndexTest, PersonQueryFindsAPersonListedAsLegalEntity) {
  const std::string listed = "us_bis_dpl:JOHN-B-PRIDMORE-SMITH-19841214";
  ASSERT_NE(index_->Find(listed), nullptr);
  ASSERT_EQ(index_->Find(listed)->schema, model::Schema::kLegalEntity);
  EXPECT_GE(ScoreOf(index_->Search(NameQuery("John Pridmore-Smith"), Options(0.7)), listed), 0.9);
  EXPECT_GE(ScoreOf(index_->Search(NameQuery("John Pridmore-Smith", model::Schema::kPerson),
                                   Options(0.7)),
                    listed),
            0.9);
  EXPECT_FALSE(
      index_->Search(NameQuery("Vladimir Putin", model::Schema::kLegalEntity), Options(0.7))
          .empty());
}

TEST_F(IndexTest, UnrelatedTextFindsNothingAtTheDefaultThreshold) {
  for (const char* name : {"qwzx vbnm", "zzzzzz", "12345", "", "   ", "---"}) {
    EXPECT_TRUE(index_->Search(NameQuery(name), SearchOptions{}).empty()) << name;
  }
  EXPECT_TRUE(index_->Search(Query{}, SearchOptions{}).empty());
}

// ---- limits on a search -------------------------------------------------------------------------

TEST_F(IndexTest, TrySearchWithinItsLimitsGivesWhatSearchGives) {
  const std::atomic<bool> cancel{false};
  for (const char* name : {"Vladimir Putin", "Mohammed Ali", "Trading Company", "zzzzzz"}) {
    SearchOptions options = Options(0.5);
    const std::vector<Match> expected = index_->Search(NameQuery(name), options);
    options.deadline = std::chrono::steady_clock::now() + std::chrono::hours(1);
    options.cancel = &cancel;
    SearchStats stats;
    Result<std::vector<Match>> got = index_->TrySearch(NameQuery(name), options, &stats);
    ASSERT_TRUE(got.ok()) << name << ": " << got.status().ToString();
    ASSERT_EQ(got->size(), expected.size()) << name;
    for (size_t i = 0; i < expected.size(); ++i) {
      EXPECT_EQ((*got)[i].entity, expected[i].entity) << name;
      EXPECT_EQ((*got)[i].score, expected[i].score) << name;
    }
    // The second search of a name answers its words from what the thread remembers.
    EXPECT_EQ(stats.units_looked_up, 0u) << name;
    EXPECT_GT(stats.units_remembered, 0u) << name;
    if (!expected.empty()) {
      EXPECT_GE(stats.names_scored, expected.size()) << name;
    }
  }
}

TEST_F(IndexTest, ACancelledSearchStopsWithoutMatches) {
  const std::atomic<bool> cancel{true};
  SearchOptions options = Options(0.3);
  options.cancel = &cancel;
  SearchStats stats;
  Result<std::vector<Match>> got = index_->TrySearch(NameQuery("Vladimir Putin"), options, &stats);
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), StatusCode::kCancelled);
  EXPECT_EQ(stats.names_scored, 0u);
  // Search() is not bound by the flag: it still answers.
  EXPECT_FALSE(index_->Search(NameQuery("Vladimir Putin"), options).empty());
}

TEST_F(IndexTest, ASearchPastItsDeadlineStopsWithoutMatches) {
  SearchOptions options = Options(0.3);
  options.deadline = std::chrono::steady_clock::now() - std::chrono::seconds(1);
  SearchStats stats;
  Query query = NameQuery("Vladimir Putin");
  query.identifiers.push_back({.type = model::IdentifierType::kImo, .value = "9187629"});
  Result<std::vector<Match>> got = index_->TrySearch(query, options, &stats);
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), StatusCode::kDeadlineExceeded);
  EXPECT_EQ(stats.names_scored, 0u);
}

// ---- hostile queries ----------------------------------------------------------------------------

std::string RandomLetters(std::mt19937& rng, size_t length) {
  std::string out(length, 'a');
  for (char& c : out) c = static_cast<char>('a' + rng() % 26);
  return out;
}

// Issue 12: a query word's typo neighbourhood grew with the square of its length, in keys of
// its length, so an 8,000-letter word cost the cube (32 million keys; 15 s for 3,000 random
// letters through the API). A word longer than kMaxEditLength can only meet itself; it is now
// looked up by its spelling, its phonetic key, its skeleton and, while the skeleton itself is
// within kMaxEditLength (random letters: about 55 consonant classes in 100 letters), the
// skeleton's one-deletion neighbourhood. That is a bound independent of the word's length.
constexpr size_t kMostKeysPerReading = 3 + kMaxEditLength + 1;

TEST_F(IndexTest, AVeryLongWordIsLookedUpByABoundedNumberOfKeys) {
  std::mt19937 rng(12);
  for (size_t length : {100, 1000, 3000, 8000}) {
    std::string alternating;
    while (alternating.size() < length) alternating += "ab";
    for (const std::string& word : {alternating, RandomLetters(rng, length)}) {
      SearchStats stats;
      Result<std::vector<Match>> got = index_->TrySearch(NameQuery(word), Options(0.3), &stats);
      ASSERT_TRUE(got.ok()) << got.status().ToString();
      EXPECT_TRUE(got->empty()) << length;
      // Two readings of the name at most: as a person's and as an organisation's.
      ASSERT_LE(stats.keys_probed, 2 * kMostKeysPerReading)
          << word.substr(0, 20) << "... of " << length;
    }
  }
  // "abab...": spelling, phonetic key; its skeleton "b" is too short to look up.
  std::string hog;
  while (hog.size() < 8000) hog += "ab";
  SearchStats stats;
  ASSERT_TRUE(index_->TrySearch(NameQuery(hog), Options(0.3), &stats).ok());
  EXPECT_LE(stats.keys_probed, 2u * 2u);
}

// Many long words in many names: the keys looked up grow with the number of words (and of runs
// of two or three merged), not with their length.
TEST_F(IndexTest, AQueryOfManyLongWordsIsLookedUpByAFewKeysPerWord) {
  std::mt19937 rng(1212);
  Query query;
  size_t words = 0;
  for (size_t name = 0; name < 4; ++name) {
    std::string text;
    for (size_t word = 0; word < PreparedName::kMaxTokens; ++word) {
      text += RandomLetters(rng, 300 + 100 * word) + " ";
      ++words;
    }
    query.names.push_back(text);
  }
  SearchStats stats;
  Result<std::vector<Match>> got = index_->TrySearch(query, Options(0.3), &stats);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_TRUE(got->empty());
  // Per reading and word: as one word (above), and 1 as the start of each of two runs.
  EXPECT_LE(stats.keys_probed, 2 * words * (kMostKeysPerReading + 2));
}

// Words beyond kMaxEditLength are compared exactly only, by the scorer and the index alike:
// next to them, Search() still finds what the brute-force scan finds.
TEST_F(IndexTest, NamesWithVeryLongWordsFindWhatTheBruteForceFinds) {
  std::mt19937 rng(2012);
  const std::string long_word = RandomLetters(rng, kMaxEditLength + 1);
  const std::string joined = "vladimirvladimirovichputinvladimirvladimirovichputinvladimirputin";
  ASSERT_GT(joined.size(), kMaxEditLength);
  for (const std::string& name :
       {"Vladimir Vladimirovich Putin " + long_word, long_word + " Mohammed Ali", joined,
        "Kim Jong Un " + long_word + long_word, RandomLetters(rng, 5000) + " Abu Bakr",
        "Putin " + std::string(kMaxEditLength, 'a') + "b"}) {
    for (double threshold : {0.3, 0.7}) {
      const Query query = NameQuery(name);
      const std::vector<Match> fast = index_->Search(query, Options(threshold));
      const std::vector<Match> slow = index_->SearchBruteForce(query, Options(threshold));
      ASSERT_EQ(fast.size(), slow.size()) << name << " at " << threshold;
      for (size_t i = 0; i < fast.size(); ++i) {
        EXPECT_EQ(fast[i].entity, slow[i].entity) << name;
        EXPECT_EQ(fast[i].score, slow[i].score) << name;
      }
    }
  }
}

TEST_F(IndexTest, FindLooksUpEntitiesById) {
  const model::Entity& first = index_->entities().front();
  EXPECT_EQ(index_->Find(first.id), &first);
  EXPECT_EQ(index_->Find("no_such_source:0"), nullptr);
  EXPECT_EQ(index_->stats().entities, index_->entities().size());
  EXPECT_GT(index_->stats().names, index_->stats().entities);
}

// ---- what a thread remembers of query words ----------------------------------------------------

// A thread keeps what each query unit's lookup found, per index (UnitLookups in index.cc). On
// the generated workload, with the same words in other scripts and spellings mixed in and a
// second index searched in between on the same thread, every answer is the one a fresh thread
// gives, explanation included.
TEST_F(IndexTest, WhatAThreadRemembersOfWordsChangesNoAnswer) {
  constexpr size_t kQueries = kSanitized ? 60 : 1000;
  WorkloadGenerator generator(*index_, kSeed + 7);
  std::vector<Query> queries;
  std::string description;
  for (size_t n = 0; n < kQueries; ++n) queries.push_back(generator.Next(description));
  // Listed names in other scripts, each after its folded Latin text: the same folded words,
  // without the other romanisations or the script's reading.
  size_t other_scripts = 0;
  for (const model::Entity& e : index_->entities()) {
    for (const model::Name& name : e.names) {
      if (other_scripts == kQueries / 5) break;
      if (text::DominantScript(name.full) == text::Script::kLatin) continue;
      queries.push_back(NameQuery(text::Fold(name.full)));
      queries.push_back(NameQuery(name.full));
      ++other_scripts;
    }
  }
  ASSERT_EQ(other_scripts, kQueries / 5);
  // A second index, of every tenth entity, searched on the same thread between the queries.
  std::vector<model::Entity> some;
  for (size_t e = 0; e < index_->entities().size(); e += 10) some.push_back(index_->entities()[e]);
  Result<std::shared_ptr<const MatchIndex>> other = MatchIndex::Build(std::move(some));
  ASSERT_TRUE(other.ok()) << other.status().ToString();

  auto fresh = [](const MatchIndex& index, const Query& query) {
    std::vector<Match> out;
    std::thread([&] { out = index.Search(query, Options(0.5)); }).join();
    return out;
  };
  auto explained = [](const std::vector<Match>& matches) {
    std::vector<std::string> out;
    for (const Match& m : matches) out.push_back(m.entity->id + " " + m.explanation.Summary());
    return out;
  };
  size_t warm_units = 0;
  for (int round = 0; round < 2; ++round) {
    for (size_t n = 0; n < queries.size(); ++n) {
      const std::vector<Match> warm = index_->Search(queries[n], Options(0.5));
      const std::vector<Match> warm_other = (*other)->Search(queries[n], Options(0.5));
      if (round == 0 && n % 7 != 0) continue;  // fresh threads are slow: a sample, then all
      const std::vector<Match> cold = fresh(*index_, queries[n]);
      ASSERT_EQ(Difference(warm, cold), "") << Describe(queries[n], Options(0.5));
      ASSERT_EQ(explained(warm), explained(cold)) << Describe(queries[n], Options(0.5));
      ASSERT_EQ(Difference(warm_other, fresh(**other, queries[n])), "")
          << Describe(queries[n], Options(0.5));
      warm_units += warm.size();
    }
  }
  EXPECT_GT(warm_units, 0u);
}

// ---- the matcher run the other way round ------------------------------------------------------

// Queries as the entities of an index of their own (a customer book, monitor/rescreen.h).
model::Entity QueryAsEntity(const Query& q, size_t n) {
  model::Entity e;
  e.id = "q" + std::to_string(n);
  e.schema = q.schema.value_or(model::Schema::kLegalEntity);
  for (const std::string& name : q.names) e.names.push_back({.full = name});
  for (const model::PartialDate& d : q.birth_dates) e.birth_dates.push_back({.date = d});
  for (const std::string& c : q.countries) {
    e.countries.push_back({.code = c, .role = model::CountryRole::kNationality});
  }
  e.identifiers = q.identifiers;
  return e;
}

// Every query that finds a listed entity is found by the entity's mirrored search in an index of
// the queries, with a score no lower: on the generated workload (every script, typos, reordering,
// words merged or split, dates, identifiers), at two thresholds.
TEST_F(IndexTest, AMirroredSearchFindsEveryQueryThatFindsTheEntity) {
  constexpr size_t kQueries = kSanitized ? 150 : 3000;
  WorkloadGenerator generator(*index_, kSeed + 1);
  std::vector<Query> queries;
  std::vector<model::Entity> as_entities;
  for (size_t n = 0; n < kQueries; ++n) {
    std::string description;
    queries.push_back(generator.Next(description));
    as_entities.push_back(QueryAsEntity(queries.back(), n));
  }
  // And Arabic names that screening reads across words: runs read as one listed word, a word
  // read as two listed words written without the space (the UN list's original-script names).
  for (const char* name :
       {"حسن ظاهرعويس", "سيف الله بن عمر بن محمد بنحسين", "محمد قاسم میر ولی خدايرحيم",
        "عبدالله عزام", "عبد الرحمن مصطفى القادولي", "شبكة محمد جمال", "شبکه حقانی"}) {
    Query q;
    q.names = {name};
    queries.push_back(q);
    as_entities.push_back(QueryAsEntity(q, queries.size() - 1));
  }
  Result<std::shared_ptr<const MatchIndex>> built =
      MatchIndex::Build(as_entities, {.names_as_queries = true});
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  const MatchIndex& book = **built;
  for (const double threshold : {0.7, 0.85}) {
    // (entity, query position) -> forward score
    std::map<std::pair<const model::Entity*, size_t>, double> forward;
    for (size_t n = 0; n < queries.size(); ++n) {
      for (const Match& m : index_->Search(queries[n], Options(threshold))) {
        forward[{m.entity, n}] = m.score;
      }
    }
    ASSERT_GT(forward.size(), kQueries / 4);
    std::map<const model::Entity*, std::map<std::string, double>> mirrored;
    size_t missed = 0;
    std::string report;
    for (const auto& [pair, score] : forward) {
      const auto& [entity, n] = pair;
      auto it = mirrored.find(entity);
      if (it == mirrored.end()) {
        std::map<std::string, double> found;
        const size_t position = static_cast<size_t>(entity - index_->entities().data());
        for (const Match& m : book.SearchMirrored(*index_, position, Options(threshold))) {
          found[m.entity->id] = m.score;
        }
        it = mirrored.emplace(entity, std::move(found)).first;
      }
      auto q = it->second.find(as_entities[n].id);
      if (q != it->second.end() && q->second + 1e-9 >= score) continue;
      ++missed;
      if (missed <= 10) {
        report += queries[n].names.front() + " ~ " + entity->caption() + ": forward " +
                  std::to_string(score) + ", mirrored " +
                  (q == it->second.end() ? std::string("not found") : std::to_string(q->second)) +
                  "\n";
      }
    }
    EXPECT_EQ(missed, 0u) << "at " << threshold << ":\n" << report;
  }
}

}  // namespace
}  // namespace cordon::match
