// ingest/csv.h: a streaming RFC 4180 reader that knows its line numbers, and columns found by
// header name. Every CSV list parser reads through it, and so do the screening input reader
// (match/query_reader.h), the CLI's customer files and the ownership loader (graph/load.h).
//
//   CsvReader reader(bytes, {.delimiter = ','});
//   CsvRecord header;
//   if (!reader.Next(&header)) return reader.status();  // OK status: the input was empty
//   const CsvHeader columns(header);
//   const int name = columns.Find("name");               // -1 when there is no such column
//   CsvRecord record;
//   while (reader.Next(&record)) use(CsvHeader::Field(record, name), record.line);
//   if (!reader.status().ok()) ...  // Corruption("line N: unterminated quoted field")
//
// Reading: quoted fields may hold delimiters, doubled quotes and line breaks. CRLF, LF and a
// lone CR end a record; blank lines are skipped (unless CsvOptions says otherwise) and so is a
// 0x1A (DOS end-of-file) byte, as OFAC files end with one. A quote inside an unquoted field is
// kept as a literal character, and text between a closing quote and the next delimiter is
// dropped (real files have both). Bytes are not decoded: the input is whatever encoding the
// caller chose (the parsers decode to UTF-8 first).
//
// Ownership: fields are views into the input, except quoted fields with doubled quotes, which
// are unescaped into storage owned by the record; a field stays valid until the record is
// read into again. The input must outlive the reader and its records.
//
// Thread safety: a reader, a record and a header are each used by one thread at a time; a
// const CsvHeader may be shared.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace cordon::ingest {

struct CsvOptions {
  char delimiter = ',';
  char quote = '"';
  bool skip_blank_lines = true;
};

struct CsvRecord {
  std::vector<std::string_view> fields;
  int64_t line = 0;                 // 1-based line where the record starts
  std::vector<bool> quoted;         // per field: was it quoted
  std::deque<std::string> storage;  // backing for unescaped fields
};

class CsvReader {
 public:
  CsvReader(std::string_view input, CsvOptions options = {});

  // Reads the next record into `record` (clearing what it held) and returns true. Returns false
  // at the end of the input (status() stays OK) and on error (status() says which); every later
  // call then returns false too.
  // REQUIRES: record != nullptr.
  bool Next(CsvRecord* record);
  // OK, or Corruption("line N: unterminated quoted field") if the input ended inside quotes.
  const Status& status() const { return status_; }
  // The 1-based line the reader is at: after the last record, the line after it.
  int64_t line() const { return line_; }

 private:
  std::string_view input_;
  CsvOptions options_;
  size_t pos_ = 0;
  int64_t line_ = 1;
  Status status_;
};

// A header record, for finding columns by name. Names compare without ASCII case and with
// surrounding whitespace stripped and inner whitespace runs read as one space: "Name 1",
// " name  1 " and "NAME 1" are the same column. Where two columns have the same name, the
// first counts.
class CsvHeader {
 public:
  CsvHeader() = default;
  // Copies the names of `header`'s fields.
  explicit CsvHeader(const CsvRecord& header);

  // The index of the first column named `name`, or -1 when the header has no such column.
  int Find(std::string_view name) const;
  // Find for each of `names`, in order.
  template <size_t N>
  std::array<int, N> FindAll(const std::array<std::string_view, N>& names) const {
    std::array<int, N> columns;
    for (size_t i = 0; i < N; ++i) columns[i] = Find(names[i]);
    return columns;
  }

  // The number of columns.
  size_t size() const { return fields_.size(); }
  // True when `record` has exactly the header's fields, byte for byte (files concatenated
  // from several downloads repeat their header line).
  bool IsRepeatedBy(const CsvRecord& record) const;

  // The field of `record` in `column` (an index from Find) with surrounding whitespace
  // stripped; "" when column is -1 or the record has fewer fields.
  static std::string_view Field(const CsvRecord& record, int column);

 private:
  std::vector<std::string> fields_;  // as written
  std::vector<std::string> keys_;    // as compared
};

}  // namespace cordon::ingest
