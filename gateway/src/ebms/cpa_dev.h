// A development CPA between the gemeente (Sluis) and the GGk simulator: Digikoppeling osb-rm,
// unsigned, two-way TLS, both parties sending and receiving every action of one service. Used by
// `sluis cpa dev`, ./ops/run and the end-to-end tests. Each party has a reliable channel for
// business messages and a best-effort default MSH channel for signals, on one HTTPS transport
// whose client and server certificate is the party's TLS certificate.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace sluis::gateway {

struct DevCpaParty {
  std::string name;  // partyName
  std::string party_id;
  std::string party_id_type = "urn:osb:oin";
  std::string role;
  std::string endpoint;         // https://host:port/path
  std::string certificate_der;  // the party's TLS certificate (DER)
};

struct DevCpaOptions {
  std::string cpa_id = "sluis_ggk_dev";
  DevCpaParty gemeente{.name = "Gemeente", .role = "Gemeente"};
  DevCpaParty ggk{.name = "GGk", .role = "GGk"};
  std::string service = "urn:sluis:ggk:berichtenverkeer:1.0";
  std::string service_type = "urn:osb:services";
  std::vector<std::string> actions = {"ggk_Di01", "ggk_Du01", "Fo01"};
  std::string sync_reply_mode = "none";  // none | mshSignalsOnly
  long retries = 3;
  std::string retry_interval = "PT1M";  // xs:duration
  std::string persist_duration = "PT1H";
  std::string start = "2020-01-01T00:00:00Z";
  std::string end = "2035-01-01T00:00:00Z";
  std::optional<std::string> trust_anchor_der;  // the CA both parties trust (optional)
};

// The CPA document. Preconditions are checked by the caller (ValidateDevCpaOptions).
std::string MakeDevCpa(const DevCpaOptions& options);

// Empty when the options can make a CPA, else why not (one line).
std::string ValidateDevCpaOptions(const DevCpaOptions& options);

}  // namespace sluis::gateway
