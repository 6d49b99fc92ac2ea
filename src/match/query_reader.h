// match/query_reader.h: screening input (a customer or counterparty file) read as Queries.
//
//   ASSIGN_OR_RETURN(std::unique_ptr<QueryReader> reader, QueryReader::Open("customers.csv"));
//   Query query;
//   while (true) {
//     ASSIGN_OR_RETURN(bool more, reader->Next(query));  // "customers.csv:12: field ..."
//     if (!more) break;
//     Screen(query, reader->row());
//   }
//
// Two formats, told apart by the first non-space byte ('{' means JSON lines):
//
//  * CSV with a header row (',' or, when the header has none, ';' or tab). Columns are
//    recognised by name, ignoring case, spaces and '-' vs '_': id; name or full_name;
//    first_name, middle_name, last_name (joined "first middle last" when there is no name);
//    schema (FtM: Person, Company, Organization, Vessel, Aircraft, LegalEntity; "individual" is
//    a Person); date_of_birth (also dob, birth_date: YYYY, YYYY-MM, YYYY-MM-DD, DD/MM/YYYY,
//    DD.MM.YYYY); nationality, citizenship or country (ISO alpha-2 or a country name); imo,
//    mmsi, lei, inn, ogrn, passport, national_id, bic, tax_id. Other columns are ignored.
//    Dates and countries may hold several values separated by ';'.
//  * JSON lines, one FtM-shaped object a line: {"id": ..., "schema": ..., "properties":
//    {"name": [...], "birthDate": [...], "nationality": [...], "imoNumber": [...], ...}}.
//    Property values are arrays of strings or single strings; an object without
//    "properties" is read as the property map itself.
//
// The file is read in blocks (1 MiB by default), so a file of millions of rows takes constant
// memory. A UTF-8 byte order mark is skipped.
//
// Errors name the file, line and field ("customers.csv:12: date_of_birth: '31/31/1980' is not
// a date"). A record that cannot be used (bad date, unknown country or schema, wrong number of
// fields, no name and no identifier) is an error for that record: Next() returns it, and a
// later Next() goes on with the following record. Input that cannot be read further (an
// unterminated quoted field, a file that is not CSV or JSON lines, a read failure) ends the
// reader: every later Next() returns the same error.
//
// Thread safety: one reader per thread.
#pragma once

#include <cstdint>
#include <istream>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

#include "base/status.h"
#include "match/query.h"

namespace cordon::match {

struct QueryReaderOptions {
  size_t block_bytes = size_t{1} << 20;  // read size; tests make it tiny to cut records anywhere
};

// One record of the JSON lines form, already parsed (a stream worker reads one record per Kafka
// message), read into `query` as the reader reads each line: the same fields, the same checks.
// `where` prefixes the errors ("topic/0@12"). Ok when `query` holds a usable record; otherwise
// InvalidArgument naming the field, as Next() would return it, with `query` partly filled.
// REQUIRES: `record` is a JSON object; `query` is empty (a fresh Query).
Status QueryFromJson(const nlohmann::json& record, std::string_view where, Query& query);

class QueryReader {
 public:
  // Opens `path` ("-" reads standard input). NotFound / IoError if it cannot be opened.
  // The format is detected on the first Next().
  static Result<std::unique_ptr<QueryReader>> Open(const std::string& path,
                                                   QueryReaderOptions options = {});
  // Reads `input`; `name` is the file name errors carry.
  static std::unique_ptr<QueryReader> FromStream(std::unique_ptr<std::istream> input,
                                                 std::string name, QueryReaderOptions options = {});
  static std::unique_ptr<QueryReader> FromString(std::string text, std::string name,
                                                 QueryReaderOptions options = {});

  ~QueryReader();
  QueryReader(const QueryReader&) = delete;
  QueryReader& operator=(const QueryReader&) = delete;

  // Reads the next record into `query` (overwriting it). Returns true when a record was read,
  // false at the end of input, or an error as described above.
  Result<bool> Next(Query& query);

  // 1-based number of the last data record returned or rejected (the CSV header is not a
  // record; blank lines are not counted), and the line it starts on.
  int64_t row() const { return row_; }
  int64_t line() const { return line_; }
  // "csv" or "jsonl" once the first Next() has detected it; "" before.
  std::string_view format() const;

 private:
  enum class Format { kUnknown, kCsv, kJsonLines };
  class Csv;

  QueryReader(std::unique_ptr<std::istream> input, std::string name, QueryReaderOptions options);
  // Appends up to one block from the stream to buffer_; false at end of stream.
  Result<bool> Fill();
  Status Detect();
  Result<bool> NextJson(Query& query);
  Result<bool> NextCsv(Query& query);
  Status Fail(Status status);

  std::unique_ptr<std::istream> input_;
  std::string name_;
  QueryReaderOptions options_;
  std::string buffer_;
  size_t pos_ = 0;  // JSON lines: start of the unread rest of buffer_
  bool eof_ = false;
  Format format_ = Format::kUnknown;
  std::unique_ptr<Csv> csv_;
  Status fatal_;
  int64_t row_ = 0;
  int64_t line_ = 0;
  int64_t next_line_ = 1;  // JSON lines: the line the next unread byte is on
};

}  // namespace cordon::match
