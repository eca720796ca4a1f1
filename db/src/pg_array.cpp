#include "pg_array.h"

namespace sluis::db::internal {

void ArrayLiteral::Separate() {
  if (n_++ > 0) out_.push_back(',');
}

void ArrayLiteral::Add(std::string_view value) {
  Separate();
  out_.push_back('"');
  for (char c : value) {
    if (c == '"' || c == '\\') out_.push_back('\\');
    out_.push_back(c);
  }
  out_.push_back('"');
}

void ArrayLiteral::AddNull() {
  Separate();
  out_ += "NULL";
}

std::string ArrayLiteral::Take() {
  out_.push_back('}');
  return std::move(out_);
}

std::vector<std::string> ParseTextArray(std::string_view s) {
  std::vector<std::string> out;
  if (s.size() < 2 || s.front() != '{' || s.back() != '}') return out;
  s = s.substr(1, s.size() - 2);
  size_t i = 0;
  while (i < s.size()) {
    std::string element;
    if (s[i] == '"') {
      ++i;
      while (i < s.size() && s[i] != '"') {
        if (s[i] == '\\' && i + 1 < s.size()) ++i;
        element.push_back(s[i++]);
      }
      ++i;  // closing quote
    } else {
      const size_t start = i;
      while (i < s.size() && s[i] != ',') ++i;
      element.assign(s.substr(start, i - start));
      if (element == "NULL") element.clear();
    }
    out.push_back(std::move(element));
    if (i < s.size() && s[i] == ',') ++i;
  }
  return out;
}

}  // namespace sluis::db::internal
