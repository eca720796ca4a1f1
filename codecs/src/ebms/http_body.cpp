// From an HTTP body to an ebMS message and back (§2.1): the MIME layer around the SOAP envelope.
#include <algorithm>
#include <set>

#include "sluis/codecs/ebms.h"

#include "xml/xml_tree.h"

namespace sluis::codecs::ebms {

bool IsEbxmlSoapAction(std::string_view v) {
  v = xml::Trim(v);
  return v == "\"ebXML\"" || v == "ebXML";
}

std::vector<std::string> InboundMessage::ContentIds() const {
  std::vector<std::string> ids;
  ids.reserve(payloads.size());
  for (const mime::Part& p : payloads) ids.push_back(p.content_id);
  return ids;
}

Result<InboundMessage> DecodeMessage(std::string_view content_type, std::string_view body) {
  Result<mime::Message> m = mime::ParseBody(content_type, body);
  if (!m.ok()) return m.error();
  const mime::Part& root = m->Root();
  // KVS ch05 l.410-420: the SOAP part is UTF-8.
  if (Result<mime::ContentType> ct = mime::ParseContentType(root.content_type); ct.ok()) {
    if (const auto charset = ct->Parameter("charset")) {
      std::string cs = *charset;
      std::transform(cs.begin(), cs.end(), cs.begin(), [](char c) {
        return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
      });
      if (cs != "utf-8" && cs != "utf8") {
        return MakeError(ErrorKind::kUnsupported, "MIME",
                         "the SOAP part is not UTF-8 but " + *charset);
      }
    }
  }
  Result<Envelope> env = ParseEnvelope(root.body);
  if (!env.ok()) return env.error();
  InboundMessage out;
  out.envelope = std::move(env).value();
  for (size_t i = 0; i < m->parts.size(); ++i) {
    if (i != m->root) out.payloads.push_back(std::move(m->parts[i]));
  }
  return out;
}

Result<mime::Encoded> EncodeMessage(const Envelope& envelope,
                                    const std::vector<mime::Part>& payloads,
                                    std::string_view root_content_id, std::string_view boundary) {
  const auto fail = [](std::string message) {
    return MakeError(ErrorKind::kRule, "ebMS", std::move(message), "//Body/Manifest");
  };
  std::set<std::string> referenced;
  if (envelope.manifest) {
    for (const Reference& r : envelope.manifest->references) {
      if (!r.href.starts_with("cid:")) return fail("reference " + r.href + " is not a cid: URI");
      referenced.insert(r.href.substr(4));
    }
  }
  std::set<std::string> present;
  for (const mime::Part& p : payloads) {
    if (referenced.count(p.content_id) == 0) {
      return fail("payload " + p.content_id + " has no Manifest reference");
    }
    present.insert(p.content_id);
  }
  for (const std::string& cid : referenced) {
    if (present.count(cid) == 0) return fail("the Manifest refers to a missing payload " + cid);
  }
  std::string soap = EncodeEnvelope(envelope);
  if (payloads.empty()) return mime::Encoded{std::string(kXmlContentType), std::move(soap)};
  std::vector<mime::Part> parts;
  parts.reserve(payloads.size() + 1);
  parts.push_back(mime::Part{
      std::string(kXmlContentType), std::string(root_content_id), "", {}, std::move(soap)});
  parts.insert(parts.end(), payloads.begin(), payloads.end());
  return mime::EncodeMultipartRelated(parts, boundary);
}

}  // namespace sluis::codecs::ebms
