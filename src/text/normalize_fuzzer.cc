// Folding arbitrary bytes: never crashes, and every word it returns is what the matcher expects,
// non-empty [a-z0-9]+ with phonetic and skeleton keys of the same alphabet.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "text/normalize.h"

namespace {

bool IsFoldedWord(std::string_view word) {
  if (word.empty()) return false;
  for (char c : word) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) return false;
  }
  return true;
}

// Keys may be empty (a word of vowels has no skeleton) but hold nothing else.
bool IsKey(std::string_view key) { return key.empty() || IsFoldedWord(key); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::vector<cordon::text::Word> words = cordon::text::FoldWords(input);
  std::string joined;
  for (const cordon::text::Word& w : words) {
    if (!IsFoldedWord(w.text)) __builtin_trap();
    if (w.initial_dot && w.text.size() != 1) __builtin_trap();
    if (!IsKey(cordon::text::PhoneticKey(w.text))) __builtin_trap();
    if (!IsKey(cordon::text::SkeletonKey(w.text))) __builtin_trap();
    if (!joined.empty()) joined += ' ';
    joined += w.text;
  }
  // Fold is FoldWords joined by single spaces.
  if (cordon::text::Fold(input) != joined) __builtin_trap();
  (void)cordon::text::DominantScript(input);
  // The keys take any bytes without failing, as callers may hand them unfolded text.
  (void)cordon::text::PhoneticKey(input);
  (void)cordon::text::SkeletonKey(input);
  return 0;
}
