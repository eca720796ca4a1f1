// Plain HTTP request/response values shared by the listeners and the handlers. No Beast here:
// handlers (ebMS MSH, API, UI) compile without the networking headers.
#pragma once

#include <utility>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sluis::gateway {

// What the TLS handshake told us about the peer's certificate.
struct PeerCertificate {
  std::string subject;        // RFC 2253, e.g. "serialNumber=000000...,CN=ggk,O=..."
  std::string serial_number;  // subject serialNumber (OID 2.5.4.5): the OIN for PKIoverheid
  std::string der;            // the DER bytes, to compare with a CPA's certificate
  std::string sha256_hex;     // fingerprint, for logs
  std::chrono::system_clock::time_point not_after;
};

struct PeerInfo {
  std::string address;  // "127.0.0.1:53422"
  std::optional<PeerCertificate> certificate;
};

struct HttpRequest {
  std::string method;                                        // "GET", "POST", ...
  std::string target;                                        // "/api/declaraties?state=open"
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  PeerInfo peer;

  // First header with this (lower-case) name, or empty.
  std::string_view Header(std::string_view name) const;
  std::string_view Path() const;   // target without the query
  std::string_view Query() const;  // after '?', or empty
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  bool close = false;  // close the connection after this response

  static HttpResponse Text(int status, std::string body);
  static HttpResponse Json(int status, std::string body);
  static HttpResponse Html(int status, std::string body);
};

}  // namespace sluis::gateway
