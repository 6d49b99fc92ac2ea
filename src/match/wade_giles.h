// Wade-Giles, the romanisation of Chinese before pinyin, still used in Taiwan, in older lists
// and in the press ("Mao Tse-tung", "Hsi Chin-p'ing", "Tsai Ing-wen"), read as the pinyin the
// other lists use ("Mao Zedong", "Xi Jinping", "Cai Yingwen").
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace cordon::match {

// True for a folded word that is a syllable of Hanyu Pinyin without tones ("zhong", "lu" for
// lü), by the standard table of pinyin syllables.
bool IsPinyinSyllable(std::string_view folded);

// The pinyin syllables a folded Latin word stands for when it is a Wade-Giles syllable that is
// not itself pinyin and has a mark only Wade-Giles writes (initial hs, ts, tz, ss, ch before i;
// final ih, ieh, ien, ueh, erh; ung after k, p, t, ch): "tse" {"ze", "ce"}, "tung" {"dong",
// "tong"}, "hsi" {"xi"}, "chih" {"zhi", "chi"}. Folding drops the apostrophe that tells
// aspirated initials apart, so both are read ("chin" {"jin", "qin"}). Korean, German and
// Vietnamese words that merely could be Wade-Giles ("Jung", "Ho", "Sung") are not read so.
// Empty for any other word.
std::vector<std::string> WadeGilesAsPinyin(std::string_view folded);

// The same for a syllable of a hyphenated Wade-Giles given name, whose other syllables show
// the name is Wade-Giles: a pinyin-looking syllable ("ping" in "Chin-p'ing") is read too
// ({"bing", "ping"}), and itself kept.
std::vector<std::string> WadeGilesSyllableAsPinyin(std::string_view folded);

}  // namespace cordon::match
