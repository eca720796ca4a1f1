// Escaping text for HTML and XML (element text and double-quoted attributes): the status page
// and the dev CPA writer share it.
#pragma once

#include <string>
#include <string_view>

namespace sluis::gateway {

inline std::string EscapeMarkup(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace sluis::gateway
