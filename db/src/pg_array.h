// Private to db/: PostgreSQL array literals, so that a whole batch travels as a handful of
// parameters and one statement (INSERT ... SELECT FROM unnest($1::text[], $2::bigint[], ...))
// writes or looks up any number of rows: libpqxx 6.4 has no array parameters of its own, and a
// fixed parameter count keeps the statement text the same for every batch size.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sluis::db::internal {

// Builds "{"a","b",NULL}". Every element is quoted, so the same literal casts to text[],
// bigint[], date[], time[]...; the SQL names the type ($1::date[]).
class ArrayLiteral {
 public:
  ArrayLiteral() : out_("{") {}
  void Add(std::string_view value);
  void Add(const std::string& value) { Add(std::string_view(value)); }
  void Add(int64_t value) { Add(std::string_view(std::to_string(value))); }
  void AddNull();
  void Add(const std::optional<std::string>& value) {
    if (value) {
      Add(std::string_view(*value));
    } else {
      AddNull();
    }
  }
  void Add(const std::optional<int64_t>& value) {
    if (value) {
      Add(*value);
    } else {
      AddNull();
    }
  }
  size_t size() const { return n_; }
  // The literal; the builder is spent afterwards.
  std::string Take();

 private:
  void Separate();
  std::string out_;
  size_t n_ = 0;
};

// Reads a one-dimensional text[] value as PostgreSQL prints it ({a,"b c",NULL}); NULL elements
// become empty strings.
std::vector<std::string> ParseTextArray(std::string_view text);

}  // namespace sluis::db::internal
