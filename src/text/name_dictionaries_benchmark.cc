// Cost of the per-word dictionary lookups on the screening hot path.
#include <benchmark/benchmark.h>

#include <array>
#include <string_view>

#include "text/name_dictionaries.h"

namespace cordon::text {
namespace {

// Folded words as a query produces them: mostly ordinary name words, some legal forms,
// symbols and prefixes.
constexpr std::array<std::string_view, 16> kWords = {
    "deutsche", "bank", "public", "limited", "company", "vladimir", "putin", "ooo",
    "rosneft",  "oil",  "ibn",    "william", "dr",      "mohammed", "ag",    "trading",
};

void BM_MatchLegalForm(benchmark::State& state) {
  const NameDictionaries& dict = NameDictionaries::Get();
  size_t start = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(dict.MatchLegalForm(kWords, start));
    start = (start + 1) % kWords.size();
  }
}
BENCHMARK(BM_MatchLegalForm);

void BM_MatchLegalFormLongestHit(benchmark::State& state) {
  const NameDictionaries& dict = NameDictionaries::Get();
  constexpr std::array<std::string_view, 5> kName = {"deutsche", "bank", "public", "limited",
                                                     "company"};
  for (auto _ : state) benchmark::DoNotOptimize(dict.MatchLegalForm(kName, 2));
}
BENCHMARK(BM_MatchLegalFormLongestHit);

void BM_Symbols(benchmark::State& state) {
  const NameDictionaries& dict = NameDictionaries::Get();
  size_t word = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(dict.Symbols(kWords[word]));
    word = (word + 1) % kWords.size();
  }
}
BENCHMARK(BM_Symbols);

void BM_IsGenericPersonName(benchmark::State& state) {
  const NameDictionaries& dict = NameDictionaries::Get();
  size_t word = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(dict.IsGenericPersonName(kWords[word]));
    word = (word + 1) % kWords.size();
  }
}
BENCHMARK(BM_IsGenericPersonName);

}  // namespace
}  // namespace cordon::text

BENCHMARK_MAIN();
