#include "match/query_reader.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <vector>

#include "base/strings.h"
#include "ingest/csv.h"
#include "model/ftm.h"
#include "text/countries.h"
#include "text/encoding.h"

namespace cordon::match {
namespace {

using ingest::CsvOptions;
using ingest::CsvReader;
using ingest::CsvRecord;

// What a CSV column holds.
enum class Column {
  kIgnored,
  kId,
  kName,
  kFirstName,
  kMiddleName,
  kLastName,
  kSchema,
  kBirthDate,
  kCountry,
  kIdentifier,
};

struct ColumnRule {
  std::string_view header;  // lower case, '_' for spaces and dashes
  Column column;
  model::IdentifierType type = model::IdentifierType::kOther;
};

constexpr ColumnRule kColumnRules[] = {
    {"id", Column::kId},
    {"name", Column::kName},
    {"full_name", Column::kName},
    {"first_name", Column::kFirstName},
    {"given_name", Column::kFirstName},
    {"middle_name", Column::kMiddleName},
    {"last_name", Column::kLastName},
    {"family_name", Column::kLastName},
    {"surname", Column::kLastName},
    {"schema", Column::kSchema},
    {"date_of_birth", Column::kBirthDate},
    {"dob", Column::kBirthDate},
    {"birth_date", Column::kBirthDate},
    {"nationality", Column::kCountry},
    {"citizenship", Column::kCountry},
    {"country", Column::kCountry},
    {"imo", Column::kIdentifier, model::IdentifierType::kImo},
    {"imo_number", Column::kIdentifier, model::IdentifierType::kImo},
    {"mmsi", Column::kIdentifier, model::IdentifierType::kMmsi},
    {"lei", Column::kIdentifier, model::IdentifierType::kLei},
    {"inn", Column::kIdentifier, model::IdentifierType::kInn},
    {"ogrn", Column::kIdentifier, model::IdentifierType::kOgrn},
    {"passport", Column::kIdentifier, model::IdentifierType::kPassport},
    {"passport_number", Column::kIdentifier, model::IdentifierType::kPassport},
    {"national_id", Column::kIdentifier, model::IdentifierType::kNationalId},
    {"bic", Column::kIdentifier, model::IdentifierType::kBic},
    {"swift_bic", Column::kIdentifier, model::IdentifierType::kBic},
    {"tax_id", Column::kIdentifier, model::IdentifierType::kTaxId},
};

// FtM properties of a screening record, JSON lines form.
constexpr std::string_view kNameProperties[] = {"name", "alias", "previousName"};

std::string HeaderKey(std::string_view header) {
  std::string key = AsciiLower(StripWhitespace(header));
  std::replace(key.begin(), key.end(), ' ', '_');
  std::replace(key.begin(), key.end(), '-', '_');
  return key;
}

std::optional<model::Schema> ParseSchema(std::string_view text) {
  if (auto schema = model::SchemaFromName(text)) return schema;
  if (EqualsIgnoreCase(text, "individual")) return model::Schema::kPerson;
  if (EqualsIgnoreCase(text, "organisation")) return model::Schema::kOrganization;
  if (EqualsIgnoreCase(text, "entity")) return model::Schema::kLegalEntity;
  return std::nullopt;
}

std::optional<model::PartialDate> ParseDate(std::string_view text) {
  if (auto iso = model::PartialDate::FromIso(text)) return iso;
  std::string slashed(text);
  std::replace(slashed.begin(), slashed.end(), '.', '/');
  if (slashed.find('/') != std::string::npos) {
    return model::PartialDate::FromSlashed(slashed, /*day_first=*/true);
  }
  return std::nullopt;
}

void AddUnique(std::vector<std::string>& values, std::string value) {
  if (!value.empty() && std::find(values.begin(), values.end(), value) == values.end()) {
    values.push_back(std::move(value));
  }
}

// "first middle last" from the parts that are there.
std::string JoinNameParts(const std::vector<std::string>& parts) {
  std::string full;
  for (const std::string& part : parts) {
    if (part.empty()) continue;
    if (!full.empty()) full += ' ';
    full += part;
  }
  return full;
}

// Adds the values of one field to `query`; `where` prefixes errors ("f.csv:3: nationality").
Status AddCountries(std::string_view text, const std::string& where, Query& query) {
  for (std::string_view part : Split(text, ';')) {
    part = StripWhitespace(part);
    if (part.empty()) continue;
    std::string code = text::CountryCode(part);
    if (code.empty()) {
      // The record is still screened, by its name: a customer is never skipped for a typo.
      query.warnings.push_back(where + ": unknown country '" + std::string(part) + "', ignored");
      continue;
    }
    AddUnique(query.countries, std::move(code));
  }
  return Status::Ok();
}

Status AddBirthDates(std::string_view text, const std::string& where, Query& query) {
  for (std::string_view part : Split(text, ';')) {
    part = StripWhitespace(part);
    if (part.empty()) continue;
    std::optional<model::PartialDate> date = ParseDate(part);
    if (!date) {
      query.warnings.push_back(where + ": '" + std::string(part) +
                               "' is not a date (YYYY, YYYY-MM, YYYY-MM-DD or DD/MM/YYYY), "
                               "ignored");
      continue;
    }
    if (std::find(query.birth_dates.begin(), query.birth_dates.end(), *date) ==
        query.birth_dates.end()) {
      query.birth_dates.push_back(*date);
    }
  }
  return Status::Ok();
}

void AddIdentifier(model::IdentifierType type, std::string_view value, Query& query) {
  value = StripWhitespace(value);
  if (value.empty()) return;
  model::Identifier id{.type = type, .value = std::string(value)};
  if (std::find(query.identifiers.begin(), query.identifiers.end(), id) ==
      query.identifiers.end()) {
    query.identifiers.push_back(std::move(id));
  }
}

}  // namespace

// The CSV half of the reader: the header's column roles and the block being read.
//
// Blocks end at a record boundary, so that CsvReader (which reads a whole string) can read
// each on its own: a scanner that follows CsvReader's quoting rules finds the last line break
// outside quotes, and the rest waits for the next block.
class QueryReader::Csv {
 public:
  enum class Scan { kFieldStart, kQuoted, kRest };

  char delimiter = ',';
  bool have_header = false;
  std::vector<Column> columns;
  std::vector<model::IdentifierType> identifier_types;
  std::vector<std::string> headers;
  std::optional<CsvReader> reader;
  size_t block_end = 0;    // bytes of the buffer the reader reads
  int64_t block_line = 1;  // line the block starts on
  CsvRecord record;
};

QueryReader::QueryReader(std::unique_ptr<std::istream> input, std::string name,
                         QueryReaderOptions options)
    : input_(std::move(input)), name_(std::move(name)), options_(options) {
  options_.block_bytes = std::max<size_t>(options_.block_bytes, 1);
}

QueryReader::~QueryReader() = default;

Result<std::unique_ptr<QueryReader>> QueryReader::Open(const std::string& path,
                                                       QueryReaderOptions options) {
  if (path == "-") {
    // A stream of our own over std::cin's buffer: destroying it leaves std::cin alone.
    return FromStream(std::make_unique<std::istream>(std::cin.rdbuf()), "<stdin>", options);
  }
  struct stat info {};
  if (::stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode)) {
    // An ifstream opens a directory and then reads nothing: say what it is instead.
    return IoError(path + ": cannot open screening input: is a directory");
  }
  auto file = std::make_unique<std::ifstream>(path, std::ios::binary);
  if (!file->is_open()) {
    const int error = errno;
    std::string message = path + ": cannot open screening input: " + std::strerror(error);
    return error == ENOENT ? NotFoundError(std::move(message)) : IoError(std::move(message));
  }
  return FromStream(std::move(file), path, options);
}

std::unique_ptr<QueryReader> QueryReader::FromStream(std::unique_ptr<std::istream> input,
                                                     std::string name, QueryReaderOptions options) {
  // Private constructor: make_unique cannot reach it.
  return std::unique_ptr<QueryReader>(new QueryReader(std::move(input), std::move(name), options));
}

std::unique_ptr<QueryReader> QueryReader::FromString(std::string text, std::string name,
                                                     QueryReaderOptions options) {
  return FromStream(std::make_unique<std::istringstream>(std::move(text)), std::move(name),
                    options);
}

std::string_view QueryReader::format() const {
  switch (format_) {
    case Format::kCsv:
      return "csv";
    case Format::kJsonLines:
      return "jsonl";
    case Format::kUnknown:
      break;
  }
  return "";
}

Status QueryReader::Fail(Status status) {
  fatal_ = status;
  return status;
}

Result<bool> QueryReader::Fill() {
  if (eof_) return false;
  const size_t old_size = buffer_.size();
  buffer_.resize(old_size + options_.block_bytes);
  input_->read(buffer_.data() + old_size, static_cast<std::streamsize>(options_.block_bytes));
  const auto got = static_cast<size_t>(input_->gcount());
  buffer_.resize(old_size + got);
  if (input_->bad()) return Fail(IoError(name_ + ": read failed"));
  if (!*input_) eof_ = true;
  return got > 0;
}

Status QueryReader::Detect() {
  size_t first = 0;
  while (true) {
    if (buffer_.compare(0, 3, "\xEF\xBB\xBF") == 0) buffer_.erase(0, 3);
    first = buffer_.find_first_not_of(" \t\r\n");
    if (first != std::string::npos && buffer_.size() >= 4) break;
    ASSIGN_OR_RETURN(bool more, Fill());
    if (!more) break;
  }
  if (buffer_.compare(0, 4, "\x28\xB5\x2F\xFD") == 0) {
    return Fail(InvalidArgumentError(name_ + ": compressed input; decompress it first"));
  }
  if (first == std::string::npos) buffer_.clear();  // only whitespace: no records
  format_ = first != std::string::npos && buffer_[first] == '{' ? Format::kJsonLines : Format::kCsv;
  if (format_ == Format::kCsv) {
    csv_ = std::make_unique<Csv>();
    while (buffer_.find('\n') == std::string::npos) {
      ASSIGN_OR_RETURN(bool more, Fill());
      if (!more) break;
    }
    // The delimiter the header line uses most; commas win ties.
    const std::string_view header(buffer_.data(), std::min(buffer_.size(), buffer_.find('\n')));
    size_t best = 0;
    for (char candidate : {',', ';', '\t'}) {
      const auto count = static_cast<size_t>(std::count(header.begin(), header.end(), candidate));
      if (count > best) {
        best = count;
        csv_->delimiter = candidate;
      }
    }
  }
  return Status::Ok();
}

Result<bool> QueryReader::Next(Query& query) {
  if (!fatal_.ok()) return fatal_;
  if (format_ == Format::kUnknown) RETURN_IF_ERROR(Detect());
  query = Query{};
  return format_ == Format::kJsonLines ? NextJson(query) : NextCsv(query);
}

Result<bool> QueryReader::NextCsv(Query& query) {
  Csv& csv = *csv_;
  while (true) {
    if (!csv.reader) {
      // Find the last record boundary in the buffer, reading more until there is one.
      Csv::Scan state = Csv::Scan::kFieldStart;
      size_t boundary = 0;
      size_t i = 0;
      while (true) {
        const size_t size = buffer_.size();
        for (; i < size; ++i) {
          const char c = buffer_[i];
          if (state == Csv::Scan::kQuoted) {
            if (c != '"') continue;
            if (i + 1 == size && !eof_) break;  // `"` or `""`: the next block decides
            if (i + 1 < size && buffer_[i + 1] == '"') {
              ++i;
            } else {
              state = Csv::Scan::kRest;
            }
            continue;
          }
          if (state == Csv::Scan::kFieldStart && c == '"') {
            state = Csv::Scan::kQuoted;
          } else if (c == csv.delimiter || c == '\r') {
            state = Csv::Scan::kFieldStart;
          } else if (c == '\n') {
            state = Csv::Scan::kFieldStart;
            boundary = i + 1;
          } else {
            state = Csv::Scan::kRest;
          }
        }
        if (eof_) {
          boundary = buffer_.size();
          break;
        }
        if (boundary > 0) break;
        ASSIGN_OR_RETURN(bool more, Fill());
        (void)more;  // eof_ says whether the stream ended
      }
      if (boundary == 0) return false;  // nothing left
      csv.block_end = boundary;
      csv.reader.emplace(std::string_view(buffer_.data(), boundary),
                         CsvOptions{.delimiter = csv.delimiter});
    }

    CsvRecord& record = csv.record;
    if (!csv.reader->Next(&record)) {
      if (!csv.reader->status().ok()) {
        return Fail(InvalidArgumentError(name_ + ":" +
                                         std::to_string(csv.block_line + csv.reader->line() - 1) +
                                         ": unterminated quoted field"));
      }
      csv.block_line += csv.reader->line() - 1;
      csv.reader.reset();
      buffer_.erase(0, csv.block_end);
      continue;
    }
    const int64_t line = csv.block_line + record.line - 1;
    const std::string at = name_ + ":" + std::to_string(line);

    if (!csv.have_header) {
      csv.have_header = true;
      bool usable = false;
      for (std::string_view field : record.fields) {
        const std::string key = HeaderKey(field);
        csv.headers.emplace_back(StripWhitespace(field));
        Column column = Column::kIgnored;
        model::IdentifierType type = model::IdentifierType::kOther;
        for (const ColumnRule& rule : kColumnRules) {
          if (rule.header == key) {
            column = rule.column;
            type = rule.type;
          }
        }
        usable = usable || column == Column::kName || column == Column::kFirstName ||
                 column == Column::kLastName || column == Column::kIdentifier;
        csv.columns.push_back(column);
        csv.identifier_types.push_back(type);
      }
      if (!usable) {
        return Fail(InvalidArgumentError(
            at + ": the header has no name, first_name/last_name or identifier column (it has: " +
            Join(csv.headers, ", ") + ")"));
      }
      continue;
    }

    ++row_;
    line_ = line;
    if (record.fields.size() != csv.columns.size()) {
      return InvalidArgumentError(
          at + ": " + std::to_string(record.fields.size()) + " fields, but the header has " +
          std::to_string(csv.columns.size()) + " (a name with a comma needs quotes)");
    }
    std::string first, middle, last;
    std::string decoded;  // a field that was not UTF-8, as UTF-8
    for (size_t field_idx = 0; field_idx < record.fields.size(); ++field_idx) {
      std::string_view value = StripWhitespace(record.fields[field_idx]);
      if (value.empty()) continue;
      const std::string where = at + ": " + csv.headers[field_idx];
      if (!text::IsValidUtf8(value)) {
        // A customer file saved as Latin-1: read the field as Windows-1252 (its superset) and
        // say so, rather than let the bytes be replaced silently when the answer is written.
        Result<std::string> utf8 = text::ToUtf8(value, "windows-1252");
        if (!utf8.ok()) {
          return InvalidArgumentError(where + ": not UTF-8, and not Windows-1252 either");
        }
        query.warnings.push_back(where + ": not UTF-8; read as Windows-1252");
        decoded = std::move(*utf8);
        value = decoded;
      }
      switch (csv.columns[field_idx]) {
        case Column::kIgnored:
          break;
        case Column::kId:
          query.id = std::string(value);
          break;
        case Column::kName:
          AddUnique(query.names, CollapseWhitespace(value));
          break;
        case Column::kFirstName:
          first = CollapseWhitespace(value);
          break;
        case Column::kMiddleName:
          middle = CollapseWhitespace(value);
          break;
        case Column::kLastName:
          last = CollapseWhitespace(value);
          break;
        case Column::kSchema:
          query.schema = ParseSchema(value);
          if (!query.schema) {
            return InvalidArgumentError(where + ": '" + std::string(value) +
                                        "' is not a schema (Person, Company, Organization, "
                                        "Vessel, Aircraft, LegalEntity)");
          }
          break;
        case Column::kBirthDate:
          RETURN_IF_ERROR(AddBirthDates(value, where, query));
          break;
        case Column::kCountry:
          RETURN_IF_ERROR(AddCountries(value, where, query));
          break;
        case Column::kIdentifier:
          AddIdentifier(csv.identifier_types[field_idx], value, query);
          break;
      }
    }
    if (query.names.empty()) AddUnique(query.names, JoinNameParts({first, middle, last}));
    // Name parts and a birth date are what a person has: screen such a record as one.
    if (!query.schema && (!query.birth_dates.empty() || !first.empty() || !last.empty())) {
      query.schema = model::Schema::kPerson;
    }
    if (query.names.empty() && query.identifiers.empty()) {
      return InvalidArgumentError(at + ": the record has no name and no identifier");
    }
    return true;
  }
}

Status QueryFromJson(const nlohmann::json& record, std::string_view where, Query& query) {
  const std::string at(where);
  auto it = record.find("id");
  if (it != record.end() && !it->is_null()) {
    query.id = it->is_string() ? it->get<std::string>() : it->dump();
  }
  it = record.find("schema");
  if (it != record.end() && !it->is_null()) {
    const std::string schema = it->is_string() ? it->get<std::string>() : it->dump();
    query.schema = ParseSchema(schema);
    if (!query.schema) {
      return InvalidArgumentError(at + ": schema: '" + schema + "' is not a schema (Person, " +
                                  "Company, Organization, Vessel, Aircraft, LegalEntity)");
    }
  }
  const auto props_it = record.find("properties");
  const nlohmann::json& properties = props_it != record.end() ? *props_it : record;
  if (!properties.is_object()) return InvalidArgumentError(at + ": properties: not an object");

  // The values of one property: an array of strings or a single string.
  std::vector<std::string> values;
  auto read = [&](std::string_view property) -> Status {
    values.clear();
    auto p = properties.find(property);
    if (p == properties.end() || p->is_null()) return Status::Ok();
    auto add = [&](const nlohmann::json& v) -> Status {
      if (v.is_string()) {
        values.push_back(v.get<std::string>());
      } else if (v.is_number()) {
        values.push_back(v.dump());  // an IMO or MMSI written as a number
      } else if (!v.is_null()) {
        return InvalidArgumentError(at + ": properties." + std::string(property) +
                                    ": expected strings");
      }
      return Status::Ok();
    };
    if (!p->is_array()) return add(*p);
    for (const nlohmann::json& v : *p) RETURN_IF_ERROR(add(v));
    return Status::Ok();
  };

  for (std::string_view property : kNameProperties) {
    RETURN_IF_ERROR(read(property));
    for (const std::string& v : values) AddUnique(query.names, CollapseWhitespace(v));
  }
  if (query.names.empty()) {
    std::vector<std::string> parts;
    for (std::string_view property : {"firstName", "middleName", "secondName", "lastName"}) {
      RETURN_IF_ERROR(read(property));
      if (!values.empty()) parts.push_back(CollapseWhitespace(values.front()));
    }
    AddUnique(query.names, JoinNameParts(parts));
  }
  RETURN_IF_ERROR(read("birthDate"));
  for (const std::string& v : values) {
    RETURN_IF_ERROR(AddBirthDates(v, at + ": properties.birthDate", query));
  }
  for (const model::FtmCountryReading& country : model::FtmCountryProperties()) {
    // Where a customer was born says nothing of the nationality the lists compare.
    if (country.role == model::CountryRole::kBirthCountry) continue;
    RETURN_IF_ERROR(read(country.property));
    for (const std::string& v : values) {
      RETURN_IF_ERROR(AddCountries(v, at + ": properties." + std::string(country.property), query));
    }
  }
  // Identifiers are looked up as the lists file them (model::FtmQueryIdentifierType).
  for (std::string_view property : model::FtmIdentifierProperties()) {
    RETURN_IF_ERROR(read(property));
    const model::IdentifierType type = *model::FtmQueryIdentifierType(property);
    for (const std::string& v : values) AddIdentifier(type, v, query);
  }
  if (query.names.empty() && query.identifiers.empty()) {
    return InvalidArgumentError(at + ": the record has no name and no identifier");
  }
  if (!query.schema && !query.birth_dates.empty()) query.schema = model::Schema::kPerson;
  return Status::Ok();
}

Result<bool> QueryReader::NextJson(Query& query) {
  while (true) {
    size_t end = buffer_.find('\n', pos_);
    while (end == std::string::npos && !eof_) {
      buffer_.erase(0, pos_);
      pos_ = 0;
      ASSIGN_OR_RETURN(bool more, Fill());
      (void)more;
      end = buffer_.find('\n');
    }
    if (pos_ >= buffer_.size()) return false;
    if (end == std::string::npos) end = buffer_.size();
    const std::string_view text =
        StripWhitespace(std::string_view(buffer_).substr(pos_, end - pos_));
    const int64_t line = next_line_++;
    pos_ = end + 1;
    if (text.empty()) continue;

    ++row_;
    line_ = line;
    const std::string at = name_ + ":" + std::to_string(line);
    nlohmann::json record;
    try {
      record = nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& e) {
      return InvalidArgumentError(at + ": not a JSON object: " + e.what());
    }
    if (!record.is_object()) return InvalidArgumentError(at + ": not a JSON object");

    RETURN_IF_ERROR(QueryFromJson(record, at, query));
    return true;
  }
}

}  // namespace cordon::match
