// EncodeEnvelope / EncodeSoapFault: value -> XML, in msg-header-2_0.xsd element order, with the
// prefixes soap, eb and xlink declared once on the Envelope.
#include <utility>

#include "sluis/codecs/ebms.h"

#include "xml/xml_tree.h"

namespace sluis::codecs::ebms {
namespace {

using Attrs = std::vector<std::pair<std::string, std::string>>;

Attrs HeaderExtension(const std::string& version, bool must_understand) {
  return {{"eb:version", version}, {"soap:mustUnderstand", must_understand ? "1" : "0"}};
}

void WriteDescription(xml::Writer& w, const Description& d) {
  w.Leaf("eb:Description", {{"xml:lang", d.lang}}, d.text);
}

void WriteParty(xml::Writer& w, std::string_view qname, const Party& p) {
  w.Open(qname);
  for (const PartyId& id : p.party_ids) {
    Attrs attrs;
    if (id.type) attrs.emplace_back("eb:type", *id.type);
    w.Leaf("eb:PartyId", attrs, id.value);
  }
  if (p.role) w.Leaf("eb:Role", *p.role);
  w.Close(qname);
}

void WriteMessageHeader(xml::Writer& w, const MessageHeader& h) {
  w.Open("eb:MessageHeader", HeaderExtension(h.version, h.must_understand));
  WriteParty(w, "eb:From", h.from);
  WriteParty(w, "eb:To", h.to);
  w.Leaf("eb:CPAId", h.cpa_id);
  w.Leaf("eb:ConversationId", h.conversation_id);
  Attrs service;
  if (h.service.type) service.emplace_back("eb:type", *h.service.type);
  w.Leaf("eb:Service", service, h.service.value);
  w.Leaf("eb:Action", h.action);
  const MessageData& d = h.message_data;
  w.Open("eb:MessageData");
  w.Leaf("eb:MessageId", d.message_id);
  w.Leaf("eb:Timestamp", FormatXsDateTime(d.timestamp));
  if (d.ref_to_message_id) w.Leaf("eb:RefToMessageId", *d.ref_to_message_id);
  if (d.time_to_live) w.Leaf("eb:TimeToLive", FormatXsDateTime(*d.time_to_live));
  w.Close("eb:MessageData");
  if (h.duplicate_elimination) w.Empty("eb:DuplicateElimination");
  for (const Description& desc : h.descriptions) WriteDescription(w, desc);
  w.Close("eb:MessageHeader");
}

void WriteHeader(xml::Writer& w, const Envelope& e) {
  w.Open("soap:Header");
  WriteMessageHeader(w, e.header);
  if (e.sync_reply) {
    Attrs a = HeaderExtension(e.sync_reply->version, e.sync_reply->must_understand);
    a.emplace_back("soap:actor", e.sync_reply->actor);
    w.Empty("eb:SyncReply", a);
  }
  if (e.ack_requested) {
    Attrs a = HeaderExtension(e.ack_requested->version, e.ack_requested->must_understand);
    if (e.ack_requested->actor) a.emplace_back("soap:actor", *e.ack_requested->actor);
    a.emplace_back("eb:signed", e.ack_requested->is_signed ? "true" : "false");
    w.Empty("eb:AckRequested", a);
  }
  if (e.message_order) {
    w.Open("eb:MessageOrder",
           HeaderExtension(e.message_order->version, e.message_order->must_understand));
    w.Leaf("eb:SequenceNumber", e.message_order->sequence_number);
    w.Close("eb:MessageOrder");
  }
  if (e.acknowledgment) {
    const Acknowledgment& a = *e.acknowledgment;
    Attrs attrs = HeaderExtension(a.version, a.must_understand);
    if (a.actor) attrs.emplace_back("soap:actor", *a.actor);
    w.Open("eb:Acknowledgment", attrs);
    w.Leaf("eb:Timestamp", FormatXsDateTime(a.timestamp));
    w.Leaf("eb:RefToMessageId", a.ref_to_message_id);
    if (a.from) WriteParty(w, "eb:From", *a.from);
    w.Close("eb:Acknowledgment");
  }
  if (e.error_list) {
    const ErrorList& l = *e.error_list;
    Attrs attrs = HeaderExtension(l.version, l.must_understand);
    attrs.emplace_back("eb:highestSeverity", SeverityName(l.highest_severity));
    w.Open("eb:ErrorList", attrs);
    for (const EbmsError& err : l.errors) {
      Attrs ea = {{"eb:codeContext", err.code_context},
                  {"eb:errorCode", err.error_code},
                  {"eb:severity", SeverityName(err.severity)}};
      if (err.location) ea.emplace_back("eb:location", *err.location);
      if (err.description) {
        w.Open("eb:Error", ea);
        WriteDescription(w, *err.description);
        w.Close("eb:Error");
      } else {
        w.Empty("eb:Error", ea);
      }
    }
    w.Close("eb:ErrorList");
  }
  w.Close("soap:Header");
}

void WriteBody(xml::Writer& w, const Envelope& e) {
  if (!e.manifest && !e.status_request && !e.status_response) {
    w.Empty("soap:Body");
    return;
  }
  w.Open("soap:Body");
  if (e.manifest) {
    w.Open("eb:Manifest", {{"eb:version", e.manifest->version}});
    for (const Reference& r : e.manifest->references) {
      Attrs a = {{"xlink:href", r.href}};
      if (r.type) a.emplace_back("xlink:type", *r.type);
      if (r.role) a.emplace_back("xlink:role", *r.role);
      if (r.descriptions.empty()) {
        w.Empty("eb:Reference", a);
      } else {
        w.Open("eb:Reference", a);
        for (const Description& d : r.descriptions) WriteDescription(w, d);
        w.Close("eb:Reference");
      }
    }
    w.Close("eb:Manifest");
  }
  if (e.status_request) {
    w.Open("eb:StatusRequest", {{"eb:version", e.status_request->version}});
    w.Leaf("eb:RefToMessageId", e.status_request->ref_to_message_id);
    w.Close("eb:StatusRequest");
  }
  if (e.status_response) {
    const StatusResponse& s = *e.status_response;
    w.Open("eb:StatusResponse",
           {{"eb:version", s.version}, {"eb:messageStatus", MessageStatusName(s.message_status)}});
    w.Leaf("eb:RefToMessageId", s.ref_to_message_id);
    if (s.timestamp) w.Leaf("eb:Timestamp", FormatXsDateTime(*s.timestamp));
    w.Close("eb:StatusResponse");
  }
  w.Close("soap:Body");
}

}  // namespace

std::string EncodeEnvelope(const Envelope& envelope) {
  std::string out;
  xml::Writer w(out);
  w.Declaration();
  w.Open("soap:Envelope", {{"xmlns:soap", std::string(kSoapNs)},
                           {"xmlns:eb", std::string(kEbNs)},
                           {"xmlns:xlink", std::string(kXlinkNs)}});
  WriteHeader(w, envelope);
  WriteBody(w, envelope);
  w.Close("soap:Envelope");
  return out;
}

std::string EncodeSoapFault(const SoapFault& fault) {
  std::string out;
  xml::Writer w(out);
  w.Declaration();
  w.Open("soap:Envelope", {{"xmlns:soap", std::string(kSoapNs)}});
  w.Open("soap:Body");
  w.Open("soap:Fault");
  const bool qualified = fault.code.find(':') != std::string::npos;
  w.Leaf("faultcode", qualified ? fault.code : "soap:" + fault.code);
  w.Leaf("faultstring", fault.string);
  w.Close("soap:Fault");
  w.Close("soap:Body");
  w.Close("soap:Envelope");
  return out;
}

}  // namespace sluis::codecs::ebms
