#include "ingest/internal/dpl_parser.h"

#include <array>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/strings.h"
#include "ingest/csv.h"
#include "ingest/internal/decode.h"
#include "ingest/internal/dpl_name_rules.h"
#include "model/entity.h"
#include "text/countries.h"
#include "text/encoding.h"

namespace cordon::ingest::internal {
namespace {

constexpr std::string_view kFormat = "us-bis-dpl";

// Last_Update values outside these years are typing errors ("3033-09-30", "1023-11-01").
constexpr int kFirstPlausibleYear = 1990;
constexpr int kLastPlausibleYear = 2100;

// One row of the file, copied out of the reader (a denial groups several rows).
struct Row {
  int64_t line = 0;
  std::string name;
  std::string street;
  std::string city;
  std::string state;
  std::string country;
  std::string postal_code;
  std::string effective_date;
  std::string expiration_date;
  std::string standard_order;
  std::string last_update;
  std::string action;
  std::string fr_citation;
};

// Rows that make one entity: same name key and Effective_Date.
struct Denial {
  std::string record_id;
  std::vector<Row> rows;
};

// The columns this parser reads, by header name.
enum Column : size_t {
  kName,
  kStreet,
  kCity,
  kState,
  kCountry,
  kPostalCode,
  kEffectiveDate,
  kExpirationDate,
  kStandardOrder,
  kLastUpdate,
  kAction,
  kFrCitation,
  kColumnCount,
};

constexpr std::array<std::string_view, kColumnCount> kColumnNames = {
    "name",           "street_address",  "city",           "state",       "country", "postal_code",
    "effective_date", "expiration_date", "standard_order", "last_update", "action",  "fr_citation",
};

// Column positions by header name; -1 when the header lacks the column.
using Columns = std::array<int, kColumnCount>;

std::string Field(const CsvRecord& record, int column) {
  return CollapseWhitespace(CsvHeader::Field(record, column));
}

// "ZIMO SHENG" + 2020-03-16 -> "ZIMO-SHENG-20200316": upper-case ASCII letters and digits, any
// other run of bytes one '-'. Case, spacing and punctuation variants of a name share a key.
std::string Slug(std::string_view text) {
  std::string slug;
  for (char c : text) {
    const bool alnum = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z');
    if (alnum) {
      slug.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
    } else if (!slug.empty() && slug.back() != '-') {
      slug.push_back('-');
    }
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return slug;
}

// Splits "PEARL (A.K.A. NEI-CHIEN CHU) LI" into the name without the a.k.a. and the alias.
std::pair<std::string, std::string> SplitAka(const std::string& name) {
  size_t open = 0;
  while ((open = name.find('(', open)) != std::string::npos) {
    std::string_view rest = std::string_view(name).substr(open + 1);
    size_t marker = 0;
    if (StartsWithIgnoreCase(rest, "A.K.A.")) {
      marker = 6;
    } else if (StartsWithIgnoreCase(rest, "AKA ")) {
      marker = 4;
    }
    const size_t close = name.find(')', open);
    if (marker != 0 && close != std::string::npos) {
      std::string alias = CollapseWhitespace(rest.substr(marker, close - open - 1 - marker));
      std::string primary = CollapseWhitespace(name.substr(0, open) + " " + name.substr(close + 1));
      if (!alias.empty() && !primary.empty()) return {primary, alias};
    }
    ++open;
  }
  return {name, ""};
}

std::string RecordId(const Row& row) {
  std::string id = Slug(SplitAka(row.name).first);
  if (id.empty()) id = "ROW" + std::to_string(row.line);
  std::optional<model::PartialDate> effective =
      model::PartialDate::FromSlashed(row.effective_date, /*day_first=*/false);
  std::string date_part;
  if (effective && effective->day != 0) {
    for (char c : effective->ToIso()) {
      if (c != '-') date_part.push_back(c);
    }
  } else {
    date_part = Slug(row.effective_date);
  }
  if (!date_part.empty()) id += "-" + date_part;
  return id;
}

class DplParser final : public ListParser {
 public:
  std::string_view format() const override { return kFormat; }

  Result<ListMetadata> Parse(const Document& document, std::string_view source,
                             const EntityCallback& on_entity,
                             DiagnosticSink* diagnostics) override {
    file_ = document.main.name;
    report_ = Reporter(file_, diagnostics);
    if (StripWhitespace(text::StripUtf8Bom(document.main.bytes)).empty()) {
      return CorruptionError(file_ + ":1: empty document");
    }
    ASSIGN_OR_RETURN(const Utf8Text decoded,
                     DecodeUtf8Text(document.main, NotUtf8::kWindows1252WithWarning, diagnostics));
    const std::string_view input = decoded.text();

    CsvReader reader(input, {.delimiter = '\t'});
    CsvRecord record;
    if (!reader.Next(&record)) {
      return CorruptionError(
          file_ + ": " +
          (reader.status().ok() ? std::string("no header line") : reader.status().message()));
    }
    const CsvHeader header(record);
    const Columns columns = header.FindAll(kColumnNames);
    if (columns[kName] < 0 || columns[kEffectiveDate] < 0) {
      return CorruptionError(file_ + ":" + std::to_string(record.line) +
                             ": not a Denied Persons List: the header has no Name or "
                             "Effective_Date column");
    }

    std::vector<Denial> denials;
    std::unordered_map<std::string, size_t> denial_by_id;
    while (reader.Next(&record)) {
      if (header.IsRepeatedBy(record)) continue;
      if (record.fields.size() != header.size()) {
        report_.Report(Diagnostic::Severity::kError, record.line, "",
                       "the row has " + std::to_string(record.fields.size()) +
                           " fields, the header " + std::to_string(header.size()) +
                           "; row skipped");
        continue;
      }
      Row row = ReadRow(record, columns);
      if (row.name.empty()) {
        report_.Report(Diagnostic::Severity::kError, row.line, "",
                       "the row has no name; row skipped");
        continue;
      }
      std::string id = RecordId(row);
      auto [it, inserted] = denial_by_id.emplace(id, denials.size());
      if (inserted) denials.push_back({.record_id = std::move(id), .rows = {}});
      denials[it->second].rows.push_back(std::move(row));
    }
    if (!reader.status().ok()) return CorruptionError(file_ + ": " + reader.status().message());

    ListMetadata metadata;
    for (const Denial& denial : denials) {
      model::Entity entity = BuildEntity(denial, source, &metadata);
      on_entity(std::move(entity));
    }
    return metadata;
  }

 private:
  static Row ReadRow(const CsvRecord& record, const Columns& c) {
    Row row;
    row.line = record.line;
    row.name = Field(record, c[kName]);
    row.street = Field(record, c[kStreet]);
    row.city = Field(record, c[kCity]);
    row.state = Field(record, c[kState]);
    row.country = Field(record, c[kCountry]);
    row.postal_code = Field(record, c[kPostalCode]);
    row.effective_date = Field(record, c[kEffectiveDate]);
    row.expiration_date = Field(record, c[kExpirationDate]);
    row.standard_order = AsciiUpper(Field(record, c[kStandardOrder]));
    row.last_update = Field(record, c[kLastUpdate]);
    row.action = Field(record, c[kAction]);
    row.fr_citation = Field(record, c[kFrCitation]);
    return row;
  }

  // The row's Last_Update when it is a full ISO date in a plausible year and not before the
  // Effective_Date; otherwise nullopt and a warning (the record is kept).
  std::optional<model::PartialDate> PlausibleLastUpdate(
      const Row& row, const std::string& record_id,
      const std::optional<model::PartialDate>& effective) {
    if (row.last_update.empty()) return std::nullopt;
    std::optional<model::PartialDate> date = model::PartialDate::FromIso(row.last_update);
    if (!date || date->day == 0 || date->year < kFirstPlausibleYear ||
        date->year > kLastPlausibleYear) {
      report_.Report(Diagnostic::Severity::kWarning, row.line, record_id,
                     "Last_Update '" + row.last_update + "' is not a plausible date; ignored");
      return std::nullopt;
    }
    if (effective && *date < *effective) {
      report_.Report(Diagnostic::Severity::kWarning, row.line, record_id,
                     "Last_Update '" + row.last_update + "' is before the Effective_Date '" +
                         row.effective_date + "'; ignored");
      return std::nullopt;
    }
    return date;
  }

  std::optional<model::PartialDate> UsDate(const Row& row, const std::string& record_id,
                                           const std::string& value, std::string_view column) {
    if (value.empty()) return std::nullopt;
    std::optional<model::PartialDate> date =
        model::PartialDate::FromSlashed(value, /*day_first=*/false);
    if (!date) {
      report_.Report(Diagnostic::Severity::kWarning, row.line, record_id,
                     std::string(column) + " '" + value + "' is not a MM/DD/YYYY date; ignored");
    }
    return date;
  }

  model::Address ReadAddress(const Row& row, const std::string& record_id) {
    model::Address address;
    address.street = row.street;
    address.city = row.city;
    address.region = row.state;
    address.postal_code = row.postal_code;
    address.country_text = row.country;
    if (!row.country.empty()) {
      address.country_code = UsListCountryCode(row.country);
      if (address.country_code.empty() && row.state.empty() && IsUsStateCode(row.country)) {
        // "ANTHONY" / "" / "NM" / "88021": the state typed into the Country column.
        report_.Report(Diagnostic::Severity::kWarning, row.line, record_id,
                       "Country '" + row.country +
                           "' is a US state code, not a country; read as the "
                           "state of a US address");
        address.region = row.country;
        address.country_code = "US";
        address.country_text.clear();
      } else if (address.country_code.empty()) {
        report_.Report(Diagnostic::Severity::kWarning, row.line, record_id,
                       "unknown country '" + row.country + "'; kept as text");
      }
    } else if (IsUsStateCode(row.state)) {
      // US addresses mostly leave Country empty and give the state.
      address.country_code = "US";
    }
    std::vector<std::string> parts;
    for (const std::string* part : std::initializer_list<const std::string*>{
             &address.street, &address.city, &address.region, &address.postal_code,
             address.country_text.empty() ? &address.country_code : &address.country_text}) {
      if (!part->empty()) parts.push_back(*part);
    }
    address.full = Join(parts, ", ");
    return address;
  }

  model::Entity BuildEntity(const Denial& denial, std::string_view source, ListMetadata* metadata) {
    const std::string& id = denial.record_id;
    model::Entity entity;
    SetProvenance(entity, source, id, kFormat);

    const Row& first = denial.rows.front();
    std::optional<model::PartialDate> effective =
        UsDate(first, id, first.effective_date, "Effective_Date");
    // The row with the latest plausible Last_Update speaks for the denial (its FR citation
    // carries every notice so far); rows of one denial differ only in address and typos.
    size_t principal = 0;
    std::optional<model::PartialDate> principal_update;
    for (size_t row_idx = 0; row_idx < denial.rows.size(); ++row_idx) {
      const Row& row = denial.rows[row_idx];
      auto [primary, alias] = SplitAka(row.name);
      AddNameOnce(entity, {.full = primary,
                           .kind = entity.names.empty() ? model::NameKind::kPrimary
                                                        : model::NameKind::kStrongAlias});
      if (!alias.empty()) {
        AddNameOnce(entity, {.full = alias, .kind = model::NameKind::kStrongAlias});
      }
      model::Address address = ReadAddress(row, id);
      if (!address.full.empty()) {
        if (!address.country_code.empty()) {
          model::AddCountry(entity, address.country_code, model::CountryRole::kAddressCountry);
        } else if (!address.country_text.empty()) {
          model::AddCountry(entity, "", model::CountryRole::kAddressCountry, address.country_text);
        }
        bool seen = false;
        for (const model::Address& existing : entity.addresses) seen |= existing == address;
        if (!seen) entity.addresses.push_back(std::move(address));
      }
      if (row_idx > 0) UsDate(row, id, row.effective_date, "Effective_Date");
      UsDate(row, id, row.expiration_date, "Expiration_Date");
      std::optional<model::PartialDate> update = PlausibleLastUpdate(row, id, effective);
      if (update && (!principal_update || *principal_update < *update)) {
        principal = row_idx;
        principal_update = update;
      }
      if (update && update->ToIso() > metadata->published) metadata->published = update->ToIso();
    }
    entity.schema = InferSchemaFromName(entity.names.front().full);

    const Row& lead = denial.rows[principal];
    model::Sanction sanction{.regime = model::Regime::kUs, .authority = "BIS", .list = "DPL"};
    if (effective) sanction.listed_on = *effective;
    if (principal_update) sanction.modified_on = *principal_update;
    sanction.reference = lead.fr_citation;
    entity.sanctions.push_back(std::move(sanction));

    std::optional<model::PartialDate> expiration =
        model::PartialDate::FromSlashed(lead.expiration_date, /*day_first=*/false);
    if (expiration) entity.properties.emplace_back("endDate", expiration->ToIso());
    if (!lead.standard_order.empty()) {
      entity.properties.emplace_back("standardOrder", lead.standard_order);
    }
    entity.remarks = lead.action;
    return entity;
  }

  std::string file_;
  Reporter report_;
};

}  // namespace

std::unique_ptr<ListParser> NewDplParser() { return std::make_unique<DplParser>(); }

}  // namespace cordon::ingest::internal
