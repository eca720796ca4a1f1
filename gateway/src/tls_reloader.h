// Holds the current TLS contexts and rebuilds them from the certificate files on request
// (SIGHUP). A failed reload keeps the previous contexts and reports why; connections that are
// open keep the context they started with.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "net/tls.h"

namespace sluis::gateway {

class TlsReloader {
 public:
  // Throws std::runtime_error when the files cannot be loaded.
  explicit TlsReloader(TlsFiles files);

  std::shared_ptr<boost::asio::ssl::context> ebms_server() const;
  std::shared_ptr<boost::asio::ssl::context> admin_server() const;
  std::shared_ptr<boost::asio::ssl::context> client() const;

  // Re-reads the files. Returns an empty string on success, else the reason.
  std::string Reload();

  // Expiry of our own certificate, for metrics.
  std::optional<PeerCertificate> own_certificate() const;

 private:
  struct Set {
    std::shared_ptr<boost::asio::ssl::context> ebms, admin, client;
    std::optional<PeerCertificate> own;
  };
  static Set Build(const TlsFiles& f);

  TlsFiles files_;
  mutable std::mutex mu_;
  Set current_;
};

}  // namespace sluis::gateway
