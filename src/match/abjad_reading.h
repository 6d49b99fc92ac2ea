// match/abjad_reading.h: how well a word written in an abjad (Arabic, Persian, Urdu, Hebrew)
// reads as a Latin spelling of the same name.
//
//   AbjadReading r = ReadAbjadAsLatin("qsy", "qusay");   // r.similarity 1.0, r.consonants 2
//   ReadAbjadAsLatin("altkryty", "altikriti").similarity; // 1.0
//   ReadAbjadAsLatin("hsn", "hassan").similarity;         // 1.0 ("ss": a doubled letter)
//   ReadAbjadAsLatin("hsn", "zain").similarity;           // low
//
// The abjad word comes folded by text::FoldWords (ICU's Arabic-Latin / Hebrew-Latin then
// ASCII): its consonants, with alif, waw and ya as "a", "w", "y", and ICU's digraphs ("sh",
// "kh", "th", "dh", "gh", "zh", "ch") for single letters. An abjad leaves the short vowels
// unwritten, so the Latin word may add vowels anywhere at no cost; the letters it writes must
// each be spelt the ways Latin spellings of Arabic, Persian and Hebrew names spell them
// (q as q, k, g; kh as kh, h, ch; w as w, u, o, ou, v; y as y, i, e, ee; a final h or ta
// marbuta as h, a, ah, e or nothing; a consonant may be doubled, since the shadda is not written
// either). Letters spelt a related way (t as d, b as p) cost a little, others a whole letter.
//
// The similarity is 1 - cost / (consonants + 1) for the best reading, 0 when nothing reads.
// It measures the spelling only: the caller weighs short words (one or two consonants say
// little on their own) by the rest of the name.
//
// Thread safety: pure function. Words longer than kMaxAbjadLetters are not read (0).
#pragma once

#include <cstddef>
#include <string_view>

namespace cordon::match {

inline constexpr size_t kMaxAbjadLetters = 32;

struct AbjadReading {
  float similarity = 0;
  int consonants = 0;  // consonant letters of the abjad word (alif, waw, ya not counted)
};

// With `min_similarity` > 0, a reading below it may be reported as 0 (similarity) sooner: the
// reading stops where no way on can reach it. Readings at or above it are the same either way.
AbjadReading ReadAbjadAsLatin(std::string_view abjad, std::string_view latin,
                              float min_similarity = 0);

}  // namespace cordon::match
