#include "pg_array.h"

namespace sluis::db::internal {

void ArrayLiteral::Separator() {
  if (count_++ > 0) text_ += ',';
}

void ArrayLiteral::Text(std::string_view value) {
  Separator();
  text_ += '"';
  for (const char c : value) {
    if (c == '"' || c == '\\') text_ += '\\';
    text_ += c;
  }
  text_ += '"';
}

void ArrayLiteral::Int(int64_t value) {
  Separator();
  text_ += std::to_string(value);
}

void ArrayLiteral::Null() {
  Separator();
  text_ += "NULL";
}

std::vector<std::string> ParseTextArray(std::string_view s) {
  std::vector<std::string> out;
  if (s.size() < 2 || s.front() != '{' || s.back() != '}') return out;
  s = s.substr(1, s.size() - 2);
  size_t i = 0;
  while (i < s.size()) {
    std::string element;
    if (s[i] == '"') {
      for (++i; i < s.size() && s[i] != '"'; ++i) {
        if (s[i] == '\\' && i + 1 < s.size()) ++i;
        element += s[i];
      }
      ++i;  // closing quote
    } else {
      const size_t end = s.find(',', i);
      element = std::string(s.substr(i, end == std::string_view::npos ? end : end - i));
      i = end == std::string_view::npos ? s.size() : end;
      if (element == "NULL") element.clear();
    }
    out.push_back(std::move(element));
    if (i < s.size() && s[i] == ',') ++i;
  }
  return out;
}

}  // namespace sluis::db::internal
