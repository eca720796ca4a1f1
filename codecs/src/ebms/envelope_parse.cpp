// ParseEnvelope / ParseSoapFault. The structural checks mirror msg-header-2_0.xsd and the SOAP
// 1.1 envelope.xsd for the elements we read: sequences in schema order, required attributes,
// xs:dateTime, xs:boolean, enumerations and non-empty strings. A failure is kSchema "XSD" so the
// receiver answers 500 with an empty body, as ebms-core does after its XSD validation (§2.1
// rule 13). Unknown header entries and body elements are skipped (KVS ch05 "SOAP Extensions").
#include <chrono>

#include <pugixml.hpp>

#include "sluis/codecs/ebms.h"
#include "sluis/codecs/limits.h"

#include "xml/xml_input.h"
#include "xml/xml_read.h"
#include "xml/xml_tree.h"

namespace sluis::codecs::ebms {
namespace {

using xml::AttributeValue;
using xml::SequenceReader;

std::string Local(const pugi::xml_node& e) { return std::string(xml::LocalName(e.name())); }

// Collects the first error; every Read* returns false once something failed.
class Parser {
 public:
  bool Fail(const std::string& at, const std::string& message) {
    if (!error_) error_ = MakeError(ErrorKind::kSchema, "XSD", message, at);
    return false;
  }
  bool failed() const { return error_.has_value(); }
  Error TakeError() { return std::move(*error_); }

  // The next child eb:local of a sequence, which must be there.
  pugi::xml_node Required(SequenceReader& seq, std::string_view local, const std::string& at) {
    const pugi::xml_node n = seq.Take(kEbNs, local);
    if (!n) {
      const pugi::xml_node found = seq.Peek();
      Fail(at + "/" + std::string(local),
           "missing eb:" + std::string(local) +
               (found ? " (found " + std::string(found.name()) + ")" : std::string()));
    }
    return n;
  }

  // Nothing left in a sequence (after an optional xs:any ##other).
  bool End(SequenceReader& seq, const std::string& at, bool any_other) {
    if (any_other) seq.SkipOther(kEbNs);
    if (seq.AtEnd()) return true;
    return Fail(at + "/" + Local(seq.Peek()),
                "unexpected element " + std::string(seq.Peek().name()));
  }

  // Simple content of type non-empty-string (nothing trimmed: xs:string keeps whitespace).
  bool Text(const pugi::xml_node& e, const std::string& at, std::string& out) {
    if (xml::HasElementChildren(e)) return Fail(at, "element content where text is expected");
    out = xml::Text(e);
    if (out.empty()) return Fail(at, "empty value");
    return true;
  }

  bool DateTime(const pugi::xml_node& e, const std::string& at, Instant& out) {
    std::string t;
    if (!Text(e, at, t)) return false;
    const auto v = ParseXsDateTime(xml::Trim(t));
    if (!v) return Fail(at, "invalid xs:dateTime '" + t + "'");
    // A time zone can move years 1 and 9999 out of what FormatXsDateTime writes and
    // ParseXsDateTime reads back; such a value could not be echoed in a signal.
    using std::chrono::sys_days;
    if (*v < sys_days(std::chrono::year(1) / 1 / 1) ||
        *v >= sys_days(std::chrono::year(10000) / 1 / 1)) {
      return Fail(at, "xs:dateTime '" + t + "' is outside the years 1-9999 UTC");
    }
    out = *v;
    return true;
  }

  // An optional eb: attribute of type non-empty-string.
  bool OptionalAttr(const pugi::xml_node& e, std::string_view ns, std::string_view name,
                    const std::string& at, std::optional<std::string>& out) {
    out = AttributeValue(e, ns, name);
    if (out && out->empty()) return Fail(at + "/@" + std::string(name), "empty value");
    return true;
  }

  bool RequiredAttr(const pugi::xml_node& e, std::string_view ns, std::string_view name,
                    const std::string& at, std::string& out) {
    std::optional<std::string> v = AttributeValue(e, ns, name);
    if (!v) return Fail(at + "/@" + std::string(name), "missing attribute " + std::string(name));
    if (v->empty()) return Fail(at + "/@" + std::string(name), "empty value");
    out = std::move(*v);
    return true;
  }

  // headerExtension.grp: eb:version and soap:mustUnderstand (0|1) are required.
  bool HeaderExtension(const pugi::xml_node& e, const std::string& at, std::string& version,
                       bool& must_understand) {
    if (!RequiredAttr(e, kEbNs, "version", at, version)) return false;
    const std::optional<std::string> mu = AttributeValue(e, kSoapNs, "mustUnderstand");
    if (!mu) return Fail(at + "/@mustUnderstand", "missing attribute soap:mustUnderstand");
    const std::string_view v = xml::Trim(*mu);
    if (v != "0" && v != "1") return Fail(at + "/@mustUnderstand", "mustUnderstand is not 0 or 1");
    must_understand = v == "1";
    return true;
  }

  bool ReadDescription(const pugi::xml_node& e, const std::string& at, Description& d) {
    if (!Text(e, at, d.text)) return false;
    // The xml: prefix is bound without a declaration, so look it up by its name.
    const pugi::xml_attribute lang = e.attribute("xml:lang");
    if (!lang) return Fail(at + "/@lang", "missing attribute xml:lang");
    d.lang = lang.value();
    return true;
  }

  bool ReadParty(const pugi::xml_node& e, const std::string& at, Party& p) {
    SequenceReader seq(e);
    const std::vector<pugi::xml_node> ids = seq.TakeAll(kEbNs, "PartyId");
    if (ids.empty()) {
      Required(seq, "PartyId", at);
      return false;
    }
    for (const pugi::xml_node& n : ids) {
      PartyId id;
      if (!Text(n, at + "/PartyId", id.value) ||
          !OptionalAttr(n, kEbNs, "type", at + "/PartyId", id.type)) {
        return false;
      }
      p.party_ids.push_back(std::move(id));
    }
    if (const pugi::xml_node role = seq.Take(kEbNs, "Role")) {
      std::string r;
      if (!Text(role, at + "/Role", r)) return false;
      p.role = std::move(r);
    }
    return End(seq, at, false);
  }

  bool ReadMessageHeader(const pugi::xml_node& e, MessageHeader& h) {
    const std::string at = "//Header/MessageHeader";
    if (!HeaderExtension(e, at, h.version, h.must_understand)) return false;
    SequenceReader seq(e);
    pugi::xml_node n;
    if (!(n = Required(seq, "From", at)) || !ReadParty(n, at + "/From", h.from)) return false;
    if (!(n = Required(seq, "To", at)) || !ReadParty(n, at + "/To", h.to)) return false;
    if (!(n = Required(seq, "CPAId", at)) || !Text(n, at + "/CPAId", h.cpa_id)) return false;
    if (!(n = Required(seq, "ConversationId", at)) ||
        !Text(n, at + "/ConversationId", h.conversation_id)) {
      return false;
    }
    if (!(n = Required(seq, "Service", at)) || !Text(n, at + "/Service", h.service.value) ||
        !OptionalAttr(n, kEbNs, "type", at + "/Service", h.service.type)) {
      return false;
    }
    if (!(n = Required(seq, "Action", at)) || !Text(n, at + "/Action", h.action)) return false;
    if (!(n = Required(seq, "MessageData", at)) || !ReadMessageData(n, at + "/MessageData", h)) {
      return false;
    }
    if (const pugi::xml_node de = seq.Take(kEbNs, "DuplicateElimination")) {
      if (xml::HasElementChildren(de)) {
        return Fail(at + "/DuplicateElimination", "element content in DuplicateElimination");
      }
      h.duplicate_elimination = true;
    }
    for (const pugi::xml_node& d : seq.TakeAll(kEbNs, "Description")) {
      Description desc;
      if (!ReadDescription(d, at + "/Description", desc)) return false;
      h.descriptions.push_back(std::move(desc));
    }
    return End(seq, at, true);
  }

  bool ReadMessageData(const pugi::xml_node& e, const std::string& at, MessageHeader& h) {
    MessageData& d = h.message_data;
    SequenceReader seq(e);
    pugi::xml_node n;
    if (!(n = Required(seq, "MessageId", at)) || !Text(n, at + "/MessageId", d.message_id)) {
      return false;
    }
    if (!(n = Required(seq, "Timestamp", at)) || !DateTime(n, at + "/Timestamp", d.timestamp)) {
      return false;
    }
    if ((n = seq.Take(kEbNs, "RefToMessageId"))) {
      std::string ref;
      if (!Text(n, at + "/RefToMessageId", ref)) return false;
      d.ref_to_message_id = std::move(ref);
    }
    if ((n = seq.Take(kEbNs, "TimeToLive"))) {
      Instant ttl;
      if (!DateTime(n, at + "/TimeToLive", ttl)) return false;
      d.time_to_live = ttl;
    }
    return End(seq, at, false);
  }

  bool ReadSyncReply(const pugi::xml_node& e, SyncReply& s) {
    const std::string at = "//Header/SyncReply";
    if (!HeaderExtension(e, at, s.version, s.must_understand) ||
        !RequiredAttr(e, kSoapNs, "actor", at, s.actor)) {
      return false;
    }
    SequenceReader seq(e);
    return End(seq, at, true);
  }

  bool ReadAckRequested(const pugi::xml_node& e, AckRequested& a) {
    const std::string at = "//Header/AckRequested";
    if (!HeaderExtension(e, at, a.version, a.must_understand) ||
        !OptionalAttr(e, kSoapNs, "actor", at, a.actor)) {
      return false;
    }
    const std::optional<std::string> s = AttributeValue(e, kEbNs, "signed");
    if (!s) return Fail(at + "/@signed", "missing attribute eb:signed");
    const std::optional<bool> b = xml::ParseXsBoolean(*s);
    if (!b) return Fail(at + "/@signed", "invalid xs:boolean '" + *s + "'");
    a.is_signed = *b;
    SequenceReader seq(e);
    return End(seq, at, true);
  }

  bool ReadMessageOrder(const pugi::xml_node& e, MessageOrder& m) {
    const std::string at = "//Header/MessageOrder";
    if (!HeaderExtension(e, at, m.version, m.must_understand)) return false;
    SequenceReader seq(e);
    const pugi::xml_node n = Required(seq, "SequenceNumber", at);
    if (!n || !Text(n, at + "/SequenceNumber", m.sequence_number)) return false;
    const std::string_view digits = xml::Trim(m.sequence_number);
    if (digits.empty() || digits.find_first_not_of("0123456789") != std::string_view::npos) {
      return Fail(at + "/SequenceNumber", "not an xs:nonNegativeInteger");
    }
    return End(seq, at, true);
  }

  bool ReadAcknowledgment(const pugi::xml_node& e, Acknowledgment& a) {
    const std::string at = "//Header/Acknowledgment";
    if (!HeaderExtension(e, at, a.version, a.must_understand) ||
        !OptionalAttr(e, kSoapNs, "actor", at, a.actor)) {
      return false;
    }
    SequenceReader seq(e);
    pugi::xml_node n;
    if (!(n = Required(seq, "Timestamp", at)) || !DateTime(n, at + "/Timestamp", a.timestamp)) {
      return false;
    }
    if (!(n = Required(seq, "RefToMessageId", at)) ||
        !Text(n, at + "/RefToMessageId", a.ref_to_message_id)) {
      return false;
    }
    if ((n = seq.Take(kEbNs, "From"))) {
      Party from;
      if (!ReadParty(n, at + "/From", from)) return false;
      a.from = std::move(from);
    }
    // ds:Reference* (signed acknowledgments): accepted, not kept.
    seq.TakeAll(cpa::kDsNs, "Reference");
    return End(seq, at, false);
  }

  bool ReadSeverity(const pugi::xml_node& e, std::string_view name, const std::string& at,
                    Severity& out) {
    std::string v;
    if (!RequiredAttr(e, kEbNs, name, at, v)) return false;
    const std::string_view t = xml::Trim(v);
    if (t == "Error") {
      out = Severity::kError;
    } else if (t == "Warning") {
      out = Severity::kWarning;
    } else {
      return Fail(at + "/@" + std::string(name), "invalid severity '" + v + "'");
    }
    return true;
  }

  bool ReadErrorList(const pugi::xml_node& e, ErrorList& l) {
    const std::string at = "//Header/ErrorList";
    if (!HeaderExtension(e, at, l.version, l.must_understand) ||
        !ReadSeverity(e, "highestSeverity", at, l.highest_severity)) {
      return false;
    }
    SequenceReader seq(e);
    const std::vector<pugi::xml_node> errors = seq.TakeAll(kEbNs, "Error");
    if (errors.empty()) {
      Required(seq, "Error", at);
      return false;
    }
    for (const pugi::xml_node& n : errors) {
      const std::string eat = at + "/Error";
      EbmsError err;
      std::optional<std::string> context;
      if (!OptionalAttr(n, kEbNs, "codeContext", eat, context) ||
          !RequiredAttr(n, kEbNs, "errorCode", eat, err.error_code) ||
          !ReadSeverity(n, "severity", eat, err.severity) ||
          !OptionalAttr(n, kEbNs, "location", eat, err.location)) {
        return false;
      }
      if (context) err.code_context = std::move(*context);
      SequenceReader inner(n);
      if (const pugi::xml_node d = inner.Take(kEbNs, "Description")) {
        Description desc;
        if (!ReadDescription(d, eat + "/Description", desc)) return false;
        err.description = std::move(desc);
      }
      if (!End(inner, eat, true)) return false;
      l.errors.push_back(std::move(err));
    }
    return End(seq, at, true);
  }

  bool ReadManifest(const pugi::xml_node& e, Manifest& m) {
    const std::string at = "//Body/Manifest";
    if (!RequiredAttr(e, kEbNs, "version", at, m.version)) return false;
    SequenceReader seq(e);
    const std::vector<pugi::xml_node> refs = seq.TakeAll(kEbNs, "Reference");
    if (refs.empty()) {
      Required(seq, "Reference", at);
      return false;
    }
    for (const pugi::xml_node& n : refs) {
      const std::string rat = at + "/Reference";
      Reference r;
      if (!RequiredAttr(n, kXlinkNs, "href", rat, r.href) ||
          !OptionalAttr(n, kXlinkNs, "type", rat, r.type) ||
          !OptionalAttr(n, kXlinkNs, "role", rat, r.role)) {
        return false;
      }
      if (r.type && *r.type != "simple") return Fail(rat + "/@type", "xlink:type is not simple");
      SequenceReader inner(n);
      for (const pugi::xml_node& s : inner.TakeAll(kEbNs, "Schema")) {
        if (!AttributeValue(s, kEbNs, "location")) {
          return Fail(rat + "/Schema/@location", "missing attribute location");
        }
      }
      for (const pugi::xml_node& d : inner.TakeAll(kEbNs, "Description")) {
        Description desc;
        if (!ReadDescription(d, rat + "/Description", desc)) return false;
        r.descriptions.push_back(std::move(desc));
      }
      if (!End(inner, rat, true)) return false;
      m.references.push_back(std::move(r));
    }
    return End(seq, at, true);
  }

  bool ReadStatusRequest(const pugi::xml_node& e, StatusRequest& s) {
    const std::string at = "//Body/StatusRequest";
    if (!RequiredAttr(e, kEbNs, "version", at, s.version)) return false;
    SequenceReader seq(e);
    const pugi::xml_node n = Required(seq, "RefToMessageId", at);
    if (!n || !Text(n, at + "/RefToMessageId", s.ref_to_message_id)) return false;
    return End(seq, at, true);
  }

  bool ReadStatusResponse(const pugi::xml_node& e, StatusResponse& s) {
    const std::string at = "//Body/StatusResponse";
    std::string status;
    if (!RequiredAttr(e, kEbNs, "version", at, s.version) ||
        !RequiredAttr(e, kEbNs, "messageStatus", at, status)) {
      return false;
    }
    const std::string_view t = xml::Trim(status);
    if (t == "UnAuthorized") {
      s.message_status = MessageStatus::kUnAuthorized;
    } else if (t == "NotRecognized") {
      s.message_status = MessageStatus::kNotRecognized;
    } else if (t == "Received") {
      s.message_status = MessageStatus::kReceived;
    } else if (t == "Processed") {
      s.message_status = MessageStatus::kProcessed;
    } else if (t == "Forwarded") {
      s.message_status = MessageStatus::kForwarded;
    } else {
      return Fail(at + "/@messageStatus", "invalid messageStatus '" + status + "'");
    }
    SequenceReader seq(e);
    pugi::xml_node n = Required(seq, "RefToMessageId", at);
    if (!n || !Text(n, at + "/RefToMessageId", s.ref_to_message_id)) return false;
    if ((n = seq.Take(kEbNs, "Timestamp"))) {
      Instant ts;
      if (!DateTime(n, at + "/Timestamp", ts)) return false;
      s.timestamp = ts;
    }
    return End(seq, at, true);
  }

  // Parses `e` into `slot` unless it was already there (an ebMS element occurs once).
  template <class T, class Read>
  bool Once(const pugi::xml_node& e, const std::string& at, std::optional<T>& slot, Read read) {
    if (slot) return Fail(at, "more than one " + std::string(e.name()));
    T value;
    if (!(this->*read)(e, value)) return false;
    slot = std::move(value);
    return true;
  }

  bool ReadHeader(const pugi::xml_node& header, Envelope& env, bool& has_message_header) {
    for (pugi::xml_node c = header.first_child(); c; c = c.next_sibling()) {
      if (c.type() != pugi::node_element) continue;
      const std::string_view ns = xml::NamespaceOf(c);
      const std::string local = Local(c);
      const std::string at = "//Header/" + local;
      if (ns.empty() || ns == kSoapNs) {
        return Fail(at, "a header entry must be namespace-qualified outside the SOAP namespace");
      }
      if (ns != kEbNs) continue;  // other extensions: ignored (KVS)
      bool ok = true;
      if (local == "MessageHeader") {
        if (has_message_header) return Fail(at, "more than one eb:MessageHeader");
        has_message_header = true;
        ok = ReadMessageHeader(c, env.header);
      } else if (local == "SyncReply") {
        ok = Once(c, at, env.sync_reply, &Parser::ReadSyncReply);
      } else if (local == "AckRequested") {
        ok = Once(c, at, env.ack_requested, &Parser::ReadAckRequested);
      } else if (local == "MessageOrder") {
        ok = Once(c, at, env.message_order, &Parser::ReadMessageOrder);
      } else if (local == "Acknowledgment") {
        ok = Once(c, at, env.acknowledgment, &Parser::ReadAcknowledgment);
      } else if (local == "ErrorList") {
        ok = Once(c, at, env.error_list, &Parser::ReadErrorList);
      }
      if (!ok) return false;
    }
    return true;
  }

  bool ReadBody(const pugi::xml_node& body, Envelope& env) {
    for (pugi::xml_node c = body.first_child(); c; c = c.next_sibling()) {
      if (c.type() != pugi::node_element || xml::NamespaceOf(c) != kEbNs) continue;
      const std::string local = Local(c);
      const std::string at = "//Body/" + local;
      bool ok = true;
      if (local == "Manifest") {
        ok = Once(c, at, env.manifest, &Parser::ReadManifest);
      } else if (local == "StatusRequest") {
        ok = Once(c, at, env.status_request, &Parser::ReadStatusRequest);
      } else if (local == "StatusResponse") {
        ok = Once(c, at, env.status_response, &Parser::ReadStatusResponse);
      }
      if (!ok) return false;
    }
    return true;
  }

 private:
  std::optional<Error> error_;
};

// The soap:Envelope root and its Header? Body sequence.
Status ReadEnvelopeFrame(std::string_view text, pugi::xml_document& doc, pugi::xml_node& header,
                         pugi::xml_node& body) {
  if (Status s = xml::Parse(text, doc, kMaxEbmsBytes); !s) return s;
  const pugi::xml_node root = doc.document_element();
  if (!xml::IsElement(root, kSoapNs, "Envelope")) {
    return MakeError(ErrorKind::kSchema, "XSD", "the root is not a SOAP 1.1 Envelope",
                     "/" + std::string(root.name()));
  }
  SequenceReader seq(root);
  header = seq.Take(kSoapNs, "Header");
  body = seq.Take(kSoapNs, "Body");
  if (!body) return MakeError(ErrorKind::kSchema, "XSD", "missing soap:Body", "/Envelope/Body");
  seq.SkipOther(kSoapNs);
  if (!seq.AtEnd()) {
    return MakeError(ErrorKind::kSchema, "XSD",
                     "unexpected element " + std::string(seq.Peek().name()) + " after soap:Body",
                     "/Envelope");
  }
  return Status::Ok();
}

}  // namespace

Result<Envelope> ParseEnvelope(std::string_view soap_xml) {
  pugi::xml_document doc;
  pugi::xml_node header, body;
  if (Status s = ReadEnvelopeFrame(soap_xml, doc, header, body); !s) return s.error();
  Parser p;
  Envelope env;
  bool has_message_header = false;
  if (header) p.ReadHeader(header, env, has_message_header);
  if (!p.failed()) p.ReadBody(body, env);
  if (p.failed()) return p.TakeError();
  if (!has_message_header) {
    return MakeError(ErrorKind::kSchema, "XSD", "no eb:MessageHeader", "//Header/MessageHeader");
  }
  return env;
}

Result<SoapFault> ParseSoapFault(std::string_view soap_xml) {
  pugi::xml_document doc;
  pugi::xml_node header, body;
  if (Status s = ReadEnvelopeFrame(soap_xml, doc, header, body); !s) return s.error();
  const pugi::xml_node fault = xml::Child(body, kSoapNs, "Fault");
  if (!fault) return MakeError(ErrorKind::kSchema, "XSD", "no soap:Fault", "//Body/Fault");
  // faultcode and faultstring are unqualified (elementFormDefault unqualified in envelope.xsd).
  const pugi::xml_node code = xml::Child(fault, "", "faultcode");
  const pugi::xml_node string = xml::Child(fault, "", "faultstring");
  if (!code || !string) {
    return MakeError(ErrorKind::kSchema, "XSD", "a Fault needs faultcode and faultstring",
                     "//Body/Fault");
  }
  SoapFault f;
  f.code = std::string(xml::Trim(xml::Text(code)));
  f.string = xml::Text(string);
  // Resolve the QName's prefix: SOAP-namespace codes are reported by local name.
  const std::string_view prefix = xml::Prefix(f.code);
  const std::string decl = prefix.empty() ? "xmlns" : "xmlns:" + std::string(prefix);
  for (pugi::xml_node e = code; e && e.type() == pugi::node_element; e = e.parent()) {
    if (const pugi::xml_attribute a = e.attribute(decl.c_str())) {
      if (std::string_view(a.value()) == kSoapNs) f.code = std::string(xml::LocalName(f.code));
      break;
    }
  }
  return f;
}

}  // namespace sluis::codecs::ebms
