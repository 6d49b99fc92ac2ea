// ingest/internal/csv_reader.h: a streaming RFC 4180 reader that knows its line numbers.
//
//   CsvReader reader(bytes, {.delimiter = ','});
//   CsvRecord record;
//   while (reader.Next(&record)) { use(record.fields, record.line); }
//   if (!reader.status().ok()) ...  // unterminated quote at end of input
//
// Quoted fields may hold delimiters, doubled quotes and line breaks. CRLF and LF both end a
// record; a lone 0x1A (DOS end-of-file) line is skipped, as OFAC files end with one. A quote
// inside an unquoted field is kept as a literal character (real files have them).
// Fields are views into the input, except quoted fields with doubled quotes, which are
// unescaped into storage owned by the record.
//
// Thread safety: one reader per thread; the input must outlive the reader and its records.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace cordon::ingest::internal {

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

  // Reads the next record. Returns false at end of input or on error (see status()).
  bool Next(CsvRecord* record);
  // OK, or Corruption("line N: unterminated quoted field") if the input ended inside quotes.
  const Status& status() const { return status_; }
  int64_t line() const { return line_; }

 private:
  std::string_view input_;
  CsvOptions options_;
  size_t pos_ = 0;
  int64_t line_ = 1;
  Status status_;
};

}  // namespace cordon::ingest::internal
