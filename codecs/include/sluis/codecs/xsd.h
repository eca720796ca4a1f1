// Level 1: XML Schema validation with libxml2 against the schemas in a configured directory
// (the reference material: ../shared in development). Every schema is compiled once, at load;
// validation streams the document (no tree is built) with a validation context per thread.
// No network: remote schemaLocations are resolved to local copies or refused. Imports are
// resolved whatever the file name's case (the iStandaarden import "basisschema.xsd" while the
// file is Basisschema.xsd).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sluis/codecs/bericht_type.h"
#include "sluis/codecs/result.h"

namespace sluis::codecs {

enum class SchemaKind {
  kPayload,   // an iWmo/iJw 3.2 message (give domein and type)
  kStufGgk,   // StUF-GGk envelope: ggk_Di01, ggk_Du01, Fo01
  kEbmsSoap,  // SOAP envelope with ebMS 2.0 headers (msg-header-2_0.xsd)
  kCpa,       // CPA (cpp-cpa-2_0.xsd)
  kPain001,   // SEPA credit transfer pain.001.001.03
};

class SchemaSet {
 public:
  // Loads from shared_dir: istandaarden/iwmo-3.2, istandaarden/ijw-3.2,
  // istandaarden/stuf-ggk0210-patch04-v3, ebms/xsd, sepa. Fails (naming the file) if any
  // schema is missing or does not compile.
  static Result<std::shared_ptr<const SchemaSet>> Load(const std::string& shared_dir);
  ~SchemaSet();
  SchemaSet(const SchemaSet&) = delete;
  SchemaSet& operator=(const SchemaSet&) = delete;

  // All violations (up to max_errors), each with code "XSD", kind kSchema, the libxml2 message
  // and "line N" as location. Empty: valid. Thread-safe.
  std::vector<Error> ValidatePayload(Domein domein, BerichtType type, std::string_view xml,
                                     size_t max_errors = 50) const;
  std::vector<Error> Validate(SchemaKind kind, std::string_view xml, size_t max_errors = 50) const;

  // The BerichtXsdVersie / BasisschemaXsdVersie a schema declares in its appinfo (IV034:
  // copy these into XsdVersie), e.g. "1.0.0".
  std::string BerichtXsdVersie(Domein domein, BerichtType type) const;
  std::string BasisschemaXsdVersie(Domein domein) const;

  const std::string& shared_dir() const;

 private:
  struct Impl;
  explicit SchemaSet(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sluis::codecs
