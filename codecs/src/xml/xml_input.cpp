#include "xml/xml_input.h"

#include <cstdint>
#include <cstring>
#include <string>

#include "sluis/codecs/limits.h"

#include "utf8.h"

namespace sluis::codecs::xml {

namespace {

// True when any of the 8 bytes in w is below 0x20 or has its high bit set: the word needs the
// byte-by-byte path (a control character to check, or the start of a multi-byte sequence).
inline bool NeedsSlowPath(uint64_t w) {
  constexpr uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
  const uint64_t below_0x20 = (w - kOnes * 0x20) & ~w & kHigh;
  return ((w & kHigh) | below_0x20) != 0;
}

Error Utf8Error(utf8::Problem problem, size_t at) {
  const char* what =
      problem == utf8::Problem::kTruncated ? "truncated UTF-8 sequence"
      : problem == utf8::Problem::kBadLeadByte || problem == utf8::Problem::kBadContinuation
          ? "invalid UTF-8"
          : "invalid UTF-8 code point";
  return MakeError(ErrorKind::kMalformed, "XML", what, "byte " + std::to_string(at));
}

}  // namespace

Status CheckUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    // Fast path: eight plain printable ASCII bytes at a time.
    if (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, p + i, 8);
      if (!NeedsSlowPath(w)) {
        i += 8;
        continue;
      }
    }
    const unsigned char c = p[i];
    if (c < 0x80) {
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
        return MakeError(ErrorKind::kMalformed, "XML",
                         "control character 0x" + std::to_string(c) + " is not allowed in XML",
                         "byte " + std::to_string(i));
      }
      ++i;
      continue;
    }
    const utf8::Sequence seq = utf8::DecodeMultiByte(p, n, i);
    // U+FFFE and U+FFFF are valid UTF-8 but not XML characters.
    if (seq.problem != utf8::Problem::kNone || seq.code_point == 0xFFFE ||
        seq.code_point == 0xFFFF) {
      return Utf8Error(seq.problem, i);
    }
    i += seq.length;
  }
  return Status::Ok();
}

Status CheckNoDoctype(std::string_view s) {
  size_t i = 0;
  if (s.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
  // The prolog: XML declaration, comments, processing instructions and whitespace, until the
  // root element starts.
  while (i < s.size()) {
    const char c = s[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      ++i;
    } else if (s.compare(i, 4, "<!--") == 0) {
      const size_t end = s.find("-->", i + 4);
      if (end == std::string_view::npos) break;
      i = end + 3;
    } else if (s.compare(i, 2, "<?") == 0) {
      const size_t end = s.find("?>", i + 2);
      if (end == std::string_view::npos) break;
      i = end + 2;
    } else if (s.compare(i, 9, "<!DOCTYPE") == 0) {
      return MakeError(ErrorKind::kForbidden, "XML",
                       "a DOCTYPE is not allowed (no DTDs, no entity declarations)",
                       "line " + std::to_string(LineOf(s, static_cast<ptrdiff_t>(i))));
    } else {
      break;
    }
  }
  return Status::Ok();
}

Status CheckCharReferences(std::string_view s) {
  // Most documents hold no '&' at all: one memchr instead of a walk over every '<'.
  if (s.empty() || !std::memchr(s.data(), '&', s.size())) return Status::Ok();
  const auto skip_to = [&](size_t from, std::string_view end) {
    const size_t at = s.find(end, from);
    return at == std::string_view::npos ? s.size() : at + end.size();
  };
  for (size_t i = s.find_first_of("<&"); i != std::string_view::npos && i < s.size();
       i = s.find_first_of("<&", i)) {
    if (s[i] == '<') {
      if (s.compare(i, 4, "<!--") == 0) {
        i = skip_to(i + 4, "-->");
      } else if (s.compare(i, 9, "<![CDATA[") == 0) {
        i = skip_to(i + 9, "]]>");
      } else if (s.compare(i, 2, "<?") == 0) {
        i = skip_to(i + 2, "?>");
      } else {
        ++i;
      }
      continue;
    }
    if (s.compare(i, 2, "&#") != 0) {
      ++i;
      continue;
    }
    size_t j = i + 2;
    const bool hex = j < s.size() && s[j] == 'x';
    if (hex) ++j;
    uint32_t cp = 0;
    size_t digits = 0;
    for (; j < s.size(); ++j, ++digits) {
      const char c = s[j];
      uint32_t d;
      if (c >= '0' && c <= '9') {
        d = static_cast<uint32_t>(c - '0');
      } else if (hex && c >= 'a' && c <= 'f') {
        d = static_cast<uint32_t>(c - 'a' + 10);
      } else if (hex && c >= 'A' && c <= 'F') {
        d = static_cast<uint32_t>(c - 'A' + 10);
      } else {
        break;
      }
      if (cp <= 0x10FFFF) cp = cp * (hex ? 16 : 10) + d;  // saturates above the Unicode range
    }
    if (digits == 0 || j >= s.size() || s[j] != ';') {
      ++i;  // not a character reference; the parser judges it
      continue;
    }
    const bool is_char = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
                         (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
    if (!is_char) {
      return MakeError(
          ErrorKind::kMalformed, "XML",
          "character reference " + std::string(s.substr(i, j + 1 - i)) + " is not an XML character",
          "line " + std::to_string(LineOf(s, static_cast<ptrdiff_t>(i))));
    }
    i = j + 1;
  }
  return Status::Ok();
}

int LineOf(std::string_view text, ptrdiff_t offset) {
  int line = 1;
  const size_t end = offset < 0 ? 0 : std::min(text.size(), static_cast<size_t>(offset));
  for (size_t i = 0; i < end; ++i) line += text[i] == '\n' ? 1 : 0;
  return line;
}

int MaxDepth(const pugi::xml_node& root) {
  int depth = 0, max = 0;
  pugi::xml_node n = root.first_child();
  if (!n) return 0;
  depth = 1;
  max = 1;
  while (n) {
    if (n.first_child()) {
      n = n.first_child();
      ++depth;
      if (n.type() == pugi::node_element && depth > max) max = depth;
      continue;
    }
    while (n && !n.next_sibling()) {
      n = n.parent();
      --depth;
      if (n == root) return max;
    }
    if (n) n = n.next_sibling();
  }
  return max;
}

Status Parse(std::string_view text, pugi::xml_document& doc, size_t max_bytes, bool check_depth) {
  if (text.size() > max_bytes) {
    return MakeError(ErrorKind::kLimit, "SIZE",
                     "document of " + std::to_string(text.size()) + " bytes exceeds the limit of " +
                         std::to_string(max_bytes) + " bytes");
  }
  if (Status s = CheckUtf8(text); !s) return s;
  if (Status s = CheckNoDoctype(text); !s) return s;
  if (Status s = CheckCharReferences(text); !s) return s;
  // parse_default minus DOCTYPE and PI processing: entities are the five predefined ones and
  // character references only.
  const unsigned opts = pugi::parse_cdata | pugi::parse_escapes | pugi::parse_eol |
                        pugi::parse_wconv_attribute | pugi::parse_ws_pcdata_single;
  const pugi::xml_parse_result r =
      doc.load_buffer(text.data(), text.size(), opts, pugi::encoding_utf8);
  if (!r) {
    return MakeError(ErrorKind::kMalformed, "XML",
                     std::string("not well-formed: ") + r.description(),
                     "line " + std::to_string(LineOf(text, r.offset)));
  }
  if (!doc.document_element()) {
    return MakeError(ErrorKind::kMalformed, "XML", "no root element");
  }
  if (check_depth && MaxDepth(doc) > kMaxXmlDepth) {
    return MakeError(ErrorKind::kLimit, "DEPTH",
                     "elements nested deeper than " + std::to_string(kMaxXmlDepth));
  }
  return Status::Ok();
}

}  // namespace sluis::codecs::xml
