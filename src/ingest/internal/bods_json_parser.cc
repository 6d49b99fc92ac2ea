#include "ingest/internal/bods_json_parser.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/strings.h"
#include "ingest/internal/ownership_dates.h"
#include "model/entity.h"
#include "text/countries.h"
#include "text/encoding.h"

namespace cordon::ingest::internal {
namespace {

using nlohmann::json;

constexpr std::string_view kFormat = "bods-json";

enum class RecordType { kEntity, kPerson, kRelationship };

std::string_view RecordTypeName(RecordType type) {
  switch (type) {
    case RecordType::kEntity:
      return "entity";
    case RecordType::kPerson:
      return "person";
    case RecordType::kRelationship:
      return "relationship";
  }
  return "";
}

// One statement, whatever BODS version wrote it.
struct Statement {
  int64_t line = 0;
  std::string record_id;  // 0.4 recordId; 0.2 / 0.3 statementID
  RecordType type = RecordType::kEntity;
  std::string date;  // statementDate as written, "" when none
  bool closed = false;
  // 0.4 recordDetails; for 0.2 / 0.3 the statement itself, whose fields are flat.
  json details;
  std::vector<std::string> replaces;  // 0.2 / 0.3 replacesStatements
  std::string published;              // publicationDetails.publicationDate
};

// The statements about one record; the latest is in force.
struct Record {
  RecordType type = RecordType::kEntity;
  std::vector<size_t> statements;  // indices into the statement list, document order
  size_t current = 0;              // the statement in force
  bool superseded = false;         // a 0.2 / 0.3 statement replaced this one
  int entity = -1;                 // index of the emitted entity, -1 when none
};

const json* Member(const json& object, const char* key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

// The string member `key`, whitespace collapsed; "" when absent or not a string.
std::string Text(const json& object, const char* key) {
  const json* value = Member(object, key);
  return value != nullptr && value->is_string()
             ? CollapseWhitespace(value->get_ref<const std::string&>())
             : std::string();
}

// The string elements of array member `key`, collapsed, empty ones left out.
std::vector<std::string> Texts(const json& object, const char* key) {
  std::vector<std::string> out;
  const json* values = Member(object, key);
  if (values == nullptr || !values->is_array()) return out;
  for (const json& value : *values) {
    if (!value.is_string()) continue;
    std::string text = CollapseWhitespace(value.get_ref<const std::string&>());
    if (!text.empty()) out.push_back(std::move(text));
  }
  return out;
}

// The object elements of array member `key`.
std::vector<const json*> Objects(const json& object, const char* key) {
  std::vector<const json*> out;
  const json* values = Member(object, key);
  if (values == nullptr || !values->is_array()) return out;
  for (const json& value : *values) {
    if (value.is_object()) out.push_back(&value);
  }
  return out;
}

// "voting-rights" (BODS 0.2 codes) -> "votingRights" (0.3 and 0.4 codes).
std::string CamelCase(std::string_view code) {
  std::string out;
  bool upper = false;
  for (char c : code) {
    if (c == '-') {
      upper = true;
      continue;
    }
    out.push_back(upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
    upper = false;
  }
  return out;
}

// What each interest type becomes.
struct InterestRule {
  std::string_view type;
  model::LinkKind kind;
  std::string_view interest;  // Link::interest; "" for kOther
};

constexpr InterestRule kInterestRules[] = {
    {"shareholding", model::LinkKind::kOwnedBy, "shares"},
    {"votingRights", model::LinkKind::kOwnedBy, "voting"},
    {"appointmentOfBoard", model::LinkKind::kControlledBy, "board"},
    {"otherInfluenceOrControl", model::LinkKind::kControlledBy, "control"},
    {"controlViaCompanyRulesOrArticles", model::LinkKind::kControlledBy, "control"},
    {"controlByLegalFramework", model::LinkKind::kControlledBy, "control"},
    {"rightsGrantedByContract", model::LinkKind::kControlledBy, "control"},
    {"settlor", model::LinkKind::kControlledBy, "control"},
    {"trustee", model::LinkKind::kControlledBy, "control"},
    {"protector", model::LinkKind::kControlledBy, "control"},
    {"nominator", model::LinkKind::kControlledBy, "control"},
    {"settlorOfTrust", model::LinkKind::kControlledBy, "control"},                  // 0.2
    {"trusteeOfTrust", model::LinkKind::kControlledBy, "control"},                  // 0.2
    {"protectorOfTrust", model::LinkKind::kControlledBy, "control"},                // 0.2
    {"otherInfluenceOrControlOfTrust", model::LinkKind::kControlledBy, "control"},  // 0.2
    {"seniorManagingOfficial", model::LinkKind::kControlledBy, "officer"},
    {"boardMember", model::LinkKind::kControlledBy, "officer"},
    {"boardChair", model::LinkKind::kControlledBy, "officer"},
    // Benefit without ownership or control, or an interest whose kind is not known: kept as
    // a relationship, but graph/ must not count it as either.
    {"beneficiaryOfLegalArrangement", model::LinkKind::kOther, ""},
    {"beneficiaryOfTrust", model::LinkKind::kOther, ""},  // 0.2
    {"rightsToSurplusAssetsOnDissolution", model::LinkKind::kOther, ""},
    {"rightsToProfitOrIncome", model::LinkKind::kOther, ""},
    {"enjoymentAndUseOfAssets", model::LinkKind::kOther, ""},
    {"rightToProfitOrIncomeFromAssets", model::LinkKind::kOther, ""},
    {"conditionalRightsGrantedByContract", model::LinkKind::kOther, ""},
    {"nominee", model::LinkKind::kOther, ""},
    {"unknownInterest", model::LinkKind::kOther, ""},
    {"unpublishedInterest", model::LinkKind::kOther, ""},
};

// 0.2 codes whose camel-case form is a 0.4 code of another meaning, by their 0.2 spelling.
constexpr InterestRule k02InterestRules[] = {
    // 0.2: "conditional beneficial ownership rights ... granted by contract", an economic
    // interest; 0.4 calls it conditionalRightsGrantedByContract, and its
    // rightsGrantedByContract is control.
    {"rights-granted-by-contract", model::LinkKind::kOther, ""},
};

// The rule for an interest type as written: a 0.2 code of its own first, then the 0.4 code
// (0.2 codes camel-cased: "voting-rights" -> "votingRights").
const InterestRule* FindInterestRule(std::string_view written_type) {
  for (const InterestRule& rule : k02InterestRules) {
    if (rule.type == written_type) return &rule;
  }
  const std::string type = CamelCase(written_type);
  for (const InterestRule& rule : kInterestRules) {
    if (rule.type == type) return &rule;
  }
  return nullptr;
}

// A share bound: a JSON number, or a numeric string, in [0, 100].
std::optional<double> ShareNumber(const json& value) {
  double number = 0;
  if (value.is_number()) {
    number = value.get<double>();
  } else if (value.is_string()) {
    std::string_view text = StripWhitespace(value.get_ref<const std::string&>());
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
      return std::nullopt;
    }
  } else {
    return std::nullopt;
  }
  if (!(number >= 0 && number <= 100)) return std::nullopt;
  return number;
}

// "30", "33.33", "0.5": the shortest plain decimal that reads back as `number`.
std::string FormatPercent(double number) {
  char buffer[512];  // the longest fixed form of a double in [0, 100] is about 330 digits
  const auto [end, error] =
      std::to_chars(buffer, buffer + sizeof(buffer), number, std::chars_format::fixed);
  if (error != std::errc()) return "";
  return std::string(buffer, end);
}

// ISO code and wording of a BODS Country or Jurisdiction ({"name", "code"}), or of the bare
// code BODS 0.2 addresses give. The code of a subdivision ("GB-SCT") gives its country.
struct Country {
  std::string code;  // ISO 3166-1 alpha-2, "" when unknown
  std::string text;  // the wording, when the code is unknown
};

Country ReadCountry(const json* value) {
  std::string code;
  std::string name;
  if (value == nullptr) return {};
  if (value->is_string()) {
    code = CollapseWhitespace(value->get_ref<const std::string&>());
  } else if (value->is_object()) {
    code = Text(*value, "code");
    name = Text(*value, "name");
  }
  std::string iso;
  if (code.size() == 2 || (code.size() > 3 && code[2] == '-')) {
    iso = AsciiUpper(code.substr(0, 2));
    if (text::CountryName(iso).empty()) iso.clear();
  }
  if (iso.empty() && !name.empty()) iso = text::CountryCode(name);
  if (iso.empty() && !code.empty()) iso = text::CountryCode(code);
  if (!iso.empty()) return {.code = iso};
  return {.text = name.empty() ? code : name};
}

std::optional<model::Address> ReadAddress(const json* value) {
  if (value == nullptr || !value->is_object()) return std::nullopt;
  model::Address address;
  // A multi-line address becomes one line, its lines separated by commas.
  if (const json* text = Member(*value, "address"); text != nullptr && text->is_string()) {
    std::vector<std::string> lines;
    for (std::string_view line : Split(text->get_ref<const std::string&>(), '\n')) {
      std::string_view trimmed = StripWhitespace(line);
      while (!trimmed.empty() && trimmed.back() == ',') {
        trimmed = StripWhitespace(trimmed.substr(0, trimmed.size() - 1));
      }
      if (!trimmed.empty()) lines.push_back(CollapseWhitespace(trimmed));
    }
    address.full = Join(lines, ", ");
  }
  address.postal_code = Text(*value, "postCode");
  const Country country = ReadCountry(Member(*value, "country"));
  address.country_code = country.code;
  address.country_text = country.text;
  address.note = Text(*value, "type");
  if (address.full.empty()) {
    std::vector<std::string> parts;
    if (!address.postal_code.empty()) parts.push_back(address.postal_code);
    std::string country_name =
        country.code.empty() ? country.text : text::CountryName(country.code);
    if (!country_name.empty()) parts.push_back(std::move(country_name));
    address.full = Join(parts, ", ");
  }
  if (address.full.empty()) return std::nullopt;
  return address;
}

void AddAddress(model::Entity& entity, model::Address address) {
  if (!address.country_code.empty()) {
    model::AddCountry(entity, address.country_code, model::CountryRole::kAddressCountry);
  }
  for (const model::Address& existing : entity.addresses) {
    if (EqualsIgnoreCase(existing.full, address.full)) return;
  }
  entity.addresses.push_back(std::move(address));
}

// A BODS identifier as a typed one. Schemes are org-id.guide codes for entities ("GB-COH",
// "XI-LEI") and "{ISO 3166-1 alpha-3}-{PASSPORT|TAXID|IDCARD}" for persons.
std::optional<model::Identifier> ReadIdentifier(const json& value) {
  model::Identifier id;
  id.value = Text(value, "id");
  if (id.value.empty()) return std::nullopt;  // a URI alone identifies nothing we can match
  const std::string scheme = Text(value, "scheme");
  id.label = scheme.empty() ? Text(value, "schemeName") : scheme;
  const std::string upper = AsciiUpper(scheme);
  const size_t dash = upper.find('-');
  const std::string prefix = upper.substr(0, dash);
  const std::string suffix = dash == std::string::npos ? "" : upper.substr(dash + 1);
  if (upper == "XI-LEI" || upper == "LEI") {
    id.type = model::IdentifierType::kLei;
  } else if (upper == "RU-INN") {
    id.type = model::IdentifierType::kInn;
    id.country = "RU";
  } else if (upper == "RU-OGRN") {
    id.type = model::IdentifierType::kOgrn;
    id.country = "RU";
  } else if (prefix.size() == 3 &&
             (suffix == "PASSPORT" || suffix == "TAXID" || suffix == "IDCARD")) {
    id.type = suffix == "PASSPORT" ? model::IdentifierType::kPassport
              : suffix == "TAXID"  ? model::IdentifierType::kTaxId
                                   : model::IdentifierType::kNationalId;
    id.country = text::CountryCode(prefix);
  } else if (prefix.size() == 2 && !suffix.empty() && !text::CountryName(prefix).empty()) {
    // A register of one country: companies house, trade register, state registry.
    id.type = model::IdentifierType::kRegistration;
    id.country = prefix;
  } else {
    id.type = model::IdentifierType::kOther;
  }
  return id;
}

// An interested party or subject: a record id (0.4), a describedBy...Statement reference
// (0.2 / 0.3), or an unspecified party with a reason.
struct PartyRef {
  bool present = false;
  std::string id;      // "" when unspecified
  std::string reason;  // unspecified reason, when given
};

PartyRef ReadParty(const json* value) {
  PartyRef ref;
  if (value == nullptr || value->is_null()) return ref;
  ref.present = true;
  if (value->is_string()) {
    ref.id = CollapseWhitespace(value->get_ref<const std::string&>());
    return ref;
  }
  for (const char* key : {"describedByEntityStatement", "describedByPersonStatement"}) {
    if (std::string id = Text(*value, key); !id.empty()) {
      ref.id = std::move(id);
      return ref;
    }
  }
  const json* unspecified = Member(*value, "unspecified");  // 0.2 / 0.3
  ref.reason = Text(unspecified != nullptr ? *unspecified : *value, "reason");
  return ref;
}

class BodsJsonParser final : public ListParser {
 public:
  std::string_view format() const override { return kFormat; }

  Result<ListMetadata> Parse(const Document& document, std::string_view source,
                             const EntityCallback& on_entity,
                             DiagnosticSink* diagnostics) override {
    file_ = document.main.name;
    report_ = Reporter(file_, diagnostics);
    statements_.clear();
    records_.clear();
    record_index_.clear();
    replaced_by_.clear();
    had_values_ = false;
    any_object_ = false;
    try {
      RETURN_IF_ERROR(ReadDocument(text::StripUtf8Bom(document.main.bytes)));
      GroupRecords();
      ListMetadata metadata;
      for (const Statement& statement : statements_) {
        if (statement.published > metadata.published) metadata.published = statement.published;
      }
      Emit(source, on_entity);
      return metadata;
    } catch (const json::exception& e) {
      // Accessors above check types before reading; this is a last line of defence.
      return InternalError(file_ + ": JSON access failed: " + e.what());
    }
  }

 private:
  // Pass 1: every statement of the array or the lines.
  Status ReadDocument(std::string_view input) {
    size_t start = 0;
    while (start < input.size() && (input[start] == ' ' || input[start] == '\t' ||
                                    input[start] == '\r' || input[start] == '\n')) {
      ++start;
    }
    if (start == input.size()) return CorruptionError(file_ + ":1: empty document");
    const int64_t first_line =
        1 + static_cast<int64_t>(std::count(input.begin(), input.begin() + start, '\n'));
    if (input[start] == '[') {
      RETURN_IF_ERROR(ReadArray(input, start, first_line));
    } else {
      ReadLines(input);
    }
    if (had_values_ && !any_object_) {
      return CorruptionError(file_ + ":" + std::to_string(first_line) +
                             ": not BODS JSON: no statement is a JSON object");
    }
    return Status::Ok();
  }

  // A JSON array of statements, split into its elements without parsing them, so that each
  // statement is parsed alone, knows its line and cannot take the others down with it.
  Status ReadArray(std::string_view input, size_t open, int64_t open_line) {
    int64_t line = open_line;
    int depth = 0;
    bool in_string = false;
    bool escape = false;
    bool after_comma = false;
    size_t element_start = std::string_view::npos;
    int64_t element_line = 0;
    auto finish = [&](size_t end) {
      if (element_start == std::string_view::npos) {
        report_.Report(Diagnostic::Severity::kError, line, "", "an empty array element");
        return;
      }
      ReadValue(input.substr(element_start, end - element_start), element_line);
      element_start = std::string_view::npos;
    };
    size_t pos = open + 1;
    for (; pos < input.size(); ++pos) {
      const char c = input[pos];
      if (c == '\n') ++line;
      if (in_string) {
        if (escape) {
          escape = false;
        } else if (c == '\\') {
          escape = true;
        } else if (c == '"') {
          in_string = false;
        }
        continue;
      }
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
      if (depth == 0 && c == ',') {
        finish(pos);
        after_comma = true;
        continue;
      }
      if (depth == 0 && c == ']') {
        if (element_start != std::string_view::npos || after_comma) finish(pos);
        break;
      }
      if (element_start == std::string_view::npos) {
        element_start = pos;
        element_line = line;
      }
      if (c == '"') {
        in_string = true;
      } else if (c == '{' || c == '[') {
        ++depth;
      } else if ((c == '}' || c == ']') && depth > 0) {
        --depth;
      }
    }
    if (pos >= input.size()) {
      return CorruptionError(file_ + ":" + std::to_string(open_line) +
                             ": the JSON array of statements does not close (truncated?)");
    }
    std::string_view rest = StripWhitespace(input.substr(pos + 1));
    if (!rest.empty()) {
      const size_t rest_pos = static_cast<size_t>(rest.data() - input.data());
      report_.Report(Diagnostic::Severity::kError,
                     line + std::count(input.begin() + static_cast<std::ptrdiff_t>(pos),
                                       input.begin() + static_cast<std::ptrdiff_t>(rest_pos), '\n'),
                     "", "text after the end of the JSON array is ignored");
    }
    return Status::Ok();
  }

  // JSON lines: one statement a line.
  void ReadLines(std::string_view input) {
    int64_t line_number = 0;
    size_t pos = 0;
    while (pos < input.size()) {
      size_t end = input.find('\n', pos);
      if (end == std::string_view::npos) end = input.size();
      std::string_view line = StripWhitespace(input.substr(pos, end - pos));
      pos = end + 1;
      ++line_number;
      if (!line.empty()) ReadValue(line, line_number);
    }
  }

  void ReadValue(std::string_view text, int64_t line) {
    had_values_ = true;
    json parsed = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
    if (parsed.is_discarded()) {
      report_.Report(Diagnostic::Severity::kError, line, "", "the statement is not valid JSON");
      return;
    }
    if (!parsed.is_object()) {
      report_.Report(Diagnostic::Severity::kError, line, "", "the statement is not a JSON object");
      return;
    }
    any_object_ = true;
    ReadStatement(std::move(parsed), line);
  }

  void ReadStatement(json object, int64_t line) {
    Statement statement{.line = line, .date = Text(object, "statementDate")};
    if (const json* publication = Member(object, "publicationDetails")) {
      statement.published = Text(*publication, "publicationDate");
    }
    if (Member(object, "recordType") != nullptr || Member(object, "recordDetails") != nullptr) {
      // BODS 0.4.
      statement.record_id = Text(object, "recordId");
      const std::string type = Text(object, "recordType");
      const std::string statement_id = Text(object, "statementId");
      if (statement.record_id.empty() && !statement_id.empty()) {
        statement.record_id = statement_id;
        report_.Report(Diagnostic::Severity::kWarning, line, statement_id,
                       "the statement has no recordId; its statementId is used");
      }
      if (statement.record_id.empty()) {
        report_.Report(Diagnostic::Severity::kError, line, "",
                       "the statement has no recordId or statementId; skipped");
        return;
      }
      if (type == "entity") {
        statement.type = RecordType::kEntity;
      } else if (type == "person") {
        statement.type = RecordType::kPerson;
      } else if (type == "relationship") {
        statement.type = RecordType::kRelationship;
      } else {
        report_.Report(Diagnostic::Severity::kError, line, statement.record_id,
                       "recordType '" + type + "' is not entity, person or relationship; skipped");
        return;
      }
      statement.closed = Text(object, "recordStatus") == "closed";
      json* details = object.contains("recordDetails") ? &object["recordDetails"] : nullptr;
      if (details == nullptr || !details->is_object()) {
        report_.Report(Diagnostic::Severity::kError, line, statement.record_id,
                       "the statement has no recordDetails object; skipped");
        return;
      }
      statement.details = std::move(*details);
    } else if (Member(object, "statementType") != nullptr) {
      // BODS 0.2 / 0.3: the statement is the record, named by its statementID.
      statement.record_id = Text(object, "statementID");
      if (statement.record_id.empty()) statement.record_id = Text(object, "statementId");
      const std::string type = Text(object, "statementType");
      if (statement.record_id.empty()) {
        report_.Report(Diagnostic::Severity::kError, line, "",
                       "the " + type + " has no statementID; skipped");
        return;
      }
      if (type == "entityStatement") {
        statement.type = RecordType::kEntity;
      } else if (type == "personStatement") {
        statement.type = RecordType::kPerson;
      } else if (type == "ownershipOrControlStatement") {
        statement.type = RecordType::kRelationship;
      } else {
        report_.Report(
            Diagnostic::Severity::kError, line, statement.record_id,
            "statementType '" + type +
                "' is not entityStatement, personStatement or ownershipOrControlStatement; "
                "skipped");
        return;
      }
      statement.replaces = Texts(object, "replacesStatements");
      statement.details = std::move(object);
    } else {
      report_.Report(
          Diagnostic::Severity::kError, line, Text(object, "statementId"),
          "neither a BODS 0.4 statement (recordType) nor a 0.2 / 0.3 one (statementType); "
          "skipped");
      return;
    }
    statements_.push_back(std::move(statement));
  }

  // Pass 2: statements into records, the latest of each in force; 0.2 / 0.3 replacements.
  void GroupRecords() {
    for (size_t statement_idx = 0; statement_idx < statements_.size(); ++statement_idx) {
      const Statement& statement = statements_[statement_idx];
      auto [it, inserted] = record_index_.emplace(statement.record_id, records_.size());
      if (inserted) {
        records_.push_back({.type = statement.type, .statements = {statement_idx}});
        if (statement.record_id.find(':') != std::string::npos) {
          report_.Report(
              Diagnostic::Severity::kWarning, statement.line, statement.record_id,
              "the recordId contains ':', which reads as the id of another source's entity "
              "where ids are resolved (graph/)");
        }
        continue;
      }
      Record& record = records_[it->second];
      if (record.type != statement.type) {
        report_.Report(
            Diagnostic::Severity::kError, statement.line, statement.record_id,
            "the record is a" + std::string(record.type == RecordType::kEntity ? "n " : " ") +
                std::string(RecordTypeName(record.type)) + " (line " +
                std::to_string(statements_[record.statements.front()].line) + "), not a " +
                std::string(RecordTypeName(statement.type)) + "; statement skipped");
        continue;
      }
      record.statements.push_back(statement_idx);
    }
    for (Record& record : records_) record.current = Latest(record, /*described_only=*/false);
    for (const Statement& statement : statements_) {
      for (const std::string& replaced : statement.replaces) {
        if (replaced != statement.record_id) replaced_by_.emplace(replaced, statement.record_id);
      }
    }
    for (Record& record : records_) {
      const std::string& id = statements_[record.statements.front()].record_id;
      record.superseded = replaced_by_.count(id) > 0;
    }
  }

  // The statement of `record` in force: the latest statementDate, later in the document on a
  // tie. With `described_only`, only statements that describe the record count (Describes);
  // statements.size() when there is none.
  size_t Latest(const Record& record, bool described_only) const {
    size_t best = statements_.size();
    for (size_t statement_idx : record.statements) {
      const Statement& statement = statements_[statement_idx];
      if (described_only && !Describes(statement)) continue;
      if (best == statements_.size() || statement.date >= statements_[best].date) {
        best = statement_idx;
      }
    }
    return best;
  }

  // Whether `statement` says what its record is: a relationship names both parties and its
  // interests; an entity its name; a person a name.
  static bool Describes(const Statement& statement) {
    const json& details = statement.details;
    switch (statement.type) {
      case RecordType::kRelationship:
        return Member(details, "subject") != nullptr &&
               Member(details, "interestedParty") != nullptr && NonEmptyArray(details, "interests");
      case RecordType::kEntity:
        return !Text(details, "name").empty();
      case RecordType::kPerson:
        return NonEmptyArray(details, "names");
    }
    return false;
  }

  // The statement the record is read from: the one in force, unless it closes the record and
  // repeats only its identity (common in registers); then the latest that describes it.
  const Statement& Described(const Record& record) const {
    const Statement& current = statements_[record.current];
    if (!current.closed || Describes(current)) return current;
    const size_t full = Latest(record, /*described_only=*/true);
    return full < statements_.size() ? statements_[full] : current;
  }

  // The record `reference` names, following 0.2 / 0.3 replacements; nullptr when it is not in
  // the document.
  const Record* Resolve(const std::string& reference) const {
    std::string id = reference;
    // Replacements form chains; a cycle (bad data) stops after as many hops as there are.
    for (size_t hop = 0; hop <= replaced_by_.size(); ++hop) {
      auto it = replaced_by_.find(id);
      if (it == replaced_by_.end()) break;
      id = it->second;
    }
    auto it = record_index_.find(id);
    if (it == record_index_.end() || records_[it->second].superseded) return nullptr;
    return &records_[it->second];
  }

  const std::string& RecordId(const Record& record) const {
    return statements_[record.current].record_id;
  }

  // Pass 3: entities and persons, then relationships as links on their subjects.
  void Emit(std::string_view source, const EntityCallback& on_entity) {
    std::vector<model::Entity> entities;
    for (Record& record : records_) {
      if (record.type == RecordType::kRelationship || record.superseded) continue;
      std::optional<model::Entity> entity = BuildEntity(Described(record), source);
      if (!entity) continue;
      record.entity = static_cast<int>(entities.size());
      entities.push_back(std::move(*entity));
    }
    for (const Record& record : records_) {
      if (record.type == RecordType::kRelationship && !record.superseded) {
        FoldRelationship(record, entities);
      }
    }
    for (model::Entity& entity : entities) on_entity(std::move(entity));
  }

  std::optional<model::Entity> BuildEntity(const Statement& statement, std::string_view source) {
    const json& details = statement.details;
    model::Entity entity;
    SetProvenance(entity, source, statement.record_id, kFormat);
    if (statement.type == RecordType::kPerson) {
      const std::string person_type = Text(details, "personType");
      // Nobody to screen, and nothing to link to: relationships to them are reported.
      if (person_type == "anonymousPerson" || person_type == "unknownPerson") return std::nullopt;
      entity.schema = model::Schema::kPerson;
      ReadPersonNames(details, entity);
      for (const json* country : Objects(details, "nationalities")) {
        const Country nationality = ReadCountry(country);
        model::AddCountry(entity, nationality.code, model::CountryRole::kNationality,
                          nationality.text);
      }
      for (const json* country : Objects(details, "taxResidencies")) {
        const Country residency = ReadCountry(country);
        model::AddCountry(entity, residency.code, model::CountryRole::kOther,
                          residency.code.empty() ? residency.text : "tax residency");
      }
      if (std::string birth = Text(details, "birthDate"); !birth.empty()) {
        model::DateSpec spec;
        if (std::optional<model::PartialDate> date = model::PartialDate::FromIso(birth)) {
          spec.date = *date;
        } else {
          spec.text = birth;
        }
        entity.birth_dates.push_back(std::move(spec));
      }
      if (std::string death = Text(details, "deathDate"); !death.empty()) {
        entity.properties.emplace_back("deathDate", death);
      }
      if (std::optional<model::Address> place = ReadAddress(Member(details, "placeOfBirth"))) {
        entity.birth_places.push_back(place->full);
        model::AddCountry(entity, place->country_code, model::CountryRole::kBirthCountry);
      }
      if (std::optional<model::Address> home = ReadAddress(Member(details, "placeOfResidence"))) {
        model::AddCountry(entity, home->country_code, model::CountryRole::kResidence);
        if (home->note.empty()) home->note = "residence";
        AddAddress(entity, std::move(*home));
      }
      if (const json* exposure = Member(details, "politicalExposure")) {
        if (std::string status = Text(*exposure, "status"); status == "isPep") {
          entity.properties.emplace_back("politicalExposure", status);
        }
      }
    } else {
      const json* type_member = Member(details, "entityType");
      std::string type;  // 0.4: {"type": ...}; 0.2 / 0.3: a string
      if (type_member != nullptr && type_member->is_string()) {
        type = CollapseWhitespace(type_member->get_ref<const std::string&>());
      } else if (type_member != nullptr) {
        type = Text(*type_member, "type");
      }
      if (type == "registeredEntity") {
        entity.schema = model::Schema::kCompany;
      } else if (type == "state" || type == "stateBody") {
        entity.schema = model::Schema::kOrganization;
      } else {
        entity.schema = model::Schema::kLegalEntity;
      }
      // Types the schema does not say: a trust or nomination, a state, an unknown entity.
      if (!type.empty() && type != "registeredEntity" && type != "legalEntity") {
        entity.properties.emplace_back("entityType", type);
      }
      if (std::string name = Text(details, "name"); !name.empty()) {
        entity.names.push_back({.full = std::move(name)});
      }
      for (std::string& alias : Texts(details, "alternateNames")) {
        model::AddName(entity, {.full = std::move(alias), .kind = model::NameKind::kStrongAlias});
      }
      const json* jurisdiction = Member(details, "jurisdiction");
      if (jurisdiction == nullptr) jurisdiction = Member(details, "incorporatedInJurisdiction");
      if (jurisdiction != nullptr) {
        const Country country = ReadCountry(jurisdiction);
        model::AddCountry(entity, country.code, model::CountryRole::kJurisdiction, country.text);
      }
      if (std::string founded = Text(details, "foundingDate"); !founded.empty()) {
        model::DateSpec spec;
        if (std::optional<model::PartialDate> date = model::PartialDate::FromIso(founded)) {
          spec.date = *date;
        } else {
          spec.text = founded;
        }
        entity.incorporation_dates.push_back(std::move(spec));
      }
      if (std::string dissolved = Text(details, "dissolutionDate"); !dissolved.empty()) {
        entity.properties.emplace_back("dissolutionDate", dissolved);
      }
      if (std::string uri = Text(details, "uri"); !uri.empty()) {
        entity.properties.emplace_back("uri", uri);
      }
    }
    for (const json* value : Objects(details, "identifiers")) {
      std::optional<model::Identifier> id = ReadIdentifier(*value);
      if (!id) continue;
      bool repeated = false;
      for (const model::Identifier& existing : entity.identifiers) repeated |= existing == *id;
      if (!repeated) entity.identifiers.push_back(std::move(*id));
    }
    for (const json* value : Objects(details, "addresses")) {
      if (std::optional<model::Address> address = ReadAddress(value)) {
        AddAddress(entity, std::move(*address));
      }
    }
    return entity;
  }

  // Person names: the first "legal" (0.4), "individual" (0.2 / 0.3) or untyped name is
  // primary; former and birth names are former names; translations, transliterations and
  // alternatives strong aliases.
  static void ReadPersonNames(const json& details, model::Entity& entity) {
    std::vector<std::pair<std::string, model::Name>> names;  // (BODS type, name)
    for (const json* value : Objects(details, "names")) {
      model::Name name{.full = Text(*value, "fullName"),
                       .given = Text(*value, "givenName"),
                       .family = Text(*value, "familyName"),
                       .patronymic = Text(*value, "patronymicName")};
      if (name.full.empty()) {
        name.full = CollapseWhitespace(name.given + " " + name.patronymic + " " + name.family);
      }
      if (name.full.empty()) continue;
      names.emplace_back(Text(*value, "type"), std::move(name));
    }
    size_t primary = names.size();
    for (size_t name_idx = 0; name_idx < names.size() && primary == names.size(); ++name_idx) {
      const std::string& type = names[name_idx].first;
      if (type.empty() || type == "legal" || type == "individual") primary = name_idx;
    }
    if (primary == names.size()) primary = 0;
    for (size_t step = 0; step < names.size(); ++step) {
      // The primary name first, then the others in document order.
      const size_t name_idx = step == 0 ? primary : (step <= primary ? step - 1 : step);
      auto& [type, name] = names[name_idx];
      if (step == 0) {
        name.kind = model::NameKind::kPrimary;
      } else if (type == "former" || type == "birth") {
        name.kind = model::NameKind::kFormerName;
      } else {
        name.kind = model::NameKind::kStrongAlias;
      }
      bool repeated = false;
      for (const model::Name& existing : entity.names) repeated |= existing.full == name.full;
      if (!repeated) entity.names.push_back(std::move(name));
    }
  }

  void FoldRelationship(const Record& record, std::vector<model::Entity>& entities) {
    const Statement& current = statements_[record.current];
    const std::string& record_id = current.record_id;
    // A closing statement may repeat only the record's identity: the parties and interests
    // are then those of the latest statement that gave them. The closure is the current's.
    const json& details = Described(record).details;

    const PartyRef subject = ReadParty(Member(details, "subject"));
    if (!subject.present) {
      report_.Report(Diagnostic::Severity::kError, current.line, record_id,
                     "the relationship has no subject; skipped");
      return;
    }
    if (subject.id.empty()) {
      report_.Report(Diagnostic::Severity::kWarning, current.line, record_id,
                     "the subject is unspecified" +
                         (subject.reason.empty() ? std::string() : " (" + subject.reason + ")") +
                         "; skipped");
      return;
    }
    const Record* subject_record = Resolve(subject.id);
    if (subject_record == nullptr || subject_record->entity < 0) {
      report_.Report(Diagnostic::Severity::kError, current.line, record_id,
                     "the subject '" + subject.id + "' is not an entity of the document; skipped");
      return;
    }

    const PartyRef party = ReadParty(Member(details, "interestedParty"));
    if (!party.present) {
      report_.Report(Diagnostic::Severity::kError, current.line, record_id,
                     "the relationship has no interestedParty; skipped");
      return;
    }
    if (party.id.empty()) {
      report_.Report(Diagnostic::Severity::kWarning, current.line, record_id,
                     "the interested party is unspecified" +
                         (party.reason.empty() ? std::string() : " (" + party.reason + ")") +
                         "; skipped");
      return;
    }
    const Record* party_record = Resolve(party.id);
    std::string target_id = party.id;
    std::string target_name;
    if (party_record == nullptr) {
      report_.Report(Diagnostic::Severity::kWarning, current.line, record_id,
                     "the interested party '" + party.id +
                         "' is not a record of the document; linked by id only");
    } else if (party_record->type == RecordType::kRelationship) {
      report_.Report(Diagnostic::Severity::kError, current.line, record_id,
                     "the interested party '" + party.id +
                         "' is a relationship, not an entity or person; skipped");
      return;
    } else if (party_record->entity < 0) {
      report_.Report(Diagnostic::Severity::kWarning, current.line, record_id,
                     "the interested party '" + party.id + "' is an " +
                         Text(Described(*party_record).details, "personType") + "; skipped");
      return;
    } else {
      target_id = RecordId(*party_record);
      target_name = entities[static_cast<size_t>(party_record->entity)].caption();
    }
    if (party_record == subject_record) {
      report_.Report(Diagnostic::Severity::kError, current.line, record_id,
                     "the subject '" + subject.id + "' is its own interested party; skipped");
      return;
    }

    model::PartialDate closed_on;
    if (current.closed) {
      closed_on = model::PartialDate::FromIso(current.date).value_or(model::PartialDate{});
      if (closed_on.empty()) {
        report_.Report(Diagnostic::Severity::kWarning, current.line, record_id,
                       "the relationship is closed but its statementDate '" + current.date +
                           "' is not a date; no end date set");
      }
    }
    const bool has_components = NonEmptyArray(details, "componentRecords") ||
                                NonEmptyArray(details, "componentStatementIDs");
    model::Entity& subject_entity = entities[static_cast<size_t>(subject_record->entity)];
    std::vector<const json*> interests = Objects(details, "interests");
    if (interests.empty()) {
      std::vector<std::string> notes = {"no interests stated"};
      if (current.closed) notes.emplace_back("closed");
      subject_entity.links.push_back({.kind = model::LinkKind::kOther,
                                      .target_id = target_id,
                                      .target_name = target_name,
                                      .note = Join(notes, ", "),
                                      .end = closed_on});
      return;
    }
    for (size_t interest_idx = 0; interest_idx < interests.size(); ++interest_idx) {
      std::optional<model::Link> link = ReadInterest(*interests[interest_idx], interest_idx + 1,
                                                     current, has_components, closed_on);
      if (!link) continue;
      link->target_id = target_id;
      link->target_name = target_name;
      subject_entity.links.push_back(std::move(*link));
    }
  }

  static bool NonEmptyArray(const json& object, const char* key) {
    const json* value = Member(object, key);
    return value != nullptr && value->is_array() && !value->empty();
  }

  // One interest as a Link without its target; nullopt after reporting why it is skipped.
  std::optional<model::Link> ReadInterest(const json& interest, size_t number,
                                          const Statement& current, bool has_components,
                                          const model::PartialDate& closed_on) {
    const std::string& record_id = current.record_id;
    const std::string at = "interest " + std::to_string(number) + ": ";
    model::Link link{.kind = model::LinkKind::kOther};
    std::vector<std::string> notes;
    const std::string written_type = Text(interest, "type");
    if (!written_type.empty()) {
      notes.push_back(written_type);
      if (const InterestRule* rule = FindInterestRule(written_type)) {
        link.kind = rule->kind;
        link.interest = std::string(rule->interest);
      } else {
        report_.Report(
            Diagnostic::Severity::kWarning, current.line, record_id,
            at + "unknown interest type '" + written_type + "'; kept as an unclassified link");
      }
    }
    if (std::string details = Text(interest, "details"); !details.empty()) {
      notes.push_back(std::move(details));
    }
    if (Text(interest, "directOrIndirect") == "indirect") {
      notes.emplace_back("indirect");
      // The chain of component relationships carries this interest already.
      if (has_components) {
        link.kind = model::LinkKind::kOther;
        link.interest.clear();
      }
    }
    link.share = ReadShare(interest, at, current, notes);

    auto date = [&](const char* key) {
      const std::string text = Text(interest, key);
      if (text.empty()) return model::PartialDate{};
      std::optional<model::PartialDate> value = model::PartialDate::FromIso(text);
      if (!value) {
        report_.Report(Diagnostic::Severity::kWarning, current.line, record_id,
                       at + key + " '" + text + "' is not an ISO date; ignored");
      }
      return value.value_or(model::PartialDate{});
    };
    link.start = date("startDate");
    link.end = date("endDate");
    if (current.closed) {
      notes.emplace_back("closed");
      if (link.end.empty()) link.end = closed_on;
    }
    if (!link.start.empty() && !link.end.empty() && StartDay(link.start) >= EndDay(link.end)) {
      report_.Report(Diagnostic::Severity::kError, current.line, record_id,
                     at + "startDate " + link.start.ToIso() + " is not before the end " +
                         link.end.ToIso() + "; interest skipped");
      return std::nullopt;
    }
    link.note = Join(notes, ", ");
    return link;
  }

  // The interest's share as a Link writes it: "30", "25-50", or "" when not stated or not
  // readable (reported). Exclusive bounds keep their number and are named in `notes`: 0.4
  // gives them as numbers (exclusiveMinimum: 25), 0.2 / 0.3 as flags on minimum and maximum
  // (exclusiveMinimum: true).
  std::string ReadShare(const json& interest, const std::string& at, const Statement& current,
                        std::vector<std::string>& notes) {
    const json* share = Member(interest, "share");
    if (share == nullptr || !share->is_object()) return "";
    bool readable = true;
    auto bound = [&](const char* key) -> std::optional<double> {
      const json* value = Member(*share, key);
      if (value == nullptr || value->is_null() || value->is_boolean()) return std::nullopt;
      std::optional<double> number = ShareNumber(*value);
      if (!number) {
        report_.Report(Diagnostic::Severity::kWarning, current.line, current.record_id,
                       at + "share." + key + " " + value->dump() +
                           " is not a percentage between 0 and 100; share read as unknown");
        readable = false;
      }
      return number;
    };
    const std::optional<double> exact = bound("exact");
    const std::optional<double> minimum = bound("minimum");
    const std::optional<double> maximum = bound("maximum");
    const std::optional<double> exclusive_minimum = bound("exclusiveMinimum");
    const std::optional<double> exclusive_maximum = bound("exclusiveMaximum");
    if (!readable) return "";
    if (exact) return FormatPercent(*exact);
    auto flag = [&](const char* key) {
      const json* value = Member(*share, key);
      return value != nullptr && value->is_boolean() && value->get<bool>();
    };
    std::optional<double> low = minimum;
    if (low ? flag("exclusiveMinimum") : exclusive_minimum.has_value()) {
      if (!low) low = exclusive_minimum;
      notes.emplace_back("exclusive minimum");
    }
    std::optional<double> high = maximum;
    if (high ? flag("exclusiveMaximum") : exclusive_maximum.has_value()) {
      if (!high) high = exclusive_maximum;
      notes.emplace_back("exclusive maximum");
    }
    if (!low && !high) return "";
    const double from = low.value_or(0);
    const double to = high.value_or(100);
    if (from > to) {
      report_.Report(Diagnostic::Severity::kWarning, current.line, current.record_id,
                     at + "the share's minimum " + FormatPercent(from) + " exceeds its maximum " +
                         FormatPercent(to) + "; share read as unknown");
      return "";
    }
    if (from == to) return FormatPercent(from);
    return FormatPercent(from) + "-" + FormatPercent(to);
  }

  std::string file_;
  Reporter report_;
  std::vector<Statement> statements_;
  std::vector<Record> records_;
  std::unordered_map<std::string, size_t> record_index_;  // record id -> records_ index
  // 0.2 / 0.3: the statementID of a replaced statement -> that of the statement replacing it.
  std::unordered_map<std::string, std::string> replaced_by_;
  bool had_values_ = false;  // any non-blank statement text was read
  bool any_object_ = false;  // any of it was a JSON object
};

}  // namespace

std::unique_ptr<ListParser> NewBodsJsonParser() { return std::make_unique<BodsJsonParser>(); }

}  // namespace cordon::ingest::internal
