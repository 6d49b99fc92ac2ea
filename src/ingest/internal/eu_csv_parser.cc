#include "ingest/internal/eu_csv_parser.h"

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "base/strings.h"
#include "ingest/csv.h"
#include "ingest/internal/decode.h"
#include "ingest/internal/eu_xml_fsf_record.h"
#include "text/encoding.h"

namespace cordon::ingest::internal {
namespace {

constexpr std::string_view kFormat = "eu-fsf-csv";

// The columns the reader uses. Both layouts name them (see kColumnNames); the per-part
// regulation columns (NameAlias_Regulation_*, Naal_leba_*, ...) and the repeated
// Entity_logical_id columns of the 1.0 layout are not read.
enum class Col : uint8_t {
  kFileDate,
  kEntityId,
  kEuReference,
  kUnId,
  kDesignationDate,
  kDesignationDetails,
  kRemark,
  kSubjectType,
  kSubjectClass,
  kRegType,
  kRegDate,
  kRegTitle,
  kRegProgramme,
  kRegUrl,
  kNameId,
  kNameLast,
  kNameFirst,
  kNameMiddle,
  kNameWhole,
  kNameLanguage,
  kNameGender,
  kNameTitle,
  kNameFunction,
  kNameRemark,
  kAddrId,
  kAddrNumber,
  kAddrStreet,
  kAddrPoBox,
  kAddrZip,
  kAddrCity,
  kAddrRegion,
  kAddrPlace,
  kAddrAsAt,
  kAddrContact,
  kAddrIso2,
  kAddrCountry,
  kAddrRemark,
  kBirthId,
  kBirthDate,
  kBirthDay,
  kBirthMonth,
  kBirthYear,
  kBirthFrom,
  kBirthTo,
  kBirthCirca,
  kBirthCalendar,
  kBirthRegion,
  kBirthPlace,
  kBirthCity,
  kBirthIso2,
  kBirthCountry,
  kBirthRemark,
  kIdId,
  kIdNumber,
  kIdDiplomatic,
  kIdKnownExpired,
  kIdKnownFalse,
  kIdReportedLost,
  kIdRevoked,
  kIdIssuedBy,
  kIdIssuedDate,
  kIdValidFrom,
  kIdValidTo,
  kIdLatinNumber,
  kIdNameOnDocument,
  kIdTypeCode,
  kIdTypeDescription,
  kIdRegion,
  kIdIso2,
  kIdCountry,
  kIdRemark,
  kCitId,
  kCitRegion,
  kCitIso2,
  kCitCountry,
  kCitRemark,
  // The regulation that added each part.
  kNameRegDate,
  kNameRegProgramme,
  kAddrRegDate,
  kAddrRegProgramme,
  kBirthRegDate,
  kBirthRegProgramme,
  kIdRegDate,
  kIdRegProgramme,
  kCitRegDate,
  kCitRegProgramme,
  kCount,
};

struct ColumnName {
  std::string_view name;  // lower case
  Col col;
};

// FSF CSV 1.1 names first, then the 2018 1.0 ("Naal_", "Addr_", ...) names.
constexpr ColumnName kColumnNames[] = {
    {"filegenerationdate", Col::kFileDate},
    {"entity_logicalid", Col::kEntityId},
    {"entity_eu_referencenumber", Col::kEuReference},
    {"entity_unitednationid", Col::kUnId},
    {"entity_designationdate", Col::kDesignationDate},
    {"entity_designationdetails", Col::kDesignationDetails},
    {"entity_remark", Col::kRemark},
    {"entity_subjecttype", Col::kSubjectType},
    {"entity_subjecttype_classificationcode", Col::kSubjectClass},
    {"entity_regulation_type", Col::kRegType},
    {"entity_regulation_publicationdate", Col::kRegDate},
    {"entity_regulation_numbertitle", Col::kRegTitle},
    {"entity_regulation_programme", Col::kRegProgramme},
    {"entity_regulation_publicationurl", Col::kRegUrl},
    {"namealias_logicalid", Col::kNameId},
    {"namealias_lastname", Col::kNameLast},
    {"namealias_firstname", Col::kNameFirst},
    {"namealias_middlename", Col::kNameMiddle},
    {"namealias_wholename", Col::kNameWhole},
    {"namealias_namelanguage", Col::kNameLanguage},
    {"namealias_gender", Col::kNameGender},
    {"namealias_title", Col::kNameTitle},
    {"namealias_function", Col::kNameFunction},
    {"namealias_remark", Col::kNameRemark},
    {"address_logicalid", Col::kAddrId},
    {"address_street", Col::kAddrStreet},
    {"address_pobox", Col::kAddrPoBox},
    {"address_zipcode", Col::kAddrZip},
    {"address_city", Col::kAddrCity},
    {"address_region", Col::kAddrRegion},
    {"address_place", Col::kAddrPlace},
    {"address_asatlistingtime", Col::kAddrAsAt},
    {"address_contactinfo", Col::kAddrContact},
    {"address_countryiso2code", Col::kAddrIso2},
    {"address_countrydescription", Col::kAddrCountry},
    {"address_remark", Col::kAddrRemark},
    {"birthdate_logicalid", Col::kBirthId},
    {"birthdate_birthdate", Col::kBirthDate},
    {"birthdate_day", Col::kBirthDay},
    {"birthdate_month", Col::kBirthMonth},
    {"birthdate_year", Col::kBirthYear},
    {"birthdate_yearrangefrom", Col::kBirthFrom},
    {"birthdate_yearrangeto", Col::kBirthTo},
    {"birthdate_circa", Col::kBirthCirca},
    {"birthdate_calendartype", Col::kBirthCalendar},
    {"birthdate_region", Col::kBirthRegion},
    {"birthdate_place", Col::kBirthPlace},
    {"birthdate_city", Col::kBirthCity},
    {"birthdate_countryiso2code", Col::kBirthIso2},
    {"birthdate_countrydescription", Col::kBirthCountry},
    {"birthdate_remark", Col::kBirthRemark},
    {"identification_logicalid", Col::kIdId},
    {"identification_number", Col::kIdNumber},
    {"identification_diplomatic", Col::kIdDiplomatic},
    {"identification_knownexpired", Col::kIdKnownExpired},
    {"identification_knownfalse", Col::kIdKnownFalse},
    {"identification_reportedlost", Col::kIdReportedLost},
    {"identification_revokedbyissuer", Col::kIdRevoked},
    {"identification_issuedby", Col::kIdIssuedBy},
    {"identification_issueddate", Col::kIdIssuedDate},
    {"identification_validfrom", Col::kIdValidFrom},
    {"identification_validto", Col::kIdValidTo},
    {"identification_latinnumber", Col::kIdLatinNumber},
    {"identification_nameondocument", Col::kIdNameOnDocument},
    {"identification_typecode", Col::kIdTypeCode},
    {"identification_typedescription", Col::kIdTypeDescription},
    {"identification_region", Col::kIdRegion},
    {"identification_countryiso2code", Col::kIdIso2},
    {"identification_countrydescription", Col::kIdCountry},
    {"identification_remark", Col::kIdRemark},
    {"citizenship_logicalid", Col::kCitId},
    {"citizenship_region", Col::kCitRegion},
    {"citizenship_countryiso2code", Col::kCitIso2},
    {"citizenship_countrydescription", Col::kCitCountry},
    {"citizenship_remark", Col::kCitRemark},
    {"namealias_regulation_publicationdate", Col::kNameRegDate},
    {"namealias_regulation_programme", Col::kNameRegProgramme},
    {"address_regulation_publicationdate", Col::kAddrRegDate},
    {"address_regulation_programme", Col::kAddrRegProgramme},
    {"birthdate_regulation_publicationdate", Col::kBirthRegDate},
    {"birthdate_regulation_programme", Col::kBirthRegProgramme},
    {"identification_regulation_publicationdate", Col::kIdRegDate},
    {"identification_regulation_programme", Col::kIdRegProgramme},
    {"citizenship_regulation_publicationdate", Col::kCitRegDate},
    {"citizenship_regulation_programme", Col::kCitRegProgramme},
    // The 2018 1.0 layout.
    {"date_file", Col::kFileDate},  // the real header says "Date_filexxxx": matched as a prefix
    {"entity_logical_id", Col::kEntityId},
    {"eu_ref_num", Col::kEuReference},
    {"subject_type", Col::kSubjectType},
    {"leba_numtitle", Col::kRegTitle},
    {"leba_publication_date", Col::kRegDate},
    {"leba_url", Col::kRegUrl},
    {"programme", Col::kRegProgramme},
    {"naal_logical_id", Col::kNameId},
    {"naal_lastname", Col::kNameLast},
    {"naal_firstname", Col::kNameFirst},
    {"naal_middlename", Col::kNameMiddle},
    {"naal_wholename", Col::kNameWhole},
    {"naal_gender", Col::kNameGender},
    {"naal_title", Col::kNameTitle},
    {"naal_function", Col::kNameFunction},
    {"naal_language", Col::kNameLanguage},
    {"addr_logical_id", Col::kAddrId},
    {"addr_number", Col::kAddrNumber},
    {"addr_street", Col::kAddrStreet},
    {"addr_zipcode", Col::kAddrZip},
    {"addr_city", Col::kAddrCity},
    {"addr_country", Col::kAddrCountry},
    {"addr_other", Col::kAddrContact},
    {"birt_logical_id", Col::kBirthId},
    {"birt_date", Col::kBirthDate},
    {"birt_place", Col::kBirthPlace},
    {"birt_country", Col::kBirthCountry},
    {"iden_logical_id", Col::kIdId},
    {"iden_number", Col::kIdNumber},
    {"iden_country", Col::kIdCountry},
    {"citi_logical_id", Col::kCitId},
    {"citi_country", Col::kCitCountry},
    {"naal_leba_publication_date", Col::kNameRegDate},
    {"naal_programme", Col::kNameRegProgramme},
    {"addr_leba_publication_date", Col::kAddrRegDate},
    {"addr_programme", Col::kAddrRegProgramme},
    {"birt_leba_publication_date", Col::kBirthRegDate},
    {"birt_programme", Col::kBirthRegProgramme},
    {"iden_leba_publication_date", Col::kIdRegDate},
    {"iden_programme", Col::kIdRegProgramme},
    {"citi_leba_publication_date", Col::kCitRegDate},
    {"citi_programme", Col::kCitRegProgramme},
};

std::optional<Col> ColumnOf(std::string_view header) {
  const std::string name = AsciiLower(StripWhitespace(header));
  if (name.starts_with("date_file")) return Col::kFileDate;
  for (const ColumnName& column : kColumnNames) {
    if (column.name == name) return column.col;
  }
  return std::nullopt;
}

// "line 12: unterminated quoted field" from the CSV reader -> "<file>:12: unterminated ...".
Status CorruptionAt(const std::string& file, const Status& status) {
  std::string_view message = status.message();
  if (message.starts_with("line ")) {
    message.remove_prefix(5);
    const size_t colon = message.find(':');
    if (colon != std::string_view::npos) {
      return CorruptionError(file + ":" + std::string(message.substr(0, colon)) +
                             std::string(message.substr(colon)));
    }
  }
  return CorruptionError(file + ": " + std::string(message));
}

// The 1.0 "Iden_number" cell: "AD001095 (passport-National passport) ((passport))", i.e. the
// number, "(code-description)" and an optional parenthesised remark.
void ParseLegacyIdentification(std::string_view text, eu_fsf::IdentificationPart& part) {
  text = StripWhitespace(text);
  for (size_t open = text.find(" ("); open != std::string_view::npos;
       open = text.find(" (", open + 1)) {
    const size_t code_start = open + 2;
    size_t code_end = code_start;
    while (code_end < text.size() && text[code_end] >= 'a' && text[code_end] <= 'z') ++code_end;
    if (code_end == code_start || code_end >= text.size() || text[code_end] != '-') continue;
    const size_t close = text.find(')', code_end);
    if (close == std::string_view::npos) break;
    part.number = std::string(StripWhitespace(text.substr(0, open)));
    part.type_code = std::string(text.substr(code_start, code_end - code_start));
    part.type_description =
        std::string(StripWhitespace(text.substr(code_end + 1, close - code_end - 1)));
    std::string_view rest = StripWhitespace(text.substr(close + 1));
    if (rest.size() >= 2 && rest.front() == '(' && rest.back() == ')') {
      rest = StripWhitespace(rest.substr(1, rest.size() - 2));
    }
    part.remark = std::string(rest);
    return;
  }
  part.number = std::string(text);
}

// Contact details as the 1.0 "Addr_other" writes them: "PHONE[042-681 20 81]", several joined
// by a literal "\n". Text outside KEY[...] is returned as leftover.
std::string ParseContacts(std::string_view text, std::vector<eu_fsf::ContactInfo>& contacts) {
  std::vector<std::string> leftover;
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t open = text.find('[', pos);
    const size_t close = open == std::string_view::npos ? open : text.find(']', open);
    if (close == std::string_view::npos) {
      leftover.emplace_back(text.substr(pos));
      break;
    }
    std::string_view key = text.substr(pos, open - pos);
    // Whatever precedes the upper-case key ("\n", spaces) is a separator or leftover text.
    size_t key_start = key.size();
    while (key_start > 0 && key[key_start - 1] >= 'A' && key[key_start - 1] <= 'Z') --key_start;
    if (key_start == key.size()) {
      leftover.emplace_back(text.substr(pos, close + 1 - pos));
    } else {
      std::string_view before = key.substr(0, key_start);
      if (before.ends_with("\\n")) before.remove_suffix(2);
      if (!StripWhitespace(before).empty()) leftover.emplace_back(before);
      contacts.push_back({std::string(key.substr(key_start)),
                          std::string(text.substr(open + 1, close - open - 1))});
    }
    pos = close + 1;
  }
  std::vector<std::string> cleaned;
  for (const std::string& part : leftover) {
    std::string value = CollapseWhitespace(part);
    if (value.starts_with("\\n")) value = CollapseWhitespace(value.substr(2));
    if (!value.empty()) cleaned.push_back(std::move(value));
  }
  return Join(cleaned, "; ");
}

constexpr int64_t kMiscountedRowsReported = 3;

struct PendingEntity {
  eu_fsf::Record record;
  std::unordered_set<std::string> seen_parts;
};

class Reader {
 public:
  Reader(const std::string& file, std::string_view source, DiagnosticSink* diagnostics)
      : file_(file), source_(source), diagnostics_(diagnostics) {
    index_.fill(-1);
  }

  // Reads the header; kCorruption when it is not an FSF CSV header.
  Status ReadHeader(const std::vector<std::string_view>& fields, int64_t line) {
    header_size_ = fields.size();
    for (size_t i = 0; i < fields.size(); ++i) {
      const std::string name = AsciiLower(StripWhitespace(fields[i]));
      if (name.starts_with("naal_")) legacy_ = true;
      std::optional<Col> col = ColumnOf(fields[i]);
      // The 1.0 header repeats Entity_logical_id in each part group: the first one is the entity's.
      if (col && index_[static_cast<size_t>(*col)] < 0) {
        index_[static_cast<size_t>(*col)] = static_cast<int>(i);
      }
    }
    if (index_[static_cast<size_t>(Col::kEntityId)] < 0) {
      return CorruptionError(file_ + ":" + std::to_string(line) +
                             ": not an EU FSF CSV: the header has no Entity_LogicalId column");
    }
    return Status();
  }

  void ReadRow(const std::vector<std::string_view>& fields, int64_t line) {
    fields_ = &fields;
    bool blank = true;
    for (std::string_view field : fields) blank &= StripWhitespace(field).empty();
    if (blank) return;
    const std::string id = Get(Col::kEntityId);
    // A file whose every row is off by one would bury the sink: the first few are reported, the
    // rest counted.
    if (fields.size() != header_size_ && ++miscounted_rows_ <= kMiscountedRowsReported) {
      Report(Diagnostic::Severity::kWarning, line, id,
             "row has " + std::to_string(fields.size()) + " fields, the header " +
                 std::to_string(header_size_) + "; missing fields read as empty");
    }
    if (id.empty()) {
      Report(Diagnostic::Severity::kError, line, "", "row without an entity logical id; skipped");
      return;
    }
    auto [it, inserted] = by_id_.emplace(id, pending_.size());
    if (inserted) {
      pending_.emplace_back();
      pending_.back().record.logical_id = id;
      pending_.back().record.line = line;
    }
    PendingEntity& entity = pending_[it->second];
    ReadEntityColumns(entity.record, line);
    ReadRegulation(entity, line);
    ReadName(entity, line);
    ReadAddress(entity, line);
    ReadBirthDate(entity, line);
    ReadIdentification(entity, line);
    ReadCitizenship(entity, line);
    for (auto [date, programme] : {std::pair(Col::kNameRegDate, Col::kNameRegProgramme),
                                   std::pair(Col::kAddrRegDate, Col::kAddrRegProgramme),
                                   std::pair(Col::kBirthRegDate, Col::kBirthRegProgramme),
                                   std::pair(Col::kIdRegDate, Col::kIdRegProgramme),
                                   std::pair(Col::kCitRegDate, Col::kCitRegProgramme)}) {
      eu_fsf::PartRegulation regulation{Get(date), Get(programme), line};
      if (regulation.publication_date.empty()) continue;
      if (FirstTime(entity, 'P', "", {regulation.publication_date, regulation.programme})) {
        entity.record.part_regulations.push_back(std::move(regulation));
      }
    }
  }

  // Emits the entities in the order of their first row.
  void Finish(const EntityCallback& on_entity) {
    if (miscounted_rows_ > kMiscountedRowsReported) {
      Report(Diagnostic::Severity::kWarning, 0, "",
             std::to_string(miscounted_rows_ - kMiscountedRowsReported) +
                 " more rows have a field count unlike the header's");
    }
    for (PendingEntity& entity : pending_) {
      eu_fsf::Record& record = entity.record;
      if (legacy_) SetAsideDamagedNames(record);
      if (!eu_fsf::HasName(record)) {
        Report(Diagnostic::Severity::kError, record.line, record.logical_id,
               "entity without a name; skipped");
        continue;
      }
      const eu_fsf::WarnFn warn = [&](int64_t line, std::string message) {
        Report(Diagnostic::Severity::kWarning, line, record.logical_id, std::move(message));
      };
      on_entity(eu_fsf::BuildEntity(record, source_, kFormat, warn));
    }
  }

  const std::string& file_date() const { return file_date_; }
  int64_t file_date_line() const { return file_date_line_; }

 private:
  void Report(Diagnostic::Severity severity, int64_t line, const std::string& record_id,
              std::string message) {
    diagnostics_->Report({severity, file_, line, record_id, std::move(message)});
  }

  std::string_view Raw(Col col) const {
    const int index = index_[static_cast<size_t>(col)];
    if (index < 0 || static_cast<size_t>(index) >= fields_->size()) return {};
    return (*fields_)[static_cast<size_t>(index)];
  }

  // A cell with whitespace collapsed. The 1.0 export wrote the list's commas as TABs ("Al-Awja\t
  // near Tikrit" for "Al-Awja, near Tikrit") and line breaks as a literal "\n": both repaired.
  std::string Get(Col col) const {
    std::string_view raw = Raw(col);
    if (!legacy_) return CollapseWhitespace(raw);
    std::string text;
    text.reserve(raw.size());
    for (size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] == '\\' && i + 1 < raw.size() && raw[i + 1] == 'n') {
        text.push_back(' ');
        ++i;
      } else if (raw[i] == '\t') {
        text += ", ";
      } else {
        text.push_back(raw[i]);
      }
    }
    text = CollapseWhitespace(text);
    for (size_t pos = text.find(" ,"); pos != std::string::npos; pos = text.find(" ,", pos)) {
      text.erase(pos, 1);
    }
    while (!text.empty() && (text.back() == ',' || text.back() == ' ')) text.pop_back();
    while (!text.empty() && (text.front() == ',' || text.front() == ' ')) text.erase(0, 1);
    return text;
  }

  bool Any(std::initializer_list<Col> cols) const {
    for (Col col : cols) {
      if (!StripWhitespace(Raw(col)).empty()) return true;
    }
    return false;
  }

  // True the first time a part with this key is seen for the entity. Parts are keyed by their
  // logical id when the file gives one, else by their content.
  static bool FirstTime(PendingEntity& entity, char group, const std::string& id,
                        std::initializer_list<std::string_view> content) {
    std::string key(1, group);
    if (!id.empty()) {
      key += "#" + id;
    } else {
      for (std::string_view value : content) {
        key += '\x1f';
        key += value;
      }
    }
    return entity.seen_parts.insert(std::move(key)).second;
  }

  void ReadEntityColumns(eu_fsf::Record& record, int64_t line) {
    auto fill = [&](std::string& target, Col col) {
      if (target.empty()) target = Get(col);
    };
    if (file_date_.empty()) {
      file_date_ = Get(Col::kFileDate);
      if (!file_date_.empty()) file_date_line_ = line;
    }
    fill(record.eu_reference, Col::kEuReference);
    fill(record.un_id, Col::kUnId);
    fill(record.designation_date, Col::kDesignationDate);
    fill(record.designation_details, Col::kDesignationDetails);
    fill(record.subject_type, Col::kSubjectType);
    fill(record.subject_type, Col::kSubjectClass);
    AddUnique(record.remarks, Get(Col::kRemark));
  }

  void ReadRegulation(PendingEntity& entity, int64_t line) {
    if (!Any({Col::kRegTitle, Col::kRegDate, Col::kRegProgramme, Col::kRegUrl})) return;
    eu_fsf::Regulation regulation;
    regulation.type = Get(Col::kRegType);
    regulation.publication_date = Get(Col::kRegDate);
    regulation.number_title = Get(Col::kRegTitle);
    regulation.programme = Get(Col::kRegProgramme);
    regulation.url = Get(Col::kRegUrl);
    regulation.line = line;
    if (FirstTime(entity, 'R', "",
                  {regulation.number_title, regulation.publication_date, regulation.programme,
                   regulation.url})) {
      entity.record.regulations.push_back(std::move(regulation));
    }
  }

  void ReadName(PendingEntity& entity, int64_t line) {
    if (!Any({Col::kNameWhole, Col::kNameFirst, Col::kNameMiddle, Col::kNameLast})) return;
    eu_fsf::NameAlias alias;
    alias.first = Get(Col::kNameFirst);
    alias.middle = Get(Col::kNameMiddle);
    alias.last = Get(Col::kNameLast);
    alias.whole = Get(Col::kNameWhole);
    alias.function = Get(Col::kNameFunction);
    alias.gender = Get(Col::kNameGender);
    alias.title = Get(Col::kNameTitle);
    alias.language = Get(Col::kNameLanguage);
    alias.remark = Get(Col::kNameRemark);
    alias.line = line;
    if (FirstTime(
            entity, 'N', Get(Col::kNameId),
            {alias.whole, alias.first, alias.middle, alias.last, alias.language, alias.function})) {
      entity.record.names.push_back(std::move(alias));
    }
  }

  void ReadAddress(PendingEntity& entity, int64_t line) {
    if (!Any({Col::kAddrNumber, Col::kAddrStreet, Col::kAddrPoBox, Col::kAddrZip, Col::kAddrCity,
              Col::kAddrRegion, Col::kAddrPlace, Col::kAddrContact, Col::kAddrIso2,
              Col::kAddrCountry, Col::kAddrRemark})) {
      return;
    }
    eu_fsf::AddressPart part;
    part.street = eu_fsf::JoinNonEmpty({Get(Col::kAddrNumber), Get(Col::kAddrStreet)}, " ");
    part.po_box = Get(Col::kAddrPoBox);
    part.zip_code = Get(Col::kAddrZip);
    part.city = Get(Col::kAddrCity);
    part.region = Get(Col::kAddrRegion);
    part.place = Get(Col::kAddrPlace);
    part.as_at_listing_time = eu_fsf::IsTrue(Get(Col::kAddrAsAt));
    part.country_iso2 = Get(Col::kAddrIso2);
    part.country_description = Get(Col::kAddrCountry);
    std::vector<std::string> remarks;
    AddUnique(remarks, Get(Col::kAddrRemark));
    if (std::string_view contact = Raw(Col::kAddrContact); !contact.empty()) {
      std::string value(contact);
      if (legacy_) std::replace(value.begin(), value.end(), '\t', ',');
      AddUnique(remarks, ParseContacts(value, part.contacts));
    }
    part.remark = Join(remarks, "; ");
    part.line = line;
    std::string contacts;
    for (const eu_fsf::ContactInfo& contact : part.contacts) {
      contacts += contact.key + "[" + contact.value + "]";
    }
    if (FirstTime(entity, 'A', Get(Col::kAddrId),
                  {part.street, part.po_box, part.zip_code, part.city, part.region, part.place,
                   part.country_iso2, part.country_description, part.remark, contacts})) {
      entity.record.addresses.push_back(std::move(part));
    }
  }

  void ReadBirthDate(PendingEntity& entity, int64_t line) {
    if (!Any({Col::kBirthDate, Col::kBirthDay, Col::kBirthMonth, Col::kBirthYear, Col::kBirthFrom,
              Col::kBirthTo, Col::kBirthRegion, Col::kBirthPlace, Col::kBirthCity, Col::kBirthIso2,
              Col::kBirthCountry, Col::kBirthRemark})) {
      return;
    }
    eu_fsf::BirthDatePart part;
    part.date = Get(Col::kBirthDate);
    part.day = Get(Col::kBirthDay);
    part.month = Get(Col::kBirthMonth);
    part.year = Get(Col::kBirthYear);
    part.year_from = Get(Col::kBirthFrom);
    part.year_to = Get(Col::kBirthTo);
    part.circa = eu_fsf::IsTrue(Get(Col::kBirthCirca));
    part.calendar = Get(Col::kBirthCalendar);
    part.region = Get(Col::kBirthRegion);
    part.place = Get(Col::kBirthPlace);
    if (part.place == "-") part.place.clear();  // the 1.0 file's "no place"
    part.city = Get(Col::kBirthCity);
    part.country_iso2 = Get(Col::kBirthIso2);
    part.country_description = Get(Col::kBirthCountry);
    part.remark = Get(Col::kBirthRemark);
    part.line = line;
    if (FirstTime(
            entity, 'B', Get(Col::kBirthId),
            {part.date, part.day, part.month, part.year, part.year_from, part.year_to, part.place,
             part.city, part.region, part.country_iso2, part.country_description})) {
      entity.record.birth_dates.push_back(std::move(part));
    }
  }

  void ReadIdentification(PendingEntity& entity, int64_t line) {
    if (!Any({Col::kIdNumber, Col::kIdLatinNumber, Col::kIdTypeCode, Col::kIdTypeDescription})) {
      return;
    }
    eu_fsf::IdentificationPart part;
    if (index_[static_cast<size_t>(Col::kIdTypeCode)] < 0) {
      ParseLegacyIdentification(Get(Col::kIdNumber), part);
    } else {
      part.number = Get(Col::kIdNumber);
      part.type_code = Get(Col::kIdTypeCode);
      part.type_description = Get(Col::kIdTypeDescription);
      part.remark = Get(Col::kIdRemark);
    }
    part.latin_number = Get(Col::kIdLatinNumber);
    part.country_iso2 = Get(Col::kIdIso2);
    part.country_description = Get(Col::kIdCountry);
    part.region = Get(Col::kIdRegion);
    part.issued_by = Get(Col::kIdIssuedBy);
    part.issue_date = Get(Col::kIdIssuedDate);
    part.valid_from = Get(Col::kIdValidFrom);
    part.valid_to = Get(Col::kIdValidTo);
    part.name_on_document = Get(Col::kIdNameOnDocument);
    part.diplomatic = eu_fsf::IsTrue(Get(Col::kIdDiplomatic));
    part.known_expired = eu_fsf::IsTrue(Get(Col::kIdKnownExpired));
    part.known_false = eu_fsf::IsTrue(Get(Col::kIdKnownFalse));
    part.reported_lost = eu_fsf::IsTrue(Get(Col::kIdReportedLost));
    part.revoked_by_issuer = eu_fsf::IsTrue(Get(Col::kIdRevoked));
    part.line = line;
    if (FirstTime(entity, 'I', Get(Col::kIdId),
                  {part.number, part.type_code, part.country_iso2, part.country_description})) {
      entity.record.identifications.push_back(std::move(part));
    }
  }

  void ReadCitizenship(PendingEntity& entity, int64_t line) {
    if (!Any({Col::kCitIso2, Col::kCitCountry, Col::kCitRegion, Col::kCitRemark})) return;
    eu_fsf::CitizenshipPart part;
    part.country_iso2 = Get(Col::kCitIso2);
    part.country_description = Get(Col::kCitCountry);
    part.region = Get(Col::kCitRegion);
    part.remark = Get(Col::kCitRemark);
    part.line = line;
    if (FirstTime(entity, 'C', Get(Col::kCitId),
                  {part.country_iso2, part.country_description, part.region})) {
      entity.record.citizenships.push_back(std::move(part));
    }
  }

  // The 1.0 file is a Windows-1252 export of a list written in all EU languages: letters the
  // code page lacks (Greek, Cyrillic, most Central European ones) became '?'. Such a name is
  // not the name the list gives, so it is set aside, unless it is the only one.
  void SetAsideDamagedNames(eu_fsf::Record& record) {
    auto damaged = [](const eu_fsf::NameAlias& alias) {
      for (const std::string* part : {&alias.whole, &alias.first, &alias.middle, &alias.last}) {
        if (part->find('?') != std::string::npos) return true;
      }
      return false;
    };
    std::vector<eu_fsf::NameAlias> kept;
    std::vector<const eu_fsf::NameAlias*> dropped;
    for (const eu_fsf::NameAlias& alias : record.names) {
      if (damaged(alias)) {
        dropped.push_back(&alias);
      } else {
        kept.push_back(alias);
      }
    }
    if (dropped.empty() || kept.empty()) return;
    Report(
        Diagnostic::Severity::kWarning, dropped.front()->line, record.logical_id,
        std::to_string(dropped.size()) +
            " name(s) lost letters to '?' in the Windows-1252 export and were set aside (first: '" +
            dropped.front()->whole + "')");
    record.names = std::move(kept);
  }

  const std::string& file_;
  std::string_view source_;
  DiagnosticSink* diagnostics_;
  std::array<int, static_cast<size_t>(Col::kCount)> index_{};
  size_t header_size_ = 0;
  bool legacy_ = false;
  const std::vector<std::string_view>* fields_ = nullptr;
  std::string file_date_;
  int64_t file_date_line_ = 0;
  std::vector<PendingEntity> pending_;
  std::unordered_map<std::string, size_t> by_id_;
  int64_t miscounted_rows_ = 0;
};

// A 1.0 line is one quoted field holding the `;`-separated row, padded with TABs.
std::string_view UnwrapLine(std::string_view field) {
  while (!field.empty() && (field.back() == '\t' || field.back() == ' ')) field.remove_suffix(1);
  return field;
}

class EuCsvParser final : public ListParser {
 public:
  std::string_view format() const override { return kFormat; }

  Result<ListMetadata> Parse(const Document& document, std::string_view source,
                             const EntityCallback& on_entity,
                             DiagnosticSink* diagnostics) override {
    const std::string& file = document.main.name;
    // FSF CSV 1.1 is UTF-8 with a byte-order mark; the 2018 1.0 file is Windows-1252.
    const bool has_bom = document.main.bytes.starts_with("\xEF\xBB\xBF");
    ASSIGN_OR_RETURN(
        const Utf8Text input,
        DecodeUtf8Text(document.main, has_bom ? NotUtf8::kRepairWithWarning : NotUtf8::kWindows1252,
                       diagnostics));
    const std::string_view bytes = input.text();
    if (StripWhitespace(bytes).empty()) return CorruptionError(file + ":1: empty document");

    CsvReader reader(bytes, {.delimiter = ';'});
    CsvRecord record;
    if (!reader.Next(&record)) {
      if (!reader.status().ok()) return CorruptionAt(file, reader.status());
      return CorruptionError(file + ":1: empty document");
    }
    // The 1.0 layout wraps each line in quotes: the header then reads as one field.
    const bool wrapped =
        record.fields.size() == 1 && record.fields[0].find(';') != std::string_view::npos;
    Reader rows(file, source, diagnostics);
    CsvRecord inner;
    // Reads the row wrapped in `outer` into `inner`; the reason when it cannot.
    auto unwrap = [&](const CsvRecord& outer) -> std::optional<std::string> {
      inner.fields.clear();
      if (outer.fields.size() != 1) return "expected the whole line in one quoted field";
      CsvReader inner_reader(UnwrapLine(outer.fields[0]), {.delimiter = ';'});
      if (!inner_reader.Next(&inner) && !inner_reader.status().ok()) {
        return "unterminated quoted field inside the line";
      }
      return std::nullopt;
    };
    if (wrapped) {
      if (std::optional<std::string> error = unwrap(record)) {
        return CorruptionError(file + ":" + std::to_string(record.line) +
                               ": unreadable header: " + *error);
      }
      RETURN_IF_ERROR(rows.ReadHeader(inner.fields, record.line));
    } else {
      RETURN_IF_ERROR(rows.ReadHeader(record.fields, record.line));
    }
    while (reader.Next(&record)) {
      if (!wrapped) {
        rows.ReadRow(record.fields, record.line);
        continue;
      }
      if (std::optional<std::string> error = unwrap(record)) {
        diagnostics->Report({Diagnostic::Severity::kError, file, record.line, "",
                             "unreadable row (" + *error + "); skipped"});
        continue;
      }
      rows.ReadRow(inner.fields, record.line);
    }
    if (!reader.status().ok()) return CorruptionAt(file, reader.status());

    ListMetadata metadata;
    if (!rows.file_date().empty()) {
      if (std::optional<model::PartialDate> date = eu_fsf::ParseDate(rows.file_date())) {
        metadata.published = date->ToIso();
      } else {
        diagnostics->Report({Diagnostic::Severity::kWarning, file, rows.file_date_line(), "",
                             "cannot read the file date '" + rows.file_date() + "'"});
      }
    }
    rows.Finish(on_entity);
    return metadata;
  }
};

}  // namespace

std::unique_ptr<ListParser> NewEuCsvParser() { return std::make_unique<EuCsvParser>(); }

}  // namespace cordon::ingest::internal
