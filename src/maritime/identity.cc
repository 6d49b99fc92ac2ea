#include "maritime/identity.h"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "base/file.h"
#include "base/strings.h"
#include "maritime/data_dir.h"
#include "text/countries.h"

namespace cordon::maritime {
namespace {

// ITU spellings that the country table (ICU's English names plus the sanctions lists'
// spellings) does not know, or knows under another form ("St. Lucia", "Türkiye", "Réunion"),
// and the parts of territories whose ISO code differs from their sovereign's.
constexpr std::pair<std::string_view, std::string_view> kItuNames[] = {
    {"Adelie Land", "TF"},
    {"Alaska (State of)", "US"},
    {"Anilles, Bonaire, Sint Eustatius and Saba", "BQ"},  // sic in the ITU/libais table
    {"Antigua and Barbuda", "AG"},
    {"Argentine Republic", "AR"},
    {"Ascension Island", "SH"},
    {"Azores", "PT"},
    {"Bahamas (Commonwealth of the)", "BS"},
    {"Bolivia (Plurinational State of)", "BO"},
    {"Bosnia and Herzegovina", "BA"},
    {"British Virgin Islands", "VG"},
    {"Brunei Darussalam", "BN"},
    {"Cabo Verde (Republic of)", "CV"},
    {"China (People's Republic of)", "CN"},
    {"Christmas Island (Indian Ocean)", "CX"},
    {"Cocos (Keeling) Islands", "CC"},
    {"Comoros (Union of the)", "KM"},
    {"Congo (Republic of the)", "CG"},
    {"Cote d'Ivoire (Republic of)", "CI"},
    {"Crozet Archipelago", "TF"},
    {"Czech Republic", "CZ"},
    {"Democratic People's Republic of Korea", "KP"},
    {"Democratic Republic of the Congo", "CD"},
    {"Falkland Islands (Malvinas)", "FK"},
    {"Gabonese Republic", "GA"},
    {"Gambia (Republic of the)", "GM"},
    {"Guadeloupe (French Department of)", "GP"},
    {"Guiana (French Department of)", "GF"},
    {"Hong Kong (Special Administrative Region of China)", "HK"},
    {"Iran (Islamic Republic of)", "IR"},
    {"Kerguelen Islands", "TF"},
    {"Korea (Republic of)", "KR"},
    {"Kyrgyz Republic", "KG"},
    {"Lao People's Democratic Republic", "LA"},
    {"Macao (Special Administrative Region of China)", "MO"},
    {"Madeira", "PT"},
    {"Marshall Islands (Republic of the)", "MH"},
    {"Martinique (French Department of)", "MQ"},
    {"Micronesia (Federated States of)", "FM"},
    {"Moldova (Republic of)", "MD"},
    {"Netherlands (Kingdom of the)", "NL"},
    {"Northern Mariana Islands (Commonwealth of the)", "MP"},
    {"Pitcairn Island", "PN"},
    {"Reunion (French Department of)", "RE"},
    {"Russian Federation", "RU"},
    {"Saint Helena", "SH"},
    {"Saint Kitts and Nevis (Federation of)", "KN"},
    {"Saint Lucia", "LC"},
    {"Saint Paul and Amsterdam Islands", "TF"},
    {"Saint Pierre and Miquelon (Territorial Collectivity of)", "PM"},
    {"Saint Vincent and the Grenadines", "VC"},
    {"Sao Tome and Principe (Democratic Republic of)", "ST"},
    {"Slovak Republic", "SK"},
    {"State of Palestine (In accordance with Resolution 99 Rev. Guadalajara, 2010)", "PS"},
    {"Swaziland (Kingdom of)", "SZ"},
    {"Syrian Arab Republic", "SY"},
    {"Taiwan (Province of China)", "TW"},
    {"Tanzania (United Republic of)", "TZ"},
    {"The Former Yugoslav Republic of Macedonia", "MK"},
    {"Togolese Republic", "TG"},
    {"Trinidad and Tobago", "TT"},
    {"Turkey", "TR"},
    {"Turks and Caicos Islands", "TC"},
    {"United States Virgin Islands", "VI"},
    {"Vatican City State", "VA"},
    {"Wallis and Futuna Islands", "WF"},
};

std::string IsoCodeForItuName(std::string_view name) {
  for (const auto& [itu, code] : kItuNames) {
    if (EqualsIgnoreCase(itu, name)) return std::string(code);
  }
  std::string code = text::CountryCode(name);
  if (!code.empty()) return code;
  // "Albania (Republic of)" -> "Albania"
  const size_t paren = name.find(" (");
  if (paren != std::string_view::npos) return text::CountryCode(name.substr(0, paren));
  return "";
}

// Splits one CSV line into fields; quotes may enclose commas and double themselves.
std::vector<std::string> SplitCsvLine(std::string_view line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        fields.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        fields.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else {
      fields.back() += c;
    }
  }
  return fields;
}

}  // namespace

int ImoExpectedCheckDigit(uint32_t imo) {
  if (imo < 1'000'000 || imo > 9'999'999) return -1;
  uint32_t rest = imo / 10;  // the six leading digits
  int sum = 0;
  for (int weight = 2; weight <= 7; ++weight) {
    sum += static_cast<int>(rest % 10) * weight;
    rest /= 10;
  }
  return sum % 10;
}

bool ImoCheckDigitValid(uint32_t imo) {
  const int expected = ImoExpectedCheckDigit(imo);
  return expected >= 0 && static_cast<int>(imo % 10) == expected;
}

uint16_t MmsiMid(uint32_t mmsi) {
  if (mmsi < 200'000'000 || mmsi > 799'999'999) return 0;
  return static_cast<uint16_t>(mmsi / 1'000'000);
}

bool FlagAgreesWithMid(const MidCountry& country, std::string_view flag) {
  return EqualsIgnoreCase(flag, country.code) || EqualsIgnoreCase(flag, country.sovereign);
}

Result<MidTable> MidTable::Parse(std::string_view csv) {
  MidTable table;
  int line_number = 0;
  for (std::string_view raw_line : Split(csv, '\n')) {
    ++line_number;
    const std::string_view line = StripWhitespace(raw_line);
    if (line.empty()) continue;
    const std::vector<std::string> fields = SplitCsvLine(line);
    if (line_number == 1 && !fields.empty() && fields[0] == "prefix") continue;
    if (fields.size() != 2) {
      return CorruptionError(
          fmt::format("line {}: expected 2 fields, found {}", line_number, fields.size()));
    }
    const std::optional<int64_t> mid = ParseInt(fields[0]);
    if (!mid || *mid < 200 || *mid > 799) {
      return CorruptionError(fmt::format("line {}: bad MID '{}'", line_number, fields[0]));
    }
    MidCountry entry{.mid = static_cast<uint16_t>(*mid), .name = fields[1]};
    // "Azores - Portugal": the territory, then the state whose flag it flies.
    const std::string_view name = entry.name;
    const size_t dash = name.find(" - ");
    entry.code = IsoCodeForItuName(name.substr(0, dash));
    entry.sovereign =
        dash == std::string_view::npos ? entry.code : IsoCodeForItuName(name.substr(dash + 3));
    if (entry.code.empty() || entry.sovereign.empty()) {
      return CorruptionError(fmt::format("line {}: no ISO code for '{}'", line_number, entry.name));
    }
    table.entries_.push_back(std::move(entry));
  }
  std::sort(table.entries_.begin(), table.entries_.end(),
            [](const MidCountry& a, const MidCountry& b) { return a.mid < b.mid; });
  for (size_t i = 1; i < table.entries_.size(); ++i) {
    if (table.entries_[i].mid == table.entries_[i - 1].mid) {
      return CorruptionError(fmt::format("MID {} listed twice", table.entries_[i].mid));
    }
  }
  return table;
}

Result<const MidTable*> MidTable::Bundled() {
  // Initialised once, thread-safely, on first use (a function-local static).
  static const Result<MidTable> loaded = []() -> Result<MidTable> {
    const std::string path = MaritimeDataPath("mid.csv");
    Result<std::string> bytes = ReadFile(path);
    if (!bytes.ok()) return bytes.status();
    Result<MidTable> table = MidTable::Parse(*bytes);
    if (!table.ok()) return table.status().WithContext(path);
    return table;
  }();
  if (!loaded.ok()) return loaded.status();
  return &loaded.value();
}

const MidCountry* MidTable::Find(uint16_t mid) const {
  auto it = std::lower_bound(entries_.begin(), entries_.end(), mid,
                             [](const MidCountry& c, uint16_t m) { return c.mid < m; });
  return it != entries_.end() && it->mid == mid ? &*it : nullptr;
}

}  // namespace cordon::maritime
