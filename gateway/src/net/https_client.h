// An HTTPS/1.1 client on Boost.Beast for outbound ebMS: two-way TLS with our certificate, the
// server verified against the configured CA bundle and the endpoint's host name (or IP
// address), keep-alive connections reused per host:port, and a deadline before every step
// (resolve+connect, handshake, write+read). Each connection runs on its own strand; callers
// await Post from any executor. Beast stays inside https_client.cpp.
#pragma once

#include <utility>  // before Asio 1.18 headers (std::exchange in awaitable.hpp)

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "net/https_server.h"  // TlsContextProvider

namespace boost::asio {
class io_context;
}

namespace sluis::gateway {

struct HttpsClientOptions {
  uint32_t connect_timeout_ms = 10'000;  // resolve and TCP connect
  uint32_t handshake_timeout_ms = 10'000;
  uint32_t request_timeout_ms = 60'000;  // write the request and read the whole answer
  uint32_t idle_timeout_ms = 50'000;     // an idle pooled connection older than this is dropped
  uint32_t max_idle_per_endpoint = 64;   // fewer than the requests in flight: handshakes
  uint64_t max_response_bytes = 36'000'000;
};

struct ClientResult {
  enum class Error {
    kNone,
    kBadUrl,    // not https://host[:port]/path
    kResolve,   // the host name does not resolve
    kConnect,   // refused, unreachable
    kTls,       // handshake failed (e.g. the server certificate does not verify)
    kTimeout,   // a deadline passed
    kIo,        // the connection broke during the exchange
    kTooLarge,  // the answer exceeded max_response_bytes
  };
  Error error = Error::kNone;
  std::string detail;  // why, for logs and last_error
  int status = 0;
  std::string content_type;
  std::string body;
  bool ok() const { return error == Error::kNone; }
};
const char* ClientErrorName(ClientResult::Error e);  // "connect", "tls", ...

class HttpsClient {
 public:
  HttpsClient(boost::asio::io_context& ioc, TlsContextProvider tls, HttpsClientOptions options);
  ~HttpsClient();
  HttpsClient(const HttpsClient&) = delete;
  HttpsClient& operator=(const HttpsClient&) = delete;

  // POSTs `body` to `url`. Extra headers are added as given. A request on a reused connection
  // that the server had closed meanwhile is sent once more on a fresh connection (POSTing an
  // ebMS message twice is safe: the receiver eliminates duplicates). By value: coroutine.
  boost::asio::awaitable<ClientResult> Post(
      std::string url, std::string content_type, std::string body,
      std::vector<std::pair<std::string, std::string>> headers);

  // Drops every idle connection (e.g. after a certificate reload).
  void CloseIdle();
  size_t idle_connections() const;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace sluis::gateway
