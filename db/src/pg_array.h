// Private to db/: PostgreSQL array literals, so that a whole batch travels as one parameter
// (`= ANY($1::bigint[])`, `INSERT ... SELECT FROM unnest($1::text[], $2::bigint[], ...)`):
// one round trip for 30 000 prestaties instead of 30 000.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sluis::db::internal {

class ArrayLiteral {
 public:
  ArrayLiteral() : text_("{") {}
  void Text(std::string_view value);  // quoted and escaped
  void Int(int64_t value);
  void Null();
  void OptText(const std::optional<std::string>& value) { value ? Text(*value) : Null(); }
  void OptInt(const std::optional<int64_t>& value) { value ? Int(*value) : Null(); }
  std::string Finish() const { return text_ + "}"; }
  size_t size() const { return count_; }

 private:
  void Separator();
  std::string text_;
  size_t count_ = 0;
};

// Parses a one-dimensional text[] literal as PostgreSQL prints it ({a,"b c",NULL}); NULL
// elements become empty strings.
std::vector<std::string> ParseTextArray(std::string_view literal);

}  // namespace sluis::db::internal
