// ParseCpa: CPA 2.0 XML -> cpa::Cpa. Reads what docs/ebms2-digikoppeling §5 lists; checks the
// XSD constraints on what it reads (required elements and attributes, enumerations, durations)
// and the referential integrity of the IDREFs it follows, so that later queries never meet a
// dangling id.
#include <set>
#include <string>

#include <pugixml.hpp>

#include "sluis/codecs/base64.h"
#include "sluis/codecs/cpa.h"

#include "xml/xml_input.h"
#include "xml/xml_read.h"
#include "xml/xml_tree.h"

namespace sluis::codecs::cpa {
namespace {

using xml::AttributeValue;
using xml::Elements;

// Collects the first error; every Read* returns false once something failed.
class Reader {
 public:
  bool Fail(const std::string& location, const std::string& message,
            ErrorKind kind = ErrorKind::kSchema) {
    if (!error_) error_ = MakeError(kind, "XSD", message, location);
    return false;
  }
  bool failed() const { return error_.has_value(); }
  Error TakeError() { return std::move(*error_); }

  // A required tns: attribute with a non-empty value.
  bool Attr(const pugi::xml_node& e, std::string_view name, const std::string& at,
            std::string& out) {
    std::optional<std::string> v = AttributeValue(e, kCpaNs, name);
    if (!v || v->empty()) return Fail(at, "missing or empty attribute " + std::string(name));
    out = std::move(*v);
    return true;
  }

  // Simple content of a required child element (whitespace kept unless trim).
  bool Text(const pugi::xml_node& e, const std::string& at, std::string& out, bool trim = false) {
    if (xml::HasElementChildren(e)) return Fail(at, "element content where text is expected");
    out = xml::Text(e);
    if (trim) out = std::string(xml::Trim(out));
    if (out.empty()) return Fail(at, "empty value");
    return true;
  }

  // The only child {tns}local, required or optional.
  pugi::xml_node One(const pugi::xml_node& e, std::string_view local, const std::string& at,
                     bool required) {
    const std::vector<pugi::xml_node> v = Elements(e, kCpaNs, local);
    if (v.size() > 1) {
      Fail(at + "/" + std::string(local), "more than one " + std::string(local));
      return {};
    }
    if (v.empty()) {
      if (required) Fail(at, "missing " + std::string(local));
      return {};
    }
    return v[0];
  }

  bool Duration(const pugi::xml_node& e, const std::string& at,
                std::optional<std::chrono::milliseconds>& out) {
    std::string t;
    if (!Text(e, at, t, true)) return false;
    const auto d = ParseXsDuration(t);
    if (!d) return Fail(at, "unsupported or invalid xs:duration '" + t + "'");
    out = *d;
    return true;
  }

  bool DateTime(const pugi::xml_node& e, const std::string& at, Instant& out) {
    std::string t;
    if (!Text(e, at, t, true)) return false;
    const auto i = ParseXsDateTime(t);
    if (!i) return Fail(at, "invalid xs:dateTime '" + t + "'");
    out = *i;
    return true;
  }

 private:
  std::optional<Error> error_;
};

std::optional<PerMessage> PerMessageFrom(std::string_view v) {
  if (v == "always") return PerMessage::kAlways;
  if (v == "never") return PerMessage::kNever;
  if (v == "perMessage") return PerMessage::kPerMessage;
  return std::nullopt;
}

std::optional<SyncReplyMode> SyncReplyModeFrom(std::string_view v) {
  if (v == "none") return SyncReplyMode::kNone;
  if (v == "mshSignalsOnly") return SyncReplyMode::kMshSignalsOnly;
  if (v == "responseOnly") return SyncReplyMode::kResponseOnly;
  if (v == "signalsAndResponse") return SyncReplyMode::kSignalsAndResponse;
  if (v == "signalsOnly") return SyncReplyMode::kSignalsOnly;
  return std::nullopt;
}

bool ReadMessaging(Reader& r, const pugi::xml_node& e, const std::string& at,
                   MessagingCharacteristics& m) {
  if (auto v = AttributeValue(e, kCpaNs, "syncReplyMode")) {
    const auto mode = SyncReplyModeFrom(xml::Trim(*v));
    if (!mode) return r.Fail(at, "invalid syncReplyMode '" + *v + "'");
    m.sync_reply_mode = *mode;
  }
  const std::pair<std::string_view, PerMessage*> per_message[] = {
      {"ackRequested", &m.ack_requested},
      {"ackSignatureRequested", &m.ack_signature_requested},
      {"duplicateElimination", &m.duplicate_elimination},
  };
  for (const auto& [name, field] : per_message) {
    if (auto v = AttributeValue(e, kCpaNs, name)) {
      const auto p = PerMessageFrom(xml::Trim(*v));
      if (!p) return r.Fail(at, "invalid " + std::string(name) + " '" + *v + "'");
      *field = *p;
    }
  }
  if (auto v = AttributeValue(e, kCpaNs, "actor")) {
    const std::string actor(xml::Trim(*v));
    if (actor != "urn:oasis:names:tc:ebxml-msg:actor:toPartyMSH" &&
        actor != "urn:oasis:names:tc:ebxml-msg:actor:nextMSH") {
      return r.Fail(at, "invalid actor '" + *v + "'");
    }
    m.actor = actor;
  }
  return true;
}

bool ReadReliableMessaging(Reader& r, const pugi::xml_node& e, const std::string& at,
                           ReliableMessaging& rm) {
  if (pugi::xml_node n = r.One(e, "Retries", at, false)) {
    std::string t;
    if (!r.Text(n, at + "/Retries", t, true)) return false;
    const auto v = xml::ParseXsInteger(t);
    if (!v || *v < 0) return r.Fail(at + "/Retries", "invalid Retries '" + t + "'");
    rm.retries = *v;
  }
  if (r.failed()) return false;
  if (pugi::xml_node n = r.One(e, "RetryInterval", at, false)) {
    if (!r.Duration(n, at + "/RetryInterval", rm.retry_interval)) return false;
  }
  if (r.failed()) return false;
  const pugi::xml_node order = r.One(e, "MessageOrderSemantics", at, true);
  if (!order) return false;
  std::string t;
  if (!r.Text(order, at + "/MessageOrderSemantics", t, true)) return false;
  if (t == "Guaranteed") {
    rm.guaranteed_order = true;
  } else if (t != "NotGuaranteed") {
    return r.Fail(at + "/MessageOrderSemantics", "invalid MessageOrderSemantics '" + t + "'");
  }
  return true;
}

// ebXMLSenderBinding (sender = true) or ebXMLReceiverBinding.
bool ReadBinding(Reader& r, const pugi::xml_node& e, const std::string& at, bool sender,
                 EbXmlBinding& b) {
  std::string version;
  if (!r.Attr(e, "version", at, version)) return false;
  if (pugi::xml_node n = r.One(e, "ReliableMessaging", at, false)) {
    ReliableMessaging rm;
    if (!ReadReliableMessaging(r, n, at + "/ReliableMessaging", rm)) return false;
    b.reliable_messaging = rm;
  }
  if (r.failed()) return false;
  if (pugi::xml_node n = r.One(e, "PersistDuration", at, false)) {
    if (!r.Duration(n, at + "/PersistDuration", b.persist_duration)) return false;
  }
  b.non_repudiation =
      !Elements(e, kCpaNs, sender ? "SenderNonRepudiation" : "ReceiverNonRepudiation").empty();
  b.digital_envelope =
      !Elements(e, kCpaNs, sender ? "SenderDigitalEnvelope" : "ReceiverDigitalEnvelope").empty();
  return !r.failed();
}

bool ReadActionBinding(Reader& r, const pugi::xml_node& can, const std::string& at,
                       ActionBinding& b) {
  const pugi::xml_node tpab = r.One(can, "ThisPartyActionBinding", at, true);
  if (!tpab) return false;
  const std::string tat = at + "/ThisPartyActionBinding";
  if (!r.Attr(tpab, "id", tat, b.id) || !r.Attr(tpab, "action", tat, b.action) ||
      !r.Attr(tpab, "packageId", tat, b.package_id)) {
    return false;
  }
  for (const pugi::xml_node& c : Elements(tpab, kCpaNs, "ChannelId")) {
    std::string id;
    if (!r.Text(c, tat + "/ChannelId", id, true)) return false;
    b.channel_ids.push_back(std::move(id));
  }
  if (b.channel_ids.empty()) return r.Fail(tat, "missing ChannelId");
  if (pugi::xml_node o = r.One(can, "OtherPartyActionBinding", at, false)) {
    std::string id;
    if (!r.Text(o, at + "/OtherPartyActionBinding", id, true)) return false;
    b.other_party_action_binding = std::move(id);
  }
  return !r.failed();
}

bool ReadRole(Reader& r, const pugi::xml_node& e, const std::string& at, CollaborationRole& role) {
  const pugi::xml_node role_e = r.One(e, "Role", at, true);
  if (!role_e || !r.Attr(role_e, "name", at + "/Role", role.role)) return false;
  const pugi::xml_node sb = r.One(e, "ServiceBinding", at, true);
  if (!sb) return false;
  const std::string sat = at + "/ServiceBinding";
  const pugi::xml_node service = r.One(sb, "Service", sat, true);
  if (!service || !r.Text(service, sat + "/Service", role.service.value)) return false;
  role.service.type = AttributeValue(service, kCpaNs, "type");
  for (const pugi::xml_node& c : Elements(sb, kCpaNs, "CanSend")) {
    ActionBinding b;
    if (!ReadActionBinding(r, c, sat + "/CanSend", b)) return false;
    role.can_send.push_back(std::move(b));
  }
  for (const pugi::xml_node& c : Elements(sb, kCpaNs, "CanReceive")) {
    ActionBinding b;
    if (!ReadActionBinding(r, c, sat + "/CanReceive", b)) return false;
    role.can_receive.push_back(std::move(b));
  }
  return true;
}

std::optional<std::string> RefAttr(Reader& r, const pugi::xml_node& parent, std::string_view child,
                                   std::string_view attr, const std::string& at) {
  const pugi::xml_node n = r.One(parent, child, at, false);
  if (!n) return std::nullopt;
  std::string v;
  if (!r.Attr(n, attr, at + "/" + std::string(child), v)) return std::nullopt;
  return v;
}

bool ReadTransport(Reader& r, const pugi::xml_node& e, const std::string& at, Transport& t) {
  if (!r.Attr(e, "transportId", at, t.transport_id)) return false;
  if (pugi::xml_node s = r.One(e, "TransportSender", at, false)) {
    const std::string sat = at + "/TransportSender";
    if (pugi::xml_node cs = r.One(s, "TransportClientSecurity", sat, false)) {
      const std::string cat = sat + "/TransportClientSecurity";
      if (pugi::xml_node p = r.One(cs, "TransportSecurityProtocol", cat, true)) {
        std::string proto = std::string(xml::Trim(xml::Text(p)));
        if (auto v = AttributeValue(p, kCpaNs, "version")) proto += " " + *v;
        t.security_protocol = proto;
      }
      t.client_certificate_ref = RefAttr(r, cs, "ClientCertificateRef", "certId", cat);
      t.server_security_details_ref = RefAttr(r, cs, "ServerSecurityDetailsRef", "securityId", cat);
    }
  }
  if (r.failed()) return false;
  if (pugi::xml_node rcv = r.One(e, "TransportReceiver", at, false)) {
    const std::string rat = at + "/TransportReceiver";
    for (const pugi::xml_node& ep : Elements(rcv, kCpaNs, "Endpoint")) {
      Endpoint endpoint;
      if (!r.Attr(ep, "uri", rat + "/Endpoint", endpoint.uri)) return false;
      endpoint.uri = std::string(xml::Trim(endpoint.uri));
      if (auto type = AttributeValue(ep, kCpaNs, "type")) endpoint.type = *type;
      t.endpoints.push_back(std::move(endpoint));
    }
    if (t.endpoints.empty()) return r.Fail(rat, "missing Endpoint");
    if (pugi::xml_node ss = r.One(rcv, "TransportServerSecurity", rat, false)) {
      const std::string sat = rat + "/TransportServerSecurity";
      if (pugi::xml_node p = r.One(ss, "TransportSecurityProtocol", sat, true)) {
        if (!t.security_protocol) {
          std::string proto = std::string(xml::Trim(xml::Text(p)));
          if (auto v = AttributeValue(p, kCpaNs, "version")) proto += " " + *v;
          t.security_protocol = proto;
        }
      }
      t.server_certificate_ref = RefAttr(r, ss, "ServerCertificateRef", "certId", sat);
      if (!r.failed() && !t.server_certificate_ref)
        return r.Fail(sat, "missing ServerCertificateRef");
      t.client_security_details_ref = RefAttr(r, ss, "ClientSecurityDetailsRef", "securityId", sat);
    }
  }
  return !r.failed();
}

bool ReadCertificate(Reader& r, const pugi::xml_node& e, const std::string& at, Certificate& c) {
  if (!r.Attr(e, "certId", at, c.cert_id)) return false;
  const std::vector<pugi::xml_node> key_info = Elements(e, kDsNs, "KeyInfo");
  if (key_info.size() != 1) return r.Fail(at, "expected one ds:KeyInfo");
  for (const pugi::xml_node& data : Elements(key_info[0], kDsNs, "X509Data")) {
    const std::vector<pugi::xml_node> certs = Elements(data, kDsNs, "X509Certificate");
    if (certs.empty()) continue;
    Result<std::string> der = Base64Decode(xml::Text(certs[0]));
    if (!der.ok()) {
      return r.Fail(at + "/KeyInfo/X509Data/X509Certificate",
                    "invalid base64: " + der.error().message);
    }
    c.der = std::move(der).value();
    break;
  }
  return true;
}

bool ReadParty(Reader& r, const pugi::xml_node& e, const std::string& at, PartyInfo& p) {
  if (!r.Attr(e, "partyName", at, p.party_name) ||
      !r.Attr(e, "defaultMshChannelId", at, p.default_msh_channel_id) ||
      !r.Attr(e, "defaultMshPackageId", at, p.default_msh_package_id)) {
    return false;
  }
  for (const pugi::xml_node& n : Elements(e, kCpaNs, "PartyId")) {
    PartyId id;
    if (!r.Text(n, at + "/PartyId", id.value)) return false;
    id.type = AttributeValue(n, kCpaNs, "type");
    p.party_ids.push_back(std::move(id));
  }
  if (p.party_ids.empty()) return r.Fail(at, "missing PartyId");
  for (const pugi::xml_node& n : Elements(e, kCpaNs, "CollaborationRole")) {
    CollaborationRole role;
    if (!ReadRole(r, n, at + "/CollaborationRole", role)) return false;
    p.roles.push_back(std::move(role));
  }
  if (p.roles.empty()) return r.Fail(at, "missing CollaborationRole");
  for (const pugi::xml_node& n : Elements(e, kCpaNs, "Certificate")) {
    Certificate c;
    if (!ReadCertificate(r, n, at + "/Certificate", c)) return false;
    p.certificates.push_back(std::move(c));
  }
  for (const pugi::xml_node& n : Elements(e, kCpaNs, "SecurityDetails")) {
    SecurityDetails s;
    const std::string sat = at + "/SecurityDetails";
    if (!r.Attr(n, "securityId", sat, s.security_id)) return false;
    if (pugi::xml_node anchors = r.One(n, "TrustAnchors", sat, false)) {
      for (const pugi::xml_node& a : Elements(anchors, kCpaNs, "AnchorCertificateRef")) {
        std::string id;
        if (!r.Attr(a, "certId", sat + "/TrustAnchors/AnchorCertificateRef", id)) return false;
        s.anchor_cert_ids.push_back(std::move(id));
      }
    }
    if (r.failed()) return false;
    p.security_details.push_back(std::move(s));
  }
  for (const pugi::xml_node& n : Elements(e, kCpaNs, "DeliveryChannel")) {
    DeliveryChannel c;
    const std::string cat = at + "/DeliveryChannel";
    if (!r.Attr(n, "channelId", cat, c.channel_id) ||
        !r.Attr(n, "transportId", cat, c.transport_id) ||
        !r.Attr(n, "docExchangeId", cat, c.doc_exchange_id)) {
      return false;
    }
    const pugi::xml_node m = r.One(n, "MessagingCharacteristics", cat, true);
    if (!m || !ReadMessaging(r, m, cat + "/MessagingCharacteristics", c.messaging)) return false;
    p.delivery_channels.push_back(std::move(c));
  }
  if (p.delivery_channels.empty()) return r.Fail(at, "missing DeliveryChannel");
  for (const pugi::xml_node& n : Elements(e, kCpaNs, "Transport")) {
    Transport t;
    if (!ReadTransport(r, n, at + "/Transport", t)) return false;
    p.transports.push_back(std::move(t));
  }
  if (p.transports.empty()) return r.Fail(at, "missing Transport");
  for (const pugi::xml_node& n : Elements(e, kCpaNs, "DocExchange")) {
    DocExchange d;
    const std::string dat = at + "/DocExchange";
    if (!r.Attr(n, "docExchangeId", dat, d.doc_exchange_id)) return false;
    if (pugi::xml_node s = r.One(n, "ebXMLSenderBinding", dat, false)) {
      EbXmlBinding b;
      if (!ReadBinding(r, s, dat + "/ebXMLSenderBinding", true, b)) return false;
      d.sender = std::move(b);
    }
    if (r.failed()) return false;
    if (pugi::xml_node s = r.One(n, "ebXMLReceiverBinding", dat, false)) {
      EbXmlBinding b;
      if (!ReadBinding(r, s, dat + "/ebXMLReceiverBinding", false, b)) return false;
      d.receiver = std::move(b);
    }
    if (r.failed()) return false;
    p.doc_exchanges.push_back(std::move(d));
  }
  if (p.doc_exchanges.empty()) return r.Fail(at, "missing DocExchange");
  for (const pugi::xml_node& n : Elements(e, kCpaNs, "OverrideMshActionBinding")) {
    OverrideMshActionBinding o;
    const std::string oat = at + "/OverrideMshActionBinding";
    if (!r.Attr(n, "action", oat, o.action) || !r.Attr(n, "channelId", oat, o.channel_id)) {
      return false;
    }
    p.override_msh_action_bindings.push_back(std::move(o));
  }
  return true;
}

// XSD ID uniqueness and IDREF integrity for the references the queries follow.
bool CheckReferences(Reader& r, const Cpa& cpa, const std::set<std::string>& package_ids) {
  std::set<std::string> ids = package_ids;
  std::set<std::string> channels, transports, doc_exchanges, certs, security, bindings;
  const auto add = [&](std::set<std::string>& kind, const std::string& id) {
    if (!ids.insert(id).second)
      return r.Fail("/CollaborationProtocolAgreement", "duplicate ID '" + id + "'");
    kind.insert(id);
    return true;
  };
  for (const PartyInfo& p : cpa.parties) {
    for (const auto& c : p.delivery_channels) {
      if (!add(channels, c.channel_id)) return false;
    }
    for (const auto& t : p.transports) {
      if (!add(transports, t.transport_id)) return false;
    }
    for (const auto& d : p.doc_exchanges) {
      if (!add(doc_exchanges, d.doc_exchange_id)) return false;
    }
    for (const auto& c : p.certificates) {
      if (!add(certs, c.cert_id)) return false;
    }
    for (const auto& s : p.security_details) {
      if (!add(security, s.security_id)) return false;
    }
    for (const auto& role : p.roles) {
      for (const auto* list : {&role.can_send, &role.can_receive}) {
        for (const ActionBinding& b : *list) {
          if (!add(bindings, b.id)) return false;
        }
      }
    }
  }
  const auto need = [&](const std::set<std::string>& kind, const std::string& id,
                        const std::string& what) {
    if (kind.count(id) == 0) {
      return r.Fail("/CollaborationProtocolAgreement/PartyInfo",
                    what + " '" + id + "' refers to nothing");
    }
    return true;
  };
  for (const PartyInfo& p : cpa.parties) {
    if (!need(channels, p.default_msh_channel_id, "defaultMshChannelId") ||
        !need(package_ids, p.default_msh_package_id, "defaultMshPackageId")) {
      return false;
    }
    for (const auto& o : p.override_msh_action_bindings) {
      if (!need(channels, o.channel_id, "OverrideMshActionBinding/@channelId")) return false;
    }
    for (const auto& c : p.delivery_channels) {
      if (!need(transports, c.transport_id, "transportId") ||
          !need(doc_exchanges, c.doc_exchange_id, "docExchangeId")) {
        return false;
      }
    }
    for (const auto& t : p.transports) {
      for (const auto* ref : {&t.client_certificate_ref, &t.server_certificate_ref}) {
        if (*ref && !need(certs, **ref, "certId")) return false;
      }
      for (const auto* ref : {&t.server_security_details_ref, &t.client_security_details_ref}) {
        if (*ref && !need(security, **ref, "securityId")) return false;
      }
    }
    for (const auto& s : p.security_details) {
      for (const auto& id : s.anchor_cert_ids) {
        if (!need(certs, id, "AnchorCertificateRef/@certId")) return false;
      }
    }
    for (const auto& role : p.roles) {
      for (const auto* list : {&role.can_send, &role.can_receive}) {
        for (const ActionBinding& b : *list) {
          if (!need(package_ids, b.package_id, "packageId")) return false;
          for (const auto& c : b.channel_ids) {
            if (!need(channels, c, "ChannelId")) return false;
          }
          if (b.other_party_action_binding &&
              !need(bindings, *b.other_party_action_binding, "OtherPartyActionBinding")) {
            return false;
          }
        }
      }
    }
  }
  return true;
}

}  // namespace

Result<Cpa> ParseCpa(std::string_view text) {
  pugi::xml_document doc;
  if (Status s = xml::Parse(text, doc, kMaxCpaBytes); !s) return s.error();
  const pugi::xml_node root = doc.document_element();
  const std::string at = "/CollaborationProtocolAgreement";
  if (!xml::IsElement(root, kCpaNs, "CollaborationProtocolAgreement")) {
    return MakeError(ErrorKind::kSchema, "XSD",
                     "the root is not tns:CollaborationProtocolAgreement",
                     "/" + std::string(root.name()));
  }
  Reader r;
  Cpa cpa;
  std::string version;
  if (r.Attr(root, "cpaid", at, cpa.cpa_id) && r.Attr(root, "version", at, version)) {
    xml::SequenceReader seq(root);
    const pugi::xml_node status = seq.Take(kCpaNs, "Status");
    const pugi::xml_node start = seq.Take(kCpaNs, "Start");
    const pugi::xml_node end = seq.Take(kCpaNs, "End");
    seq.Take(kCpaNs, "ConversationConstraints");
    const std::vector<pugi::xml_node> parties = seq.TakeAll(kCpaNs, "PartyInfo");
    std::string value;
    if (!status) {
      r.Fail(at, "missing Status (first child)");
    } else if (r.Attr(status, "value", at + "/Status", value)) {
      if (value == "agreed") {
        cpa.status = CpaStatus::kAgreed;
      } else if (value == "signed") {
        cpa.status = CpaStatus::kSigned;
      } else if (value == "proposed") {
        cpa.status = CpaStatus::kProposed;
      } else {
        r.Fail(at + "/Status", "invalid Status '" + value + "'");
      }
    }
    if (!r.failed() && !start) r.Fail(at, "missing Start after Status");
    if (!r.failed() && !end) r.Fail(at, "missing End after Start");
    if (!r.failed()) r.DateTime(start, at + "/Start", cpa.start);
    if (!r.failed()) r.DateTime(end, at + "/End", cpa.end);
    if (!r.failed() && parties.size() != 2) {
      r.Fail(at, "expected two PartyInfo, found " + std::to_string(parties.size()));
    }
    for (size_t i = 0; !r.failed() && i < parties.size(); ++i) {
      PartyInfo p;
      if (ReadParty(r, parties[i], at + "/PartyInfo[" + std::to_string(i + 1) + "]", p)) {
        cpa.parties.push_back(std::move(p));
      }
    }
    std::set<std::string> package_ids;
    for (const pugi::xml_node& pkg : Elements(root, kCpaNs, "Packaging")) {
      std::string id;
      if (!r.Attr(pkg, "id", at + "/Packaging", id)) break;
      package_ids.insert(id);
    }
    if (!r.failed()) CheckReferences(r, cpa, package_ids);
  }
  if (r.failed()) return r.TakeError();
  return cpa;
}

}  // namespace sluis::codecs::cpa
