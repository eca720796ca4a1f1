#include "tls_reloader.h"

#include <stdexcept>

#include <boost/asio/ssl/context.hpp>

namespace sluis::gateway {

TlsReloader::Set TlsReloader::Build(const TlsFiles& f) {
  Set s;
  s.ebms = MakeServerTlsContext(f, PeerAuth::kRequired);
  s.admin = MakeServerTlsContext(f, PeerAuth::kNone);
  s.client = MakeClientTlsContext(f);
  s.own = ReadCertificateFile(f.cert_file);
  return s;
}

TlsReloader::TlsReloader(TlsFiles files) : files_(std::move(files)), current_(Build(files_)) {}

std::shared_ptr<boost::asio::ssl::context> TlsReloader::ebms_server() const {
  std::lock_guard<std::mutex> lock(mu_);
  return current_.ebms;
}
std::shared_ptr<boost::asio::ssl::context> TlsReloader::admin_server() const {
  std::lock_guard<std::mutex> lock(mu_);
  return current_.admin;
}
std::shared_ptr<boost::asio::ssl::context> TlsReloader::client() const {
  std::lock_guard<std::mutex> lock(mu_);
  return current_.client;
}
std::optional<PeerCertificate> TlsReloader::own_certificate() const {
  std::lock_guard<std::mutex> lock(mu_);
  return current_.own;
}

std::string TlsReloader::Reload() {
  try {
    Set fresh = Build(files_);
    std::lock_guard<std::mutex> lock(mu_);
    current_ = std::move(fresh);
    return {};
  } catch (const std::exception& e) {
    return e.what();
  }
}

}  // namespace sluis::gateway
