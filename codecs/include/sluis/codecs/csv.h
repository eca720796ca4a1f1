// CSV as RFC 4180 describes it, for the files a gemeente's back office exports (reference data,
// clients, toewijzingen): comma-separated, fields optionally enclosed in double quotes, a quote
// inside a quoted field doubled, commas and line breaks allowed inside quoted fields, records
// ended by CRLF or LF, an optional UTF-8 byte order mark. The first non-empty line is the header
// and names the columns. Pure: bytes in, values out.
//
// Hostile input is bounded (Limits) and never crashes the reader. The text must be UTF-8 without
// control characters other than tab, LF and CR.
#pragma once

#include <utility>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sluis/codecs/result.h"

namespace sluis::codecs::csv {

struct Limits {
  size_t max_bytes = 256u << 20;       // the whole text
  size_t max_field_bytes = 64u << 10;  // one field, after unquoting
  size_t max_record_bytes = 1u << 20;  // one record, all its fields together
  size_t max_columns = 256;            // fields in the header and in any record
  size_t max_records = 2'000'000;      // data records (the header not counted)
};

// One data record. `line` is the 1-based physical line on which it starts (a quoted field with
// line breaks makes a record span several lines), for messages such as "tarieven.csv:14: ...".
// A record may have fewer or more fields than the header: the reader keeps what it read and the
// caller decides (Table::FieldCountProblem).
struct Record {
  int line = 0;
  std::vector<std::string> fields;
  bool operator==(const Record&) const = default;
};

class Table {
 public:
  Table() = default;
  Table(std::vector<std::string> header, int header_line, std::vector<Record> records)
      : header_(std::move(header)), header_line_(header_line), records_(std::move(records)) {}

  // Column names as written, surrounding spaces removed; unique and non-empty.
  const std::vector<std::string>& header() const { return header_; }
  int header_line() const { return header_line_; }
  const std::vector<Record>& records() const { return records_; }

  std::optional<size_t> ColumnIndex(std::string_view name) const;
  bool HasColumn(std::string_view name) const { return ColumnIndex(name).has_value(); }
  // The raw value of `column` in `r`: empty when the table has no such column or the record is
  // shorter than the header.
  std::string_view Get(const Record& r, std::string_view column) const;
  // "5 fields, the header has 4" when the record's field count differs from the header's.
  std::optional<std::string> FieldCountProblem(const Record& r) const;

 private:
  std::vector<std::string> header_;
  int header_line_ = 0;
  std::vector<Record> records_;
};

// Reads the whole text. Empty lines (nothing between two line ends) are skipped; a line with
// only commas is a record of empty fields. Inside a quoted field CRLF becomes LF. Errors (kind
// kMalformed, code "CSV", or kLimit, code "LIMIT") carry "line N" as location: an unterminated
// quoted field, text after a closing quote, a quote inside an unquoted field, a CR not followed
// by LF, invalid UTF-8, a control character, no header, an empty or repeated column name, or a
// limit exceeded.
Result<Table> Parse(std::string_view text, const Limits& limits = {});

// Writing, for exports and tests: a field is quoted when it holds a comma, a quote, CR or LF,
// or starts or ends with a space; a record ends with CRLF. A record of one empty field is
// written as "" so that it does not read back as an empty line.
std::string EncodeField(std::string_view value);
std::string EncodeRecord(const std::vector<std::string>& fields);

}  // namespace sluis::codecs::csv
