#include "import_rows.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>

#include "sluis/codecs/types.h"

namespace sluis::db::internal {

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Whole, unsigned decimal digits; "+5", "5.0", "1e3", "12,50" are not.
std::optional<int64_t> ParseWhole(std::string_view s, bool allow_minus) {
  bool negative = false;
  if (allow_minus && !s.empty() && s.front() == '-') {
    negative = true;
    s.remove_prefix(1);
  }
  if (s.empty()) return std::nullopt;
  int64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    // Beyond any limit we check: saturate rather than overflow.
    v = v > 100'000'000'000'000'000 ? v : v * 10 + (c - '0');
  }
  return negative ? -v : v;
}

}  // namespace

void ErrorSink::Add(int line, std::string message) {
  ++count_;
  if (errors_.size() + 1 < kMaxImportErrors) {
    errors_.push_back({file_, line, std::move(message)});
  }
}

std::vector<ImportError> ErrorSink::Finish() {
  std::stable_sort(errors_.begin(), errors_.end(),
                   [](const ImportError& a, const ImportError& b) { return a.line < b.line; });
  if (count_ > errors_.size()) {
    errors_.push_back({file_, 0,
                       std::to_string(count_ - errors_.size()) + " more errors not listed (" +
                           std::to_string(count_) + " in all)"});
  }
  return std::move(errors_);
}

std::optional<codecs::csv::Table> ReadTable(std::string_view content, ErrorSink& errors) {
  codecs::Result<codecs::csv::Table> r = codecs::csv::Parse(content);
  if (r.ok()) return std::move(r).value();
  const codecs::Error& e = r.error();
  int line = 0;
  if (e.location.rfind("line ", 0) == 0) line = std::atoi(e.location.c_str() + 5);
  errors.Add(line, e.message);
  return std::nullopt;
}

bool CheckHeader(const codecs::csv::Table& t, const std::vector<ColumnSpec>& spec,
                 ErrorSink& errors) {
  const size_t before = errors.count();
  const int line = t.header_line();
  if (t.header().size() == 1 && t.header()[0].find(';') != std::string::npos) {
    errors.Add(line, "the columns are separated by ';': save the file as CSV with commas");
    return false;
  }
  for (const std::string& name : t.header()) {
    const bool known =
        std::any_of(spec.begin(), spec.end(), [&](const ColumnSpec& c) { return name == c.name; });
    if (!known) errors.Add(line, "unknown column " + Quoted(name));
  }
  for (const ColumnSpec& c : spec) {
    if (c.required && !t.HasColumn(c.name)) {
      errors.Add(line, std::string("missing column \"") + c.name + "\"");
    }
  }
  return errors.count() == before;
}

RowReader::RowReader(const codecs::csv::Table& t, const codecs::csv::Record& r, ErrorSink& errors)
    : table_(t), record_(r), errors_(errors) {
  if (std::optional<std::string> p = t.FieldCountProblem(r)) Error(*p);
}

void RowReader::Error(std::string message) {
  ok_ = false;
  errors_.Add(record_.line, std::move(message));
}

std::string_view RowReader::Text(std::string_view column) const {
  return Trim(table_.Get(record_, column));
}

std::optional<std::string> RowReader::Optional(std::string_view column, size_t max_chars) {
  const std::string_view v = Text(column);
  if (v.empty()) return std::nullopt;
  if (max_chars > 0 && Utf8Length(v) > max_chars) {
    Error(std::string(column) + " " + Quoted(v) + " is longer than " + std::to_string(max_chars) +
          " characters");
    return std::nullopt;
  }
  return std::string(v);
}

std::string RowReader::Required(std::string_view column, size_t max_chars) {
  if (Text(column).empty()) {
    Error(std::string(column) + " is empty");
    return {};
  }
  return Optional(column, max_chars).value_or("");
}

std::optional<codecs::Date> RowReader::Date(std::string_view column, bool required) {
  const std::string_view v = Text(column);
  if (v.empty()) {
    if (required) Error(std::string(column) + " is empty");
    return std::nullopt;
  }
  std::optional<codecs::Date> d = codecs::Date::Parse(v);
  if (!d) Error(std::string(column) + " " + Quoted(v) + " is not a date (yyyy-mm-dd)");
  return d;
}

std::optional<codecs::TimeOfDay> RowReader::Time(std::string_view column, bool required) {
  const std::string_view v = Text(column);
  if (v.empty()) {
    if (required) Error(std::string(column) + " is empty");
    return std::nullopt;
  }
  std::optional<codecs::TimeOfDay> t = codecs::TimeOfDay::Parse(v);
  if (!t) Error(std::string(column) + " " + Quoted(v) + " is not a time (hh:mm:ss)");
  return t;
}

std::optional<int64_t> RowReader::Integer(std::string_view column, int64_t min, int64_t max,
                                          bool required, const char* what) {
  const std::string_view v = Text(column);
  if (v.empty()) {
    if (required) Error(std::string(column) + " is empty");
    return std::nullopt;
  }
  const std::optional<int64_t> n = ParseWhole(v, min < 0);
  if (!n) {
    Error(std::string(column) + " " + Quoted(v) + " is not " + what);
    return std::nullopt;
  }
  if (*n < min || *n > max) {
    Error(std::string(column) + " " + std::string(v) + " is not between " + std::to_string(min) +
          " and " + std::to_string(max));
    return std::nullopt;
  }
  return n;
}

std::optional<codecs::Domein> RowReader::Domein(std::string_view column) {
  const std::string_view v = Text(column);
  if (v.empty()) {
    Error(std::string(column) + " is empty");
    return std::nullopt;
  }
  std::optional<codecs::Domein> d = codecs::ParseDomeinName(Lower(v));
  if (!d) Error(std::string(column) + " " + Quoted(v) + " is not wmo or jeugd");
  return d;
}

std::string RowReader::Gemeente(std::string_view column, bool required) {
  const std::string_view v = Text(column);
  if (v.empty()) {
    if (required) Error(std::string(column) + " is empty");
    return {};
  }
  if (!codecs::IsGemeenteFormat(v)) {
    Error(std::string(column) + " " + Quoted(v) + " is not 4 digits (CBS gemeentecode)");
    return {};
  }
  return std::string(v);
}

std::string RowReader::Agb(std::string_view column) {
  const std::string_view v = Text(column);
  if (v.empty()) {
    Error(std::string(column) + " is empty");
    return {};
  }
  if (!codecs::IsAgbFormat(v)) {
    Error(std::string(column) + " " + Quoted(v) + " is not 8 digits");
    return {};
  }
  return std::string(v);
}

std::string RowReader::Bsn(std::string_view column) {
  const std::string_view v = Text(column);
  if (v.empty()) {
    Error(std::string(column) + " is empty");
    return {};
  }
  if (!codecs::IsBsnFormat(v)) {
    Error(std::string(column) + " " + Quoted(v) + " is not 9 digits");
    return {};
  }
  if (!codecs::PassesElfproef(v)) {
    Error(std::string(column) + " " + std::string(v) + " fails the 11-proef (CS002)");
    return {};
  }
  return std::string(v);
}

std::optional<std::string> RowReader::Categorie(std::string_view column, bool required) {
  const std::string_view v = Text(column);
  if (v.empty()) {
    if (required) Error(std::string(column) + " is empty");
    return std::nullopt;
  }
  if (!codecs::IsDigits(v, 2)) {
    Error(std::string(column) + " " + Quoted(v) + " is not 2 digits");
    return std::nullopt;
  }
  return std::string(v);
}

std::optional<std::string> RowReader::ProductCode(std::string_view column, bool required) {
  if (Text(column).empty()) {
    if (required) Error(std::string(column) + " is empty");
    return std::nullopt;
  }
  return Optional(column, 5);
}

std::optional<std::string> RowReader::Eenheid(std::string_view column, bool required) {
  static constexpr std::string_view kWj756[] = {"01", "04", "14", "16", "82", "83", "84"};
  const std::string_view v = Text(column);
  if (v.empty()) {
    if (required) Error(std::string(column) + " is empty");
    return std::nullopt;
  }
  if (std::find(std::begin(kWj756), std::end(kWj756), v) == std::end(kWj756)) {
    Error(std::string(column) + " " + Quoted(v) + " is not in WJ756 (01, 04, 14, 16, 82, 83, 84)");
    return std::nullopt;
  }
  return std::string(v);
}

void RowReader::CheckPeriod(const std::optional<codecs::Date>& begin,
                            const std::optional<codecs::Date>& end, std::string_view begin_column,
                            std::string_view end_column) {
  if (begin && end && *end < *begin) {
    Error(std::string(end_column) + " " + end->ToString() + " is before " +
          std::string(begin_column) + " " + begin->ToString());
  }
}

std::string Quoted(std::string_view value) {
  // Long values are cut: the message names the problem, not the whole field.
  constexpr size_t kMax = 60;
  std::string out = "\"";
  if (value.size() > kMax) {
    size_t cut = kMax;
    while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) --cut;
    out.append(value.substr(0, cut));
    out += "...";
  } else {
    out.append(value);
  }
  out += "\"";
  return out;
}

size_t Utf8Length(std::string_view s) {
  size_t n = 0;
  for (char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

std::optional<std::string> NormalizeIban(std::string_view text, std::string& why) {
  std::string iban;
  for (char c : text) {
    if (c == ' ') continue;
    iban.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  const auto alnum = [](char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'); };
  if (iban.size() < 15 || iban.size() > 34 || !std::isupper(static_cast<unsigned char>(iban[0])) ||
      !std::isupper(static_cast<unsigned char>(iban[1])) || !std::isdigit(iban[2]) ||
      !std::isdigit(iban[3]) || !std::all_of(iban.begin(), iban.end(), alnum)) {
    why = "is not an IBAN (country code, 2 check digits, then 11 to 30 letters or digits)";
    return std::nullopt;
  }
  // Lengths of the SEPA countries an aanbieder of a Dutch gemeente is likely to bank in.
  static const std::map<std::string, size_t> kLength = {{"NL", 18}, {"BE", 16}, {"DE", 22},
                                                        {"LU", 20}, {"FR", 27}, {"GB", 22}};
  const std::string country = iban.substr(0, 2);
  if (const auto it = kLength.find(country); it != kLength.end() && it->second != iban.size()) {
    why = "has " + std::to_string(iban.size()) + " characters, an " + country + " IBAN has " +
          std::to_string(it->second);
    return std::nullopt;
  }
  // ISO 13616: move the first four characters to the end, letters to 10..35, mod 97 == 1.
  const std::string moved = iban.substr(4) + iban.substr(0, 4);
  int remainder = 0;
  for (char c : moved) {
    const int v = c <= '9' ? c - '0' : c - 'A' + 10;
    remainder = v >= 10 ? (remainder * 100 + v) % 97 : (remainder * 10 + v) % 97;
  }
  if (remainder != 1) {
    why = "fails the mod-97 check";
    return std::nullopt;
  }
  return iban;
}

std::string PeriodText(codecs::Date begin, const std::optional<codecs::Date>& end) {
  return begin.ToString() + ".." + (end ? end->ToString() : std::string("(open)"));
}

bool Overlaps(codecs::Date b1, const std::optional<codecs::Date>& e1, codecs::Date b2,
              const std::optional<codecs::Date>& e2) {
  return (!e1 || b2 <= *e1) && (!e2 || b1 <= *e2);
}

}  // namespace sluis::db::internal
