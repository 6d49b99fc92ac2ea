#include "ingest/internal/ownership_csv_parser.h"

#include <array>
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/strings.h"
#include "ingest/csv.h"
#include "ingest/internal/decode.h"
#include "ingest/internal/ownership_dates.h"
#include "model/entity.h"
#include "text/encoding.h"

namespace cordon::ingest::internal {
namespace {

constexpr std::string_view kFormat = "ownership-csv";

// The columns this parser reads, by header name.
enum Column : size_t {
  kOwner,
  kAsset,
  kShare,
  kShareMin,
  kShareMax,
  kKind,
  kStart,
  kEnd,
  kOwnerName,
  kAssetName,
  kSourceNote,
  kNote,
  kColumnCount,
};

constexpr std::array<std::string_view, kColumnCount> kColumnNames = {
    "owner", "asset", "share",      "share_min",  "share_max", "kind",
    "start", "end",   "owner_name", "asset_name", "source",    "note",
};

// What each `kind` becomes. The interest is the kind itself.
struct KindRule {
  std::string_view kind;
  model::LinkKind link;
};

constexpr KindRule kKinds[] = {
    {"shares", model::LinkKind::kOwnedBy},       {"voting", model::LinkKind::kOwnedBy},
    {"board", model::LinkKind::kControlledBy},   {"control", model::LinkKind::kControlledBy},
    {"officer", model::LinkKind::kControlledBy}, {"joint", model::LinkKind::kAssociate},
};

const KindRule* FindKind(std::string_view kind) {
  for (const KindRule& rule : kKinds) {
    if (EqualsIgnoreCase(rule.kind, kind)) return &rule;
  }
  return nullptr;
}

// A percentage as written, without its '%': digits with at most one '.', value in [0, 100].
struct Percent {
  std::string text;  // as written, trimmed: "30", "12.50"
  double value = 0;
};

std::optional<Percent> ReadPercent(std::string_view text) {
  text = StripWhitespace(text);
  if (!text.empty() && text.back() == '%') text = StripWhitespace(text.substr(0, text.size() - 1));
  if (text.empty() || text.front() == '.' || text.back() == '.') return std::nullopt;
  int dots = 0;
  for (char c : text) {
    if (c == '.') {
      ++dots;
    } else if (c < '0' || c > '9') {
      return std::nullopt;
    }
  }
  if (dots > 1) return std::nullopt;
  Percent percent{.text = std::string(text)};
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), percent.value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  if (percent.value > 100) return std::nullopt;
  return percent;
}

// A band "25-50" (also with an en dash or spaces) split into its ends, or nullopt when `text`
// has no dash between two non-empty parts.
std::optional<std::pair<std::string_view, std::string_view>> SplitBand(std::string_view text) {
  static constexpr std::string_view kEnDash = "\xE2\x80\x93";
  size_t dash = text.find('-');
  size_t dash_size = 1;
  if (dash == std::string_view::npos) {
    dash = text.find(kEnDash);
    dash_size = kEnDash.size();
  }
  if (dash == std::string_view::npos) return std::nullopt;
  std::string_view low = StripWhitespace(text.substr(0, dash));
  std::string_view high = StripWhitespace(text.substr(dash + dash_size));
  if (low.empty() || high.empty()) return std::nullopt;
  return std::make_pair(low, high);
}

// A band's text: "30" when both ends are the same number, else "25-50".
std::string BandText(const Percent& low, const Percent& high) {
  if (low.value == high.value) return low.text;
  return low.text + "-" + high.text;
}

// The characters CollapseWhitespace (base/strings.h) treats as whitespace.
bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

// `text` (already trimmed) as CollapseWhitespace gives it. Most fields have nothing to
// collapse: they are returned as they are, and only the others are copied, into `buffer`.
std::string_view Collapsed(std::string_view text, std::string* buffer) {
  bool after_space = false;
  for (char c : text) {
    const bool space = IsSpace(c);
    if (space && (c != ' ' || after_space)) {
      *buffer = CollapseWhitespace(text);
      return *buffer;
    }
    after_space = space;
  }
  return text;
}

// Reads one document row by row; see ReadOwnershipRows.
class RowReader {
 public:
  RowReader(const InputFile& file, DiagnosticSink* diagnostics)
      : file_(file), diagnostics_(diagnostics), report_(file.name, diagnostics) {}

  Status Read(const OwnershipRowCallback& on_row) {
    if (StripWhitespace(text::StripUtf8Bom(file_.bytes)).empty()) {
      return CorruptionError(file_.name + ":1: empty document");
    }
    ASSIGN_OR_RETURN(const Utf8Text decoded,
                     DecodeUtf8Text(file_, NotUtf8::kWindows1252WithWarning, diagnostics_));
    const std::string_view input = decoded.text();

    CsvReader reader(input);
    CsvRecord record;
    if (!reader.Next(&record)) {
      return CorruptionError(
          file_.name + ": " +
          (reader.status().ok() ? std::string("no header line") : reader.status().message()));
    }
    header_ = CsvHeader(record);
    columns_ = header_.FindAll(kColumnNames);
    if (columns_[kOwner] < 0 || columns_[kAsset] < 0) {
      return CorruptionError(file_.name + ":" + std::to_string(record.line) +
                             ": not an ownership CSV: the header lacks owner or asset");
    }

    OwnershipRow row;
    while (reader.Next(&record)) {
      if (header_.IsRepeatedBy(record)) continue;  // concatenated files repeat their header
      if (record.fields.size() != header_.size()) {
        report_.Report(Diagnostic::Severity::kError, record.line, "",
                       "the row has " + std::to_string(record.fields.size()) +
                           " fields, the header " + std::to_string(header_.size()) +
                           "; row skipped");
        continue;
      }
      if (ReadRow(record, &row)) on_row(row);
    }
    if (!reader.status().ok()) {
      return CorruptionError(file_.name + ": " + reader.status().message());
    }
    return Status::Ok();
  }

 private:
  std::string_view Get(const CsvRecord& record, Column column) const {
    return CsvHeader::Field(record, columns_[column]);
  }

  // Reports a defect of the current row, which is then skipped.
  void Skip(const std::string& message) {
    report_.Report(Diagnostic::Severity::kError, line_, record_id_, message + "; row skipped");
  }

  // The share of the row as a Link writes it ("30", "25-50", "" when unknown), or nullopt
  // after reporting why the row is skipped.
  std::optional<std::string> ReadShare(const CsvRecord& record) {
    const std::string_view share = Get(record, kShare);
    const std::string_view min_text = Get(record, kShareMin);
    const std::string_view max_text = Get(record, kShareMax);
    auto percent = [this](std::string_view text, std::string_view column) {
      std::optional<Percent> value = ReadPercent(text);
      if (!value) {
        Skip(std::string(column) + " '" + std::string(text) +
             "' is not a percentage between 0 and 100");
      }
      return value;
    };
    auto band = [this](const Percent& low, const Percent& high,
                       std::string_view what) -> std::optional<std::string> {
      if (low.value > high.value) {
        Skip(std::string(what) + ": the minimum " + low.text + " exceeds the maximum " + high.text);
        return std::nullopt;
      }
      return BandText(low, high);
    };

    // The band columns, when given: a missing end is 0 or 100.
    std::optional<Percent> low;
    std::optional<Percent> high;
    if (!min_text.empty() || !max_text.empty()) {
      low = min_text.empty() ? Percent{"0", 0} : percent(min_text, "share_min");
      if (!low) return std::nullopt;
      high = max_text.empty() ? Percent{"100", 100} : percent(max_text, "share_max");
      if (!high) return std::nullopt;
      if (low->value > high->value) {
        Skip("share_min " + low->text + " exceeds share_max " + high->text);
        return std::nullopt;
      }
    }
    if (share.empty()) {
      if (!low) return std::string();
      return BandText(*low, *high);
    }

    std::optional<Percent> share_low;
    std::optional<Percent> share_high;
    if (std::optional<std::pair<std::string_view, std::string_view>> ends = SplitBand(share)) {
      share_low = percent(ends->first, "share");
      if (!share_low) return std::nullopt;
      share_high = percent(ends->second, "share");
      if (!share_high) return std::nullopt;
    } else {
      share_low = percent(share, "share");
      if (!share_low) return std::nullopt;
      share_high = share_low;
    }
    std::optional<std::string> text = band(*share_low, *share_high, "share");
    if (text && low && (share_low->value < low->value || share_high->value > high->value)) {
      Skip("share " + *text + " lies outside share_min..share_max " + BandText(*low, *high));
      return std::nullopt;
    }
    return text;
  }

  // The ISO date in `column`, empty when the field is; nullopt after reporting a bad date.
  std::optional<model::PartialDate> ReadDate(const CsvRecord& record, Column column) {
    const std::string_view text = Get(record, column);
    if (text.empty()) return model::PartialDate{};
    std::optional<model::PartialDate> date = model::PartialDate::FromIso(text);
    if (!date) {
      Skip(std::string(kColumnNames[column]) + " '" + std::string(text) +
           "' is not an ISO date (YYYY-MM-DD, YYYY-MM or YYYY)");
    }
    return date;
  }

  // Fills `row` from `record` and returns true, or reports the row's first defect and returns
  // false.
  bool ReadRow(const CsvRecord& record, OwnershipRow* row) {
    line_ = record.line;
    const std::string_view owner = Get(record, kOwner);
    const std::string_view asset = Get(record, kAsset);
    record_id_ = asset;
    if (owner.empty() || asset.empty()) {
      Skip(std::string("the row has no ") + (owner.empty() ? "owner" : "asset"));
      return false;
    }
    if (owner == asset) {
      Skip("owner and asset are the same id '" + std::string(owner) + "'");
      return false;
    }
    const std::string_view kind_text = Get(record, kKind);
    const KindRule* rule = FindKind(kind_text.empty() ? kKinds[0].kind : kind_text);
    if (rule == nullptr) {
      Skip("kind '" + std::string(kind_text) +
           "' is not one of shares, voting, board, control, officer, joint");
      return false;
    }
    std::optional<std::string> share = ReadShare(record);
    if (!share) return false;
    std::optional<model::PartialDate> start = ReadDate(record, kStart);
    if (!start) return false;
    std::optional<model::PartialDate> end = ReadDate(record, kEnd);
    if (!end) return false;
    if (!start->empty() && !end->empty() && StartDay(*start) >= EndDay(*end)) {
      Skip("start " + start->ToIso() + " is not before end " + end->ToIso());
      return false;
    }

    share_ = std::move(*share);
    row->owner = owner;
    row->asset = asset;
    row->owner_name = Collapsed(Get(record, kOwnerName), &owner_name_);
    row->asset_name = Collapsed(Get(record, kAssetName), &asset_name_);
    row->share = share_;
    row->kind = rule->kind;
    row->start = *start;
    row->end = *end;
    const std::string_view source_note = Collapsed(Get(record, kSourceNote), &note_);
    const std::string_view note = Collapsed(Get(record, kNote), &second_note_);
    if (source_note.empty() || note.empty()) {
      row->note = source_note.empty() ? note : source_note;
    } else {
      joined_notes_.assign(source_note).append("; ").append(note);
      row->note = joined_notes_;
    }
    row->line = record.line;
    return true;
  }

  const InputFile& file_;
  DiagnosticSink* const diagnostics_;
  const Reporter report_;
  CsvHeader header_;
  std::array<int, kColumnCount> columns_{};
  // The row being read, for diagnostics.
  int64_t line_ = 0;
  std::string_view record_id_;
  // Storage behind the views of an OwnershipRow, reused from row to row.
  std::string share_;
  std::string owner_name_;
  std::string asset_name_;
  std::string note_;
  std::string second_note_;
  std::string joined_notes_;
};

// Entities from rows: one per id, holding the links of the rows where it is the asset.
class OwnershipCsvParser final : public ListParser {
 public:
  std::string_view format() const override { return kFormat; }

  Result<ListMetadata> Parse(const Document& document, std::string_view source,
                             const EntityCallback& on_entity,
                             DiagnosticSink* diagnostics) override {
    std::vector<model::Entity> entities;
    std::unordered_map<std::string, size_t> entity_index;  // record id -> entities index
    // The entity for `id`, created on first sight.
    auto entity_for = [&](std::string_view id) -> model::Entity& {
      auto [it, inserted] = entity_index.emplace(std::string(id), entities.size());
      if (inserted) {
        model::Entity entity;
        SetProvenance(entity, source, id, kFormat);
        entity.schema = model::Schema::kLegalEntity;
        entities.push_back(std::move(entity));
      }
      return entities[it->second];
    };
    RETURN_IF_ERROR(ReadOwnershipRows(
        document.main,
        [&](const OwnershipRow& row) {
          // The owner first, so that entities come in the order the ids are first read.
          AddName(entity_for(row.owner), row.owner_name);
          model::Entity& asset = entity_for(row.asset);
          AddName(asset, row.asset_name);
          asset.links.push_back({.kind = FindKind(row.kind)->link,
                                 .target_id = std::string(row.owner),
                                 .target_name = std::string(row.owner_name),
                                 .note = std::string(row.note),
                                 .share = std::string(row.share),
                                 .interest = std::string(row.kind),
                                 .start = row.start,
                                 .end = row.end});
        },
        diagnostics));
    // Only a document read to its end gives entities.
    for (model::Entity& entity : entities) on_entity(std::move(entity));
    return ListMetadata{};
  }

 private:
  // The first name an id is given is its primary name; other names are strong aliases.
  static void AddName(model::Entity& entity, std::string_view full) {
    if (full.empty()) return;
    for (const model::Name& existing : entity.names) {
      if (existing.full == full) return;
    }
    entity.names.push_back(
        {.full = std::string(full),
         .kind = entity.names.empty() ? model::NameKind::kPrimary : model::NameKind::kStrongAlias});
  }
};

}  // namespace

std::unique_ptr<ListParser> NewOwnershipCsvParser() {
  return std::make_unique<OwnershipCsvParser>();
}

Status ReadOwnershipRows(const InputFile& file, const OwnershipRowCallback& on_row,
                         DiagnosticSink* diagnostics) {
  return RowReader(file, diagnostics).Read(on_row);
}

}  // namespace cordon::ingest::internal
