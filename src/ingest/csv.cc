#include "ingest/csv.h"

#include "base/strings.h"

namespace cordon::ingest {
namespace {

// The comparison key of a column name: ASCII lower case, whitespace runs as one space, none
// at either end.
std::string ColumnKey(std::string_view name) { return AsciiLower(CollapseWhitespace(name)); }

}  // namespace

CsvReader::CsvReader(std::string_view input, CsvOptions options)
    : input_(input), options_(options) {}

bool CsvReader::Next(CsvRecord* record) {
  record->fields.clear();
  record->quoted.clear();
  record->storage.clear();
  const char delim = options_.delimiter;
  const char quote = options_.quote;
  while (pos_ < input_.size()) {
    // Skip blank lines and the DOS end-of-file marker.
    char c = input_[pos_];
    if (c == '\x1A') {
      ++pos_;
      continue;
    }
    if (options_.skip_blank_lines && (c == '\n' || c == '\r')) {
      if (c == '\n') ++line_;
      ++pos_;
      continue;
    }
    break;
  }
  if (pos_ >= input_.size() || !status_.ok()) return false;

  record->line = line_;
  while (true) {
    // At the start of a field.
    if (pos_ < input_.size() && input_[pos_] == quote) {
      const int64_t start_line = line_;
      ++pos_;
      size_t start = pos_;
      bool escaped = false;
      while (true) {
        size_t q = input_.find(quote, pos_);
        if (q == std::string_view::npos) {
          status_ =
              CorruptionError("line " + std::to_string(start_line) + ": unterminated quoted field");
          pos_ = input_.size();
          return false;
        }
        for (size_t i = pos_; i < q; ++i) line_ += input_[i] == '\n';
        if (q + 1 < input_.size() && input_[q + 1] == quote) {
          escaped = true;
          pos_ = q + 2;
          continue;
        }
        std::string_view raw = input_.substr(start, q - start);
        pos_ = q + 1;
        if (escaped) {
          std::string unescaped;
          unescaped.reserve(raw.size());
          for (size_t i = 0; i < raw.size(); ++i) {
            unescaped.push_back(raw[i]);
            if (raw[i] == quote && i + 1 < raw.size() && raw[i + 1] == quote) ++i;
          }
          record->storage.push_back(std::move(unescaped));
          raw = record->storage.back();
        }
        // Text between the closing quote and the delimiter (e.g. `"a" ` ) is dropped.
        while (pos_ < input_.size() && input_[pos_] != delim && input_[pos_] != '\n' &&
               input_[pos_] != '\r') {
          ++pos_;
        }
        record->fields.push_back(raw);
        record->quoted.push_back(true);
        break;
      }
    } else {
      size_t start = pos_;
      while (pos_ < input_.size() && input_[pos_] != delim && input_[pos_] != '\n' &&
             input_[pos_] != '\r') {
        ++pos_;
      }
      record->fields.push_back(input_.substr(start, pos_ - start));
      record->quoted.push_back(false);
    }
    if (pos_ >= input_.size()) return true;
    char c = input_[pos_];
    if (c == delim) {
      ++pos_;
      continue;
    }
    // End of record: CRLF, LF or lone CR.
    if (c == '\r') ++pos_;
    if (pos_ < input_.size() && input_[pos_] == '\n') ++pos_;
    ++line_;
    return true;
  }
}

CsvHeader::CsvHeader(const CsvRecord& header)
    : fields_(header.fields.begin(), header.fields.end()) {
  keys_.reserve(fields_.size());
  for (const std::string& field : fields_) keys_.push_back(ColumnKey(field));
}

int CsvHeader::Find(std::string_view name) const {
  const std::string key = ColumnKey(name);
  for (size_t column = 0; column < keys_.size(); ++column) {
    if (keys_[column] == key) return static_cast<int>(column);
  }
  return -1;
}

bool CsvHeader::IsRepeatedBy(const CsvRecord& record) const {
  if (record.fields.size() != fields_.size()) return false;
  for (size_t column = 0; column < fields_.size(); ++column) {
    if (record.fields[column] != fields_[column]) return false;
  }
  return true;
}

std::string_view CsvHeader::Field(const CsvRecord& record, int column) {
  if (column < 0 || static_cast<size_t>(column) >= record.fields.size()) return {};
  return StripWhitespace(record.fields[static_cast<size_t>(column)]);
}

}  // namespace cordon::ingest
