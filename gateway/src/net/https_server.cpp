#include "net/https_server.h"
#include <utility>

#include <map>
#include <mutex>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include "log.h"
#include "net/tls.h"
#include <fcntl.h>

namespace sluis::gateway {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using net::awaitable;
using net::use_awaitable;
using tcp = net::ip::tcp;
using std::chrono::milliseconds;

using Stream = beast::ssl_stream<beast::tcp_stream>;

std::string Endpoint(const tcp::socket& s) {
  boost::system::error_code ec;
  const auto ep = s.remote_endpoint(ec);
  if (ec) return "unknown";
  return ep.address().to_string() + ":" + std::to_string(ep.port());
}

HttpRequest ToRequest(http::request<http::string_body>&& req, const PeerInfo& peer) {
  HttpRequest out;
  out.method = std::string(req.method_string());
  out.target = std::string(req.target());
  out.headers.reserve(16);
  for (const auto& field : req) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.headers.emplace_back(std::move(name), std::string(field.value()));
  }
  out.body = std::move(req.body());
  out.peer = peer;
  return out;
}

http::response<http::string_body> ToBeast(HttpResponse&& r, unsigned version, bool keep_alive) {
  http::response<http::string_body> res{static_cast<http::status>(r.status), version};
  res.set(http::field::server, "sluisd");
  if (!r.content_type.empty()) res.set(http::field::content_type, r.content_type);
  for (auto& [k, v] : r.headers) res.insert(k, v);
  res.body() = std::move(r.body);
  res.keep_alive(keep_alive && !r.close);
  res.prepare_payload();
  return res;
}

}  // namespace

struct HttpsServer::Impl : std::enable_shared_from_this<HttpsServer::Impl> {
  Impl(net::io_context& io, Options o, TlsContextProvider t, HttpHandler h, ListenerObserver* obs)
      : ioc(io),
        opts(std::move(o)),
        tls(std::move(t)),
        handler(std::move(h)),
        observer(obs),
        acceptor(net::make_strand(io)) {}

  net::io_context& ioc;
  Options opts;
  TlsContextProvider tls;
  HttpHandler handler;
  ListenerObserver* observer;
  tcp::acceptor acceptor;
  std::atomic<bool> stopping{false};
  std::atomic<bool> listening{false};
  std::atomic<uint32_t> active{0};
  uint16_t bound_port = 0;

  // Live connections, so that Stop() can cancel idle reads. Values are executors + sockets
  // that are only touched on their own strand.
  std::mutex mu;
  uint64_t next_id = 0;
  std::map<uint64_t, std::pair<net::any_io_executor, std::weak_ptr<Stream>>> live;

  void Refused(const std::string& peer, const std::string& reason) {
    LogWarn("http_refused", {{"listener", opts.name}, {"peer", peer}, {"reason", reason}});
    if (observer) observer->OnRefused(opts.name, peer, reason);
  }

  awaitable<void> Accept() {
    auto self = shared_from_this();
    for (;;) {
      boost::system::error_code ec;
      tcp::socket socket(net::make_strand(ioc));
      co_await acceptor.async_accept(socket, net::redirect_error(use_awaitable, ec));
      if (stopping) co_return;
      if (ec) {
        if (ec == net::error::operation_aborted) co_return;
        LogWarn("accept_failed", {{"listener", opts.name}, {"error", ec.message()}});
        continue;
      }
      if (active.load() >= opts.listener.max_connections) {
        Refused(Endpoint(socket), "max_connections");
        socket.close(ec);
        continue;
      }
      ++active;
      auto ex = socket.get_executor();
      net::co_spawn(ex, Session(std::move(socket)), [self](std::exception_ptr e) {
        --self->active;
        if (e) {
          try {
            std::rethrow_exception(e);
          } catch (const std::exception& err) {
            LogError("connection_crashed", {{"listener", self->opts.name}, {"error", err.what()}});
          }
        }
      });
    }
  }

  awaitable<void> Session(tcp::socket socket) {
    PeerInfo peer;
    peer.address = Endpoint(socket);
    std::shared_ptr<net::ssl::context> ctx = tls();
    auto stream = std::make_shared<Stream>(std::move(socket), *ctx);
    const uint64_t id = Register(stream);
    struct Unregister {
      Impl* impl;
      uint64_t id;
      ~Unregister() {
        std::lock_guard<std::mutex> lock(impl->mu);
        impl->live.erase(id);
      }
    } unregister{this, id};

    boost::system::error_code ec;
    beast::get_lowest_layer(*stream).expires_after(milliseconds(opts.handshake_timeout_ms));
    co_await stream->async_handshake(net::ssl::stream_base::server,
                                     net::redirect_error(use_awaitable, ec));
    if (ec) {
      const std::string reason = ec == beast::error::timeout
                                     ? "timeout"
                                     : HandshakeFailureReason(stream->native_handle(), ec.value(),
                                                              ec.category().name(), ec.message());
      LogWarn("tls_handshake_failed", {{"listener", opts.name},
                                       {"peer", peer.address},
                                       {"reason", reason},
                                       {"detail", ec.message()}});
      if (observer) observer->OnHandshakeFailed(opts.name, peer.address, reason, ec.message());
      co_return;
    }
    peer.certificate = ExtractPeerCertificate(stream->native_handle());

    beast::flat_buffer buffer;
    bool first = true;
    while (!stopping) {
      http::request_parser<http::string_body> parser;
      parser.header_limit(32 * 1024);
      parser.body_limit(opts.listener.max_body_bytes);
      beast::get_lowest_layer(*stream).expires_after(
          milliseconds(first ? opts.listener.header_timeout_ms : opts.listener.idle_timeout_ms));
      co_await http::async_read_header(*stream, buffer, parser,
                                       net::redirect_error(use_awaitable, ec));
      if (ec) {
        // The peer closed between requests: the normal end of a keep-alive connection.
        if (ec == http::error::end_of_stream || ec == net::ssl::error::stream_truncated) break;
        if (ec == beast::error::timeout && first) Refused(peer.address, "header_timeout");
        if (ec == http::error::header_limit) {
          co_await Reply(*stream, HttpResponse::Text(431, "request header too large\n"), 11, false);
          Refused(peer.address, "header_too_large");
        } else if (ec.category() == http::make_error_code(http::error::bad_version).category()) {
          co_await Reply(*stream, HttpResponse::Text(400, "bad request\n"), 11, false);
          Refused(peer.address, "bad_request");
        }
        break;  // end_of_stream, stream_truncated, timeout (idle), cancelled: just close
      }
      first = false;
      const auto& header = parser.get();
      const unsigned version = header.version();
      if (parser.content_length() && *parser.content_length() > opts.listener.max_body_bytes) {
        Refused(peer.address, "body_too_large");
        co_await Reply(*stream, HttpResponse::Text(413, "request body too large\n"), version,
                       false);
        break;
      }
      if (beast::iequals(header[http::field::expect], "100-continue")) {
        http::response<http::empty_body> cont{http::status::continue_, version};
        beast::get_lowest_layer(*stream).expires_after(milliseconds(opts.write_timeout_ms));
        co_await http::async_write(*stream, cont, net::redirect_error(use_awaitable, ec));
        if (ec) break;
      }
      beast::get_lowest_layer(*stream).expires_after(milliseconds(opts.listener.body_timeout_ms));
      co_await http::async_read(*stream, buffer, parser, net::redirect_error(use_awaitable, ec));
      if (ec) {
        if (ec == http::error::body_limit) {
          Refused(peer.address, "body_too_large");
          co_await Reply(*stream, HttpResponse::Text(413, "request body too large\n"), version,
                         false);
        } else if (ec == beast::error::timeout) {
          Refused(peer.address, "body_timeout");
        }
        break;
      }
      http::request<http::string_body> req = parser.release();
      const bool keep_alive = req.keep_alive();
      HttpResponse response;
      try {
        response = co_await handler(ToRequest(std::move(req), peer));
      } catch (const std::exception& e) {
        LogError("handler_failed", {{"listener", opts.name}, {"error", e.what()}});
        response = HttpResponse::Text(500, "internal error\n");
      }
      const bool close = response.close || !keep_alive || stopping;
      if (!co_await Reply(*stream, std::move(response), version, !close)) break;
      if (close) break;
    }
    beast::get_lowest_layer(*stream).expires_after(milliseconds(2000));
    co_await stream->async_shutdown(net::redirect_error(use_awaitable, ec));
    // stream_truncated or timeout on shutdown are normal with impatient peers.
  }

  // Returns false when the write failed.
  awaitable<bool> Reply(Stream& stream, HttpResponse response, unsigned version, bool keep_alive) {
    auto res = ToBeast(std::move(response), version, keep_alive);
    boost::system::error_code ec;
    beast::get_lowest_layer(stream).expires_after(milliseconds(opts.write_timeout_ms));
    co_await http::async_write(stream, res, net::redirect_error(use_awaitable, ec));
    co_return !ec;
  }

  uint64_t Register(const std::shared_ptr<Stream>& s) {
    std::lock_guard<std::mutex> lock(mu);
    const uint64_t id = next_id++;
    live.emplace(id, std::make_pair(s->get_executor(), std::weak_ptr<Stream>(s)));
    return id;
  }
};

HttpsServer::HttpsServer(net::io_context& ioc, Options options, TlsContextProvider tls,
                         HttpHandler handler, ListenerObserver* observer)
    : impl_(std::make_shared<Impl>(ioc, std::move(options), std::move(tls), std::move(handler),
                                   observer)) {}

HttpsServer::~HttpsServer() { Stop(); }

void HttpsServer::Start() {
  const auto& l = impl_->opts.listener;
  const tcp::endpoint ep(net::ip::make_address(l.address), l.port);
  impl_->acceptor.open(ep.protocol());
  // Not inherited by programs we start (the listening port would outlive Stop in them).
  ::fcntl(impl_->acceptor.native_handle(), F_SETFD, FD_CLOEXEC);
  impl_->acceptor.set_option(net::socket_base::reuse_address(true));
  impl_->acceptor.bind(ep);
  impl_->acceptor.listen(net::socket_base::max_listen_connections);
  impl_->bound_port = impl_->acceptor.local_endpoint().port();
  impl_->listening = true;
  LogInfo("listening",
          {{"listener", impl_->opts.name}, {"address", l.address}, {"port", impl_->bound_port}});
  net::co_spawn(impl_->acceptor.get_executor(), impl_->Accept(), net::detached);
}

void HttpsServer::Stop() {
  if (impl_->stopping.exchange(true)) return;
  auto impl = impl_;
  net::post(impl->acceptor.get_executor(), [impl] {
    boost::system::error_code ec;
    impl->acceptor.close(ec);
    impl->listening = false;
  });
  std::lock_guard<std::mutex> lock(impl->mu);
  for (auto& [id, entry] : impl->live) {
    net::post(entry.first, [w = entry.second] {
      if (auto s = w.lock()) {
        // Cancels a pending read (idle keep-alive); a request in progress finishes its write
        // and then sees `stopping`.
        beast::get_lowest_layer(*s).cancel();
      }
    });
  }
}

uint16_t HttpsServer::port() const { return impl_->bound_port; }
uint32_t HttpsServer::active_connections() const { return impl_->active.load(); }
bool HttpsServer::listening() const { return impl_->listening.load(); }

}  // namespace sluis::gateway
