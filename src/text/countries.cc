#include "text/countries.h"

#include <unicode/locid.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "base/strings.h"

namespace cordon::text {
namespace {

// Spellings used by the lists that ICU's English display names do not cover, and demonyms the
// lists put in nationality fields.
constexpr std::pair<std::string_view, std::string_view> kAliases[] = {
    {"north korea", "KP"},
    {"korea north", "KP"},
    {"korea dprk", "KP"},
    {"democratic peoples republic of korea", "KP"},
    {"korea democratic peoples republic of", "KP"},
    {"dprk", "KP"},
    {"south korea", "KR"},
    {"korea south", "KR"},
    {"republic of korea", "KR"},
    {"korea republic of", "KR"},
    {"russian federation", "RU"},
    {"iran islamic republic of", "IR"},
    {"islamic republic of iran", "IR"},
    {"syrian arab republic", "SY"},
    {"burma", "MM"},
    {"myanmar", "MM"},
    {"congo democratic republic of the", "CD"},
    {"democratic republic of the congo", "CD"},
    {"democratic republic of congo", "CD"},
    {"congo kinshasa", "CD"},
    {"zaire", "CD"},
    {"congo republic of the", "CG"},
    {"republic of the congo", "CG"},
    {"congo", "CG"},
    {"congo brazzaville", "CG"},
    {"venezuela bolivarian republic of", "VE"},
    {"bolivia plurinational state of", "BO"},
    {"united republic of tanzania", "TZ"},
    {"tanzania united republic of", "TZ"},
    {"laos", "LA"},
    {"lao peoples democratic republic", "LA"},
    {"viet nam", "VN"},
    {"republic of moldova", "MD"},
    {"moldova republic of", "MD"},
    {"macedonia", "MK"},
    {"the former yugoslav republic of macedonia", "MK"},
    {"turkey", "TR"},
    {"turkiye", "TR"},
    {"ivory coast", "CI"},
    {"cote divoire", "CI"},
    {"palestine", "PS"},
    {"state of palestine", "PS"},
    {"palestinian", "PS"},
    {"west bank", "PS"},
    {"gaza", "PS"},
    {"gaza strip", "PS"},
    {"occupied palestinian territory", "PS"},
    {"palestinian territories", "PS"},
    {"kosovo", "XK"},
    {"uk", "GB"},
    {"great britain", "GB"},
    {"britain", "GB"},
    {"united kingdom of great britain and northern ireland", "GB"},
    {"england", "GB"},
    {"usa", "US"},
    {"united states of america", "US"},
    {"us", "US"},
    {"uae", "AE"},
    {"czech republic", "CZ"},
    {"czechia", "CZ"},
    {"brunei darussalam", "BN"},
    {"holy see", "VA"},
    {"vatican", "VA"},
    {"micronesia federated states of", "FM"},
    {"macau", "MO"},
    {"macao", "MO"},
    {"hong kong", "HK"},
    {"taiwan", "TW"},
    {"taiwan province of china", "TW"},
    {"china peoples republic of", "CN"},
    {"peoples republic of china", "CN"},
    {"curacao", "CW"},
    {"st kitts and nevis", "KN"},
    {"st vincent and the grenadines", "VC"},
    {"st lucia", "LC"},
    {"swaziland", "SZ"},
    {"eswatini", "SZ"},
    {"cape verde", "CV"},
    {"cabo verde", "CV"},
    {"east timor", "TL"},
    {"timor leste", "TL"},
    {"libyan arab jamahiriya", "LY"},
    {"bosnia herzegovina", "BA"},
    {"bosnia", "BA"},
    {"bahamas the", "BS"},
    {"gambia the", "GM"},
    {"the gambia", "GM"},
    {"netherlands the", "NL"},
    {"holland", "NL"},
    {"vietnam", "VN"},
    {"russia", "RU"},
    {"syria", "SY"},
    {"iran", "IR"},
    {"venezuela", "VE"},
    {"bolivia", "BO"},
    {"tanzania", "TZ"},
    {"moldova", "MD"},
    {"north macedonia", "MK"},
    {"sao tome and principe", "ST"},
    {"saint helena", "SH"},
    {"falkland islands", "FK"},
    {"virgin islands british", "VG"},
    {"british virgin islands", "VG"},
    {"virgin islands us", "VI"},
    {"reunion", "RE"},
    {"aland islands", "AX"},
    {"svalbard", "SJ"},
    {"korea", "KR"},
    {"federal republic of germany", "DE"},
    {"german democratic republic", "DE"},
    {"ussr", "SU"},
    {"soviet union", "SU"},
    {"yugoslavia", "YU"},
    {"serbia and montenegro", "CS"},
    {"netherlands antilles", "AN"},
    // Demonyms found in nationality fields.
    {"russian", "RU"},
    {"iranian", "IR"},
    {"syrian", "SY"},
    {"iraqi", "IQ"},
    {"afghan", "AF"},
    {"pakistani", "PK"},
    {"north korean", "KP"},
    {"chinese", "CN"},
    {"ukrainian", "UA"},
    {"belarusian", "BY"},
    {"belarussian", "BY"},
    {"libyan", "LY"},
    {"yemeni", "YE"},
    {"somali", "SO"},
    {"sudanese", "SD"},
    {"saudi", "SA"},
    {"saudi arabian", "SA"},
    {"egyptian", "EG"},
    {"lebanese", "LB"},
    {"jordanian", "JO"},
    {"kuwaiti", "KW"},
    {"british", "GB"},
    {"american", "US"},
    {"german", "DE"},
    {"french", "FR"},
    {"turkish", "TR"},
    {"cuban", "CU"},
    {"venezuelan", "VE"},
    {"nicaraguan", "NI"},
    {"malian", "ML"},
    {"tunisian", "TN"},
    {"algerian", "DZ"},
    {"moroccan", "MA"},
    {"qatari", "QA"},
    {"emirati", "AE"},
    {"bahraini", "BH"},
    {"omani", "OM"},
    {"indonesian", "ID"},
    {"filipino", "PH"},
    {"philippine", "PH"},
    {"malaysian", "MY"},
    {"indian", "IN"},
    {"bangladeshi", "BD"},
    {"nigerian", "NG"},
    {"kenyan", "KE"},
    {"ethiopian", "ET"},
    {"eritrean", "ER"},
    {"congolese", "CD"},
    {"rwandan", "RW"},
    {"ugandan", "UG"},
    {"burundian", "BI"},
    {"zimbabwean", "ZW"},
    {"south sudanese", "SS"},
    {"central african", "CF"},
    {"chadian", "TD"},
    {"nigerien", "NE"},
    {"mauritanian", "MR"},
    {"kazakh", "KZ"},
    {"uzbek", "UZ"},
    {"tajik", "TJ"},
    {"kyrgyz", "KG"},
    {"turkmen", "TM"},
    {"azerbaijani", "AZ"},
    {"armenian", "AM"},
    {"georgian", "GE"},
    {"serbian", "RS"},
    {"bosnian", "BA"},
    {"croatian", "HR"},
    {"macedonian", "MK"},
    {"albanian", "AL"},
    {"kosovar", "XK"},
    {"cypriot", "CY"},
    {"greek", "GR"},
    {"italian", "IT"},
    {"spanish", "ES"},
    {"belgian", "BE"},
    {"dutch", "NL"},
    {"swiss", "CH"},
    {"austrian", "AT"},
    {"swedish", "SE"},
    {"danish", "DK"},
    {"norwegian", "NO"},
    {"finnish", "FI"},
    {"polish", "PL"},
    {"latvian", "LV"},
    {"lithuanian", "LT"},
    {"estonian", "EE"},
    {"canadian", "CA"},
    {"australian", "AU"},
    {"mexican", "MX"},
    {"colombian", "CO"},
    {"brazilian", "BR"},
    {"argentinian", "AR"},
    {"argentine", "AR"},
    {"panamanian", "PA"},
    {"israeli", "IL"},
    {"thai", "TH"},
    {"vietnamese", "VN"},
    {"cambodian", "KH"},
    {"burmese", "MM"},
    {"sri lankan", "LK"},
    {"nepalese", "NP"},
    {"japanese", "JP"},
    {"south korean", "KR"},
    {"mongolian", "MN"},
    {"singaporean", "SG"},
    {"moldovan", "MD"},
    {"romanian", "RO"},
    {"bulgarian", "BG"},
    {"hungarian", "HU"},
    {"czech", "CZ"},
    {"slovak", "SK"},
    {"slovenian", "SI"},
    {"montenegrin", "ME"},
    {"haitian", "HT"},
    {"guatemalan", "GT"},
    {"honduran", "HN"},
    {"salvadoran", "SV"},
    {"ecuadorian", "EC"},
    {"peruvian", "PE"},
    {"chilean", "CL"},
    {"south african", "ZA"},
    {"ghanaian", "GH"},
    {"senegalese", "SN"},
    {"guinean", "GN"},
    {"ivorian", "CI"},
    {"cameroonian", "CM"},
    {"liberian", "LR"},
    {"sierra leonean", "SL"},
    {"gambian", "GM"},
    {"tanzanian", "TZ"},
    {"zambian", "ZM"},
    {"mozambican", "MZ"},
    {"angolan", "AO"},
    {"namibian", "NA"},
    {"djiboutian", "DJ"},
    {"comoran", "KM"},
    {"maldivian", "MV"},
    {"trinidadian", "TT"},
    {"jamaican", "JM"},
    {"dominican", "DO"},
    {"irish", "IE"},
    {"portuguese", "PT"},
    {"new zealander", "NZ"},
    // Further spellings seen in OFAC, UN and DPL files.
    {"prc", "CN"},
    {"saint kitts and nevis", "KN"},
    {"saint vincent and the grenadines", "VC"},
    {"man isle of", "IM"},
    {"north macedonia the republic of", "MK"},
    {"cote d ivoire", "CI"},
    {"china hong kong special administrative region", "HK"},
    {"china macao special administrative region", "MO"},
    {"region gaza", "PS"},
};

// Lower-case ASCII letters and digits separated by single spaces; accents folded by ICU;
// punctuation ("Korea, North", "Côte d’Ivoire", "Congo - Kinshasa") dropped.
std::string Key(std::string_view text, icu::Transliterator* fold) {
  std::string ascii;
  bool plain = true;
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) plain = false;
  }
  if (plain || fold == nullptr) {
    ascii.assign(text);
  } else {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    fold->transliterate(u);
    u.toUTF8String(ascii);
  }
  std::string key;
  for (char c : ascii) {
    if (c == '\'' || c == '.') continue;  // "people's" -> "peoples", "St." -> "st"
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      key.push_back(c);
    } else if (c >= 'A' && c <= 'Z') {
      key.push_back(static_cast<char>(c - 'A' + 'a'));
    } else if (!key.empty() && key.back() != ' ') {
      key.push_back(' ');
    }
  }
  while (!key.empty() && key.back() == ' ') key.pop_back();
  if (key.rfind("the ", 0) == 0) key.erase(0, 4);
  return key;
}

struct CountryTable {
  std::unordered_map<std::string, std::string> by_key;
  std::unordered_map<std::string, std::string> name_by_code;
  std::unique_ptr<icu::Transliterator> fold;
  std::mutex fold_mutex;  // ICU transliterators are not thread-safe
};

const CountryTable& Table() {
  static CountryTable* const table = [] {
    auto* t = new CountryTable();  // leaked on purpose: used until exit, no destructor order
    UErrorCode error = U_ZERO_ERROR;
    t->fold.reset(
        icu::Transliterator::createInstance("Any-Latin; Latin-ASCII", UTRANS_FORWARD, error));
    if (U_FAILURE(error)) t->fold.reset();
    for (const char* const* code = icu::Locale::getISOCountries(); *code != nullptr; ++code) {
      icu::Locale locale("", *code);
      icu::UnicodeString display;
      locale.getDisplayCountry(icu::Locale::getEnglish(), display);
      std::string name;
      display.toUTF8String(name);
      t->name_by_code[*code] = name;
      t->by_key.emplace(Key(name, t->fold.get()), *code);
      // ICU writes "Trinidad & Tobago"; the lists write "and".
      if (size_t amp = name.find('&'); amp != std::string::npos) {
        std::string with_and = name;
        with_and.replace(amp, 1, "and");
        t->by_key.emplace(Key(with_and, t->fold.get()), *code);
      }
      // "Myanmar (Burma)" -> also "myanmar"; "Congo - Kinshasa" handled by aliases.
      if (size_t paren = name.find(" ("); paren != std::string::npos) {
        t->by_key.emplace(Key(name.substr(0, paren), t->fold.get()), *code);
      }
      t->by_key.emplace(AsciiLower(locale.getISO3Country()), *code);
    }
    for (const auto& [alias, code] : kAliases) t->by_key[std::string(alias)] = std::string(code);
    t->name_by_code["XK"] = "Kosovo";
    return t;
  }();
  return *table;
}

}  // namespace

std::string CountryCode(std::string_view name_or_code) {
  name_or_code = StripWhitespace(name_or_code);
  if (name_or_code.empty()) return "";
  const CountryTable& table = Table();
  if (name_or_code.size() == 2) {
    std::string upper = AsciiUpper(name_or_code);
    if (table.name_by_code.count(upper)) return upper;
  }
  // Only a name outside ASCII is transliterated, by the one shared transliterator; an ASCII
  // name (every folded word the matcher asks about) takes no lock.
  const bool ascii = std::all_of(name_or_code.begin(), name_or_code.end(),
                                 [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  std::string key;
  if (ascii) {
    key = Key(name_or_code, nullptr);
  } else {
    std::lock_guard<std::mutex> lock(const_cast<CountryTable&>(table).fold_mutex);
    key = Key(name_or_code, table.fold.get());
  }
  auto it = table.by_key.find(key);
  return it == table.by_key.end() ? "" : it->second;
}

std::string CountryName(std::string_view code) {
  const CountryTable& table = Table();
  auto it = table.name_by_code.find(AsciiUpper(code));
  return it == table.name_by_code.end() ? "" : it->second;
}

}  // namespace cordon::text
