// Validates any document Sluis handles, whatever it is: detects the kind from the root element,
// runs level 1 (XSD) and, for iWmo/iJw payloads, level 2 (in-message rules). A StUF envelope's
// xmlBestand payload is validated too. This is what `sluis validate` reports, and what the
// gateway runs on every inbound payload.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sluis/codecs/xsd.h"

namespace sluis::codecs {

enum class DocumentKind { kUnknown, kPayload, kStufEnvelope, kStufFo01, kEbmsSoap, kCpa };
const char* DocumentKindName(DocumentKind kind);  // "payload", "stuf", "fo01", "ebms", "cpa"

struct Finding {
  std::string code;      // "XSD", "TR358", "CS002", "XML", ...
  std::string location;  // "line 31", "/Bericht/Declaratie/...", "payload /Bericht/..."
  std::string message;
  std::string retourcode;        // "0001" for level-2 rules, empty otherwise
  int level = 1;                 // 1 = well-formedness/XSD/structure, 2 = in-message rule
  std::string ToString() const;  // "CODE location: message"
};

struct ValidationReport {
  DocumentKind kind = DocumentKind::kUnknown;
  std::string label;  // "WMO323", "ggk_Di01 WMO323", "ebMS SOAP", "CPA <cpaid>"
  std::vector<Finding> findings;
  bool valid() const { return findings.empty(); }
};

DocumentKind DetectKind(std::string_view xml);
ValidationReport ValidateDocument(const SchemaSet& schemas, std::string_view bytes);

}  // namespace sluis::codecs
