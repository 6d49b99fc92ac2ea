// text/japanese.h: Japanese names read the Japanese way.
//
//   JapaneseReading("山田太郎");  // "yamada tarou"
//   JapaneseReading("习近平");    // "": simplified Chinese, not Japanese
//
// FoldWords reads Han characters as Chinese pinyin ("山田" -> "shan tian"); a Japanese name in
// kanji reads otherwise ("yamada"). KAKASI (Debian's libkakasi2 with its kanwa dictionary)
// gives the Hepburn reading of kanji and kana as the Japanese say them, with long vowels
// written out ("tarou", "ichirou") and word breaks where its dictionary has them.
//
// Thread-safe: KAKASI keeps global state, so calls are serialised (names are short; a call
// takes microseconds).
#pragma once

#include <string>
#include <string_view>

namespace cordon::text {

// Whether `utf8` has a Han character (kanji, hanzi), or hiragana or katakana.
bool HasHan(std::string_view utf8);
bool HasKana(std::string_view utf8);

// The Japanese reading of `utf8` in ASCII letters and spaces, or "" when it has no kanji or
// kana, when one of its characters is not in Japanese writing (JIS X 0208: the simplified
// Chinese characters, Hangul), or when KAKASI cannot read it. Other text (Latin words,
// digits) is kept as written.
std::string JapaneseReading(std::string_view utf8);

}  // namespace cordon::text
