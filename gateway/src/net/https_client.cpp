#include "net/https_client.h"
#include <utility>

#include <chrono>
#include <map>
#include <mutex>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

namespace sluis::gateway {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using net::awaitable;
using net::use_awaitable;
using tcp = net::ip::tcp;
using std::chrono::milliseconds;
using Strand = net::strand<net::io_context::executor_type>;
using Stream = beast::ssl_stream<beast::tcp_stream>;

struct Url {
  std::string host;
  std::string port = "443";
  std::string target = "/";
  std::string Key() const { return host + ":" + port; }
};

bool ParseUrl(const std::string& url, Url& out) {
  constexpr std::string_view kScheme = "https://";
  if (url.rfind(kScheme, 0) != 0) return false;
  std::string rest = url.substr(kScheme.size());
  const size_t slash = rest.find('/');
  std::string authority = rest.substr(0, slash);
  out.target = slash == std::string::npos ? "/" : rest.substr(slash);
  if (authority.empty() || authority.find('@') != std::string::npos) return false;
  if (authority.front() == '[') {  // [::1]:8443
    const size_t close = authority.find(']');
    if (close == std::string::npos) return false;
    out.host = authority.substr(1, close - 1);
    if (close + 1 < authority.size()) {
      if (authority[close + 1] != ':') return false;
      out.port = authority.substr(close + 2);
    }
  } else {
    const size_t colon = authority.rfind(':');
    out.host = authority.substr(0, colon);
    if (colon != std::string::npos) out.port = authority.substr(colon + 1);
  }
  if (out.host.empty() || out.port.empty()) return false;
  for (char c : out.port) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool IsIpAddress(const std::string& host) {
  boost::system::error_code ec;
  net::ip::make_address(host, ec);
  return !ec;
}

ClientResult Fail(ClientResult::Error e, std::string detail) {
  ClientResult r;
  r.error = e;
  r.detail = std::move(detail);
  return r;
}

}  // namespace

const char* ClientErrorName(ClientResult::Error e) {
  switch (e) {
    case ClientResult::Error::kNone:
      return "none";
    case ClientResult::Error::kBadUrl:
      return "bad_url";
    case ClientResult::Error::kResolve:
      return "resolve";
    case ClientResult::Error::kConnect:
      return "connect";
    case ClientResult::Error::kTls:
      return "tls";
    case ClientResult::Error::kTimeout:
      return "timeout";
    case ClientResult::Error::kIo:
      return "io";
    case ClientResult::Error::kTooLarge:
      return "too_large";
  }
  return "io";
}

struct HttpsClient::Impl : std::enable_shared_from_this<HttpsClient::Impl> {
  Impl(net::io_context& io, TlsContextProvider t, HttpsClientOptions o)
      : ioc(io), tls(std::move(t)), opts(o) {}

  // One keep-alive connection: its stream lives on its own strand.
  struct Conn {
    Conn(Strand s, std::shared_ptr<net::ssl::context> c)
        : ctx(std::move(c)), strand(s), stream(s, *ctx) {}
    std::shared_ptr<net::ssl::context> ctx;  // outlives the stream
    Strand strand;
    Stream stream;
    std::chrono::steady_clock::time_point idle_since;
  };

  net::io_context& ioc;
  TlsContextProvider tls;
  HttpsClientOptions opts;
  mutable std::mutex mu;
  std::map<std::string, std::vector<std::unique_ptr<Conn>>> idle;

  std::unique_ptr<Conn> TakeIdle(const std::string& key) {
    std::lock_guard<std::mutex> lock(mu);
    auto it = idle.find(key);
    if (it == idle.end()) return nullptr;
    const auto now = std::chrono::steady_clock::now();
    while (!it->second.empty()) {
      std::unique_ptr<Conn> c = std::move(it->second.back());
      it->second.pop_back();
      if (now - c->idle_since < milliseconds(opts.idle_timeout_ms)) return c;
      // Too old: the server has probably closed it; drop it (closing the socket on destruction).
    }
    return nullptr;
  }

  void PutIdle(const std::string& key, std::unique_ptr<Conn> c) {
    c->idle_since = std::chrono::steady_clock::now();
    std::lock_guard<std::mutex> lock(mu);
    auto& list = idle[key];
    if (list.size() < opts.max_idle_per_endpoint) list.push_back(std::move(c));
  }

  // Runs on the connection's strand: resolve, connect, handshake with host verification.
  awaitable<ClientResult> Open(Conn& c, Url url) {
    boost::system::error_code ec;
    tcp::resolver resolver(c.strand);
    const auto endpoints =
        co_await resolver.async_resolve(url.host, url.port, net::redirect_error(use_awaitable, ec));
    if (ec) co_return Fail(ClientResult::Error::kResolve, url.host + ": " + ec.message());
    SSL* ssl = c.stream.native_handle();
    if (IsIpAddress(url.host)) {
      X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), url.host.c_str());
    } else {
      SSL_set_tlsext_host_name(ssl, url.host.c_str());
      SSL_set1_host(ssl, url.host.c_str());
    }
    c.stream.set_verify_mode(net::ssl::verify_peer);
    auto& lowest = beast::get_lowest_layer(c.stream);
    lowest.expires_after(milliseconds(opts.connect_timeout_ms));
    co_await lowest.async_connect(endpoints, net::redirect_error(use_awaitable, ec));
    if (ec == beast::error::timeout) {
      co_return Fail(ClientResult::Error::kTimeout, "connect to " + url.Key() + " timed out");
    }
    if (ec) co_return Fail(ClientResult::Error::kConnect, url.Key() + ": " + ec.message());
    lowest.socket().set_option(tcp::no_delay(true), ec);
    lowest.expires_after(milliseconds(opts.handshake_timeout_ms));
    co_await c.stream.async_handshake(net::ssl::stream_base::client,
                                      net::redirect_error(use_awaitable, ec));
    if (ec == beast::error::timeout) {
      co_return Fail(ClientResult::Error::kTimeout,
                     "TLS handshake with " + url.Key() + " timed out");
    }
    if (ec) {
      std::string why = ec.message();
      const long verify = SSL_get_verify_result(ssl);
      if (verify != X509_V_OK)
        why += " (" + std::string(X509_verify_cert_error_string(verify)) + ")";
      co_return Fail(ClientResult::Error::kTls, "TLS handshake with " + url.Key() + ": " + why);
    }
    co_return ClientResult{};
  }

  // Runs on the connection's strand. `fresh`: no byte of an answer means a broken reused
  // connection when false.
  awaitable<ClientResult> Exchange(Conn& c, Url url, std::string content_type, std::string body,
                                   std::vector<std::pair<std::string, std::string>> headers,
                                   bool* keep_alive) {
    *keep_alive = false;
    http::request<http::string_body> req{http::verb::post, url.target, 11};
    req.set(http::field::host, url.host + ":" + url.port);
    req.set(http::field::user_agent, "sluisd");
    req.set(http::field::content_type, content_type);
    for (auto& [k, v] : headers) req.insert(k, v);
    req.keep_alive(true);
    req.body() = std::move(body);
    req.prepare_payload();
    boost::system::error_code ec;
    auto& lowest = beast::get_lowest_layer(c.stream);
    lowest.expires_after(milliseconds(opts.request_timeout_ms));
    co_await http::async_write(c.stream, req, net::redirect_error(use_awaitable, ec));
    if (ec == beast::error::timeout) {
      co_return Fail(ClientResult::Error::kTimeout, "writing to " + url.Key() + " timed out");
    }
    if (ec)
      co_return Fail(ClientResult::Error::kIo, "writing to " + url.Key() + ": " + ec.message());
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(opts.max_response_bytes);
    co_await http::async_read(c.stream, buffer, parser, net::redirect_error(use_awaitable, ec));
    if (ec == beast::error::timeout) {
      co_return Fail(ClientResult::Error::kTimeout, "no answer from " + url.Key() + " in time");
    }
    if (ec == http::error::body_limit) {
      co_return Fail(ClientResult::Error::kTooLarge,
                     "the answer of " + url.Key() + " is too large");
    }
    if (ec) {
      co_return Fail(ClientResult::Error::kIo, "reading from " + url.Key() + ": " + ec.message());
    }
    http::response<http::string_body> res = parser.release();
    ClientResult r;
    r.status = static_cast<int>(res.result_int());
    r.content_type = std::string(res[http::field::content_type]);
    r.body = std::move(res.body());
    *keep_alive = res.keep_alive();
    co_return r;
  }

  awaitable<ClientResult> Post(std::string url_text, std::string content_type, std::string body,
                               std::vector<std::pair<std::string, std::string>> headers) {
    auto self = shared_from_this();
    Url url;
    if (!ParseUrl(url_text, url)) co_return Fail(ClientResult::Error::kBadUrl, url_text);
    for (int attempt = 0; attempt < 2; ++attempt) {
      std::unique_ptr<Conn> c = attempt == 0 ? TakeIdle(url.Key()) : nullptr;
      const bool reused = c != nullptr;
      if (!c) {
        c = std::make_unique<Conn>(net::make_strand(ioc), tls());
        // Awaitables are made as named locals: GCC 12 mishandles non-trivial temporaries that
        // live across a co_await (see db_pool.h).
        auto open = Open(*c, url);
        ClientResult opened = co_await net::co_spawn(c->strand, std::move(open), use_awaitable);
        if (!opened.ok()) co_return opened;
      }
      bool keep_alive = false;
      auto exchange = Exchange(*c, url, content_type, attempt == 0 ? body : std::move(body),
                               headers, &keep_alive);
      ClientResult r = co_await net::co_spawn(c->strand, std::move(exchange), use_awaitable);
      if (!r.ok() && reused && r.error == ClientResult::Error::kIo) continue;  // stale: again
      if (r.ok() && keep_alive) PutIdle(url.Key(), std::move(c));
      co_return r;
    }
    co_return Fail(ClientResult::Error::kIo, "unreachable");
  }
};

HttpsClient::HttpsClient(net::io_context& ioc, TlsContextProvider tls, HttpsClientOptions options)
    : impl_(std::make_shared<Impl>(ioc, std::move(tls), options)) {}

HttpsClient::~HttpsClient() { CloseIdle(); }

awaitable<ClientResult> HttpsClient::Post(
    std::string url, std::string content_type, std::string body,
    std::vector<std::pair<std::string, std::string>> headers) {
  auto impl = impl_;
  auto post =
      impl->Post(std::move(url), std::move(content_type), std::move(body), std::move(headers));
  co_return co_await std::move(post);
}

void HttpsClient::CloseIdle() {
  std::lock_guard<std::mutex> lock(impl_->mu);
  impl_->idle.clear();
}

size_t HttpsClient::idle_connections() const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  size_t n = 0;
  for (const auto& [key, list] : impl_->idle) n += list.size();
  return n;
}

}  // namespace sluis::gateway
