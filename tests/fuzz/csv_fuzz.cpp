// libFuzzer target for csv::Parse. Invariants checked: every record's line number lies after the
// header's and grows from record to record; field and column counts stay within the limits; and
// writing the table with EncodeRecord and reading it back gives the same fields.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "sluis/codecs/csv.h"

namespace csv = sluis::codecs::csv;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  csv::Limits limits;
  limits.max_field_bytes = 4096;
  limits.max_columns = 64;
  const sluis::codecs::Result<csv::Table> r = csv::Parse(in, limits);
  if (!r.ok()) return 0;
  const csv::Table& t = r.value();
  if (t.header().empty() || t.header().size() > limits.max_columns) __builtin_trap();
  int previous = t.header_line();
  std::string again = csv::EncodeRecord(t.header());
  for (const csv::Record& rec : t.records()) {
    if (rec.line <= previous || rec.fields.empty()) __builtin_trap();
    if (rec.fields.size() > limits.max_columns) __builtin_trap();
    for (const std::string& f : rec.fields) {
      if (f.size() > limits.max_field_bytes) __builtin_trap();
    }
    previous = rec.line;
    (void)t.FieldCountProblem(rec);
    again += csv::EncodeRecord(rec.fields);
  }
  // Quoting can only add bytes; give the re-read room for it.
  csv::Limits wide = limits;
  wide.max_bytes = again.size() + 1;
  wide.max_record_bytes = limits.max_record_bytes * 2 + 16;
  const sluis::codecs::Result<csv::Table> back = csv::Parse(again, wide);
  if (!back.ok()) __builtin_trap();
  if (back.value().header() != t.header()) __builtin_trap();
  if (back.value().records().size() != t.records().size()) __builtin_trap();
  for (size_t i = 0; i < t.records().size(); ++i) {
    if (back.value().records()[i].fields != t.records()[i].fields) __builtin_trap();
  }
  return 0;
}
