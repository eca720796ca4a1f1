#include "ebms/cpa_dev.h"

#include "sluis/codecs/base64.h"
#include "sluis/codecs/date.h"

#include "markup.h"

namespace sluis::gateway {
namespace {

// An XML ID/IDREF (NCName) from a free text: letters, digits, '_', '-', '.'.
std::string IdPart(const std::string& s) {
  std::string out;
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-' || c == '.';
    out += ok ? c : '_';
  }
  return out;
}

std::string Certificate(const std::string& id, const std::string& der) {
  return "    <tns:Certificate tns:certId=\"" + id +
         "\">\n      <ds:KeyInfo>\n        <ds:X509Data>\n          <ds:X509Certificate>" +
         codecs::Base64Encode(der) +
         "</ds:X509Certificate>\n        </ds:X509Data>\n      </ds:KeyInfo>\n"
         "    </tns:Certificate>\n";
}

std::string ReliableMessaging(const DevCpaOptions& o) {
  return "          <tns:ReliableMessaging>\n            <tns:Retries>" +
         std::to_string(o.retries) + "</tns:Retries>\n            <tns:RetryInterval>" +
         EscapeMarkup(o.retry_interval) +
         "</tns:RetryInterval>\n            "
         "<tns:MessageOrderSemantics>NotGuaranteed</tns:MessageOrderSemantics>\n"
         "          </tns:ReliableMessaging>\n          <tns:PersistDuration>" +
         EscapeMarkup(o.persist_duration) + "</tns:PersistDuration>\n";
}

constexpr char kCharacteristics[] =
    "<tns:BusinessTransactionCharacteristics tns:isAuthenticated=\"transient\" "
    "tns:isAuthorizationRequired=\"true\" tns:isConfidential=\"transient\" "
    "tns:isIntelligibleCheckRequired=\"false\" tns:isNonRepudiationReceiptRequired=\"false\" "
    "tns:isNonRepudiationRequired=\"false\" tns:isTamperProof=\"transient\" "
    "tns:timeToPerform=\"P2D\"/>";

std::string PartyInfo(const DevCpaOptions& o, const DevCpaParty& p, const DevCpaParty& other) {
  const std::string me = IdPart(p.name);
  const std::string them = IdPart(other.name);
  std::string x;
  x += "  <tns:PartyInfo tns:partyName=\"" + EscapeMarkup(p.name) +
       "\" tns:defaultMshChannelId=\"" + me +
       "_MSH\" tns:defaultMshPackageId=\"MshSignalPackage\">\n";
  x += "    <tns:PartyId tns:type=\"" + EscapeMarkup(p.party_id_type) + "\">" +
       EscapeMarkup(p.party_id) + "</tns:PartyId>\n";
  x += "    <tns:PartyRef xlink:href=\"\"/>\n";
  x += "    <tns:CollaborationRole>\n";
  x += "      <tns:ProcessSpecification tns:name=\"" + EscapeMarkup(o.service) +
       "\" tns:version=\"1.0\" xlink:href=\"\"/>\n";
  x += "      <tns:Role tns:name=\"" + EscapeMarkup(p.role) + "\" xlink:href=\"\"/>\n";
  x += "      <tns:ServiceBinding>\n";
  x += "        <tns:Service tns:type=\"" + EscapeMarkup(o.service_type) + "\">" +
       EscapeMarkup(o.service) + "</tns:Service>\n";
  for (const std::string& action : o.actions) {
    const std::string a = IdPart(action);
    x += "        <tns:CanSend>\n          <tns:ThisPartyActionBinding tns:id=\"" + me + "_S_" + a +
         "\" tns:action=\"" + EscapeMarkup(action) +
         "\" tns:packageId=\"XMLMessagePackage\">\n            " + kCharacteristics +
         "\n            <tns:ChannelId>" + me +
         "_RM</tns:ChannelId>\n          </tns:ThisPartyActionBinding>\n"
         "          <tns:OtherPartyActionBinding>" +
         them + "_R_" + a + "</tns:OtherPartyActionBinding>\n        </tns:CanSend>\n";
  }
  for (const std::string& action : o.actions) {
    const std::string a = IdPart(action);
    x += "        <tns:CanReceive>\n          <tns:ThisPartyActionBinding tns:id=\"" + me + "_R_" +
         a + "\" tns:action=\"" + EscapeMarkup(action) +
         "\" tns:packageId=\"XMLMessagePackage\">\n            " + kCharacteristics +
         "\n            <tns:ChannelId>" + me +
         "_RM</tns:ChannelId>\n          </tns:ThisPartyActionBinding>\n"
         "          <tns:OtherPartyActionBinding>" +
         them + "_S_" + a + "</tns:OtherPartyActionBinding>\n        </tns:CanReceive>\n";
  }
  x += "      </tns:ServiceBinding>\n    </tns:CollaborationRole>\n";
  x += Certificate(me + "_TlsCert", p.certificate_der);
  if (o.trust_anchor_der) x += Certificate(me + "_TrustAnchor", *o.trust_anchor_der);
  if (o.trust_anchor_der) {
    x += "    <tns:SecurityDetails tns:securityId=\"" + me +
         "_TransportSecurity\">\n      <tns:TrustAnchors>\n        <tns:AnchorCertificateRef "
         "tns:certId=\"" +
         me + "_TrustAnchor\"/>\n      </tns:TrustAnchors>\n    </tns:SecurityDetails>\n";
  }
  const std::string actor = "urn:oasis:names:tc:ebxml-msg:actor:toPartyMSH";
  x += "    <tns:DeliveryChannel tns:channelId=\"" + me + "_RM\" tns:docExchangeId=\"" + me +
       "_RM_Exchange\" tns:transportId=\"" + me +
       "_Transport\">\n      <tns:MessagingCharacteristics tns:syncReplyMode=\"" +
       EscapeMarkup(o.sync_reply_mode) + "\" tns:ackRequested=\"always\" tns:actor=\"" + actor +
       "\" tns:ackSignatureRequested=\"never\" tns:duplicateElimination=\"always\"/>\n"
       "    </tns:DeliveryChannel>\n";
  x += "    <tns:DeliveryChannel tns:channelId=\"" + me + "_MSH\" tns:docExchangeId=\"" + me +
       "_BE_Exchange\" tns:transportId=\"" + me +
       "_Transport\">\n      <tns:MessagingCharacteristics tns:syncReplyMode=\"" +
       EscapeMarkup(o.sync_reply_mode) + "\" tns:ackRequested=\"never\" tns:actor=\"" + actor +
       "\" tns:ackSignatureRequested=\"never\" tns:duplicateElimination=\"never\"/>\n"
       "    </tns:DeliveryChannel>\n";
  const std::string security_ref =
      o.trust_anchor_der ? "\n          <tns:ServerSecurityDetailsRef tns:securityId=\"" + me +
                               "_TransportSecurity\"/>"
                         : "";
  const std::string client_ref =
      o.trust_anchor_der ? "\n          <tns:ClientSecurityDetailsRef tns:securityId=\"" + me +
                               "_TransportSecurity\"/>"
                         : "";
  x += "    <tns:Transport tns:transportId=\"" + me +
       "_Transport\">\n      <tns:TransportSender>\n"
       "        <tns:TransportProtocol tns:version=\"1.1\">HTTP</tns:TransportProtocol>\n"
       "        <tns:TransportClientSecurity>\n"
       "          <tns:TransportSecurityProtocol tns:version=\"1.2\">TLS"
       "</tns:TransportSecurityProtocol>\n"
       "          <tns:ClientCertificateRef tns:certId=\"" +
       me + "_TlsCert\"/>" + security_ref +
       "\n        </tns:TransportClientSecurity>\n      </tns:TransportSender>\n"
       "      <tns:TransportReceiver>\n"
       "        <tns:TransportProtocol tns:version=\"1.1\">HTTP</tns:TransportProtocol>\n"
       "        <tns:Endpoint tns:uri=\"" +
       EscapeMarkup(p.endpoint) +
       "\" tns:type=\"allPurpose\"/>\n"
       "        <tns:TransportServerSecurity>\n"
       "          <tns:TransportSecurityProtocol tns:version=\"1.2\">TLS"
       "</tns:TransportSecurityProtocol>\n"
       "          <tns:ServerCertificateRef tns:certId=\"" +
       me + "_TlsCert\"/>" + client_ref +
       "\n        </tns:TransportServerSecurity>\n      </tns:TransportReceiver>\n"
       "    </tns:Transport>\n";
  x += "    <tns:DocExchange tns:docExchangeId=\"" + me +
       "_RM_Exchange\">\n        <tns:ebXMLSenderBinding tns:version=\"2.0\">\n" +
       ReliableMessaging(o) +
       "        </tns:ebXMLSenderBinding>\n        <tns:ebXMLReceiverBinding "
       "tns:version=\"2.0\">\n" +
       ReliableMessaging(o) + "        </tns:ebXMLReceiverBinding>\n    </tns:DocExchange>\n";
  x += "    <tns:DocExchange tns:docExchangeId=\"" + me +
       "_BE_Exchange\">\n        <tns:ebXMLSenderBinding tns:version=\"2.0\"/>\n"
       "        <tns:ebXMLReceiverBinding tns:version=\"2.0\"/>\n    </tns:DocExchange>\n";
  x += "  </tns:PartyInfo>\n";
  return x;
}

}  // namespace

std::string ValidateDevCpaOptions(const DevCpaOptions& o) {
  if (o.cpa_id.empty()) return "the CPA id is empty";
  for (const DevCpaParty* p : {&o.gemeente, &o.ggk}) {
    if (p->party_id.empty()) return p->name + ": no PartyId (OIN)";
    if (p->certificate_der.empty()) return p->name + ": no certificate";
    if (p->endpoint.rfind("https://", 0) != 0) return p->name + ": the endpoint must be https://";
    if (p->role.empty()) return p->name + ": no role";
  }
  if (IdPart(o.gemeente.name) == IdPart(o.ggk.name)) return "the parties need different names";
  if (o.sync_reply_mode != "none" && o.sync_reply_mode != "mshSignalsOnly") {
    return "sync reply mode must be none or mshSignalsOnly (Digikoppeling)";
  }
  if (o.actions.empty()) return "no actions";
  if (o.retries < 0) return "retries must not be negative";
  if (!codecs::ParseXsDuration(o.retry_interval)) return "retry interval is not an xs:duration";
  if (!codecs::ParseXsDuration(o.persist_duration)) {
    return "persist duration is not an xs:duration";
  }
  if (!codecs::ParseXsDateTime(o.start) || !codecs::ParseXsDateTime(o.end)) {
    return "start and end must be xs:dateTime values";
  }
  return "";
}

std::string MakeDevCpa(const DevCpaOptions& o) {
  std::string x =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<!-- A development CPA made by `sluis cpa dev`: Digikoppeling osb-rm, unsigned, two-way "
      "TLS. Not for production. -->\n"
      "<tns:CollaborationProtocolAgreement "
      "xmlns:tns=\"http://www.oasis-open.org/committees/ebxml-cppa/schema/cpp-cpa-2_0.xsd\" "
      "xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\" "
      "xmlns:xlink=\"http://www.w3.org/1999/xlink\" tns:cpaid=\"" +
      EscapeMarkup(o.cpa_id) + "\" tns:version=\"1.0\">\n";
  x += "  <tns:Status tns:value=\"agreed\"/>\n  <tns:Start>" + EscapeMarkup(o.start) +
       "</tns:Start>\n  <tns:End>" + EscapeMarkup(o.end) + "</tns:End>\n";
  x += PartyInfo(o, o.gemeente, o.ggk);
  x += PartyInfo(o, o.ggk, o.gemeente);
  x += "  <tns:SimplePart tns:id=\"MsgHdr\" tns:mimetype=\"text/xml\">\n"
       "    <tns:NamespaceSupported "
       "tns:location=\"http://www.oasis-open.org/committees/ebxml-msg/schema/msg-header-2_0.xsd\" "
       "tns:version=\"2.0\">http://www.oasis-open.org/committees/ebxml-msg/schema/"
       "msg-header-2_0.xsd</tns:NamespaceSupported>\n"
       "  </tns:SimplePart>\n"
       "  <tns:SimplePart tns:id=\"XMLMsg\" tns:mimetype=\"text/xml\"/>\n"
       "  <tns:Packaging tns:id=\"MshSignalPackage\">\n"
       "    <tns:ProcessingCapabilities tns:parse=\"true\" tns:generate=\"true\"/>\n"
       "    <tns:CompositeList>\n"
       "      <tns:Composite tns:id=\"MshSignal\" tns:mimetype=\"multipart/related\" "
       "tns:mimeparameters=\"type=text/xml\">\n"
       "        <tns:Constituent tns:idref=\"MsgHdr\"/>\n"
       "      </tns:Composite>\n"
       "    </tns:CompositeList>\n"
       "  </tns:Packaging>\n"
       "  <tns:Packaging tns:id=\"XMLMessagePackage\">\n"
       "    <tns:ProcessingCapabilities tns:parse=\"true\" tns:generate=\"true\"/>\n"
       "    <tns:CompositeList>\n"
       "      <tns:Composite tns:id=\"Message\" tns:mimetype=\"multipart/related\" "
       "tns:mimeparameters=\"type=text/xml\">\n"
       "        <tns:Constituent tns:idref=\"MsgHdr\"/>\n"
       "        <tns:Constituent tns:idref=\"XMLMsg\"/>\n"
       "      </tns:Composite>\n"
       "    </tns:CompositeList>\n"
       "  </tns:Packaging>\n"
       "</tns:CollaborationProtocolAgreement>\n";
  return x;
}

}  // namespace sluis::gateway
