#include "sluis/codecs/validate.h"

#include "sluis/codecs/bericht_type.h"
#include "sluis/codecs/cpa.h"
#include "sluis/codecs/ebms.h"
#include "sluis/codecs/limits.h"
#include "sluis/codecs/payload.h"
#include "sluis/codecs/rules.h"
#include "sluis/codecs/stuf.h"

#include "xml/xml_input.h"
#include "xml/xml_tree.h"

namespace sluis::codecs {
namespace {

constexpr std::string_view kNsSoap = "http://schemas.xmlsoap.org/soap/envelope/";
constexpr std::string_view kNsCpa =
    "http://www.oasis-open.org/committees/ebxml-cppa/schema/cpp-cpa-2_0.xsd";

Finding FromError(const Error& e, const std::string& prefix = {}) {
  Finding f{e.code, e.location, e.message, "", 1};
  if (!prefix.empty()) f.location = f.location.empty() ? prefix : prefix + " " + f.location;
  return f;
}

void AddAll(std::vector<Finding>& out, const std::vector<Error>& errors,
            const std::string& prefix = {}) {
  for (const Error& e : errors) out.push_back(FromError(e, prefix));
}

// Level 1 and 2 of an iWmo/iJw payload.
void ValidatePayload(const SchemaSet& schemas, std::string_view text, ValidationReport& r,
                     const std::string& prefix) {
  pugi::xml_document doc;
  if (Status s = xml::Parse(text, doc, kMaxMessageBytes); !s) {
    r.findings.push_back(FromError(s.error(), prefix));
    return;
  }
  const auto kind = FromMessageNamespace(xml::NamespaceOf(doc.document_element()));
  if (!kind) {
    r.findings.push_back({"XSD", prefix, "not an iWmo/iJw 3.2 message", "", 1});
    return;
  }
  if (r.label.empty() || !prefix.empty()) {
    r.label += (r.label.empty() ? "" : " ") + std::string(Functie(kind->first, kind->second));
  }
  const auto xsd = schemas.ValidatePayload(kind->first, kind->second, text);
  if (!xsd.empty()) {
    AddAll(r.findings, xsd, prefix);
    return;  // level 2 runs only on a schema-valid message
  }
  const auto parsed = ParseBericht(text);
  if (!parsed) {
    r.findings.push_back(FromError(parsed.error(), prefix));
    return;
  }
  for (const RuleViolation& v : CheckLevel2(*parsed)) {
    Finding f{v.rule, prefix.empty() ? v.location : prefix + " " + v.location, v.message,
              v.retourcode, 2};
    r.findings.push_back(std::move(f));
  }
}

}  // namespace

const char* DocumentKindName(DocumentKind k) {
  switch (k) {
    case DocumentKind::kPayload:
      return "payload";
    case DocumentKind::kStufEnvelope:
      return "stuf";
    case DocumentKind::kStufFo01:
      return "fo01";
    case DocumentKind::kEbmsSoap:
      return "ebms";
    case DocumentKind::kCpa:
      return "cpa";
    case DocumentKind::kUnknown:
      break;
  }
  return "unknown";
}

std::string Finding::ToString() const {
  std::string out = code;
  if (!location.empty()) out += " " + location;
  return out + ": " + message;
}

DocumentKind DetectKind(std::string_view text) {
  pugi::xml_document doc;
  if (!xml::Parse(text, doc, kMaxEbmsBytes)) return DocumentKind::kUnknown;
  const pugi::xml_node root = doc.document_element();
  const std::string_view ns = xml::NamespaceOf(root);
  const std::string_view local = xml::LocalName(root.name());
  if (FromMessageNamespace(ns)) return DocumentKind::kPayload;
  if (ns == stuf::kNsGgk) return DocumentKind::kStufEnvelope;
  if (ns == stuf::kNsStuf && local == "Fo01Bericht") return DocumentKind::kStufFo01;
  if (ns == kNsSoap && local == "Envelope") return DocumentKind::kEbmsSoap;
  if (ns == kNsCpa && local == "CollaborationProtocolAgreement") return DocumentKind::kCpa;
  return DocumentKind::kUnknown;
}

ValidationReport ValidateDocument(const SchemaSet& schemas, std::string_view text) {
  ValidationReport r;
  // Well-formedness and the hardening checks first: a clear reason for garbage.
  {
    pugi::xml_document doc;
    if (Status s = xml::Parse(text, doc, kMaxEbmsBytes); !s) {
      r.findings.push_back(FromError(s.error()));
      return r;
    }
  }
  r.kind = DetectKind(text);
  switch (r.kind) {
    case DocumentKind::kPayload:
      ValidatePayload(schemas, text, r, "");
      break;
    case DocumentKind::kStufEnvelope:
    case DocumentKind::kStufFo01: {
      r.label = r.kind == DocumentKind::kStufFo01 ? "Fo01" : "ggk envelope";
      const auto xsd = schemas.Validate(SchemaKind::kStufGgk, text);
      AddAll(r.findings, xsd);
      const auto parsed = stuf::Parse(text);
      if (!parsed) {
        if (xsd.empty()) r.findings.push_back(FromError(parsed.error()));
        break;
      }
      if (const auto* e = std::get_if<stuf::Envelope>(&*parsed)) {
        r.label = std::string(e->soort == stuf::Soort::kDi01 ? "ggk_Di01" : "ggk_Du01");
        if (!stuf::IsUuidV4(e->referentienummer) && xsd.empty()) {
          r.findings.push_back({"StUF", "stuurgegevens/referentienummer",
                                "referentienummer is not a UUID v4", "", 1});
        }
        // The payload travels inside: validate it as well (what StUF055 is about).
        if (!e->tekst_bestandsnaam) ValidatePayload(schemas, e->payload, r, "payload");
      }
      break;
    }
    case DocumentKind::kEbmsSoap: {
      r.label = "ebMS SOAP";
      const auto xsd = schemas.Validate(SchemaKind::kEbmsSoap, text);
      AddAll(r.findings, xsd);
      if (!xsd.empty()) break;
      const auto env = ebms::ParseEnvelope(text);
      if (!env) {
        r.findings.push_back(FromError(env.error()));
      } else {
        r.label = std::string("ebMS ") + ebms::MessageKindName(ebms::KindOf(env->header));
      }
      break;
    }
    case DocumentKind::kCpa: {
      r.label = "CPA";
      const auto xsd = schemas.Validate(SchemaKind::kCpa, text);
      AddAll(r.findings, xsd);
      if (!xsd.empty()) break;
      const auto cpa = cpa::ParseCpa(text);
      if (!cpa) {
        r.findings.push_back(FromError(cpa.error()));
        break;
      }
      r.label = "CPA " + cpa->cpa_id;
      // A CPA Sluis cannot use at all (status proposed, guaranteed ordering, ...). Problems of
      // single channels (a signed variant next to usable unsigned ones) are not findings: the
      // gateway logs them when it loads the CPA and uses the channels it can.
      for (const cpa::ProfileProblem& p : cpa::DigikoppelingProblems(*cpa)) {
        if (p.subject == "CPA") {
          r.findings.push_back({"CPA", "", "not usable for osb-rm/osb-be: " + p.reason, "", 1});
        }
      }
      break;
    }
    case DocumentKind::kUnknown:
      r.findings.push_back({"XML", "",
                            "not a document Sluis knows (iWmo/iJw payload, StUF-GGk "
                            "envelope or Fo01, ebMS SOAP message, CPA)",
                            "", 1});
      break;
  }
  return r;
}

}  // namespace sluis::codecs
