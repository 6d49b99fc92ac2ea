#include "text/normalize.h"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <memory>

namespace cordon::text {
namespace {

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiAlnum(char c) { return IsAsciiLetter(c) || IsAsciiDigit(c); }
char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

// Splits already-ASCII text into folded words, tagging each with `script`.
class AsciiTokenizer {
 public:
  AsciiTokenizer(std::vector<Word>& out, Script script) : out_(out), script_(script) {}

  void Feed(std::string_view s) {
    for (char c : s) mixed_case_ |= c >= 'a' && c <= 'z';
    for (size_t i = 0; i < s.size(); ++i) {
      const char c = s[i];
      if (IsAsciiAlnum(c)) {
        if (c >= 'A' && c <= 'Z') ++capitals_;
        if (IsAsciiLetter(c) && i + 1 < s.size() && IsAsciiLetter(s[i + 1])) {
          dotted_single_letters_ = false;  // two letters in a row: not "U.S."
        }
        current_.push_back(AsciiLower(c));
        continue;
      }
      const char next = i + 1 < s.size() ? s[i + 1] : '\0';
      const char prev = i > 0 ? s[i - 1] : '\0';
      if (c == '\'' || c == '`') {
        // Possessive "'s" at a word's end is dropped; other apostrophes join ("O'Neill").
        if ((next == 's' || next == 'S') && !current_.empty() &&
            (i + 2 >= s.size() || !IsAsciiAlnum(s[i + 2]))) {
          ++i;
        }
        continue;
      }
      if (c == '.' && IsAsciiLetter(prev) && IsAsciiLetter(next)) {
        // "A.B.C." and "Sh.p.k." are one word; "A. Wendt" is not (a space follows).
        ++inner_dots_;
        continue;
      }
      if (c == '.' && current_.size() == 1 && IsAsciiLetter(current_[0])) {
        pending_initial_dot_ = true;
      }
      const bool joined = c == '-' && !current_.empty() && IsAsciiLetter(next);
      Flush();
      if (joined) pending_hyphen_ = true;
      if (c == ',' || c == ';') pending_comma_ = true;
      if (c == '&') {
        current_ = "and";
        Flush();
      }
    }
  }

  void Finish() { Flush(); }

 private:
  void Flush() {
    if (current_.empty()) {
      pending_initial_dot_ = false;
      return;
    }
    Word word;
    word.text = std::move(current_);
    current_.clear();
    ReadLookAlikeDigits(word.text);
    word.script = script_;
    bool has_letter = false;
    for (char c : word.text) has_letter |= IsAsciiLetter(c);
    if (!has_letter) word.script = Script::kNone;
    word.initial_dot = pending_initial_dot_ && word.text.size() == 1;
    const size_t letters = word.text.size();
    // Capitals alone are not enough ("KIM Jong Un" writes a family name in capitals): they
    // must also lack vowels, as initials mostly do ("JC", "BNP").
    bool vowels = false;
    for (char ch : word.text)
      vowels |= ch == 'a' || ch == 'e' || ch == 'i' || ch == 'o' || ch == 'u' || ch == 'y';
    word.abbreviation = letters >= 2 && letters <= 5 &&
                        ((inner_dots_ > 0 && dotted_single_letters_) ||
                         (mixed_case_ && capitals_ == letters && letters <= 4 && !vowels));
    inner_dots_ = 0;
    capitals_ = 0;
    dotted_single_letters_ = true;
    word.comma_before = pending_comma_ && !out_.empty();
    word.hyphen_before = pending_hyphen_ && !out_.empty();
    pending_initial_dot_ = false;
    pending_comma_ = false;
    pending_hyphen_ = false;
    out_.push_back(std::move(word));
  }

  // "ig0r" -> "igor", "sech1n" -> "sechin": a digit between two letters stands for a letter.
  static void ReadLookAlikeDigits(std::string& w) {
    for (size_t i = 1; i + 1 < w.size(); ++i) {
      if (!IsAsciiDigit(w[i]) || !IsAsciiLetter(w[i - 1]) || !IsAsciiLetter(w[i + 1])) continue;
      static constexpr char kLetterFor[] = "oizeasgtbg";
      w[i] = kLetterFor[w[i] - '0'];
    }
  }

  std::vector<Word>& out_;
  Script script_;
  std::string current_;
  bool pending_initial_dot_ = false;
  bool mixed_case_ = false;  // the text has lower-case letters somewhere
  size_t capitals_ = 0;      // in the current word
  size_t inner_dots_ = 0;    // dots joined into the current word
  bool dotted_single_letters_ = true;
  bool pending_comma_ = false;
  bool pending_hyphen_ = false;
};

Script ScriptOf(UChar32 c) {
  UErrorCode err = U_ZERO_ERROR;
  const UScriptCode code = uscript_getScript(c, &err);
  if (U_FAILURE(err)) return Script::kOther;
  switch (code) {
    case USCRIPT_COMMON:
    case USCRIPT_INHERITED:
      return Script::kNone;
    case USCRIPT_LATIN:
      return Script::kLatin;
    case USCRIPT_CYRILLIC:
      return Script::kCyrillic;
    case USCRIPT_GREEK:
      return Script::kGreek;
    case USCRIPT_ARMENIAN:
      return Script::kArmenian;
    case USCRIPT_GEORGIAN:
      return Script::kGeorgian;
    case USCRIPT_ARABIC:
      return Script::kArabic;
    case USCRIPT_HEBREW:
      return Script::kHebrew;
    case USCRIPT_HAN:
      return Script::kHan;
    case USCRIPT_HIRAGANA:
    case USCRIPT_KATAKANA:
      return Script::kKana;
    case USCRIPT_HANGUL:
      return Script::kHangul;
    case USCRIPT_THAI:
      return Script::kThai;
    case USCRIPT_DEVANAGARI:
      return Script::kDevanagari;
    case USCRIPT_ETHIOPIC:
      return Script::kEthiopic;
    case USCRIPT_KHMER:
      return Script::kKhmer;
    default:
      return Script::kOther;
  }
}

// ICU transliterators are expensive to create and not thread-safe to share: one per thread.
struct Transliterators {
  std::unique_ptr<icu::Transliterator> any_to_ascii;
  std::unique_ptr<icu::Transliterator> han;
  std::unique_ptr<icu::Transliterator> hangul;
  // Cyrillic by language, through ICU's BGN/PCGN romanisations (the spellings OFAC, the UN and
  // the UK use: "Shcherbakov", "Yuriy", "Volodymyr Zelenskyy"); the rest of a run, and any
  // letter a table leaves, goes through Any-Latin.
  std::unique_ptr<icu::Transliterator> russian, ukrainian, belarusian, serbian, kazakh;
  std::unique_ptr<icu::Transliterator> korean_bgn;  // McCune-Reischauer as BGN/PCGN writes it
  std::unique_ptr<icu::Transliterator> greek_ungegn, greek_bgn;

  static Transliterators& ForThisThread() {
    thread_local Transliterators instance;
    return instance;
  }

 private:
  Transliterators() {
    any_to_ascii = Create("Any-Latin; Latin-ASCII");
    han = Create("Han-Latin; Latin-ASCII");
    hangul = Create("Hangul-Latin; Latin-ASCII");
    // BGN marks soft and hard signs with primes and splits some digraphs with a middle dot
    // ("Mel'nikov", "Det·skiy"); names are spelt without them.
    constexpr const char* kMarks = "; [\\u00B7\\u02B9\\u02BA] Remove; Any-Latin; Latin-ASCII";
    russian = Create((std::string("Russian-Latin/BGN") + kMarks).c_str());
    ukrainian = Create((std::string("Ukrainian-Latin/BGN") + kMarks).c_str());
    belarusian = Create((std::string("Belarusian-Latin/BGN") + kMarks).c_str());
    serbian = Create((std::string("Serbian-Latin/BGN") + kMarks).c_str());
    kazakh = Create((std::string("Kazakh-Latin/BGN") + kMarks).c_str());
    // ICU's Korean table reads jamo, not syllables.
    korean_bgn = Create("NFD; ko-ko_Latn/BGN; Latin-ASCII");
    greek_ungegn = Create("Greek-Latin/UNGEGN; Latin-ASCII");
    greek_bgn = Create("el-el_Latn/BGN; Latin-ASCII");
  }
  static std::unique_ptr<icu::Transliterator> Create(const char* id) {
    UErrorCode err = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(
        icu::Transliterator::createInstance(id, UTRANS_FORWARD, err));
    if (U_FAILURE(err)) t.reset();
    return t;
  }
};

// A letter ICU cannot romanise (Khmer, Lao, Myanmar, ...) is read through its Unicode name:
// "KHMER LETTER BA" is "ba", "KHMER VOWEL SIGN U" is "u". Crude, but it keeps the consonants
// that the skeleton comparison needs; other marks and signs are dropped.
void AppendByCharacterName(UChar32 c, std::string& out) {
  const int8_t category = u_charType(c);
  if (category == U_MODIFIER_LETTER || c == 0x2019 || c == 0x2018) {
    out += '\'';  // ʿ ʾ ʻ and curly quotes inside transliterated Arabic and Hebrew names
    return;
  }
  if (category == U_FORMAT_CHAR) return;  // zero-width joiners inside Persian words
  if (ScriptOf(c) == Script::kLatin) {
    // IPA-like vowels some romanisations (Ethiopic) emit and Latin-ASCII keeps.
    if (c == 0x0259 || c == 0x025B || c == 0x0258) out += 'e';
    if (c == 0x0254) out += 'o';
    return;
  }
  const bool letter = category == U_OTHER_LETTER || category == U_LOWERCASE_LETTER ||
                      category == U_UPPERCASE_LETTER;
  const bool mark = category == U_NON_SPACING_MARK || category == U_COMBINING_SPACING_MARK;
  if (!letter && !mark) {
    out += ' ';
    return;
  }
  char name[128];
  UErrorCode err = U_ZERO_ERROR;
  const int32_t length = u_charName(c, U_UNICODE_CHAR_NAME, name, sizeof(name), &err);
  if (U_FAILURE(err) || length <= 0) return;
  std::string_view n(name, static_cast<size_t>(length));
  size_t at = std::string_view::npos;
  for (std::string_view marker : {std::string_view(" LETTER "), std::string_view(" VOWEL SIGN ")}) {
    size_t found = n.find(marker);
    if (found != std::string_view::npos) {
      at = found + marker.size();
      break;
    }
  }
  if (at == std::string_view::npos) return;
  // The letter is the last word of its name, before any " WITH ...": "STRAIGHT U" is "u".
  std::string_view letter_name = n.substr(at);
  if (size_t with = letter_name.find(" WITH "); with != std::string_view::npos) {
    letter_name = letter_name.substr(0, with);
  }
  if (size_t space = letter_name.rfind(' '); space != std::string_view::npos) {
    letter_name = letter_name.substr(space + 1);
  }
  for (char ch : letter_name) {
    if (IsAsciiLetter(ch)) out += AsciiLower(ch);
  }
}

std::string ToAscii(icu::Transliterator* t, icu::UnicodeString text) {
  if (t != nullptr) t->transliterate(text);
  std::string out;
  out.reserve(static_cast<size_t>(text.length()));
  for (int32_t i = 0; i < text.length();) {
    const UChar32 c = text.char32At(i);
    i += U16_LENGTH(c);
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else {
      AppendByCharacterName(c, out);
    }
  }
  return out;
}

// ICU's Arabic-Latin knows the Arabic and Persian letters but not those Urdu and Pashto add
// ("چوہدری", "الطاھر", "ښاغلی"), which would otherwise be read by their Unicode names ("heh
// goal"). Each is written as the Arabic letter it is a form of, as Urdu and Pashto readers do.
void WriteUrduAndPashtoLettersAsArabic(icu::UnicodeString& run) {
  struct Kin {
    UChar from, to;
  };
  static constexpr Kin kKin[] = {
      // Urdu: heh goal, heh doachashmee, ae and teh marbuta goal; yeh barree; noon ghunna;
      // the retroflex tteh, ddal and rreh.
      {0x06C1, 0x0647},
      {0x06C2, 0x0647},
      {0x06BE, 0x0647},
      {0x06D5, 0x0647},
      {0x06C3, 0x0629},
      {0x06D2, 0x064A},
      {0x06D3, 0x064A},
      {0x06BA, 0x0646},
      {0x0679, 0x062A},
      {0x0688, 0x062F},
      {0x0691, 0x0631},
      // Pashto: its yehs, noon, teh, dal, reh, zhe, sheen and kaf; dze read z, tse read s.
      {0x06CD, 0x064A},
      {0x06D0, 0x064A},
      {0x06BC, 0x0646},
      {0x067C, 0x062A},
      {0x0689, 0x062F},
      {0x0693, 0x0631},
      {0x0696, 0x0698},
      {0x069A, 0x0634},
      {0x06AB, 0x06AF},
      {0x0681, 0x0632},
      {0x0685, 0x0633},
  };
  for (int32_t i = 0; i < run.length(); ++i) {
    const UChar c = run.charAt(i);
    if (c < 0x0679 || c > 0x06D5) continue;
    for (const Kin& kin : kKin) {
      if (kin.from == c) {
        run.setCharAt(i, kin.to);
        break;
      }
    }
  }
}

// The language a run of Cyrillic is written in, told by the letters only some alphabets have,
// and the Ukrainian surname ending "-ський"/"-цький" (Russian writes "-ский"); Russian otherwise
// (Bulgarian and Russian share their letters).
icu::Transliterator* CyrillicTransliterator(const icu::UnicodeString& run) {
  Transliterators& t = Transliterators::ForThisThread();
  bool ukrainian = false, belarusian = false, serbian = false, kazakh = false;
  for (int32_t i = 0; i < run.length(); ++i) {
    const UChar32 c = u_tolower(run.char32At(i));
    if (c == 0x044C && i > 0 && i + 1 < run.length() && u_tolower(run.char32At(i + 1)) == 0x043A) {
      const UChar32 before = u_tolower(run.char32At(i - 1));
      if (before == 0x0441 || before == 0x0446) ukrainian = true;  // ськ, цьк
    }
    switch (c) {
      case 0x045E:  // ў
        belarusian = true;
        break;
      case 0x0457:  // ї
      case 0x0454:  // є
      case 0x0491:  // ґ
        ukrainian = true;
        break;
      case 0x0456:  // і: Ukrainian, Belarusian and Kazakh
        ukrainian = true;
        break;
      case 0x0452:
      case 0x0458:
      case 0x0459:
      case 0x045A:
      case 0x045B:
      case 0x045F:
      case 0x0453:
      case 0x045C:
      case 0x0455:  // ђ ј љ њ ћ џ ѓ ќ ѕ
        serbian = true;
        break;
      case 0x04D9:
      case 0x0493:
      case 0x049B:
      case 0x04A3:
      case 0x04E9:
      case 0x04B1:
      case 0x04AF:
      case 0x04BB:  // ә ғ қ ң ө ұ ү һ
        kazakh = true;
        break;
      default:
        break;
    }
  }
  icu::Transliterator* chosen = kazakh       ? t.kazakh.get()
                                : belarusian ? t.belarusian.get()
                                : serbian    ? t.serbian.get()
                                : ukrainian  ? t.ukrainian.get()
                                             : t.russian.get();
  return chosen != nullptr ? chosen : t.any_to_ascii.get();
}

bool IsNameSeparator(UChar32 c) {
  // Middle dots and the katakana double hyphen separate the parts of a transcribed name
  // ("弗拉基米尔·普京", "ウラジーミル・プーチン").
  return c == 0x00B7 || c == 0x30FB || c == 0xFF65 || c == 0x30A0 || c == 0x2027;
}

// Han and Hangul are romanised one character (syllable) at a time so that syllables can be
// grouped into words: a run of two or three characters reads as a family name plus a given
// name ("习近平" -> "xi jinping"); a longer run, or one set off by a middle dot, as one word
// ("弗拉基米尔" -> "fulajimier").
// A Hangul syllable as the lists spell North Korean names (the North's McCune-Reischauer:
// "Kim Jong Un", "Ri Pyong Chol", "Choe Ryong Hae", "Thae Yong Ho"), from its jamo: every
// syllable is read as a word's first, since the lists write each one apart.
std::string NorthKoreanReading(UChar32 syllable) {
  static constexpr const char* kInitials[19] = {"k",  "kk", "n",  "t",  "tt", "r", "m",
                                                "p",  "pp", "s",  "ss", "",   "j", "jj",
                                                "ch", "kh", "th", "ph", "h"};
  static constexpr const char* kVowels[21] = {"a",  "ae", "ya", "yae", "o",  "e",  "yo",
                                              "ye", "o",  "wa", "wae", "oe", "yo", "u",
                                              "wo", "we", "wi", "yu",  "u",  "ui", "i"};
  static constexpr const char* kFinals[28] = {"",  "k",  "k", "k", "n", "n", "n", "t", "l", "k",
                                              "m", "l",  "l", "l", "p", "l", "m", "p", "p", "t",
                                              "t", "ng", "t", "t", "k", "t", "p", ""};
  const int index = static_cast<int>(syllable) - 0xAC00;
  if (index < 0 || index >= 19 * 21 * 28) return "";
  return std::string(kInitials[index / (21 * 28)]) + kVowels[(index / 28) % 21] +
         kFinals[index % 28];
}

std::string FoldedAscii(icu::Transliterator* t, const icu::UnicodeString& text) {
  std::string folded;
  for (char ch : ToAscii(t, text)) {
    if (IsAsciiAlnum(ch)) folded.push_back(AsciiLower(ch));
  }
  return folded;
}

void FoldSyllableRun(const icu::UnicodeString& run, Script script, bool comma_before,
                     std::vector<Word>& out) {
  Transliterators& t = Transliterators::ForThisThread();
  icu::Transliterator* tr = script == Script::kHan ? t.han.get() : t.hangul.get();
  // Readings of each syllable: the first is the word's text, the others its alternatives.
  // Hangul: the North's forms, ICU's McCune-Reischauer (BGN) and Revised Romanisation.
  std::vector<std::vector<std::string>> readings(script == Script::kHangul ? 3 : 1);
  for (int32_t i = 0; i < run.length();) {
    const UChar32 c = run.char32At(i);
    const int32_t n = U16_LENGTH(c);
    const icu::UnicodeString character = run.tempSubString(i, n);
    i += n;
    std::string main = FoldedAscii(tr, character);
    if (main.empty()) continue;
    if (script == Script::kHangul) {
      const std::string north = NorthKoreanReading(c);
      std::string bgn = t.korean_bgn ? FoldedAscii(t.korean_bgn.get(), character) : main;
      readings[0].push_back(north.empty() ? main : north);
      readings[1].push_back(bgn.empty() ? main : std::move(bgn));
      readings[2].push_back(std::move(main));
    } else {
      readings[0].push_back(std::move(main));
    }
  }
  if (readings[0].empty()) return;
  // Two or three syllables are a family name and a given name ("习近平" -> "xi jinping"); a
  // longer run, or one set off by a middle dot, is one word ("弗拉基米尔" -> "fulajimier").
  const size_t count = readings[0].size();
  const bool family_and_given = count == 2 || count == 3;
  auto word_of = [&](const std::vector<std::string>& syllables, size_t begin, size_t end) {
    std::string text;
    for (size_t k = begin; k < end; ++k) text += syllables[k];
    return text;
  };
  static constexpr Reading kHangulReadings[] = {
      Reading::kHangulNorth, Reading::kHangulMcCuneReischauer, Reading::kHangulRevised};
  auto emit = [&](size_t begin, size_t end) {
    Word w;
    w.text = word_of(readings[0], begin, end);
    w.reading = script == Script::kHangul ? kHangulReadings[0] : Reading::kPinyin;
    for (size_t r = 1; r < readings.size(); ++r) {
      std::string other = word_of(readings[r], begin, end);
      if (other != w.text &&
          std::find(w.alternatives.begin(), w.alternatives.end(), other) == w.alternatives.end()) {
        w.alternatives.push_back(std::move(other));
        w.alternative_readings.push_back(kHangulReadings[r]);
      }
    }
    w.script = script;
    w.comma_before = comma_before && !out.empty();
    comma_before = false;
    out.push_back(std::move(w));
  };
  if (family_and_given && script == Script::kHangul) {
    // Korean names are written syllable by syllable on the lists ("KIM Jong Un", "Jong-un"):
    // each syllable is a word, and a listed "Jongun" meets the two run together.
    for (size_t k = 0; k < count; ++k) {
      emit(k, k + 1);
      // Within a given name the North voices a plain k, t or p (the second syllable's, after
      // the first), and the lists often write it so: "Ri Man Gon" (건), "Kim Su Gil" (길),
      // though also "Jong Kyong Thaek" (경). A reading beside the others, not instead.
      if (k < 2) continue;
      const std::string& north = readings[0][k];
      if (north.size() < 2 || north[1] == 'h' || north[1] == north[0]) continue;
      const char voiced = north[0] == 'k' ? 'g' : north[0] == 't' ? 'd' : north[0] == 'p' ? 'b' : 0;
      if (voiced == 0) continue;
      Word& w = out.back();
      std::string other = voiced + north.substr(1);
      if (std::find(w.alternatives.begin(), w.alternatives.end(), other) == w.alternatives.end()) {
        w.alternatives.push_back(std::move(other));
        w.alternative_readings.push_back(Reading::kHangulNorthVoiced);
      }
    }
  } else if (family_and_given) {
    emit(0, 1);
    emit(1, count);
  } else {
    emit(0, count);
  }
}

const icu::Normalizer2* Nfkc() {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFKCInstance(err);
  return U_SUCCESS(err) ? n : nullptr;
}

void FoldUnicode(std::string_view utf8, std::vector<Word>& out) {
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  if (const icu::Normalizer2* nfkc = Nfkc()) {
    UErrorCode err = U_ZERO_ERROR;
    icu::UnicodeString normalized = nfkc->normalize(text, err);
    if (U_SUCCESS(err)) text = std::move(normalized);
  }
  // Cut the text into runs of one script (punctuation and marks join the run they are in) and
  // romanise each run on its own, so every word knows the script it came from.
  int32_t run_start = 0;
  Script run_script = Script::kNone;
  bool comma_pending = false;
  auto finish_run = [&](int32_t end) {
    if (end <= run_start) return;
    icu::UnicodeString run = text.tempSubString(run_start, end - run_start);
    if (run_script == Script::kHan || run_script == Script::kHangul) {
      FoldSyllableRun(run, run_script, comma_pending, out);
      comma_pending = false;
    } else {
      const size_t before = out.size();
      AsciiTokenizer tokenizer(out, run_script == Script::kNone ? Script::kNone : run_script);
      Transliterators& t = Transliterators::ForThisThread();
      icu::Transliterator* any = t.any_to_ascii.get();
      // The reading the lists use first, then the others in use, as alternatives: Cyrillic by
      // BGN/PCGN of its language, then ICU's scholarly reading; Greek by ELOT 743 (UNGEGN),
      // then BGN/PCGN (ντ d, μπ b, γκ g) and the scholarly reading.
      icu::Transliterator* tr = any;
      Reading reading = run_script == Script::kLatin || run_script == Script::kNone
                            ? Reading::kAsWritten
                            : Reading::kIcu;
      std::vector<std::pair<icu::Transliterator*, Reading>> others;
      if (run_script == Script::kArabic) WriteUrduAndPashtoLettersAsArabic(run);
      if (run_script == Script::kCyrillic) {
        tr = CyrillicTransliterator(run);
        reading = tr == t.ukrainian.get()    ? Reading::kUkrainianBgn
                  : tr == t.belarusian.get() ? Reading::kBelarusianBgn
                  : tr == t.serbian.get()    ? Reading::kSerbianBgn
                  : tr == t.kazakh.get()     ? Reading::kKazakhBgn
                  : tr == t.russian.get()    ? Reading::kRussianBgn
                                             : Reading::kIcu;
        others = {{any, Reading::kScholarly}};
      } else if (run_script == Script::kGreek && t.greek_ungegn) {
        tr = t.greek_ungegn.get();
        reading = Reading::kGreekElot743;
        others = {{t.greek_bgn.get(), Reading::kGreekBgn}, {any, Reading::kScholarly}};
      }
      tokenizer.Feed(ToAscii(tr, run));
      tokenizer.Finish();
      for (size_t k = before; k < out.size(); ++k) out[k].reading = reading;
      for (const auto& [other_reading, other_name] : others) {
        if (other_reading == nullptr || other_reading == tr) continue;
        std::vector<Word> words;
        AsciiTokenizer other(words, run_script);
        other.Feed(ToAscii(other_reading, run));
        other.Finish();
        if (words.size() != out.size() - before) continue;  // words do not line up
        for (size_t k = 0; k < words.size(); ++k) {
          Word& word = out[before + k];
          if (words[k].text != word.text &&
              std::find(word.alternatives.begin(), word.alternatives.end(), words[k].text) ==
                  word.alternatives.end()) {
            word.alternatives.push_back(std::move(words[k].text));
            word.alternative_readings.push_back(other_name);
          }
        }
      }
      if (comma_pending && out.size() > before && before > 0) out[before].comma_before = true;
      comma_pending = false;
    }
  };
  for (int32_t i = 0; i < text.length();) {
    const UChar32 c = text.char32At(i);
    const int32_t n = U16_LENGTH(c);
    Script s = ScriptOf(c);
    const bool breaks = IsNameSeparator(c) || u_isspace(c) || c == ',';
    if (breaks && (run_script == Script::kHan || run_script == Script::kHangul)) {
      finish_run(i);
      run_start = i + n;
      run_script = Script::kNone;
      if (c == ',') comma_pending = true;
    } else if (s != Script::kNone && s != run_script) {
      if (run_script != Script::kNone || s == Script::kHan || s == Script::kHangul) {
        finish_run(i);
        run_start = i;
      }
      run_script = s;
    }
    i += n;
  }
  finish_run(text.length());
}

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

}  // namespace

std::string_view ScriptName(Script script) {
  switch (script) {
    case Script::kNone:
      return "none";
    case Script::kLatin:
      return "latin";
    case Script::kCyrillic:
      return "cyrillic";
    case Script::kGreek:
      return "greek";
    case Script::kArmenian:
      return "armenian";
    case Script::kGeorgian:
      return "georgian";
    case Script::kArabic:
      return "arabic";
    case Script::kHebrew:
      return "hebrew";
    case Script::kHan:
      return "han";
    case Script::kKana:
      return "kana";
    case Script::kHangul:
      return "hangul";
    case Script::kThai:
      return "thai";
    case Script::kDevanagari:
      return "devanagari";
    case Script::kEthiopic:
      return "ethiopic";
    case Script::kKhmer:
      return "khmer";
    case Script::kOther:
      return "other";
  }
  return "other";
}

std::string_view ReadingName(Reading reading) {
  switch (reading) {
    case Reading::kAsWritten:
      return "";
    case Reading::kIcu:
      return "";
    case Reading::kScholarly:
      return "ICU scholarly";
    case Reading::kRussianBgn:
      return "Russian BGN/PCGN";
    case Reading::kUkrainianBgn:
      return "Ukrainian BGN/PCGN";
    case Reading::kBelarusianBgn:
      return "Belarusian BGN/PCGN";
    case Reading::kSerbianBgn:
      return "Serbian BGN/PCGN";
    case Reading::kKazakhBgn:
      return "Kazakh BGN/PCGN";
    case Reading::kGreekElot743:
      return "Greek ELOT 743";
    case Reading::kGreekBgn:
      return "Greek BGN/PCGN";
    case Reading::kHangulNorth:
      return "Hangul McCune-Reischauer as the North writes it";
    case Reading::kHangulNorthVoiced:
      return "Hangul McCune-Reischauer as the North writes it, voiced within a given name";
    case Reading::kHangulMcCuneReischauer:
      return "Hangul McCune-Reischauer";
    case Reading::kHangulRevised:
      return "Hangul Revised Romanisation";
    case Reading::kPinyin:
      return "Han pinyin";
    case Reading::kGermanPress:
      return "German press spelling";
    case Reading::kFrenchPress:
      return "French press spelling";
    case Reading::kPolishPress:
      return "Polish press spelling";
    case Reading::kBalticForm:
      return "Latvian or Lithuanian form";
    case Reading::kWadeGiles:
      return "Wade-Giles read as pinyin";
    case Reading::kJapanese:
      return "Japanese reading, Hepburn";
  }
  return "";
}

bool IsLossyScript(Script script) {
  switch (script) {
    case Script::kArabic:
    case Script::kHebrew:
    case Script::kHan:
    case Script::kKana:
    case Script::kHangul:
    case Script::kThai:
    case Script::kDevanagari:
    case Script::kEthiopic:
    case Script::kKhmer:
    case Script::kOther:
      return true;
    default:
      return false;
  }
}

std::vector<Word> FoldWords(std::string_view utf8) {
  std::vector<Word> out;
  bool ascii = true;
  for (char c : utf8) ascii &= static_cast<unsigned char>(c) < 0x80;
  if (ascii) {
    AsciiTokenizer tokenizer(out, Script::kLatin);
    tokenizer.Feed(utf8);
    tokenizer.Finish();
    return out;
  }
  FoldUnicode(utf8, out);
  return out;
}

std::string Fold(std::string_view utf8) {
  std::string out;
  for (const Word& w : FoldWords(utf8)) {
    if (!out.empty()) out.push_back(' ');
    out += w.text;
  }
  return out;
}

Script DominantScript(std::string_view utf8) {
  int counts[static_cast<int>(Script::kOther) + 1] = {};
  for (int32_t i = 0; i < static_cast<int32_t>(utf8.size());) {
    UChar32 c;
    U8_NEXT(utf8.data(), i, static_cast<int32_t>(utf8.size()), c);
    if (c < 0) continue;
    if (c < 0x80) {
      if (IsAsciiLetter(static_cast<char>(c))) ++counts[static_cast<int>(Script::kLatin)];
      continue;
    }
    Script s = ScriptOf(c);
    if (s != Script::kNone) ++counts[static_cast<int>(s)];
  }
  Script best = Script::kNone;
  int best_count = 0;
  for (int s = 1; s <= static_cast<int>(Script::kOther); ++s) {
    if (counts[s] > best_count) {
      best_count = counts[s];
      best = static_cast<Script>(s);
    }
  }
  return best;
}

std::string PhoneticKey(std::string_view w) {
  for (char c : w) {
    if (IsAsciiDigit(c)) return std::string(w);
  }
  std::string s;
  s.reserve(w.size() + 2);
  for (size_t i = 0; i < w.size(); ++i) {
    const char c = w[i];
    const char next = i + 1 < w.size() ? w[i + 1] : '\0';
    switch (c) {
      case 'x':
        s += "ks";
        break;
      case 'q':
        s += 'k';
        break;
      case 'w':
        s += 'v';
        break;
      case 'z':
        s += 's';
        break;
      case 'j':
        s += 'y';
        break;
      case 'p':
        if (next == 'h') {
          s += 'f';
          ++i;
        } else {
          s += 'p';
        }
        break;
      case 'c':
        if (next == 'k') {
          s += 'k';
          ++i;
        } else if (next == 'h') {
          s += 's';  // "ch", "sch", "sh" all become one hushing sound
          ++i;
        } else if (next == 'e' || next == 'i' || next == 'y') {
          s += 's';
        } else {
          s += 'k';
        }
        break;
      case 'k':
      case 'g':
      case 't':
      case 'd':
        s += c;
        if (next == 'h') ++i;  // kh, gh, th, dh: transliterations of one letter
        break;
      case 's':
        s += 's';
        if (next == 'h') ++i;
        break;
      default:
        s += c;
    }
  }
  // Consonants stay, doubled ones once; each run of vowels becomes one "a", so "putin" and
  // "potanin" (p-a-t-a-n, p-a-t-a-n-a-n) stay apart while "mohammed" and "muhammad" meet.
  std::string key;
  key.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == 'h' && i > 0) continue;
    if (IsVowel(c) || (c == 'y' && i > 0)) c = 'a';
    if (!key.empty() && key.back() == c) continue;
    key += c;
  }
  return key;
}

std::string SkeletonKey(std::string_view w, bool l_apart_from_r) {
  std::string key;
  key.reserve(w.size());
  auto push = [&](char c) {
    if (key.empty() || key.back() != c) key += c;
  };
  for (size_t i = 0; i < w.size(); ++i) {
    const char c = w[i];
    const char next = i + 1 < w.size() ? w[i + 1] : '\0';
    if (IsAsciiDigit(c)) {
      push(c);
      continue;
    }
    switch (c) {
      case 'b':
      case 'p':
      case 'f':
      case 'v':
        push('b');
        break;
      case 'w':
        if (i == 0) push('b');
        break;
      case 'k':
      case 'g':
      case 'q':
        push('k');
        break;
      case 'c':
        if (next == 'h') {
          push('t');  // Japanese and pinyin "ch" stand for a t or d before i
          ++i;
        } else {
          push('k');
        }
        break;
      case 't':
      case 'd':
      case 'j':
        push('t');
        break;
      case 's':
      case 'z':
      case 'x':
        if (next == 'h') ++i;
        push(c == 'z' && next == 'h' ? 't' : 's');
        break;
      case 'l':
        push(l_apart_from_r ? 'l' : 'r');
        break;
      case 'r':
        push('r');
        break;
      case 'n':
        push('n');
        if (next == 'g') ++i;
        break;
      case 'm':
        push('m');
        break;
      case 'h': {
        // An "h" of its own (Arabic ha: "Mohammed", "Ahmad", "Abdullah") is a consonant; in
        // "kh", "gh", "sh", "th", "dh", "ph", "ch", "zh" it only spells another one.
        const char before = i > 0 ? w[i - 1] : '\0';
        const bool digraph = before == 'k' || before == 'g' || before == 's' || before == 't' ||
                             before == 'd' || before == 'p' || before == 'c' || before == 'z';
        if (!digraph) push('h');
        break;
      }
      default:
        break;  // vowels, y
    }
  }
  return key;
}

}  // namespace cordon::text
