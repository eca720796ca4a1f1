// An HTTPS/1.1 server on Boost.Beast: one coroutine per connection on its own strand, a
// deadline before every read and write (handshake, header, body, idle keep-alive), a body
// limit answered with 413, and a cap on concurrent connections. Handlers see plain
// HttpRequest/HttpResponse values; Beast stays inside https_server.cpp.
#pragma once

#include <utility>  // before Asio 1.18 headers (std::exchange in awaitable.hpp)

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include <boost/asio/awaitable.hpp>

#include "config.h"
#include "net/http_types.h"

namespace boost::asio {
class io_context;
namespace ssl {
class context;
}
}  // namespace boost::asio

namespace sluis::gateway {

using HttpHandler = std::function<boost::asio::awaitable<HttpResponse>(HttpRequest)>;
// Called for each new connection, so that a SIGHUP-reloaded context applies to the next one.
using TlsContextProvider = std::function<std::shared_ptr<boost::asio::ssl::context>()>;

// Notified of what the listener refuses, for logs and metrics. Must be thread-safe.
struct ListenerObserver {
  virtual ~ListenerObserver() = default;
  // reason: "max_connections", "header_timeout", "body_timeout", "body_too_large",
  // "header_too_large", "bad_request".
  virtual void OnRefused(const std::string& listener, const std::string& peer,
                         const std::string& reason) = 0;
  // reason: see HandshakeFailureReason.
  virtual void OnHandshakeFailed(const std::string& listener, const std::string& peer,
                                 const std::string& reason, const std::string& detail) = 0;
};

class HttpsServer {
 public:
  struct Options {
    std::string name;  // "ebms", "admin": for logs and metrics
    ListenerConfig listener;
    uint32_t handshake_timeout_ms = 10'000;
    uint32_t write_timeout_ms = 30'000;
  };

  HttpsServer(boost::asio::io_context& ioc, Options options, TlsContextProvider tls,
              HttpHandler handler, ListenerObserver* observer = nullptr);
  ~HttpsServer();
  HttpsServer(const HttpsServer&) = delete;
  HttpsServer& operator=(const HttpsServer&) = delete;

  // Binds and starts accepting. Throws std::system_error when the address cannot be bound.
  void Start();
  // Stops accepting and asks every connection to close after its current request. Idle
  // keep-alive connections are closed at once. Safe to call from any thread.
  void Stop();

  uint16_t port() const;  // the bound port (useful with port 0)
  uint32_t active_connections() const;
  bool listening() const;  // bound and not yet closed by Stop (which closes asynchronously)

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace sluis::gateway
