// bench/synthetic_corpus.h: made-up listed entities and screening queries for measuring the
// match index at sizes and mixes the real lists do not reach.
//
//   NamePools pools = NamePools::FromEntities(real_entities);
//   std::vector<model::Entity> corpus = GenerateCorpus(pools, 1'000'000, /*seed=*/7);
//   std::mt19937 rng(11);
//   std::string query = MutateName("Vladimir PUTIN", Mutation::kTypo, rng);  // "Vladimir PUTNI"
//
// The pools hold the words of real listed names, with their frequencies, grouped by the
// culture of the entity's country (Slavic, Arabic, Persian and South Asian, East Asian,
// Hispanic, other), so generated names have the spellings and the skew ("Mohammed" is common)
// of a real list, and the index sees realistic word and key frequencies. Everything is
// deterministic for a given seed and input order.
//
// Thread safety: plain functions and values; a NamePools is read-only after FromEntities.
#pragma once

#include <array>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "model/entity.h"

namespace cordon::bench {

enum class Culture : uint8_t { kSlavic, kArabic, kPersian, kEastAsian, kHispanic, kOther };
inline constexpr size_t kCultureCount = 6;
std::string_view CultureName(Culture culture);
// The culture whose naming customs an ISO 3166-1 alpha-2 country mostly follows.
Culture CultureOf(std::string_view country_code);

struct CulturePool {
  // Words with repetition: drawing uniformly reproduces the lists' frequencies.
  std::vector<std::string> given;
  std::vector<std::string> middle;      // second given names
  std::vector<std::string> patronymic;  // "Vladimirovich", "bin Laden" style father's names
  std::vector<std::string> family;      // may hold several words ("AL RAWI", "DE LA CRUZ")
  std::vector<std::string> countries;   // countries the pool's names were seen with
};

struct NamePools {
  std::array<CulturePool, kCultureCount> persons;
  std::vector<std::string> company_words;  // words of organisation names, legal forms removed
  std::vector<std::string> company_countries;

  // Pools from the person and organisation names of `entities` (original-script names
  // excluded). Entities without a country go to kOther.
  static NamePools FromEntities(const std::vector<model::Entity>& entities);
  size_t PersonWords() const;
};

// `size` entities, about two thirds persons (2-4 name parts, a birth date for most, a
// nationality, a second spelling for some) and one third companies (1-4 words and usually a
// legal form, a jurisdiction). Ids are "synthetic:<n>"; each carries one sanction of a
// regime drawn from US, EU, UK and UN.
std::vector<model::Entity> GenerateCorpus(const NamePools& pools, size_t size, uint32_t seed);

// A person name not taken from any one entity: a given name and a family name drawn from the
// pools of two cultures chosen independently. Used as a query that should mostly not match.
std::string UnlistedPersonName(const NamePools& pools, std::mt19937& rng);

enum class Mutation : uint8_t {
  kInsert,      // one letter inserted
  kDelete,      // one letter deleted
  kSubstitute,  // one letter replaced
  kTranspose,   // two adjacent letters swapped
  kReorder,     // words in another order
  kDropMiddle,  // a middle word left out (a 2-word name gets a typo instead)
  kCasePunct,   // case changed, punctuation removed or added
};
inline constexpr size_t kMutationCount = 7;
std::string_view MutationName(Mutation mutation);

// `name` changed as a customer record or a typist would change it. Letters are code points,
// so names in any script are mutated in place; typos avoid words shorter than 3 letters.
std::string MutateName(std::string_view name, Mutation mutation, std::mt19937& rng);

}  // namespace cordon::bench
