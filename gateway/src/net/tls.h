// TLS contexts for Sluis (docs/ebms2-digikoppeling §4.8): TLS 1.2 and 1.3 only, NCSC "goed"
// cipher suites for 1.2, no compression, no renegotiation, OpenSSL security level 2 (so RSA
// keys under 2048 bits and SHA-1 signatures are refused), and trust in exactly one configured
// CA bundle: the system's default verify paths are never loaded.
#pragma once

#include <memory>
#include <string>

#include "net/http_types.h"

namespace boost::asio::ssl {
class context;
}
struct ssl_st;

namespace sluis::gateway {

struct TlsFiles {
  std::string cert_file;  // our chain, leaf first
  std::string key_file;
  std::string ca_file;  // trust anchors for the peer
};

enum class PeerAuth {
  kNone,      // server: do not ask for a client certificate (admin/UI listener)
  kRequired,  // server: a valid client certificate is mandatory (ebMS listener)
};

// The TLS 1.2 cipher list we allow (ECDHE with AES-GCM or ChaCha20-Poly1305).
extern const char* const kTls12Ciphers;

// Throws std::runtime_error naming the file when a certificate or key cannot be loaded.
std::shared_ptr<boost::asio::ssl::context> MakeServerTlsContext(const TlsFiles& files,
                                                                PeerAuth auth);
// For outbound connections: presents our certificate, verifies the server against ca_file
// (hostname checked by the caller through SNI/host verification).
std::shared_ptr<boost::asio::ssl::context> MakeClientTlsContext(const TlsFiles& files);

// The peer's certificate after a handshake, if it sent one.
std::optional<PeerCertificate> ExtractPeerCertificate(ssl_st* ssl);

// Describes a DER certificate (e.g. one from a CPA); nullopt if it does not parse.
std::optional<PeerCertificate> DescribeCertificateDer(const std::string& der);

// Reads the leaf certificate of a PEM file (for expiry metrics and CPA comparison).
std::optional<PeerCertificate> ReadCertificateFile(const std::string& pem_file);

// A short, stable reason for a failed handshake, for logs and metrics: "no_client_certificate",
// "certificate_expired", "certificate_not_yet_valid", "unknown_ca", "key_too_small",
// "protocol_version", "timeout", "closed", or "other".
std::string HandshakeFailureReason(ssl_st* ssl, int error_value, const std::string& category,
                                   const std::string& message);

}  // namespace sluis::gateway
