// MIME multipart/related reading and writing (RFC 2045, 2046, 2387) as ebMS 2.0 uses it.
// Reading is lenient where senders differ (bare LF line ends, transport padding after a
// delimiter, unquoted boundaries, a start parameter that names nothing) and strict where a
// mistake would lose data (no closing delimiter, bad base64, unknown transfer encodings).
#include "sluis/codecs/mime.h"

#include <algorithm>

#include "sluis/codecs/base64.h"
#include "sluis/codecs/limits.h"

namespace sluis::codecs::mime {
namespace {

constexpr size_t kMaxHeadersPerPart = 64;

Error Malformed(std::string message, std::string location = {}) {
  return MakeError(ErrorKind::kMalformed, "MIME", std::move(message), std::move(location));
}

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string ToLower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), Lower);
  return out;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [](char x, char y) { return Lower(x) == Lower(y); });
}

bool IsSpace(char c) { return c == ' ' || c == '\t'; }

std::string_view TrimSpace(std::string_view s) {
  while (!s.empty() && (IsSpace(s.front()) || s.front() == '\r' || s.front() == '\n')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (IsSpace(s.back()) || s.back() == '\r' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}

// "<cid>" -> "cid"; tolerant of missing brackets.
std::string StripAngles(std::string_view v) {
  v = TrimSpace(v);
  if (v.size() >= 2 && v.front() == '<' && v.back() == '>') v = v.substr(1, v.size() - 2);
  return std::string(v);
}

// RFC 2046 bchars, not ending in a space.
bool ValidBoundary(std::string_view b) {
  if (b.empty() || b.size() > kMaxBoundaryLength || b.back() == ' ') return false;
  for (char c : b) {
    const bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                    std::string_view("'()+_,-./:=? ").find(c) != std::string_view::npos;
    if (!ok) return false;
  }
  return true;
}

// Where a delimiter line for `dash_boundary` ("--" + boundary) starts, searching from `from`.
// A delimiter starts a line (at the very start of the body, or after LF) and is followed by
// "--" (the close delimiter) or by optional transport padding and a line end (or the end of the
// body). *close tells which; *line_end is the first byte after the delimiter line.
size_t FindDelimiter(std::string_view body, std::string_view dash_boundary, size_t from,
                     bool* close, size_t* line_end) {
  for (size_t at = body.find(dash_boundary, from); at != std::string_view::npos;
       at = body.find(dash_boundary, at + 1)) {
    if (at != 0 && body[at - 1] != '\n') continue;
    size_t i = at + dash_boundary.size();
    *close = body.compare(i, 2, "--") == 0;
    if (*close) i += 2;
    while (i < body.size() && IsSpace(body[i])) ++i;
    if (i == body.size()) {
      *line_end = i;
      return at;
    }
    if (body[i] == '\n') {
      *line_end = i + 1;
      return at;
    }
    if (body.compare(i, 2, "\r\n") == 0) {
      *line_end = i + 2;
      return at;
    }
    // "--boundaryX": a longer string that merely starts with the boundary.
  }
  return std::string_view::npos;
}

// Splits "Name: value" lines (folded lines unfolded) into headers.
Result<std::vector<Header>> ParseHeaders(std::string_view block, const std::string& where) {
  std::vector<Header> out;
  size_t i = 0;
  while (i < block.size()) {
    size_t eol = block.find('\n', i);
    if (eol == std::string_view::npos) eol = block.size();
    std::string_view line = block.substr(i, eol - i);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    i = eol + 1;
    if (line.empty()) continue;
    if (IsSpace(line.front())) {
      if (out.empty()) return Malformed("a folded header line without a header", where);
      const std::string_view more = TrimSpace(line);
      if (!more.empty()) {
        if (!out.back().value.empty()) out.back().value += ' ';
        out.back().value += more;
      }
      continue;
    }
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) {
      return Malformed("a part header line without a name and colon", where);
    }
    const std::string_view name = line.substr(0, colon);
    for (char c : name) {
      if (c <= ' ' || c == 127) return Malformed("an invalid header name", where);
    }
    if (out.size() == kMaxHeadersPerPart) {
      return MakeError(ErrorKind::kLimit, "MIME", "too many part headers", where);
    }
    out.push_back(Header{std::string(name), std::string(TrimSpace(line.substr(colon + 1)))});
  }
  return out;
}

Result<Part> ParsePart(std::string_view text, size_t index) {
  const std::string where = "part " + std::to_string(index + 1);
  Part part;
  std::string_view header_block, content;
  if (text.empty()) {
    // "--b" CRLF "--b--": a part without headers or content.
  } else if (text.starts_with("\r\n")) {
    content = text.substr(2);
  } else if (text.starts_with("\n")) {
    content = text.substr(1);
  } else {
    size_t sep = text.find("\r\n\r\n");
    size_t sep_len = 4;
    const size_t lf = text.find("\n\n");
    if (lf != std::string_view::npos && (sep == std::string_view::npos || lf < sep)) {
      sep = lf;
      sep_len = 2;
    }
    if (sep == std::string_view::npos) {
      return Malformed("part headers are not ended by an empty line", where);
    }
    header_block = text.substr(0, sep);
    content = text.substr(sep + sep_len);
  }
  if (header_block.size() > kMaxPartHeaderBytes) {
    return MakeError(ErrorKind::kLimit, "MIME", "part headers larger than 16 KiB", where);
  }
  Result<std::vector<Header>> headers = ParseHeaders(header_block, where);
  if (!headers.ok()) return headers.error();
  for (Header& h : headers.value()) {
    if (EqualsIgnoreCase(h.name, "Content-Type")) {
      part.content_type = std::move(h.value);
    } else if (EqualsIgnoreCase(h.name, "Content-ID")) {
      part.content_id = StripAngles(h.value);
    } else if (EqualsIgnoreCase(h.name, "Content-Transfer-Encoding")) {
      part.content_transfer_encoding = ToLower(TrimSpace(h.value));
    } else {
      part.headers.push_back(std::move(h));
    }
  }
  const std::string& cte = part.content_transfer_encoding;
  if (cte.empty() || cte == "7bit" || cte == "8bit" || cte == "binary") {
    part.body = std::string(content);
  } else if (cte == "base64") {
    Result<std::string> decoded = Base64Decode(content);
    if (!decoded.ok()) return Malformed("bad base64: " + decoded.error().message, where);
    part.body = std::move(decoded).value();
  } else {
    return MakeError(ErrorKind::kUnsupported, "MIME",
                     "Content-Transfer-Encoding '" + cte + "' is not supported", where);
  }
  return part;
}

bool HasLineBreak(std::string_view s) { return s.find_first_of("\r\n") != std::string_view::npos; }

std::string Quote(std::string_view v) {
  std::string out = "\"";
  for (char c : v) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
  return out;
}

}  // namespace

std::optional<std::string> ContentType::Parameter(std::string_view name) const {
  for (const auto& [k, v] : parameters) {
    if (EqualsIgnoreCase(k, name)) return v;
  }
  return std::nullopt;
}

Result<ContentType> ParseContentType(std::string_view value) {
  ContentType ct;
  const size_t semi = value.find(';');
  const std::string_view media = TrimSpace(value.substr(0, semi));
  const size_t slash = media.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 == media.size()) {
    return Malformed("Content-Type '" + std::string(media) + "' has no type/subtype");
  }
  ct.type = ToLower(TrimSpace(media.substr(0, slash)));
  ct.subtype = ToLower(TrimSpace(media.substr(slash + 1)));
  size_t i = semi == std::string_view::npos ? value.size() : semi + 1;
  while (i < value.size()) {
    while (i < value.size() && (IsSpace(value[i]) || value[i] == ';')) ++i;
    if (i >= value.size()) break;
    const size_t eq = value.find('=', i);
    const size_t next_semi = value.find(';', i);
    if (eq == std::string_view::npos || (next_semi != std::string_view::npos && next_semi < eq)) {
      return Malformed("Content-Type parameter without '='");
    }
    std::string name = ToLower(TrimSpace(value.substr(i, eq - i)));
    i = eq + 1;
    while (i < value.size() && IsSpace(value[i])) ++i;
    std::string v;
    if (i < value.size() && value[i] == '"') {
      ++i;
      bool closed = false;
      while (i < value.size()) {
        const char c = value[i++];
        if (c == '"') {
          closed = true;
          break;
        }
        if (c == '\\' && i < value.size()) {
          v += value[i++];
        } else {
          v += c;
        }
      }
      if (!closed) return Malformed("unterminated quoted string in Content-Type");
      while (i < value.size() && value[i] != ';') {
        if (!IsSpace(value[i])) return Malformed("text after a quoted Content-Type parameter");
        ++i;
      }
    } else {
      size_t end = value.find(';', i);
      if (end == std::string_view::npos) end = value.size();
      v = std::string(TrimSpace(value.substr(i, end - i)));
      i = end;
    }
    if (name.empty()) return Malformed("Content-Type parameter without a name");
    ct.parameters.emplace_back(std::move(name), std::move(v));
  }
  return ct;
}

Result<Message> ParseBody(std::string_view content_type, std::string_view body) {
  if (body.size() > kMaxEbmsBytes) {
    return MakeError(ErrorKind::kLimit, "SIZE",
                     "HTTP body of " + std::to_string(body.size()) +
                         " bytes exceeds the limit of " + std::to_string(kMaxEbmsBytes) + " bytes");
  }
  Result<ContentType> ct = ParseContentType(content_type);
  if (!ct.ok()) return ct.error();
  Message message;
  if (ct->type != "multipart") {
    message.parts.push_back(
        Part{std::string(TrimSpace(content_type)), "", "", {}, std::string(body)});
    return message;
  }
  if (ct->subtype != "related") {
    return MakeError(ErrorKind::kUnsupported, "MIME",
                     "multipart/" + ct->subtype + " is not multipart/related");
  }
  const std::optional<std::string> boundary = ct->Parameter("boundary");
  if (!boundary || boundary->empty()) return Malformed("multipart without a boundary parameter");
  if (boundary->size() > kMaxBoundaryLength) return Malformed("boundary longer than 70 characters");
  const std::string dash_boundary = "--" + *boundary;

  message.multipart = true;
  bool close = false;
  size_t line_end = 0;
  size_t at = FindDelimiter(body, dash_boundary, 0, &close, &line_end);
  if (at == std::string_view::npos || close) {
    return Malformed("no opening boundary delimiter");
  }
  while (true) {
    const size_t start = line_end;
    const size_t next = FindDelimiter(body, dash_boundary, start, &close, &line_end);
    if (next == std::string_view::npos) {
      return Malformed("truncated multipart: no closing boundary delimiter",
                       "part " + std::to_string(message.parts.size() + 1));
    }
    // The line end before a delimiter belongs to the delimiter.
    size_t end = next;
    if (end > start && body[end - 1] == '\n') --end;
    if (end > start && body[end - 1] == '\r') --end;
    if (message.parts.size() == kMaxParts) {
      return MakeError(ErrorKind::kLimit, "MIME",
                       "more than " + std::to_string(kMaxParts) + " MIME parts");
    }
    Result<Part> part = ParsePart(body.substr(start, end - start), message.parts.size());
    if (!part.ok()) return part.error();
    message.parts.push_back(std::move(part).value());
    if (close) break;
  }
  if (const std::optional<std::string> start = ct->Parameter("start")) {
    const std::string cid = StripAngles(*start);
    for (size_t i = 0; i < message.parts.size(); ++i) {
      if (message.parts[i].content_id == cid) {
        message.root = i;
        break;
      }
    }
  }
  return message;
}

std::string MakeBoundary(std::string_view uuid) { return "-=" + std::string(uuid) + "=-"; }

Result<Encoded> EncodeMultipartRelated(const std::vector<Part>& parts, std::string_view boundary) {
  const auto fail = [](std::string message) {
    return MakeError(ErrorKind::kRule, "MIME", std::move(message));
  };
  if (parts.empty()) return fail("a multipart message needs at least one part");
  if (!ValidBoundary(boundary)) return fail("invalid boundary '" + std::string(boundary) + "'");
  const std::string dash_boundary = "--" + std::string(boundary);
  std::string body;
  for (const Part& p : parts) {
    if (p.content_id.empty() || p.content_type.empty()) {
      return fail("every part needs a Content-ID and a Content-Type");
    }
    if (HasLineBreak(p.content_id) || HasLineBreak(p.content_type) ||
        HasLineBreak(p.content_transfer_encoding) ||
        p.content_id.find_first_of("<>\"\\") != std::string::npos) {
      return fail("invalid Content-ID, Content-Type or Content-Transfer-Encoding");
    }
    std::string content;
    if (p.content_transfer_encoding == "base64") {
      const std::string encoded = Base64Encode(p.body);
      for (size_t i = 0; i < encoded.size(); i += 76) {
        if (i != 0) content += "\r\n";
        content += encoded.substr(i, 76);
      }
    } else {
      content = p.body;
    }
    if (content.find(dash_boundary) != std::string::npos) {
      return fail("part " + p.content_id + " contains the boundary delimiter");
    }
    body += dash_boundary + "\r\n";
    body += "Content-Type: " + p.content_type + "\r\n";
    body += "Content-ID: <" + p.content_id + ">\r\n";
    if (!p.content_transfer_encoding.empty()) {
      body += "Content-Transfer-Encoding: " + p.content_transfer_encoding + "\r\n";
    }
    for (const Header& h : p.headers) {
      if (h.name.empty() || HasLineBreak(h.name) || HasLineBreak(h.value) ||
          h.name.find(':') != std::string::npos) {
        return fail("invalid header in part " + p.content_id);
      }
      body += h.name + ": " + h.value + "\r\n";
    }
    body += "\r\n";
    body += content;
    body += "\r\n";
  }
  body += dash_boundary + "--\r\n";

  std::string root_type = "text/xml";
  if (Result<ContentType> ct = ParseContentType(parts[0].content_type); ct.ok()) {
    root_type = ct->MediaType();
  }
  Encoded out;
  out.content_type =
      "multipart/related; boundary=" + Quote(boundary) + "; type=" + Quote(root_type) +
      "; start=" + Quote("<" + parts[0].content_id + ">") + "; start-info=" + Quote(root_type);
  out.body = std::move(body);
  return out;
}

}  // namespace sluis::codecs::mime
