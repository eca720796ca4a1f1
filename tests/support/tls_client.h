// A deliberately plain, blocking HTTPS client for end-to-end tests, on OpenSSL directly so that
// tests can do what Sluis itself never does: offer TLS 1.1, present an expired certificate,
// skip the client certificate.
#pragma once

#include <utility>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sluis::testing {

struct ClientTls {
  std::string ca_file;    // verify the server against this bundle (empty: no verification)
  std::string cert_file;  // our client certificate chain (empty: none)
  std::string key_file;
  int min_version = 0;  // TLS1_2_VERSION etc.; 0 = library default
  int max_version = 0;
  bool allow_legacy = false;  // security level 0 (for TLS 1.1 and RSA-1024 probes)
};

struct HttpResult {
  bool connected = false;  // TCP + TLS handshake succeeded
  std::string error;       // why not, when !connected or the exchange failed
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  std::string peer_subject;  // the server certificate's subject (OpenSSL oneline form)
  std::string Header(const std::string& name) const;
};

// One request on a fresh connection ("Connection: close").
HttpResult HttpsRequest(uint16_t port, const ClientTls& tls, const std::string& method,
                        const std::string& target, const std::string& body = "",
                        std::vector<std::pair<std::string, std::string>> headers = {},
                        const std::string& host = "127.0.0.1");

}  // namespace sluis::testing
