// MIME for ebMS 2.0 over HTTP (docs/ebms2-digikoppeling §2.1): reading an HTTP body given its
// Content-Type (multipart/related with a SOAP root part, or a single text/xml body) and writing
// multipart/related with the byte-exact CRLF framing ebms-core uses.
//
// Pure and bounded: the body is refused above kMaxEbmsBytes, at most kMaxParts parts, at most
// kMaxPartHeaderBytes of headers per part. Hostile input (truncated, no boundary, garbage) is an
// Error, never a crash.
#pragma once

#include <utility>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sluis/codecs/result.h"

namespace sluis::codecs::mime {

inline constexpr size_t kMaxParts = 64;
inline constexpr size_t kMaxPartHeaderBytes = 16 * 1024;
inline constexpr size_t kMaxBoundaryLength = 70;  // RFC 2046 §5.1.1

// A parsed Content-Type header value (RFC 2045 §5.1).
struct ContentType {
  std::string type;     // lower case: "multipart"
  std::string subtype;  // lower case: "related"
  // Parameter names in lower case, values unquoted (quoted-pairs resolved), in header order.
  std::vector<std::pair<std::string, std::string>> parameters;

  std::string MediaType() const { return type + "/" + subtype; }
  std::optional<std::string> Parameter(std::string_view name) const;  // name case-insensitive
};
// kMalformed when there is no type/subtype or a quoted string is not closed.
Result<ContentType> ParseContentType(std::string_view value);

struct Header {
  std::string name;
  std::string value;
  bool operator==(const Header&) const = default;
};

// One body part. Content-Type, Content-ID and Content-Transfer-Encoding have their own fields;
// `headers` holds the others (e.g. Content-Disposition) in order.
struct Part {
  std::string content_type;               // header value as sent; "" when absent
  std::string content_id;                 // without the angle brackets; "" when absent
  std::string content_transfer_encoding;  // lower case; "" when absent
  std::vector<Header> headers;
  std::string body;  // transfer encoding undone (base64 decoded)
  bool operator==(const Part&) const = default;
};

struct Message {
  bool multipart = false;
  std::vector<Part> parts;  // never empty
  size_t root = 0;          // the part named by `start`, else the first (§2.1 rule 9)
  const Part& Root() const { return parts[root]; }
};

// Reads an HTTP body. A multipart/related Content-Type is split into its parts (boundary from
// the header; quoted or not; odd characters such as "-=uuid=-" allowed); any non-multipart type
// gives one part holding the whole body with that Content-Type. Content-Transfer-Encoding
// identity/7bit/8bit/binary is kept as is, base64 is decoded, anything else is kUnsupported.
// Errors: kLimit (size, parts, headers), kMalformed (no boundary parameter, no opening or closing
// boundary, bad headers or base64), kUnsupported (another multipart subtype).
Result<Message> ParseBody(std::string_view content_type, std::string_view body);

struct Encoded {
  std::string content_type;  // the HTTP Content-Type header value
  std::string body;
};

// Writes multipart/related. parts[0] is the root (the SOAP envelope) and every part needs a
// Content-ID and a Content-Type. Framing per §2.1 rule 7: each part is "--boundary" CRLF,
// Content-Type, Content-ID <cid>, Content-Transfer-Encoding (if set), the other headers, an empty
// line, the body, CRLF; the message ends with "--boundary--" CRLF. A base64 part is encoded in
// 76-character lines. The Content-Type is
//   multipart/related; boundary="<b>"; type="<root media type>"; start="<cid>";
//   start-info="<root media type>"
// Errors (kRule): no parts, an invalid boundary, a missing Content-ID or Content-Type, header
// text with CR/LF, or a part body containing the boundary delimiter.
Result<Encoded> EncodeMultipartRelated(const std::vector<Part>& parts, std::string_view boundary);

// ebms-core's boundary form "-=<uuid>=-" (the caller supplies the UUID: codecs has no RNG).
std::string MakeBoundary(std::string_view uuid);

}  // namespace sluis::codecs::mime
