#include "ingest/internal/uk_ofsi_csv_parser.h"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/strings.h"
#include "ingest/csv.h"
#include "ingest/internal/decode.h"
#include "ingest/internal/uk_ofsi_csv_text.h"
#include "text/encoding.h"

namespace cordon::ingest::internal {
namespace {

using model::Address;
using model::CountryRole;
using model::DateSpec;
using model::Entity;
using model::Identifier;
using model::IdentifierType;
using model::Name;
using model::NameKind;
using model::PartialDate;
using model::Schema;

constexpr std::string_view kFormat = "uk-ofsi-csv";

// The columns of the 2018 layout, found by header name (their order is not relied on).
enum Column : size_t {
  kName6,
  kName1,
  kName2,
  kName3,
  kName4,
  kName5,
  kTitle,
  kDob,
  kTownOfBirth,
  kCountryOfBirth,
  kNationality,
  kPassportDetails,
  kNiNumber,
  kPosition,
  kAddress1,
  kAddress2,
  kAddress3,
  kAddress4,
  kAddress5,
  kAddress6,
  kPostCode,
  kCountry,
  kOtherInformation,
  kGroupType,
  kAliasType,
  kRegime,
  kListedOn,
  kLastUpdated,
  kGroupId,
  kColumnCount,
};

constexpr std::array<std::string_view, kColumnCount> kColumnNames = {"Name 6",
                                                                     "Name 1",
                                                                     "Name 2",
                                                                     "Name 3",
                                                                     "Name 4",
                                                                     "Name 5",
                                                                     "Title",
                                                                     "DOB",
                                                                     "Town of Birth",
                                                                     "Country of Birth",
                                                                     "Nationality",
                                                                     "Passport Details",
                                                                     "NI Number",
                                                                     "Position",
                                                                     "Address 1",
                                                                     "Address 2",
                                                                     "Address 3",
                                                                     "Address 4",
                                                                     "Address 5",
                                                                     "Address 6",
                                                                     "Post/Zip Code",
                                                                     "Country",
                                                                     "Other Information",
                                                                     "Group Type",
                                                                     "Alias Type",
                                                                     "Regime",
                                                                     "Listed On",
                                                                     "Last Updated",
                                                                     "Group ID"};

constexpr Column kRequiredColumns[] = {kName6, kGroupId, kGroupType, kAliasType};

// One name row, its cells by Column, whitespace collapsed.
struct Row {
  int64_t line = 0;
  std::array<std::string, kColumnCount> cells;
  const std::string& operator[](Column column) const { return cells[column]; }
};

// The rows of one Group ID, in file order.
struct Group {
  std::string id;
  std::vector<Row> rows;
};

struct Context {
  const std::string* file = nullptr;
  std::string_view source;
  DiagnosticSink* diagnostics = nullptr;
  // Country phrase -> codes; the same phrases repeat on every row of a group.
  std::unordered_map<std::string, std::vector<std::string>> country_cache;

  void Report(Diagnostic::Severity severity, int64_t line, const std::string& record_id,
              std::string message) const {
    diagnostics->Report({severity, *file, line, record_id, std::move(message)});
  }

  const std::vector<std::string>& Countries(const std::string& phrase) {
    auto it = country_cache.find(phrase);
    if (it == country_cache.end())
      it = country_cache.emplace(phrase, OfsiCountryCodes(phrase)).first;
    return it->second;
  }
};

// False for a day the month does not have ("31/02/1970"); PartialDate only checks 1..31.
bool OnCalendar(const PartialDate& date) {
  if (date.day == 0) return true;
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (date.year % 4 == 0 && date.year % 100 != 0) || date.year % 400 == 0;
  if (date.month == 2 && !leap) return date.day <= 28;
  return date.day <= kDays[date.month - 1];
}

// "13/04/2018" (also "00/00/1980") as a partial date; nullopt when it is not a date.
std::optional<PartialDate> ParseDate(std::string_view text) {
  std::optional<PartialDate> date = PartialDate::FromSlashed(text, /*day_first=*/true);
  if (date && !OnCalendar(*date)) return std::nullopt;
  return date;
}

// A cell as the list means it: whitespace collapsed, and the doubled quotes that a second round
// of CSV escaping left in some cells (`""CRIMEAN SEA PORTS""`) made single. `repaired` is set
// when quotes were collapsed.
std::string CleanCell(std::string_view raw, bool* repaired) {
  std::string text = CollapseWhitespace(raw);
  for (size_t pos = text.find("\"\""); pos != std::string::npos; pos = text.find("\"\"", pos)) {
    text.erase(pos, 1);
    *repaired = true;
    ++pos;
  }
  return text;
}

bool HasCompanyWord(std::string_view name) {
  static constexpr std::string_view kWords[] = {
      "CO",  "LTD", "LIMITED", "CORP",  "CORPORATION", "COMPANY", "SHIPPING",   "INC",
      "LLC", "JV",  "PTE",     "GROUP", "TRADING",     "MARINE",  "ENTERPRISE", "BANK"};
  const std::string upper = AsciiUpper(name);
  for (std::string_view word : Split(upper, ' ')) {
    word = word.substr(0, word.find_last_not_of(".,") + 1);
    for (std::string_view company : kWords) {
      if (word == company) return true;
    }
  }
  return false;
}

void AddCountryPhrase(Context& ctx, Entity& entity, const std::string& phrase, CountryRole role) {
  if (phrase.empty()) return;
  const std::vector<std::string>& codes = ctx.Countries(phrase);
  if (codes.empty()) {
    model::AddCountry(entity, "", role, phrase);
    return;
  }
  const bool plain = codes.size() == 1 && IsPlainCountry(phrase);
  for (const std::string& code : codes) model::AddCountry(entity, code, role, plain ? "" : phrase);
}

template <typename T>
bool AddUnique(std::vector<T>& values, T value) {
  for (const T& existing : values) {
    if (existing == value) return false;
  }
  values.push_back(std::move(value));
  return true;
}

void AppendRemark(Entity& entity, std::string_view text) {
  if (text.empty()) return;
  if (!entity.remarks.empty()) entity.remarks.append("; ");
  entity.remarks.append(text);
}

// Builds the entity of one group.
class GroupReader {
 public:
  GroupReader(Context& ctx, const Group& group) : ctx_(ctx), group_(group) {}

  std::optional<Entity> Read() {
    const Row& first = group_.rows.front();
    ReadSchema();
    ReadNames();
    if (entity_.names.empty()) {
      Report(Diagnostic::Severity::kError, first.line, "group has no name in any row; skipped");
      return std::nullopt;
    }
    SetProvenance(entity_, ctx_.source, group_.id, kFormat);
    ReadPersonDetails();
    ReadAddresses();
    ReadOtherInformation();
    ReadDocuments();
    ReadSanctions();
    return std::move(entity_);
  }

 private:
  void Report(Diagnostic::Severity severity, int64_t line, std::string message) {
    ctx_.Report(severity, line, group_.id, std::move(message));
  }

  // The distinct non-empty values of `column`, in row order, with the line of their first row.
  std::vector<std::pair<std::string, int64_t>> Distinct(Column column) const {
    std::vector<std::pair<std::string, int64_t>> values;
    for (const Row& row : group_.rows) {
      const std::string& value = row[column];
      if (value.empty()) continue;
      bool seen = false;
      for (const auto& [existing, line] : values) seen = seen || existing == value;
      if (!seen) values.emplace_back(value, row.line);
    }
    return values;
  }

  void ReadSchema() {
    const auto types = Distinct(kGroupType);
    if (types.empty()) {
      Report(Diagnostic::Severity::kWarning, group_.rows.front().line,
             "no Group Type; read as a legal entity");
      entity_.schema = Schema::kLegalEntity;
      return;
    }
    if (types.size() > 1) {
      Report(Diagnostic::Severity::kWarning, types[1].second,
             "rows disagree on Group Type ('" + types[0].first + "', '" + types[1].first +
                 "'); the first is used");
    }
    const std::string& type = types[0].first;
    if (EqualsIgnoreCase(type, "Individual")) {
      entity_.schema = Schema::kPerson;
    } else if (EqualsIgnoreCase(type, "Entity")) {
      entity_.schema = Schema::kOrganization;
    } else if (EqualsIgnoreCase(type, "Ship")) {
      entity_.schema = Schema::kVessel;
    } else {
      Report(Diagnostic::Severity::kWarning, types[0].second,
             "unknown Group Type '" + type + "'; read as a legal entity");
      entity_.schema = Schema::kLegalEntity;
    }
  }

  NameKind KindOf(const Row& row) {
    const std::string& type = row[kAliasType];
    if (EqualsIgnoreCase(type, "Prime Alias") || EqualsIgnoreCase(type, "Primary Name")) {
      return NameKind::kPrimary;
    }
    if (EqualsIgnoreCase(type, "AKA") || EqualsIgnoreCase(type, "Alias") ||
        EqualsIgnoreCase(type, "Primary Name Variation")) {
      return NameKind::kStrongAlias;
    }
    if (EqualsIgnoreCase(type, "FKA")) return NameKind::kFormerName;
    Report(Diagnostic::Severity::kWarning, row.line,
           "unknown Alias Type '" + type + "'; name read as an alias");
    return NameKind::kStrongAlias;
  }

  void ReadNames() {
    const bool person = entity_.schema == Schema::kPerson;
    std::vector<Name> primaries;
    std::vector<Name> others;
    for (const Row& row : group_.rows) {
      std::vector<std::string> given;
      for (Column column : {kName1, kName2, kName3, kName4, kName5}) {
        if (!row[column].empty()) given.push_back(row[column]);
      }
      Name name;
      std::vector<std::string> parts = given;
      if (!row[kName6].empty()) parts.push_back(row[kName6]);
      name.full = Join(parts, " ");
      if (name.full.empty()) {
        Report(Diagnostic::Severity::kWarning, row.line, "row has no name; name skipped");
        continue;
      }
      name.kind = KindOf(row);
      name.title = row[kTitle];
      // A whole name written into Name 6 alone ("ABU MOHAMMED") has no known parts.
      const bool whole_in_name6 = given.empty() && row[kName6].find(' ') != std::string::npos;
      if (person && !whole_in_name6) {
        name.family = row[kName6];
        if (!given.empty()) {
          name.given = given.front();
          name.middle = Join(std::vector<std::string>(given.begin() + 1, given.end()), " ");
        }
      }
      (name.kind == NameKind::kPrimary ? primaries : others).push_back(std::move(name));
    }
    if (primaries.empty() && !others.empty()) {
      // Every group in the 2018 file has a "Prime Alias" row; a file without one for a group
      // still needs names[0] to be the name to show.
      Report(Diagnostic::Severity::kWarning, group_.rows.front().line,
             "no Prime Alias row; the first name is used as the primary name");
      others.front().kind = NameKind::kPrimary;
      primaries.push_back(std::move(others.front()));
      others.erase(others.begin());
    }
    const std::string primary = primaries.empty() ? "" : primaries.front().full;
    for (Name& name : primaries) {
      // A second, different "Prime Alias" is a spelling of the primary name.
      if (name.full != primary) name.kind = NameKind::kStrongAlias;
      model::AddName(entity_, std::move(name));
    }
    for (Name& name : others) model::AddName(entity_, std::move(name));
  }

  void ReadPersonDetails() {
    for (const auto& [title, line] : Distinct(kTitle)) AddUnique(entity_.titles, title);
    for (const auto& [dob, line] : Distinct(kDob)) {
      if (std::optional<PartialDate> date = ParseDate(dob)) {
        AddUnique(entity_.birth_dates, DateSpec{.date = *date});
      } else {
        Report(Diagnostic::Severity::kWarning, line, "cannot read DOB '" + dob + "'; kept as text");
        AddUnique(entity_.birth_dates, DateSpec{.text = dob});
      }
    }
    for (const auto& [town, line] : Distinct(kTownOfBirth)) {
      for (std::string& place : SplitEnumerated(town)) AddUnique(entity_.birth_places, place);
    }
    for (const auto& [country, line] : Distinct(kCountryOfBirth)) {
      for (const std::string& item : SplitEnumerated(country)) {
        AddCountryPhrase(ctx_, entity_, item, CountryRole::kBirthCountry);
      }
    }
    for (const auto& [nationality, line] : Distinct(kNationality)) {
      for (const std::string& item : SplitEnumerated(nationality)) {
        AddCountryPhrase(ctx_, entity_, item, CountryRole::kNationality);
      }
    }
    for (const auto& [position, line] : Distinct(kPosition)) {
      for (std::string& item : SplitEnumerated(position)) AddUnique(entity_.positions, item);
    }
  }

  void ReadAddresses() {
    for (const Row& row : group_.rows) {
      std::vector<std::string> lines;
      for (Column column : {kAddress1, kAddress2, kAddress3, kAddress4, kAddress5, kAddress6}) {
        if (!row[column].empty()) lines.push_back(row[column]);
      }
      const std::string& postal = row[kPostCode];
      const std::string& country = row[kCountry];
      if (lines.empty() && postal.empty() && country.empty()) continue;
      Address address;
      std::vector<std::string> parts = lines;
      if (!postal.empty()) parts.push_back(postal);
      if (!country.empty()) parts.push_back(country);
      address.full = Join(parts, ", ");
      address.postal_code = postal;
      address.country_text = country;
      if (!country.empty()) {
        const std::vector<std::string>& codes = ctx_.Countries(country);
        if (codes.size() == 1) address.country_code = codes.front();
        AddCountryPhrase(ctx_, entity_, country, CountryRole::kAddressCountry);
      }
      AddUnique(entity_.addresses, std::move(address));
    }
  }

  void ReadOtherInformation() {
    const auto infos = Distinct(kOtherInformation);
    for (const auto& [info, line] : infos) {
      AppendRemark(entity_, info);
      if (un_reference_.empty()) un_reference_ = ExtractUnReference(info);
      OtherInformationFacts facts = ExtractOtherInformationFacts(info);
      for (Identifier& id : facts.identifiers) AddUnique(entity_.identifiers, std::move(id));
      for (std::string& email : facts.emails) AddUnique(entity_.emails, std::move(email));
      for (std::string& site : facts.websites) AddUnique(entity_.websites, std::move(site));
      if (!facts.flag_text.empty()) {
        AddCountryPhrase(ctx_, entity_, facts.flag_text, CountryRole::kFlag);
      }
    }
    // The 2018 list has no Ship group type: ships are "Entity" rows whose Other Information
    // gives an IMO number. A company name with an IMO number is a shipowner, not a ship.
    if (entity_.schema == Schema::kOrganization && !HasCompanyWord(entity_.names.front().full)) {
      for (const Identifier& id : entity_.identifiers) {
        if (id.type == IdentifierType::kImo) entity_.schema = Schema::kVessel;
      }
    }
  }

  void ReadDocuments() {
    struct Cell {
      Column column;
      IdentifierType type;
      std::string_view label;
    };
    for (const Cell& cell : {Cell{kPassportDetails, IdentifierType::kPassport, "Passport"},
                             Cell{kNiNumber, IdentifierType::kNationalId, "NI Number"}}) {
      for (const auto& [text, line] : Distinct(cell.column)) {
        std::vector<std::string> leftovers;
        std::vector<Identifier> ids = ExtractDocuments(text, cell.type, cell.label, &leftovers);
        if (ids.empty()) {
          Report(Diagnostic::Severity::kWarning, line,
                 "no document number in " + std::string(kColumnNames[cell.column]) + " '" + text +
                     "'; kept in remarks");
        }
        if (!leftovers.empty()) {
          AppendRemark(entity_,
                       std::string(kColumnNames[cell.column]) + ": " + Join(leftovers, "; "));
        }
        for (Identifier& id : ids) AddUnique(entity_.identifiers, std::move(id));
      }
    }
  }

  void ReadSanctions() {
    PartialDate modified_on;
    for (const auto& [updated, line] : Distinct(kLastUpdated)) {
      std::optional<PartialDate> date = ParseDate(updated);
      if (!date) {
        Report(Diagnostic::Severity::kWarning, line, "cannot read Last Updated '" + updated + "'");
      } else if (*date > modified_on) {
        modified_on = *date;
      }
    }
    for (const Row& row : group_.rows) {
      model::Sanction sanction{.regime = model::Regime::kUk,
                               .authority = "OFSI",
                               .program = row[kRegime],
                               .list = "Consolidated List",
                               .modified_on = modified_on,
                               .reference = un_reference_};
      if (!row[kListedOn].empty()) {
        if (std::optional<PartialDate> date = ParseDate(row[kListedOn])) {
          sanction.listed_on = *date;
        } else if (reported_listed_on_.insert_unique(row[kListedOn])) {
          Report(Diagnostic::Severity::kWarning, row.line,
                 "cannot read Listed On '" + row[kListedOn] + "'");
        }
      }
      if (sanction.program.empty() && sanction.listed_on.empty()) continue;
      AddUnique(entity_.sanctions, std::move(sanction));
    }
  }

  // A tiny set for "report each bad value once".
  struct SeenValues {
    std::vector<std::string> values;
    bool insert_unique(const std::string& value) { return AddUnique(values, value); }
  };

  Context& ctx_;
  const Group& group_;
  Entity entity_;
  std::string un_reference_;
  SeenValues reported_listed_on_;
};

class UkOfsiCsvParser final : public ListParser {
 public:
  std::string_view format() const override { return kFormat; }

  Result<ListMetadata> Parse(const Document& document, std::string_view source,
                             const EntityCallback& on_entity,
                             DiagnosticSink* diagnostics) override {
    const std::string& file = document.main.name;
    if (StripWhitespace(text::StripUtf8Bom(document.main.bytes)).empty()) {
      return CorruptionError(file + ":1: empty document");
    }
    // The list is published in Windows-1252.
    ASSIGN_OR_RETURN(const Utf8Text input,
                     DecodeUtf8Text(document.main, NotUtf8::kWindows1252, diagnostics));
    const std::string_view bytes = input.text();

    Context ctx;
    ctx.file = &file;
    ctx.source = source;
    ctx.diagnostics = diagnostics;

    CsvReader reader(bytes);
    CsvRecord record;
    auto read_error = [&]() {
      // "line N: unterminated quoted field" -> "<file>:N: unterminated quoted field".
      std::string message = reader.status().message();
      if (message.rfind("line ", 0) == 0) message.erase(0, 5);
      return CorruptionError(file + ":" + message);
    };
    if (!reader.Next(&record)) {
      if (!reader.status().ok()) return read_error();
      return CorruptionError(file + ":1: empty document");
    }

    ListMetadata metadata;
    const std::string first = CollapseWhitespace(record.fields.front());
    if (EqualsIgnoreCase(first, "Last Updated")) {
      const std::string date = record.fields.size() > 1 ? CollapseWhitespace(record.fields[1]) : "";
      if (std::optional<PartialDate> published = ParseDate(date); published && published->day) {
        metadata.published = published->ToIso();
      } else {
        ctx.Report(Diagnostic::Severity::kWarning, record.line, "",
                   "cannot read the list date '" + date + "'");
      }
      if (!reader.Next(&record)) {
        if (!reader.status().ok()) return read_error();
        return CorruptionError(file + ":" + std::to_string(reader.line()) +
                               ": no header row after the 'Last Updated' line");
      }
    }

    // The header: where each known column is.
    const CsvHeader header(record);
    const std::array<int, kColumnCount> index = header.FindAll(kColumnNames);
    const size_t width = header.size();
    for (Column column : kRequiredColumns) {
      if (index[column] < 0) {
        return CorruptionError(file + ":" + std::to_string(record.line) +
                               ": not an OFSI consolidated list header: no '" +
                               std::string(kColumnNames[column]) + "' column");
      }
    }

    std::vector<Group> groups;
    std::unordered_map<std::string, size_t> group_of;
    std::vector<bool> repaired_groups;
    while (reader.Next(&record)) {
      if (record.fields.size() != width) {
        ctx.Report(Diagnostic::Severity::kError, record.line, "",
                   "row has " + std::to_string(record.fields.size()) + " fields, the header has " +
                       std::to_string(width) + "; skipped");
        continue;
      }
      Row row;
      row.line = record.line;
      bool repaired = false;
      for (size_t column = 0; column < kColumnCount; ++column) {
        if (index[column] >= 0) {
          row.cells[column] =
              CleanCell(record.fields[static_cast<size_t>(index[column])], &repaired);
        }
      }
      std::string id = row[kGroupId];
      if (id.empty()) {
        ctx.Report(Diagnostic::Severity::kError, record.line, "", "row without Group ID; skipped");
        continue;
      }
      auto [it, inserted] = group_of.emplace(id, groups.size());
      if (inserted) {
        groups.push_back(Group{.id = std::move(id)});
        repaired_groups.push_back(false);
      }
      if (repaired && !repaired_groups[it->second]) {
        repaired_groups[it->second] = true;
        ctx.Report(Diagnostic::Severity::kWarning, row.line, groups[it->second].id,
                   "doubled quotes (\"\") in the text made single");
      }
      groups[it->second].rows.push_back(std::move(row));
    }
    if (!reader.status().ok()) return read_error();

    for (const Group& group : groups) {
      std::optional<Entity> entity = GroupReader(ctx, group).Read();
      if (entity) on_entity(std::move(*entity));
    }
    return metadata;
  }
};

}  // namespace

std::unique_ptr<ListParser> NewUkOfsiCsvParser() { return std::make_unique<UkOfsiCsvParser>(); }

}  // namespace cordon::ingest::internal
