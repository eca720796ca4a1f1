// Private to db/: reading CSV records into typed values for the imports of sluis/db/reference.h.
// Every problem becomes one ImportError "file:line: reason"; the readers keep going so that a
// file's report lists every bad row, not just the first.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sluis/codecs/bericht_type.h"
#include "sluis/codecs/csv.h"
#include "sluis/codecs/date.h"
#include "sluis/db/reference.h"

namespace sluis::db::internal {

// Collects the errors of one file, at most kMaxImportErrors of them.
class ErrorSink {
 public:
  explicit ErrorSink(std::string file) : file_(std::move(file)) {}
  void Add(int line, std::string message);
  size_t count() const { return count_; }
  bool empty() const { return count_ == 0; }
  // The errors in line order (stable), with a last entry saying how many were left out.
  std::vector<ImportError> Finish();

 private:
  std::string file_;
  std::vector<ImportError> errors_;
  size_t count_ = 0;
};

// Parses the CSV; a malformed file is one error with its line.
std::optional<codecs::csv::Table> ReadTable(std::string_view content, ErrorSink& errors);

struct ColumnSpec {
  const char* name;
  bool required;  // the header must have it (its values may still be optional)
};
// Unknown and missing columns, reported on the header line. False when there was any (the rows
// are then not read: their values would only repeat the header's problem).
bool CheckHeader(const codecs::csv::Table& t, const std::vector<ColumnSpec>& spec,
                 ErrorSink& errors);

// The values of one record: trimmed of surrounding spaces, checked, errors reported with the
// record's line and the column's name.
class RowReader {
 public:
  RowReader(const codecs::csv::Table& t, const codecs::csv::Record& r, ErrorSink& errors);

  int line() const { return record_.line; }
  // No error reported for this row so far (a field count mismatch is one).
  bool ok() const { return ok_; }
  void Error(std::string message);

  std::string_view Text(std::string_view column) const;
  // Non-empty text of at most max_chars characters (0: no limit).
  std::string Required(std::string_view column, size_t max_chars = 0);
  std::optional<std::string> Optional(std::string_view column, size_t max_chars = 0);
  std::optional<codecs::Date> Date(std::string_view column, bool required);
  std::optional<codecs::TimeOfDay> Time(std::string_view column, bool required);
  // A whole number in [min, max]. `what` completes "is not ...": "a whole number of cents".
  std::optional<int64_t> Integer(std::string_view column, int64_t min, int64_t max, bool required,
                                 const char* what = "a whole number");
  std::optional<codecs::Domein> Domein(std::string_view column = "domein");
  // 4 digits; empty allowed when !required (returns "").
  std::string Gemeente(std::string_view column, bool required = true);
  std::string Agb(std::string_view column = "agb");
  std::string Bsn(std::string_view column = "bsn");  // 9 digits and the 11-proef (CS002)
  // LDT_ProductCategorie: 2 digits; LDT_ProductCode: 1..5 characters.
  std::optional<std::string> Categorie(std::string_view column, bool required);
  std::optional<std::string> ProductCode(std::string_view column, bool required);
  std::optional<std::string> Eenheid(std::string_view column, bool required);  // WJ756
  // Checks einddatum >= ingangsdatum when both are there.
  void CheckPeriod(const std::optional<codecs::Date>& begin, const std::optional<codecs::Date>& end,
                   std::string_view begin_column = "ingangsdatum",
                   std::string_view end_column = "einddatum");

 private:
  const codecs::csv::Table& table_;
  const codecs::csv::Record& record_;
  ErrorSink& errors_;
  bool ok_ = true;
};

// "\"12,50\"": a value quoted for a message.
std::string Quoted(std::string_view value);
size_t Utf8Length(std::string_view s);
// An IBAN without spaces, upper case; nullopt and `why` set when it is not a valid one (format,
// length for the country, mod-97 check digits of ISO 13616).
std::optional<std::string> NormalizeIban(std::string_view text, std::string& why);
// "2025-01-01..2025-12-31" or "2025-01-01..(open)".
std::string PeriodText(codecs::Date begin, const std::optional<codecs::Date>& end);
// Do [b1, e1] and [b2, e2] share a day? An absent end is open-ended.
bool Overlaps(codecs::Date b1, const std::optional<codecs::Date>& e1, codecs::Date b2,
              const std::optional<codecs::Date>& e2);

}  // namespace sluis::db::internal
