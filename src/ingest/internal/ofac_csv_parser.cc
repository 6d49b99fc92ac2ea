#include "ingest/internal/ofac_csv_parser.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <deque>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "base/strings.h"
#include "ingest/csv.h"
#include "ingest/internal/decode.h"
#include "ingest/internal/ofac_csv_remarks.h"
#include "text/encoding.h"

namespace cordon::ingest::internal {
namespace {

using model::CountryRole;
using model::Entity;
using model::NameKind;
using model::Schema;

constexpr std::string_view kFormat = "ofac-legacy-csv";

// Main file columns (sdn.csv, cons_prim.csv).
enum MainColumn : size_t {
  kEntNum,
  kSdnName,
  kSdnType,
  kProgram,
  kTitle,
  kCallSign,
  kVessType,
  kTonnage,
  kGrt,
  kVessFlag,
  kVessOwner,
  kRemarks,
  kMainColumns,
};

// OFAC cuts Remarks at this many characters; the rest goes to the comments file.
constexpr size_t kRemarksCut = 1000;

// Companion files: their role in Document::companions and their columns. Column 0 is always
// ent_num.
constexpr std::string_view kAddRole = "add";  // ent_num, add_num, address, city, country, rem
constexpr size_t kAddColumns = 6;
constexpr std::string_view kAltRole = "alt";  // ent_num, alt_num, alt_type, alt_name, rem
constexpr size_t kAltColumns = 5;
constexpr std::string_view kCommentsRole = "comments";  // ent_num, remarks continuation
constexpr size_t kCommentsColumns = 2;

// Words in an entity's name that mark a company (legal forms, with dots removed: "S.A." is
// "SA"), and words that mark a non-commercial organisation. See EntitySchema.
constexpr auto kCompanyWords = std::to_array<std::string_view>(
    {"LTD",          "LIMITED",     "LLC",         "LLP",      "LP",      "INC",
     "INCORPORATED", "CORP",        "CORPORATION", "CO",       "COMPANY", "GMBH",
     "AG",           "KG",          "SA",          "SAS",      "SARL",    "SRL",
     "SRO",          "SPA",         "SAC",         "SAPI",     "SL",      "CA",
     "BV",           "NV",          "PLC",         "JSC",      "PJSC",    "OJSC",
     "CJSC",         "OAO",         "ZAO",         "OOO",      "AO",      "PAO",
     "TOO",          "FZE",         "FZCO",        "FZC",      "DMCC",    "PTE",
     "PVT",          "BHD",         "SDN",         "LTDA",     "CIA",     "DOO",
     "EOOD",         "OOD",         "KFT",         "EIRL",     "HOLDING", "HOLDINGS",
     "TRADING",      "BANK",        "SHIPPING",    "AIRLINES", "AIRWAYS", "INDUSTRIES",
     "ENTERPRISE",   "ENTERPRISES", "BANCO",       "BANQUE"});
constexpr auto kCompanyPhrases =
    std::to_array<std::string_view>({"JOINT STOCK", "LIMITED LIABILITY", "DE CV"});
constexpr auto kOrganizationWords = std::to_array<std::string_view>(
    {"MINISTRY",   "GOVERNMENT",  "COMMITTEE", "PARTY",      "ARMY",       "BRIGADE",
     "BRIGADES",   "FRONT",       "MOVEMENT",  "MILITIA",    "FOUNDATION", "CHARITY",
     "CHARITABLE", "ASSOCIATION", "SOCIETY",   "UNIVERSITY", "INSTITUTE",  "ACADEMY",
     "COUNCIL",    "DIRECTORATE", "CORPS",     "COMMAND",    "AGENCY",     "SERVICE"});

// A field's value: trimmed, "" for OFAC's empty marker "-0-".
std::string_view Value(std::string_view field) {
  field = StripWhitespace(field);
  return field == "-0-" ? std::string_view() : field;
}

// " WORD WORD " from a name: upper case, dots dropped ("S.A." -> "SA"), other punctuation as
// spaces, so that " SA " finds the legal form as a whole word.
std::string NameWords(std::string_view name) {
  std::string words = " ";
  for (char c : name) {
    if (c == '.') continue;
    const unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) {
      words.push_back(static_cast<char>(std::toupper(u)));
    } else if (words.back() != ' ') {
      words.push_back(' ');
    }
  }
  if (words.back() != ' ') words.push_back(' ');
  return words;
}

// True when one of `table` is a whole word of `words` (as made by NameWords).
bool HasWord(std::string_view words, std::span<const std::string_view> table) {
  for (std::string_view word : table) {
    for (size_t at = words.find(word); at != std::string_view::npos;
         at = words.find(word, at + 1)) {
      // `words` starts and ends with a space and `word` with letters, so both neighbours exist.
      if (words[at - 1] == ' ' && words[at + word.size()] == ' ') return true;
    }
  }
  return false;
}

// The schema of an SDN_Type "-0-" record, by the first rule that applies:
//  1. a "Target Type" clause (Private/Public Company, State-Owned Enterprise, Financial
//     Institution -> Company; Government Entity, Criminal Organization, Charity ... ->
//     Organization);
//  2. a company legal form or commercial word in the name (LTD, LLC, S.A., OOO, JOINT STOCK,
//     BANK, TRADING, ...) -> Company;
//  3. a word of a non-commercial body in the name (MINISTRY, PARTY, FRONT, FOUNDATION, ...) ->
//     Organization;
//  4. a company register number, LEI, SWIFT/BIC, ISIN or "Organization Type:" -> Company;
//  5. otherwise Organization.
Schema EntitySchema(std::string_view name, const OfacRemarks& remarks) {
  if (remarks.target_type_schema) return *remarks.target_type_schema;
  const std::string words = NameWords(name);
  if (HasWord(words, kCompanyWords) || HasWord(words, kCompanyPhrases)) return Schema::kCompany;
  if (HasWord(words, kOrganizationWords)) return Schema::kOrganization;
  if (remarks.commercial_evidence) return Schema::kCompany;
  return Schema::kOrganization;
}

// One row of a file, its fields as views into the (decoded) document.
template <size_t N>
struct Row {
  int64_t line = 0;
  int64_t ent_num = 0;
  std::array<std::string_view, N> field;
};

class Run {
 public:
  Run(const Document& document, std::string_view source, DiagnosticSink* diagnostics)
      : document_(document), source_(source), diagnostics_(diagnostics) {}

  Result<ListMetadata> Parse(const EntityCallback& on_entity) {
    RETURN_IF_ERROR(ReadCompanions());
    RETURN_IF_ERROR(ReadMain());
    IndexNames();
    for (const Row<kMainColumns>& row : main_rows_) on_entity(BuildEntity(row));
    ReportOrphans(kAddRole, add_rows_);
    ReportOrphans(kAltRole, alt_rows_);
    ReportOrphans(kCommentsRole, comment_rows_);
    return ListMetadata{};  // the legacy CSV files carry no list date
  }

 private:
  // ---- Reading the files ----

  // The file's text as UTF-8: OFAC's files are ASCII; anything else is read as Windows-1252,
  // the encoding of OFAC's older downloads.
  Result<std::string_view> Decode(const InputFile& file) {
    ASSIGN_OR_RETURN(Utf8Text text, DecodeUtf8Text(file, NotUtf8::kWindows1252, diagnostics_));
    if (!text.converted()) return text.text();
    decoded_.push_back(std::move(text));
    return decoded_.back().text();
  }

  // Reads every row of `file` that has `N` columns and a numeric ent_num into `rows`. Row
  // defects are reported as errors, but only once one good row has shown that the file is of
  // this format; a file with no good row at all is kCorruption.
  template <size_t N>
  Status ReadRows(const InputFile& file, std::string_view what, std::vector<Row<N>>& rows) {
    ASSIGN_OR_RETURN(std::string_view text, Decode(file));
    CsvReader reader(text);
    CsvRecord record;
    std::vector<Diagnostic> pending;  // row defects seen before the first good row
    size_t good = 0;
    int64_t first_line = 0;
    auto report = [&](Diagnostic d) {
      if (good > 0) {
        diagnostics_->Report(std::move(d));
      } else {
        pending.push_back(std::move(d));
      }
    };
    while (reader.Next(&record)) {
      if (first_line == 0) first_line = record.line;
      std::string_view id = record.fields.empty() ? std::string_view() : Value(record.fields[0]);
      std::optional<int64_t> ent_num = ParseInt(id);
      if (record.fields.size() != N) {
        report({Diagnostic::Severity::kError, file.name, record.line,
                ent_num ? std::string(id) : std::string(),
                "expected " + std::to_string(N) + " fields in " + std::string(what) +
                    " row, found " + std::to_string(record.fields.size()) + "; row skipped"});
        continue;
      }
      if (!ent_num || *ent_num <= 0) {
        report({Diagnostic::Severity::kError, file.name, record.line, "",
                "ent_num '" + std::string(id) + "' is not a positive number; row skipped"});
        continue;
      }
      Row<N> row;
      row.line = record.line;
      row.ent_num = *ent_num;
      for (size_t col = 0; col < N; ++col) row.field[col] = Own(text, record.fields[col]);
      rows.push_back(row);
      if (++good == 1) {
        for (Diagnostic& d : pending) diagnostics_->Report(std::move(d));
        pending.clear();
      }
    }
    if (!reader.status().ok()) {
      return CorruptionError(file.name + ":" + std::to_string(record.line) +
                             ": unterminated quoted field (the file is cut short or is not CSV)");
    }
    if (first_line != 0 && good == 0) {
      return CorruptionError(file.name + ":" + std::to_string(first_line) + ": not an OFAC " +
                             std::string(what) + " file (no row of " + std::to_string(N) +
                             " fields starting with a numeric ent_num)");
    }
    return Status::Ok();
  }

  // `field` as a view that outlives the CSV record: fields with doubled quotes live in the
  // record's storage and are copied.
  std::string_view Own(std::string_view text, std::string_view field) {
    if (field.empty()) return {};
    const auto begin = reinterpret_cast<uintptr_t>(text.data());
    const auto at = reinterpret_cast<uintptr_t>(field.data());
    if (at >= begin && at + field.size() <= begin + text.size()) return field;
    owned_.emplace_back(field);
    return owned_.back();
  }

  Status ReadCompanions() {
    RETURN_IF_ERROR(ReadCompanion(kAddRole, "add (address)", add_rows_, add_by_ent_));
    RETURN_IF_ERROR(ReadCompanion(kAltRole, "alt (alias)", alt_rows_, alt_by_ent_));
    RETURN_IF_ERROR(ReadCompanion(kCommentsRole, "comments", comment_rows_, comments_by_ent_));
    return Status::Ok();
  }

  // Reads the companion with `role`, if the document has one, and indexes its rows by ent_num.
  template <size_t N>
  Status ReadCompanion(std::string_view role, std::string_view what, std::vector<Row<N>>& rows,
                       std::unordered_map<int64_t, std::vector<size_t>>& by_ent) {
    const InputFile* file = document_.Companion(role);
    if (file == nullptr) return Status::Ok();
    RETURN_IF_ERROR(ReadRows(*file, what, rows));
    Index(rows, by_ent);
    return Status::Ok();
  }

  template <size_t N>
  static void Index(const std::vector<Row<N>>& rows,
                    std::unordered_map<int64_t, std::vector<size_t>>& by_ent) {
    for (size_t row_idx = 0; row_idx < rows.size(); ++row_idx) {
      by_ent[rows[row_idx].ent_num].push_back(row_idx);
    }
  }

  Status ReadMain() {
    const InputFile& file = document_.main;
    std::string_view body = text::StripUtf8Bom(file.bytes);
    if (body.find_first_not_of(" \t\r\n\x1A") == std::string_view::npos) {
      return CorruptionError(file.name + ":1: empty file");
    }
    std::vector<Row<kMainColumns>> rows;
    RETURN_IF_ERROR(ReadRows(file, "main (sdn.csv)", rows));
    main_rows_.reserve(rows.size());
    for (Row<kMainColumns>& row : rows) {
      const std::string id = std::to_string(row.ent_num);
      if (!main_ids_.insert(row.ent_num).second) {
        Report(Diagnostic::Severity::kError, file.name, row.line, id,
               "ent_num repeats an earlier record; row skipped");
        continue;
      }
      if (Value(row.field[kSdnName]).empty()) {
        Report(Diagnostic::Severity::kError, file.name, row.line, id, "no SDN_Name; row skipped");
        main_ids_.erase(row.ent_num);
        continue;
      }
      main_rows_.push_back(row);
    }
    return Status::Ok();
  }

  // Primary names, upper case, to ent_num, so that "Linked To: NAME" and vessel owners can name
  // their target's record. Names held by two records are left out: they do not identify one.
  void IndexNames() {
    std::unordered_set<std::string> ambiguous;
    for (const Row<kMainColumns>& row : main_rows_) {
      std::string key = AsciiUpper(CollapseWhitespace(Value(row.field[kSdnName])));
      if (ambiguous.count(key) > 0) continue;
      auto [it, inserted] = ent_by_name_.emplace(key, row.ent_num);
      if (!inserted) {
        ent_by_name_.erase(it);
        ambiguous.insert(std::move(key));
      }
    }
  }

  // ---- Building an entity ----

  Entity BuildEntity(const Row<kMainColumns>& row) {
    const std::string id = std::to_string(row.ent_num);
    const std::string& file = document_.main.name;
    Entity entity;
    SetProvenance(entity, source_, id, kFormat);

    const std::string type = AsciiLower(Value(row.field[kSdnType]));
    const bool person = type == "individual";
    if (person) {
      entity.schema = Schema::kPerson;
    } else if (type == "vessel") {
      entity.schema = Schema::kVessel;
    } else if (type == "aircraft") {
      entity.schema = Schema::kAircraft;
    } else if (!type.empty()) {
      Report(
          Diagnostic::Severity::kWarning, file, row.line, id,
          "unknown SDN_Type '" + std::string(Value(row.field[kSdnType])) + "'; read as an entity");
    }
    const bool is_entity = !person && type != "vessel" && type != "aircraft";

    const std::string_view name = Value(row.field[kSdnName]);
    entity.names.push_back(OfacName(name, NameKind::kPrimary, person));
    AddAliases(row.ent_num, person, entity);

    if (std::string_view title = Value(row.field[kTitle]); !title.empty()) {
      entity.titles.push_back(CollapseWhitespace(title));
    }
    AddVesselParticulars(row, entity);
    AddAddresses(row.ent_num, entity);

    // Remarks, continued by the comments rows of the same ent_num (cut mid-word: no separator).
    std::string remarks =
        Value(row.field[kRemarks]).empty() ? std::string() : std::string(row.field[kRemarks]);
    bool continued = false;
    if (auto it = comments_by_ent_.find(row.ent_num); it != comments_by_ent_.end()) {
      for (size_t row_idx : it->second) {
        std::string_view more = comment_rows_[row_idx].field[1];
        if (Value(more).empty()) continue;
        remarks += more;
        continued = true;
      }
    }
    const OfacRemarksOptions options{
        .person = person,
        .last_clause_may_be_cut = !continued && row.field[kRemarks].size() >= kRemarksCut};
    const OfacRemarks facts = ApplyOfacRemarks(remarks, options, entity);
    if (is_entity) entity.schema = EntitySchema(name, facts);

    AddSanctions(Value(row.field[kProgram]), facts, entity);
    ResolveLinks(row.ent_num, entity);
    return entity;
  }

  void AddAliases(int64_t ent_num, bool person, Entity& entity) {
    auto it = alt_by_ent_.find(ent_num);
    if (it == alt_by_ent_.end()) return;
    const std::string id = std::to_string(ent_num);
    const InputFile& file = *document_.Companion(kAltRole);
    for (size_t row_idx : it->second) {
      const Row<kAltColumns>& alt = alt_rows_[row_idx];
      const std::string_view alt_type = Value(alt.field[2]);
      const std::string_view alt_name = Value(alt.field[3]);
      if (alt_name.empty()) {
        Report(Diagnostic::Severity::kWarning, file.name, alt.line, id,
               "alias row without alt_name; ignored");
        continue;
      }
      NameKind kind = NameKind::kStrongAlias;  // "aka", and "nka" (now known as)
      if (EqualsIgnoreCase(alt_type, "fka")) {
        kind = NameKind::kFormerName;
      } else if (!EqualsIgnoreCase(alt_type, "aka") && !EqualsIgnoreCase(alt_type, "nka")) {
        Report(Diagnostic::Severity::kWarning, file.name, alt.line, id,
               "unknown alt_type '" + std::string(alt_type) + "'; read as a.k.a.");
      }
      model::AddName(entity, OfacName(alt_name, kind, person));
      if (std::string_view note = Value(alt.field[4]); !note.empty()) {
        if (!entity.remarks.empty()) entity.remarks += "; ";
        entity.remarks += "alias '" + CollapseWhitespace(alt_name) + "': " + std::string(note);
      }
    }
  }

  void AddVesselParticulars(const Row<kMainColumns>& row, Entity& entity) {
    if (std::string_view call_sign = Value(row.field[kCallSign]); !call_sign.empty()) {
      entity.identifiers.push_back({.type = model::IdentifierType::kCallSign,
                                    .value = std::string(call_sign),
                                    .label = "Call Sign"});
    }
    if (std::string_view v = Value(row.field[kVessType]); !v.empty()) {
      entity.properties.emplace_back("type", std::string(v));
    }
    if (std::string_view v = Value(row.field[kTonnage]); !v.empty()) {
      entity.properties.emplace_back("tonnage", std::string(v));
    }
    if (std::string_view v = Value(row.field[kGrt]); !v.empty()) {
      entity.properties.emplace_back("grossRegisteredTonnage", std::string(v));
    }
    AddOfacCountry(entity, Value(row.field[kVessFlag]), CountryRole::kFlag);
    if (std::string_view owner = Value(row.field[kVessOwner]); !owner.empty()) {
      entity.links.push_back({.kind = model::LinkKind::kOwnedBy,
                              .target_name = CollapseWhitespace(owner),
                              .note = "Vessel Owner"});
    }
  }

  void AddAddresses(int64_t ent_num, Entity& entity) {
    auto it = add_by_ent_.find(ent_num);
    if (it == add_by_ent_.end()) return;
    for (size_t row_idx : it->second) {
      const Row<kAddColumns>& add = add_rows_[row_idx];
      model::Address address;
      address.street = CollapseWhitespace(Value(add.field[2]));
      address.city = CollapseWhitespace(Value(add.field[3]));
      address.country_text = CollapseWhitespace(Value(add.field[4]));
      address.note = CollapseWhitespace(Value(add.field[5]));
      address.country_code = OfacCountryCode(address.country_text);
      std::vector<std::string> parts;
      for (const std::string* part : {&address.street, &address.city, &address.country_text}) {
        if (!part->empty()) parts.push_back(*part);
      }
      address.full = Join(parts, ", ");
      if (address.full.empty() && address.note.empty()) continue;  // "-0-" everywhere
      AddOfacCountry(entity, address.country_text, CountryRole::kAddressCountry);
      if (std::find(entity.addresses.begin(), entity.addresses.end(), address) ==
          entity.addresses.end()) {
        entity.addresses.push_back(std::move(address));
      }
    }
  }

  // One sanction per programme: "RUSSIA-EO14024] [UKRAINE-EO13662" holds two.
  void AddSanctions(std::string_view programs, const OfacRemarks& facts, Entity& entity) {
    model::Sanction sanction;
    sanction.regime = model::Regime::kUs;
    sanction.authority = "OFAC";
    sanction.list = source_ == "us_ofac_sdn" ? "SDN" : "Consolidated";
    sanction.reason = Join(facts.sanction_notes, "; ");
    for (std::string_view program : SplitOn(programs, "] [")) {
      program = StripWhitespace(program);
      while (!program.empty() && (program.front() == '[' || program.front() == ' ')) {
        program.remove_prefix(1);
      }
      while (!program.empty() && (program.back() == ']' || program.back() == ' ')) {
        program.remove_suffix(1);
      }
      if (program.empty()) continue;
      sanction.program = std::string(program);
      if (std::find(entity.sanctions.begin(), entity.sanctions.end(), sanction) ==
          entity.sanctions.end()) {
        entity.sanctions.push_back(sanction);
      }
    }
    if (entity.sanctions.empty()) entity.sanctions.push_back(std::move(sanction));
  }

  // Names the record each link points to, when a primary name matches. A final '.' is
  // ambiguous in remarks ("Linked To: EVIL CORP." names "EVIL CORP"; "Linked To: X CO., LTD."
  // names "X CO., LTD."), so the other spelling is tried too and, when it matches, kept.
  void ResolveLinks(int64_t ent_num, Entity& entity) {
    for (model::Link& link : entity.links) {
      const std::string& name = link.target_name;
      const std::string other = name.ends_with('.') ? name.substr(0, name.size() - 1) : name + ".";
      for (const std::string* candidate : std::array{&name, &other}) {
        auto it = ent_by_name_.find(AsciiUpper(*candidate));
        if (it == ent_by_name_.end() || it->second == ent_num) continue;
        link.target_id = std::to_string(it->second);
        if (candidate == &other) link.target_name = other;
        break;
      }
    }
  }

  // ---- Diagnostics ----

  template <size_t N>
  void ReportOrphans(std::string_view role, const std::vector<Row<N>>& rows) {
    const InputFile* file = document_.Companion(role);
    if (file == nullptr) return;
    for (const Row<N>& row : rows) {
      if (main_ids_.count(row.ent_num) > 0) continue;
      Report(Diagnostic::Severity::kWarning, file->name, row.line, std::to_string(row.ent_num),
             std::string(role) + " row for ent_num " + std::to_string(row.ent_num) +
                 ", which has no record in " + document_.main.name + "; ignored");
    }
  }

  void Report(Diagnostic::Severity severity, const std::string& file, int64_t line,
              const std::string& record_id, std::string message) {
    diagnostics_->Report({severity, file, line, record_id, std::move(message)});
  }

  const Document& document_;
  const std::string_view source_;
  DiagnosticSink* const diagnostics_;

  std::deque<std::string> owned_;  // unescaped fields; stable addresses
  std::deque<Utf8Text> decoded_;   // documents that were not UTF-8; stable addresses
  std::vector<Row<kAddColumns>> add_rows_;
  std::vector<Row<kAltColumns>> alt_rows_;
  std::vector<Row<kCommentsColumns>> comment_rows_;
  std::unordered_map<int64_t, std::vector<size_t>> add_by_ent_;
  std::unordered_map<int64_t, std::vector<size_t>> alt_by_ent_;
  std::unordered_map<int64_t, std::vector<size_t>> comments_by_ent_;
  std::vector<Row<kMainColumns>> main_rows_;
  std::unordered_set<int64_t> main_ids_;  // ent_nums of the records emitted
  std::unordered_map<std::string, int64_t> ent_by_name_;
};

class OfacCsvParser final : public ListParser {
 public:
  std::string_view format() const override { return kFormat; }

  Result<ListMetadata> Parse(const Document& document, std::string_view source,
                             const EntityCallback& on_entity,
                             DiagnosticSink* diagnostics) override {
    return Run(document, source, diagnostics).Parse(on_entity);
  }
};

}  // namespace

std::unique_ptr<ListParser> NewOfacCsvParser() { return std::make_unique<OfacCsvParser>(); }

}  // namespace cordon::ingest::internal
