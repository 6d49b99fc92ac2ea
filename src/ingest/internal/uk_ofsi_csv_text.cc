#include "ingest/internal/uk_ofsi_csv_text.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/strings.h"
#include "text/countries.h"

namespace cordon::ingest::internal {
namespace {

using model::Identifier;
using model::IdentifierType;

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsAlpha(char c) { return IsUpper(c) || IsLower(c); }
bool IsAlnum(char c) { return IsAlpha(c) || IsDigit(c); }

size_t CountDigits(std::string_view s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), IsDigit));
}

// Case-insensitive find of an ASCII `needle`.
size_t FindIgnoreCase(std::string_view haystack, std::string_view needle, size_t from = 0) {
  if (needle.empty() || haystack.size() < needle.size()) return std::string_view::npos;
  for (size_t pos = from; pos + needle.size() <= haystack.size(); ++pos) {
    if (EqualsIgnoreCase(haystack.substr(pos, needle.size()), needle)) return pos;
  }
  return std::string_view::npos;
}

// Strips `chars` from both ends.
std::string_view StripChars(std::string_view s, std::string_view lead, std::string_view trail) {
  while (!s.empty() && lead.find(s.front()) != std::string_view::npos) s.remove_prefix(1);
  while (!s.empty() && trail.find(s.back()) != std::string_view::npos) s.remove_suffix(1);
  return s;
}

// Length of the enumeration marker ("(1)", "1)", "(a)", "a)") starting at `pos`, or 0.
size_t MarkerLength(std::string_view text, size_t pos) {
  const size_t n = text.size();
  const char prev = pos == 0 ? ' ' : text[pos - 1];
  size_t i = pos;
  const bool paren = text[i] == '(';
  if (paren) {
    if (!(pos == 0 || IsSpace(prev) || std::strchr(",;.-)", prev) != nullptr)) return 0;
    ++i;
  } else if (!(pos == 0 || IsSpace(prev))) {
    return 0;
  }
  if (i >= n) return 0;
  if (IsDigit(text[i])) {
    const size_t start = i;
    while (i < n && IsDigit(text[i])) ++i;
    if (i - start > 2) return 0;
  } else if ((text[i] >= 'a' && text[i] <= 'h') ||
             (text[i] >= 'A' && text[i] <= 'H' && (paren || pos == 0))) {
    ++i;
  } else {
    return 0;
  }
  if (i >= n || text[i] != ')') return 0;
  return i + 1 - pos;
}

// ---------------------------------------------------------------------------------------------
// Countries.

// Spellings in the 2018 file that text::CountryCode does not know. Historical Soviet republics
// map to the state that holds the territory now (they appear as places of birth).
constexpr std::pair<std::string_view, std::string_view> kOfsiCountries[] = {
    {"drc", "CD"},
    {"afgan", "AF"},
    {"afganistan", "AF"},
    {"qatarian", "QA"},
    {"eqypt", "EG"},
    {"trinadad and tobago", "TT"},
    {"sultanate of oman", "OM"},
    {"union of the comoros", "KM"},
    {"saint vincent and the grenadines", "VC"},
    {"ukrainian ssr", "UA"},
    {"ukranian ssr", "UA"},
    {"ukrainian ussr", "UA"},
    {"kazakh ssr", "KZ"},
    {"kazakh soviet socialist republic", "KZ"},
    {"rsfsr", "RU"},
    {"crimea", "UA"},
};

std::string TableKey(std::string_view text) {
  std::string key;
  for (char c : text) {
    if (c == '\'' || c == '.') continue;
    if (IsAlnum(c)) {
      key.push_back(IsUpper(c) ? static_cast<char>(c - 'A' + 'a') : c);
    } else if (!key.empty() && key.back() != ' ') {
      key.push_back(' ');
    }
  }
  while (!key.empty() && key.back() == ' ') key.pop_back();
  return key;
}

// The code for a phrase that is a country as a whole, "" otherwise. Words of two or three
// letters count only in capitals ("UK", "US", "USA", "DRC"): "No", "ID", "In" and "and" are
// words in these cells, not Norway, Indonesia, India or Andorra.
std::string Lookup(std::string_view phrase) {
  phrase = StripChars(phrase, " ,;:.-", " ,;:.-");
  if (phrase.size() < 2) return "";
  if (phrase.size() <= 3) {
    for (char c : phrase) {
      if (!IsUpper(c)) return "";
    }
    if (phrase.size() == 2 && phrase != "UK" && phrase != "US") return "";
  }
  const std::string key = TableKey(phrase);
  for (const auto& [name, code] : kOfsiCountries) {
    if (key == name) return std::string(code);
  }
  std::string code = text::CountryCode(phrase);
  if (code.empty() && FindIgnoreCase(phrase, " and ") != std::string_view::npos) {
    // ICU spells "Trinidad & Tobago", "Antigua & Barbuda".
    std::string ampersand(phrase);
    const size_t pos = FindIgnoreCase(ampersand, " and ");
    ampersand.replace(pos, 5, " & ");
    code = text::CountryCode(ampersand);
  }
  return code;
}

// `text` without its "(...)" notes (an unclosed "(" drops the rest).
std::string RemoveParentheticals(std::string_view text) {
  std::string out;
  int depth = 0;
  for (char c : text) {
    if (c == '(') {
      ++depth;
    } else if (c == ')') {
      if (depth > 0) --depth;
    } else if (depth == 0) {
      out.push_back(c);
    }
  }
  return CollapseWhitespace(out);
}

// A country phrase without the words around the country: "In Syria as at June 2013" -> "Syria",
// "Kuwaiti citizenship withdrawn in 2002" -> "Kuwaiti", "Possibly Ethiopian" -> "Ethiopian".
std::string CleanCountryPhrase(std::string_view phrase) {
  std::string text = RemoveParentheticals(phrase);
  for (std::string_view cut :
       {" as at ", " as of ", " since ", " until ", " from ", " between ", " at time of ",
        " citizenship", " citizen", " nationalit", " national", " by birth", " passport"}) {
    size_t pos = FindIgnoreCase(text, cut);
    if (pos != std::string_view::npos) text.resize(pos);
  }
  std::string_view view = StripChars(text, " ,;:.-", " ,;:.-");
  for (std::string_view prefix : {"possibly ", "in ", "now ", "formerly ", "former "}) {
    if (StartsWithIgnoreCase(view, prefix)) view.remove_prefix(prefix.size());
  }
  return std::string(view);
}

// The phrase split where two countries may be named side by side.
std::vector<std::string> SplitCountryParts(std::string_view text) {
  std::vector<std::string> parts{std::string(text)};
  for (std::string_view separator : {". ", ", ", " and ", "/", ";", " & "}) {
    std::vector<std::string> next;
    for (const std::string& part : parts) {
      for (std::string_view piece : SplitOn(part, separator)) next.emplace_back(piece);
    }
    parts = std::move(next);
  }
  return parts;
}

// The first word window (longest first) of `text` that is a country, "" if none.
std::string CountryInWords(std::string_view text, bool anywhere) {
  std::vector<std::string_view> words;
  for (std::string_view word : Split(text, ' ')) {
    word = StripChars(word, "(,;:.", "),;:.");
    if (!word.empty()) words.push_back(word);
  }
  for (size_t width = std::min<size_t>(4, words.size()); width >= 1; --width) {
    const size_t last_start = anywhere ? words.size() - width : 0;
    for (size_t start = 0; start <= last_start; ++start) {
      std::string phrase;
      for (size_t i = start; i < start + width; ++i) {
        if (!phrase.empty()) phrase.push_back(' ');
        phrase.append(words[i]);
      }
      std::string code = Lookup(phrase);
      if (!code.empty()) return code;
    }
  }
  return "";
}

// ---------------------------------------------------------------------------------------------
// Document numbers.

constexpr std::string_view kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                        "jul", "aug", "sep", "oct", "nov", "dec"};

bool IsMonthWord(std::string_view word) {
  if (word.size() < 3) return false;
  const std::string lower = AsciiLower(word.substr(0, 3));
  for (std::string_view month : kMonths) {
    if (lower == month) return true;
  }
  return false;
}

// Words after which the rest of a clause is dates and notes, not the number.
bool IsCutWord(std::string_view lower) {
  static constexpr std::string_view kCut[] = {
      "issued",     "issue", "issuing", "expired", "expires", "expire", "expiring", "expiry",
      "expiration", "valid", "dated",   "date",    "under",   "visa",   "renewed"};
  for (std::string_view cut : kCut) {
    if (lower == cut) return true;
  }
  return false;
}

// The word after which a new document number may follow ("... issued on 8.11.2005. Yemeni
// passport number 06070777"). Not "number": "issue number 002-15-L093534" is no document.
bool IsResumeWord(std::string_view lower) { return lower == "passport"; }

// "27.06.2012", "21/12/2015", "30.8.20".
bool IsDateLike(std::string_view token) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t i = 0; i <= token.size(); ++i) {
    if (i == token.size() || token[i] == '.' || token[i] == '/' || token[i] == '-') {
      parts.push_back(token.substr(start, i - start));
      start = i + 1;
    }
  }
  if (parts.size() != 3) return false;
  for (std::string_view part : parts) {
    if (part.empty() || CountDigits(part) != part.size()) return false;
  }
  return parts[0].size() <= 2 && parts[1].size() <= 2;
}

// Letter groups that are part of a number written with a space: "SE 012820", "OB 0243318".
bool IsNumberPrefix(std::string_view word) {
  if (word.empty() || word.size() > 3) return false;
  for (char c : word) {
    if (!IsUpper(c)) return false;
  }
  static constexpr std::string_view kNotPrefix[] = {"NO", "ID", "NI", "NR", "SSN", "PP", "NIC"};
  for (std::string_view not_prefix : kNotPrefix) {
    if (word == not_prefix) return false;
  }
  return true;
}

struct Token {
  std::string_view text;  // stripped
  size_t begin = 0;       // offset of `text` in the item
  size_t end = 0;
  int depth = 0;             // parenthesis depth
  bool joins_next = false;   // the raw token ended with '-': "911- 10-77"
  bool space_before = true;  // separated from the previous token by whitespace only
};

std::vector<Token> Tokenize(std::string_view item) {
  std::vector<Token> tokens;
  int depth = 0;
  size_t i = 0;
  bool space_only = true;
  while (i < item.size()) {
    const char c = item[i];
    if (c == '(') {
      ++depth;
      space_only = false;
      ++i;
      continue;
    }
    if (c == ')') {
      if (depth > 0) --depth;
      space_only = false;
      ++i;
      continue;
    }
    if (!(IsAlnum(c) || c == '-' || c == '/' || c == '.' || c == '\'' ||
          static_cast<unsigned char>(c) >= 0x80)) {
      if (!IsSpace(c)) space_only = false;
      ++i;
      continue;
    }
    const size_t begin = i;
    while (i < item.size() &&
           (IsAlnum(item[i]) || item[i] == '-' || item[i] == '/' || item[i] == '.' ||
            item[i] == '\'' || static_cast<unsigned char>(item[i]) >= 0x80)) {
      ++i;
    }
    std::string_view raw = item.substr(begin, i - begin);
    Token token;
    token.joins_next = raw.back() == '-';
    token.space_before = space_only;
    token.depth = depth;
    std::string_view text = StripChars(raw, ".-/'", ".-/',");
    // "no.00868774", "No.55252": the label glued to the number.
    for (std::string_view glued : {"no.", "nos.", "no:"}) {
      if (StartsWithIgnoreCase(text, glued) && text.size() > glued.size() &&
          IsAlnum(text[glued.size()])) {
        text.remove_prefix(glued.size());
      }
    }
    token.text = text;
    token.begin = static_cast<size_t>(text.data() - item.data());
    token.end = token.begin + text.size();
    if (!text.empty()) tokens.push_back(token);
    space_only = true;
  }
  return tokens;
}

bool LooksLikeScientificNotation(std::string_view item) {
  // "2.81083E+11": a spreadsheet turned a long number into a float.
  for (size_t pos = item.find("E+"); pos != std::string_view::npos;
       pos = item.find("E+", pos + 1)) {
    if (pos > 0 && IsDigit(item[pos - 1]) && pos + 2 < item.size() && IsDigit(item[pos + 2])) {
      return true;
    }
  }
  return false;
}

bool IsLabelOnly(std::string_view item) {
  if (CountDigits(item) > 0) return false;
  if (!item.empty() && item.back() == ':') return true;
  for (std::string_view word : Split(item, ' ')) {
    const std::string lower = AsciiLower(StripChars(word, ".:", ".:"));
    if (lower.empty()) continue;
    if (lower != "passport" && lower != "no" && lower != "number" && lower != "nos" &&
        lower != "passports") {
      return false;
    }
  }
  return true;
}

struct FoundNumber {
  std::string value;
  size_t begin = 0;
  size_t end = 0;
};

// The document numbers of one item, in order.
std::vector<FoundNumber> FindNumbers(std::string_view item) {
  std::vector<FoundNumber> found;
  const std::vector<Token> tokens = Tokenize(item);
  bool skipping = false;
  for (size_t idx = 0; idx < tokens.size(); ++idx) {
    const Token& token = tokens[idx];
    if (token.depth > 0) continue;
    const std::string lower = AsciiLower(token.text);
    if (IsCutWord(lower)) {
      skipping = true;
      continue;
    }
    if (skipping) {
      if (IsResumeWord(lower)) skipping = false;
      continue;
    }
    if (CountDigits(token.text) < 3 || IsDateLike(token.text)) continue;
    if (token.text.size() == 4 && CountDigits(token.text) == 4 && idx > 0 &&
        IsMonthWord(tokens[idx - 1].text)) {
      continue;  // "Jul 2011"
    }
    FoundNumber number;
    number.begin = token.begin;
    number.end = token.end;
    number.value = std::string(token.text);
    if (idx > 0 && token.space_before && IsDigit(token.text.front()) &&
        tokens[idx - 1].depth == 0 && IsNumberPrefix(tokens[idx - 1].text) &&
        tokens[idx - 1].end + 1 == token.begin) {
      number.begin = tokens[idx - 1].begin;
      number.value = std::string(tokens[idx - 1].text) + " " + number.value;
    }
    // "911- 10-77": a number broken after a hyphen.
    while (tokens[idx].joins_next && idx + 1 < tokens.size() && tokens[idx + 1].depth == 0 &&
           tokens[idx + 1].space_before && IsDigit(tokens[idx + 1].text.front())) {
      ++idx;
      number.value.push_back('-');
      number.value.append(tokens[idx].text);
      number.end = tokens[idx].end;
    }
    found.push_back(std::move(number));
  }
  return found;
}

// The country an item names for the number at [begin, end): a "(Kuwaiti)" right after it, a
// country word before it ("Qatari passport no."), or one right after it ("W334061 Tunisian").
std::string DocumentCountry(std::string_view item, size_t prefix_begin, const FoundNumber& number) {
  std::string_view after = item.substr(number.end);
  const size_t first = after.find_first_not_of(" ,");
  if (first != std::string_view::npos && after[first] == '(') {
    const size_t close = after.find(')', first);
    std::string_view inside = after.substr(
        first + 1, close == std::string_view::npos ? std::string_view::npos : close - first - 1);
    std::string code = Lookup(inside);
    if (code.empty()) code = CountryInWords(inside, /*anywhere=*/false);
    if (!code.empty()) return code;
  }
  std::string prefix = RemoveParentheticals(item.substr(prefix_begin, number.begin - prefix_begin));
  std::string code = CountryInWords(prefix, /*anywhere=*/true);
  if (!code.empty()) return code;
  if (first != std::string_view::npos && after[first] != '(') {
    std::string_view next = after.substr(first);
    next = next.substr(0, next.find_first_of("(.,;"));
    return CountryInWords(next, /*anywhere=*/false);
  }
  return "";
}

}  // namespace

std::vector<std::string> SplitEnumerated(std::string_view text) {
  std::vector<std::string> items;
  std::string current;
  auto flush = [&]() {
    std::string_view item = StripChars(StripWhitespace(current), " ,;-", " ,;-");
    const std::string lower = AsciiLower(item);
    if (!item.empty() && lower != "to" && lower != "and" && lower != "&") {
      items.push_back(CollapseWhitespace(item));
    }
    current.clear();
  };
  for (size_t pos = 0; pos < text.size();) {
    if (text[pos] == '(' || IsDigit(text[pos]) || IsAlpha(text[pos])) {
      const size_t marker = MarkerLength(text, pos);
      if (marker > 0) {
        flush();
        pos += marker;
        continue;
      }
    }
    current.push_back(text[pos]);
    ++pos;
  }
  flush();
  return items;
}

std::vector<std::string> OfsiCountryCodes(std::string_view phrase) {
  const std::string text = CollapseWhitespace(phrase);
  if (text.empty()) return {};
  if (std::string code = Lookup(text); !code.empty()) return {code};
  if (std::string code = Lookup(RemoveParentheticals(text)); !code.empty()) return {code};
  std::vector<std::string> codes;
  for (const std::string& part : SplitCountryParts(RemoveParentheticals(text))) {
    const std::string cleaned = CleanCountryPhrase(part);
    if (cleaned.empty()) continue;
    std::string code = Lookup(cleaned);
    if (code.empty()) code = CountryInWords(cleaned, /*anywhere=*/true);
    if (!code.empty() && std::find(codes.begin(), codes.end(), code) == codes.end()) {
      codes.push_back(std::move(code));
    }
  }
  return codes;
}

bool IsPlainCountry(std::string_view phrase) { return !Lookup(CollapseWhitespace(phrase)).empty(); }

std::vector<Identifier> ExtractDocuments(std::string_view cell, IdentifierType type,
                                         std::string_view label,
                                         std::vector<std::string>* leftovers) {
  std::vector<Identifier> out;
  for (const std::string& item : SplitEnumerated(cell)) {
    if (LooksLikeScientificNotation(item)) {
      leftovers->push_back(item);
      continue;
    }
    // An Italian fiscal code, also written in groups: "Italian Fiscal Code JMM MDI 68A25 Z352D".
    if (size_t pos = FindIgnoreCase(item, "fiscal code"); pos != std::string_view::npos) {
      std::string_view rest = std::string_view(item).substr(pos + 11);
      rest = rest.substr(0, rest.find('('));
      std::string code;
      for (char c : rest) {
        if (IsAlnum(c)) code.push_back(c);
      }
      if (code.size() >= 11) {
        Identifier id{.type = IdentifierType::kTaxId, .value = code, .label = std::string(label)};
        id.country = CountryInWords(std::string_view(item).substr(0, pos), /*anywhere=*/true);
        id.note = item;
        out.push_back(std::move(id));
        continue;
      }
    }
    const std::vector<FoundNumber> numbers = FindNumbers(item);
    if (numbers.empty()) {
      if (!IsLabelOnly(item)) leftovers->push_back(item);
      continue;
    }
    size_t prefix_begin = 0;
    for (const FoundNumber& number : numbers) {
      Identifier id{.type = type, .value = number.value, .label = std::string(label)};
      id.country = DocumentCountry(item, prefix_begin, number);
      if (item != number.value) id.note = item;
      out.push_back(std::move(id));
      prefix_begin = number.end;
    }
  }
  return out;
}

std::string ExtractUnReference(std::string_view info) {
  for (size_t pos = FindIgnoreCase(info, "un ref"); pos != std::string_view::npos;
       pos = FindIgnoreCase(info, "un ref", pos + 1)) {
    if (pos > 0 && IsAlnum(info[pos - 1])) continue;
    size_t i = pos + 6;
    while (i < info.size() && IsAlpha(info[i])) ++i;  // "UN Reference"
    auto skip_separators = [&]() {
      while (i < info.size() && (info[i] == ' ' || info[i] == '.' || info[i] == ':')) ++i;
    };
    skip_separators();
    if (i + 2 <= info.size() && EqualsIgnoreCase(info.substr(i, 2), "no") &&
        (i + 2 == info.size() || info[i + 2] == '.' || info[i + 2] == ':')) {
      i += 2;
      skip_separators();
    }
    const size_t begin = i;
    while (i < info.size() && (IsAlnum(info[i]) || info[i] == '.')) ++i;
    std::vector<std::string_view> segments;
    for (std::string_view segment : Split(info.substr(begin, i - begin), '.')) {
      if (!segment.empty()) segments.push_back(segment);
    }
    // "KPe.055.Subordinated": a word run into the reference after its final dot.
    while (!segments.empty() && segments.back().size() > 3 && CountDigits(segments.back()) == 0) {
      segments.pop_back();
    }
    if (segments.empty() || !IsAlpha(segments.front().front())) continue;
    std::string reference;
    for (std::string_view segment : segments) {
      if (!reference.empty()) reference.push_back('.');
      reference.append(segment);
    }
    if (CountDigits(reference) == 0) continue;
    return reference;
  }
  return "";
}

OtherInformationFacts ExtractOtherInformationFacts(std::string_view info) {
  OtherInformationFacts facts;
  auto word_start = [&](size_t pos) { return pos == 0 || !IsAlnum(info[pos - 1]); };
  // "IMO: 8937675", "(IMO number: 7303803)", "IMO Number: 5342883", "Company Number IMO 5434358".
  for (size_t pos = info.find("IMO"); pos != std::string_view::npos;
       pos = info.find("IMO", pos + 3)) {
    if (!word_start(pos)) continue;
    size_t i = pos + 3;
    while (i < info.size() && (info[i] == ' ' || info[i] == ':')) ++i;
    if (StartsWithIgnoreCase(info.substr(i), "number")) i += 6;
    while (i < info.size() && (info[i] == ' ' || info[i] == ':')) ++i;
    size_t digits = i;
    while (digits < info.size() && IsDigit(info[digits])) ++digits;
    if (digits - i != 7) continue;
    facts.identifiers.push_back({.type = IdentifierType::kImo,
                                 .value = std::string(info.substr(i, 7)),
                                 .label = "IMO number"});
  }
  for (size_t pos = info.find("MMSI"); pos != std::string_view::npos;
       pos = info.find("MMSI", pos + 4)) {
    if (!word_start(pos)) continue;
    size_t i = pos + 4;
    while (i < info.size() && (info[i] == ' ' || info[i] == ':')) ++i;
    size_t digits = i;
    while (digits < info.size() && IsDigit(info[digits])) ++digits;
    if (digits - i != 9) continue;
    facts.identifiers.push_back(
        {.type = IdentifierType::kMmsi, .value = std::string(info.substr(i, 9)), .label = "MMSI"});
  }
  // "SWIFT/BIC: KDBKKPPY", "SWIFT: DCBK KPPY", "SWIFT/BIC CMSY SY DA - all offices".
  for (size_t pos = info.find("SWIFT"); pos != std::string_view::npos;
       pos = info.find("SWIFT", pos + 5)) {
    if (!word_start(pos)) continue;
    size_t i = pos + 5;
    if (info.substr(i, 4) == "/BIC") i += 4;
    std::string code;
    while (true) {
      while (i < info.size() && (info[i] == ' ' || info[i] == ':')) ++i;
      size_t end = i;
      while (end < info.size() && (IsUpper(info[end]) || IsDigit(info[end]))) ++end;
      if (end == i || (end < info.size() && IsAlpha(info[end]))) break;
      if (code.size() + (end - i) > 11) break;
      code.append(info.substr(i, end - i));
      i = end;
    }
    if (code.size() == 8 || code.size() == 11) {
      facts.identifiers.push_back(
          {.type = IdentifierType::kBic, .value = code, .label = "SWIFT/BIC"});
    }
  }
  // E-mail addresses anywhere; web sites after "Website:".
  for (std::string_view word : Split(info, ' ')) {
    word = StripChars(word, "(<\"'", ")>\"'.,;:");
    const size_t at = word.find('@');
    if (at == std::string_view::npos) continue;
    if (const size_t colon = word.rfind(':', at); colon != std::string_view::npos) {
      word.remove_prefix(colon + 1);  // "Email:s.bank@scs-net.org"
    }
    if (word.find('@') > 0 && word.find('.', word.find('@')) != std::string_view::npos) {
      facts.emails.emplace_back(word);
    }
  }
  for (size_t pos = FindIgnoreCase(info, "website"); pos != std::string_view::npos;
       pos = FindIgnoreCase(info, "website", pos + 7)) {
    size_t i = pos + 7;
    while (i < info.size() && (info[i] == ' ' || info[i] == ':' || info[i] == 's')) ++i;
    size_t end = i;
    while (end < info.size() && !IsSpace(info[end]) && info[end] != ',' && info[end] != ';') ++end;
    std::string_view site = StripChars(info.substr(i, end - i), "(", ").");
    if (site.find('.') != std::string_view::npos && site.find('@') == std::string_view::npos) {
      facts.websites.emplace_back(site);
    }
  }
  if (size_t pos = FindIgnoreCase(info, "flag state:"); pos != std::string_view::npos) {
    std::string_view rest = info.substr(pos + 11);
    rest = rest.substr(0, rest.find('.'));
    facts.flag_text = CollapseWhitespace(rest);
  }
  return facts;
}

}  // namespace cordon::ingest::internal
