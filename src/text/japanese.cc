#include "text/japanese.h"

#include <iconv.h>
#include <unicode/utf8.h>

extern "C" {  // libkakasi.h declares C functions without saying so
#include <libkakasi.h>
}

#include <array>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <vector>

namespace cordon::text {
namespace {

// A name longer than this is not a name: it is not read.
constexpr size_t kMaxBytes = 1024;

bool IsHan(UChar32 c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2A6DF);
}

bool IsKana(UChar32 c) {
  return (c >= 0x3041 && c <= 0x30FF) || (c >= 0x31F0 && c <= 0x31FF) ||
         (c >= 0xFF66 && c <= 0xFF9D);
}

template <typename Pred>
bool AnyCodePoint(std::string_view utf8, Pred pred) {
  int32_t i = 0;
  const auto length = static_cast<int32_t>(utf8.size());
  while (i < length) {
    UChar32 c;
    U8_NEXT(utf8.data(), i, length, c);
    if (c >= 0 && pred(c)) return true;
  }
  return false;
}

// KAKASI reads EUC-JP: the text is converted first, and a character EUC-JP cannot hold is not
// Japanese writing.
bool ToEucJp(std::string_view utf8, std::string& out) {
  iconv_t cd = iconv_open("EUC-JP", "UTF-8");
  if (cd == reinterpret_cast<iconv_t>(-1)) return false;
  std::string in(utf8);
  out.assign(in.size() * 2 + 4, '\0');
  char* in_ptr = in.data();
  size_t in_left = in.size();
  char* out_ptr = out.data();
  size_t out_left = out.size() - 1;
  const size_t converted = iconv(cd, &in_ptr, &in_left, &out_ptr, &out_left);
  iconv_close(cd);
  if (converted == static_cast<size_t>(-1) || in_left != 0) return false;
  out.resize(out.size() - 1 - out_left);
  return true;
}

// KAKASI's options, set once: kanji, hiragana, katakana and full-width letters to ASCII, words
// separated by spaces.
bool Configure() {
  static char arg0[] = "kakasi", ja[] = "-Ja", ha[] = "-Ha", ka[] = "-Ka", ea[] = "-Ea",
              split[] = "-s";
  std::array<char*, 6> argv = {arg0, ja, ha, ka, ea, split};
  return kakasi_getopt_argv(static_cast<int>(argv.size()), argv.data()) == 0;
}

}  // namespace

bool HasHan(std::string_view utf8) { return AnyCodePoint(utf8, IsHan); }

bool HasKana(std::string_view utf8) { return AnyCodePoint(utf8, IsKana); }

std::string JapaneseReading(std::string_view utf8) {
  if (utf8.size() > kMaxBytes) return "";
  if (!AnyCodePoint(utf8, [](UChar32 c) { return IsHan(c) || IsKana(c); })) return "";
  std::string euc;
  if (!ToEucJp(utf8, euc)) return "";
  static std::mutex mutex;
  std::lock_guard lock(mutex);
  static const bool configured = Configure();
  if (!configured) return "";
  char* read = kakasi_do(euc.data());
  if (read == nullptr) return "";
  std::string out;
  for (const char* p = read; *p != '\0'; ++p) {
    const unsigned char c = static_cast<unsigned char>(*p);
    if (c == '^') continue;  // a long vowel mark ("pu^chin"): the vowel is written already
    out.push_back(c < 0x80 ? static_cast<char>(c) : ' ');
  }
  kakasi_free(read);
  // Nothing but separators: KAKASI could not read it.
  if (out.find_first_not_of(" .") == std::string::npos) return "";
  return out;
}

}  // namespace cordon::text
