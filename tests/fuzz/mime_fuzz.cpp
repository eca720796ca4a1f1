// libFuzzer target for mime::ParseBody. Input: the Content-Type header value, a line feed, then
// the HTTP body (no line feed: the whole input is the body of a multipart/related; boundary=b).
// Invariants checked: the root index is valid, and a parsed multipart message that can be
// written again reads back to the same parts.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sluis/codecs/mime.h"

namespace mime = sluis::codecs::mime;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  const size_t nl = in.find('\n');
  const std::string_view content_type =
      nl == std::string_view::npos ? "multipart/related; boundary=b" : in.substr(0, nl);
  const std::string_view body = nl == std::string_view::npos ? in : in.substr(nl + 1);

  const sluis::codecs::Result<mime::Message> m = mime::ParseBody(content_type, body);
  if (!m.ok()) return 0;
  if (m->parts.empty() || m->root >= m->parts.size()) __builtin_trap();
  if (!m->multipart) return 0;
  const sluis::codecs::Result<mime::Encoded> e =
      mime::EncodeMultipartRelated(m->parts, "-=fuzz-boundary=-");
  if (!e.ok()) return 0;  // e.g. a part without Content-ID, or one containing the boundary
  const sluis::codecs::Result<mime::Message> back = mime::ParseBody(e->content_type, e->body);
  if (!back.ok() || back->parts != m->parts) __builtin_trap();
  return 0;
}
