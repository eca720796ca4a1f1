#include "sluis/codecs/csv.h"

#include <cstdint>
#include <unordered_set>

#include "utf8.h"

namespace sluis::codecs::csv {
namespace {

Error CsvError(std::string message, int line) {
  return MakeError(ErrorKind::kMalformed, "CSV", std::move(message),
                   "line " + std::to_string(line));
}

Error LimitError(std::string message, int line) {
  return MakeError(ErrorKind::kLimit, "LIMIT", std::move(message), "line " + std::to_string(line));
}

std::string Hex(unsigned char c) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  return std::string("0x") + kDigits[c >> 4] + kDigits[c & 0xF];
}

// Valid UTF-8 (no overlongs, surrogates or code points above U+10FFFF) and no C0 control
// character other than tab, LF and CR: what a text column in PostgreSQL can hold and what a
// person can see in a spreadsheet. Exports in Windows-1252 fail here, with the line.
Status CheckText(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  int line = 1;
  size_t i = 0;
  while (i < n) {
    const unsigned char c = p[i];
    if (c < 0x80) {
      if (c == '\n') {
        ++line;
      } else if ((c < 0x20 && c != '\t' && c != '\r') || c == 0x7F) {
        return CsvError("control character " + Hex(c), line);
      }
      ++i;
      continue;
    }
    const utf8::Sequence seq = utf8::DecodeMultiByte(p, n, i);
    switch (seq.problem) {
      case utf8::Problem::kNone:
        break;
      case utf8::Problem::kTruncated:
        return CsvError("truncated UTF-8 sequence at the end of the file", line);
      case utf8::Problem::kBadCodePoint:
        return CsvError("invalid UTF-8 code point", line);
      case utf8::Problem::kBadLeadByte:
      case utf8::Problem::kBadContinuation:
        return CsvError("invalid UTF-8 (byte " + Hex(c) + "); save the file as CSV UTF-8", line);
    }
    i += seq.length;
  }
  return Status::Ok();
}

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The scanner: one pass over the text, a record at a time.
class Reader {
 public:
  Reader(std::string_view text, const Limits& limits) : s_(text), limits_(limits) {}

  // Reads the next record into `out`. Returns false at the end of the text.
  Result<bool> Next(Record& out) {
    // Empty lines between records are skipped.
    while (i_ < s_.size()) {
      if (s_[i_] == '\n') {
        ++i_;
        ++line_;
      } else if (s_[i_] == '\r') {
        if (i_ + 1 >= s_.size() || s_[i_ + 1] != '\n') {
          return CsvError("carriage return without line feed", line_);
        }
        i_ += 2;
        ++line_;
      } else {
        break;
      }
    }
    if (i_ >= s_.size()) return false;
    out.line = line_;
    out.fields.clear();
    size_t record_bytes = 0;
    for (;;) {
      std::string field;
      if (Status st = ReadField(field); !st) return st.error();
      record_bytes += field.size() + 1;
      if (record_bytes > limits_.max_record_bytes) {
        return LimitError(
            "record longer than " + std::to_string(limits_.max_record_bytes) + " bytes", out.line);
      }
      out.fields.push_back(std::move(field));
      if (out.fields.size() > limits_.max_columns) {
        return LimitError("more than " + std::to_string(limits_.max_columns) + " fields", out.line);
      }
      if (i_ < s_.size() && s_[i_] == ',') {
        ++i_;
        continue;
      }
      break;
    }
    // The record ends here: a line end or the end of the text.
    if (i_ < s_.size()) {
      if (s_[i_] == '\r') {
        if (i_ + 1 >= s_.size() || s_[i_ + 1] != '\n') {
          return CsvError("carriage return without line feed", line_);
        }
        i_ += 2;
      } else {
        ++i_;  // '\n': ReadField stops only at ',', CR, LF or the end
      }
      ++line_;
    }
    return true;
  }

 private:
  Status ReadField(std::string& field) {
    const size_t n = s_.size();
    if (i_ < n && s_[i_] == '"') {
      const int opened = line_;
      ++i_;
      for (;;) {
        if (i_ >= n) return CsvError("quoted field not closed before the end of the file", opened);
        const char c = s_[i_];
        if (c == '"') {
          if (i_ + 1 < n && s_[i_ + 1] == '"') {
            field.push_back('"');
            i_ += 2;
          } else {
            ++i_;
            break;
          }
        } else if (c == '\r') {
          if (i_ + 1 >= n || s_[i_ + 1] != '\n') {
            return CsvError("carriage return without line feed", line_);
          }
          field.push_back('\n');
          i_ += 2;
          ++line_;
        } else {
          if (c == '\n') ++line_;
          field.push_back(c);
          ++i_;
        }
        if (field.size() > limits_.max_field_bytes) return FieldTooLong(opened);
      }
      if (i_ < n && s_[i_] != ',' && s_[i_] != '\n' && s_[i_] != '\r') {
        return CsvError("text after the closing quote of a field", line_);
      }
      return Status::Ok();
    }
    const size_t start = i_;
    while (i_ < n && s_[i_] != ',' && s_[i_] != '\n' && s_[i_] != '\r') {
      if (s_[i_] == '"') {
        return CsvError(
            "quote inside an unquoted field (enclose the field in quotes and double the quote)",
            line_);
      }
      ++i_;
    }
    if (i_ - start > limits_.max_field_bytes) return FieldTooLong(line_);
    field.assign(s_.substr(start, i_ - start));
    return Status::Ok();
  }

  Error FieldTooLong(int line) const {
    return LimitError("field longer than " + std::to_string(limits_.max_field_bytes) + " bytes",
                      line);
  }

  std::string_view s_;
  const Limits& limits_;
  size_t i_ = 0;
  int line_ = 1;
};

}  // namespace

std::optional<size_t> Table::ColumnIndex(std::string_view name) const {
  for (size_t i = 0; i < header_.size(); ++i) {
    if (header_[i] == name) return i;
  }
  return std::nullopt;
}

std::string_view Table::Get(const Record& r, std::string_view column) const {
  const std::optional<size_t> i = ColumnIndex(column);
  if (!i || *i >= r.fields.size()) return {};
  return r.fields[*i];
}

std::optional<std::string> Table::FieldCountProblem(const Record& r) const {
  if (r.fields.size() == header_.size()) return std::nullopt;
  return std::to_string(r.fields.size()) + (r.fields.size() == 1 ? " field" : " fields") +
         ", the header has " + std::to_string(header_.size());
}

Result<Table> Parse(std::string_view text, const Limits& limits) {
  if (text.size() > limits.max_bytes) {
    return MakeError(ErrorKind::kLimit, "LIMIT",
                     "file larger than " + std::to_string(limits.max_bytes) + " bytes");
  }
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  if (Status st = CheckText(text); !st) return st.error();

  Reader reader(text, limits);
  Record header;
  Result<bool> got = reader.Next(header);
  if (!got.ok()) return got.error();
  if (!*got) return CsvError("no header line (the first line names the columns)", 1);

  std::vector<std::string> names;
  std::unordered_set<std::string> seen;
  for (size_t i = 0; i < header.fields.size(); ++i) {
    std::string name(TrimSpaces(header.fields[i]));
    if (name.empty()) {
      return CsvError("column " + std::to_string(i + 1) + " of the header has no name",
                      header.line);
    }
    if (!seen.insert(name).second) {
      return CsvError("column \"" + name + "\" appears twice in the header", header.line);
    }
    names.push_back(std::move(name));
  }

  std::vector<Record> records;
  for (;;) {
    Record r;
    got = reader.Next(r);
    if (!got.ok()) return got.error();
    if (!*got) break;
    if (records.size() >= limits.max_records) {
      return LimitError("more than " + std::to_string(limits.max_records) + " records", r.line);
    }
    records.push_back(std::move(r));
  }
  return Table(std::move(names), header.line, std::move(records));
}

std::string EncodeField(std::string_view value) {
  // A leading byte order mark is quoted too: unquoted at the start of a file, the reader would
  // take it for the encoding mark and drop it (found by csv_fuzz).
  const bool quote = value.find_first_of(",\"\r\n") != std::string_view::npos ||
                     (!value.empty() && (value.front() == ' ' || value.back() == ' ')) ||
                     value.substr(0, 3) == "\xEF\xBB\xBF";
  if (!quote) return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

std::string EncodeRecord(const std::vector<std::string>& fields) {
  if (fields.size() == 1 && fields[0].empty()) return "\"\"\r\n";
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out.push_back(',');
    out += EncodeField(fields[i]);
  }
  out += "\r\n";
  return out;
}

}  // namespace sluis::codecs::csv
