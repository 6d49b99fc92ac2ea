#include "ingest/registry.h"

#include <array>

#include "base/file.h"
#include "base/strings.h"
#include "ingest/internal/bods_json_parser.h"
#include "ingest/internal/csl_csv_parser.h"
#include "ingest/internal/dpl_parser.h"
#include "ingest/internal/eu_csv_parser.h"
#include "ingest/internal/eu_xml_parser.h"
#include "ingest/internal/ftm_json_parser.h"
#include "ingest/internal/ofac_csv_parser.h"
#include "ingest/internal/ofac_enhanced_xml_parser.h"
#include "ingest/internal/ofac_xml_parser.h"
#include "ingest/internal/ownership_csv_parser.h"
#include "ingest/internal/uk_fcdo_parser.h"
#include "ingest/internal/uk_ofsi_csv_parser.h"
#include "ingest/internal/un_xml_parser.h"

namespace cordon::ingest {
namespace {

constexpr std::array<FormatInfo, 16> kFormats = {{
    {"ofac-legacy-csv", "us_ofac_sdn",
     "OFAC SDN / consolidated legacy CSV set (sdn.csv + add.csv + alt.csv + sdn_comments.csv)"},
    {"ofac-sdn-xml", "us_ofac_sdn", "OFAC sdnList XML (SDN and consolidated non-SDN)"},
    {"ofac-enhanced-xml", "us_ofac_sdn",
     "OFAC Sanctions List Service enhanced XML (SDN_ENHANCED.XML, CONS_ENHANCED.XML)"},
    {"un-sc-xml", "un_sc", "UN Security Council consolidated list XML"},
    {"eu-fsf-xml", "eu_fsf", "EU Financial Sanctions Files XML 1.1"},
    {"eu-fsf-csv", "eu_fsf", "EU Financial Sanctions Files CSV"},
    {"uk-ofsi-csv", "gb_hmt_ofsi", "HM Treasury OFSI consolidated list CSV (2018 layout)"},
    {"uk-fcdo-xml", "gb_fcdo", "FCDO UK Sanctions List XML"},
    {"uk-fcdo-csv", "gb_fcdo", "FCDO UK Sanctions List CSV"},
    {"us-csl-csv", "us_trade_csl", "US Consolidated Screening List CSV (trade.gov)"},
    {"us-bis-el-csv", "us_bis_el",
     "BIS Entity List: the EL rows of a US Consolidated Screening List CSV"},
    {"us-bis-dpl", "us_bis_dpl", "BIS Denied Persons List (tab-separated)"},
    {"ftm-json", "opensanctions", "FollowTheMoney entities as JSON lines (OpenSanctions)"},
    {"ownership-csv", "ownership",
     "Ownership and control edges CSV (owner,asset,share,share_min,share_max,kind,start,end)"},
    {"bods-json", "bods",
     "Beneficial Ownership Data Standard statements, JSON array or lines (0.4; 0.2 and 0.3 read)"},
    {"ofac-legacy-csv-companion", "", "(internal) OFAC add/alt/comments file"},
}};

std::string_view FirstLine(std::string_view bytes) {
  size_t end = bytes.find('\n');
  std::string_view line = bytes.substr(0, end);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

bool Contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

bool ContainsIgnoreCase(std::string_view haystack, std::string_view needle) {
  return Contains(AsciiLower(haystack), AsciiLower(needle));
}

// Role of an OFAC companion file from its name: "add", "alt", "comments", or "".
std::string_view CompanionRole(std::string_view file_name) {
  std::string name = AsciiLower(StripCompressionSuffix(BaseName(file_name)));
  if (name == "add.csv" || name == "cons_add.csv") return "add";
  if (name == "alt.csv" || name == "cons_alt.csv") return "alt";
  if (name == "sdn_comments.csv" || name == "cons_comments.csv") return "comments";
  return "";
}

// An ownership edges header: among its columns, `owner` and `asset` (in any order).
bool IsOwnershipHeader(std::string_view line) {
  bool owner = false;
  bool asset = false;
  for (std::string_view cell : Split(line, ',')) {
    cell = StripWhitespace(cell);
    if (cell.size() >= 2 && cell.front() == '"' && cell.back() == '"') {
      cell = cell.substr(1, cell.size() - 2);
    }
    owner |= EqualsIgnoreCase(cell, "owner");
    asset |= EqualsIgnoreCase(cell, "asset");
  }
  return owner && asset;
}

bool IsConsolidatedName(std::string_view file_name) {
  std::string name = AsciiLower(BaseName(file_name));
  return name.rfind("cons", 0) == 0;
}

}  // namespace

std::span<const FormatInfo> Formats() {
  return std::span<const FormatInfo>(kFormats.data(), kFormats.size() - 1);
}

std::unique_ptr<ListParser> MakeParser(std::string_view format) {
  if (format == "ofac-legacy-csv") return internal::NewOfacCsvParser();
  if (format == "ofac-sdn-xml") return internal::NewOfacXmlParser();
  if (format == "ofac-enhanced-xml") return internal::NewOfacEnhancedXmlParser();
  if (format == "un-sc-xml") return internal::NewUnXmlParser();
  if (format == "eu-fsf-xml") return internal::NewEuXmlParser();
  if (format == "eu-fsf-csv") return internal::NewEuCsvParser();
  if (format == "uk-ofsi-csv") return internal::NewUkOfsiCsvParser();
  if (format == "uk-fcdo-xml") return internal::NewUkFcdoXmlParser();
  if (format == "uk-fcdo-csv") return internal::NewUkFcdoCsvParser();
  if (format == "us-csl-csv") return internal::NewCslCsvParser();
  if (format == "us-bis-el-csv") return internal::NewBisEntityListParser();
  if (format == "us-bis-dpl") return internal::NewDplParser();
  if (format == "ftm-json") return internal::NewFtmJsonParser();
  if (format == "ownership-csv") return internal::NewOwnershipCsvParser();
  if (format == "bods-json") return internal::NewBodsJsonParser();
  return nullptr;
}

Result<std::string> DetectFormat(std::string_view file_name, std::string_view bytes) {
  std::string_view head = bytes.substr(0, 64 * 1024);
  if (head.size() >= 3 && head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  std::string_view trimmed = StripWhitespace(head);
  if (!CompanionRole(file_name).empty()) return std::string("ofac-legacy-csv-companion");
  if (!trimmed.empty() && trimmed.front() == '<') {
    if (Contains(head, "<sdnList")) return std::string("ofac-sdn-xml");
    // Root <sanctionsData>, in OFAC's .../exports/ENHANCED_XML namespace.
    if (Contains(head, "<sanctionsData") || Contains(head, ":sanctionsData") ||
        Contains(head, "/ENHANCED_XML")) {
      return std::string("ofac-enhanced-xml");
    }
    if (Contains(head, "<CONSOLIDATED_LIST")) return std::string("un-sc-xml");
    if (Contains(head, "<export")) return std::string("eu-fsf-xml");
    if (Contains(head, "<Designations")) return std::string("uk-fcdo-xml");
  }
  // BODS statements carry a statement id (0.4 "statementId", 0.2 / 0.3 "statementID"); checked
  // before FtM, whose test a statement could pass.
  if (!trimmed.empty() && (trimmed.front() == '[' || trimmed.front() == '{') &&
      (Contains(head, "\"statementId\"") || Contains(head, "\"statementID\""))) {
    return std::string("bods-json");
  }
  // FtM entity lines carry "schema"; OpenSanctions delta lines carry "op" (a delete has no
  // schema at all).
  if (!trimmed.empty() && trimmed.front() == '{' &&
      (Contains(head, "\"schema\"") || Contains(head, "\"op\""))) {
    return std::string("ftm-json");
  }
  std::string_view line1 = FirstLine(trimmed);
  std::string_view after1 = trimmed.substr(std::min(trimmed.size(), line1.size() + 1));
  std::string_view line2 = FirstLine(after1);
  if (ContainsIgnoreCase(line1, "Report Date") || ContainsIgnoreCase(line1, "Unique ID") ||
      ContainsIgnoreCase(line2, "Unique ID")) {
    return std::string("uk-fcdo-csv");
  }
  if (IsOwnershipHeader(line1)) return std::string("ownership-csv");
  // Checked after the FCDO header, which can also start with "Last Updated,Unique ID".
  if (StartsWithIgnoreCase(line1, "Last Updated,")) return std::string("uk-ofsi-csv");
  if (ContainsIgnoreCase(line1, "Entity_logical_id") ||
      ContainsIgnoreCase(line1, "Entity_LogicalId") || ContainsIgnoreCase(line1, "Date_file")) {
    return std::string("eu-fsf-csv");
  }
  if (Contains(line1, "_id") && Contains(line1, "source") && Contains(line1, "name")) {
    return std::string("us-csl-csv");
  }
  if (Contains(line1, "Street_Address") && Contains(line1, "\t")) {
    return std::string("us-bis-dpl");
  }
  // OFAC legacy: `36,"AEROCARIBBEAN AIRLINES",-0- ,...`
  size_t comma = line1.find(',');
  if (comma != std::string_view::npos && comma > 0 && ParseInt(line1.substr(0, comma)) &&
      comma + 1 < line1.size() && line1[comma + 1] == '"') {
    return std::string("ofac-legacy-csv");
  }
  return InvalidArgumentError(std::string(file_name) +
                              ": cannot tell which list format this is; name one with --format (" +
                              "see `cordon formats`)");
}

std::string DefaultSource(std::string_view format, std::string_view file_name) {
  if ((format == "ofac-legacy-csv" || format == "ofac-sdn-xml" || format == "ofac-enhanced-xml") &&
      IsConsolidatedName(file_name)) {
    return "us_ofac_cons";
  }
  for (const FormatInfo& info : kFormats) {
    if (info.name == format) return std::string(info.default_source);
  }
  return "";
}

Result<std::vector<PlannedDocument>> PlanDocuments(std::span<const InputFile> files,
                                                   std::string_view forced_format) {
  std::vector<PlannedDocument> plan;
  std::vector<const InputFile*> companions;
  for (const InputFile& file : files) {
    std::string format;
    if (!forced_format.empty()) {
      if (!MakeParser(forced_format)) {
        return InvalidArgumentError("unknown format '" + std::string(forced_format) + "'");
      }
      format = std::string(forced_format);
      if (format == "ofac-legacy-csv" && !CompanionRole(file.name).empty()) {
        format = "ofac-legacy-csv-companion";
      }
    } else {
      ASSIGN_OR_RETURN(format, DetectFormat(file.name, file.bytes));
    }
    if (format == "ofac-legacy-csv-companion") {
      companions.push_back(&file);
      continue;
    }
    PlannedDocument doc;
    doc.format = format;
    doc.source = DefaultSource(format, file.name);
    doc.document.main = file;
    plan.push_back(std::move(doc));
  }
  // A companion joins the OFAC main file of the same family (sdn.* or cons_*).
  for (const InputFile* companion : companions) {
    const bool cons = IsConsolidatedName(companion->name);
    PlannedDocument* owner = nullptr;
    for (PlannedDocument& doc : plan) {
      if (doc.format == "ofac-legacy-csv" && IsConsolidatedName(doc.document.main.name) == cons) {
        owner = &doc;
      }
    }
    if (owner == nullptr) {
      return InvalidArgumentError(companion->name +
                                  ": an OFAC companion file needs its main file (sdn.csv or "
                                  "cons_prim.csv) in the same ingest");
    }
    std::string role(CompanionRole(companion->name));
    if (owner->document.Companion(role) != nullptr) {
      return InvalidArgumentError(companion->name + ": a second '" + role + "' file for " +
                                  owner->document.main.name);
    }
    owner->document.companions.emplace_back(role, *companion);
  }
  return plan;
}

}  // namespace cordon::ingest
