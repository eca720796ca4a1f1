#include "net/tls.h"

#include <ctime>
#include <stdexcept>

#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/error.hpp>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

namespace sluis::gateway {
namespace {

namespace ssl = boost::asio::ssl;

// Session id context: needed for session resumption when client certificates are verified.
constexpr unsigned char kSessionContext[] = "sluisd";

void Check(int ok, const std::string& what) {
  if (ok != 1) {
    const unsigned long e = ERR_get_error();
    char buf[256];
    ERR_error_string_n(e, buf, sizeof buf);
    throw std::runtime_error(what + ": " + buf);
  }
}

void Harden(SSL_CTX* ctx) {
  Check(SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION), "TLS minimum version");
  Check(SSL_CTX_set_max_proto_version(ctx, TLS1_3_VERSION), "TLS maximum version");
  SSL_CTX_set_options(
      ctx, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);
  SSL_CTX_set_security_level(ctx, 2);
  Check(SSL_CTX_set_cipher_list(ctx, kTls12Ciphers), "TLS 1.2 cipher list");
  Check(SSL_CTX_set1_groups_list(ctx, "X25519:P-256:P-384"), "TLS groups");
}

void LoadOwnCertificate(ssl::context& ctx, const TlsFiles& f) {
  boost::system::error_code ec;
  ctx.use_certificate_chain_file(f.cert_file, ec);
  if (ec) throw std::runtime_error("cannot load certificate " + f.cert_file + ": " + ec.message());
  ctx.use_private_key_file(f.key_file, ssl::context::pem, ec);
  if (ec) throw std::runtime_error("cannot load key " + f.key_file + ": " + ec.message());
  Check(SSL_CTX_check_private_key(ctx.native_handle()),
        "key " + f.key_file + " does not match certificate " + f.cert_file);
}

void LoadTrust(SSL_CTX* ctx, const std::string& ca_file) {
  // Exactly this bundle; never SSL_CTX_set_default_verify_paths.
  Check(SSL_CTX_load_verify_locations(ctx, ca_file.c_str(), nullptr),
        "cannot load CA bundle " + ca_file);
}

std::string Hex(const unsigned char* p, unsigned n) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(n * 2);
  for (unsigned i = 0; i < n; ++i) {
    out.push_back(kDigits[p[i] >> 4]);
    out.push_back(kDigits[p[i] & 15]);
  }
  return out;
}

PeerCertificate Describe(X509* cert) {
  PeerCertificate out;
  X509_NAME* name = X509_get_subject_name(cert);
  if (BIO* bio = BIO_new(BIO_s_mem())) {
    X509_NAME_print_ex(bio, name, 0, XN_FLAG_RFC2253);
    char* data = nullptr;
    const long len = BIO_get_mem_data(bio, &data);
    out.subject.assign(data, static_cast<size_t>(len));
    BIO_free(bio);
  }
  const int idx = X509_NAME_get_index_by_NID(name, NID_serialNumber, -1);
  if (idx >= 0) {
    const ASN1_STRING* s = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, idx));
    out.serial_number.assign(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)),
                             static_cast<size_t>(ASN1_STRING_length(s)));
  }
  unsigned char* der = nullptr;
  const int der_len = i2d_X509(cert, &der);
  if (der_len > 0) {
    out.der.assign(reinterpret_cast<char*>(der), static_cast<size_t>(der_len));
    OPENSSL_free(der);
  }
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned md_len = 0;
  if (X509_digest(cert, EVP_sha256(), md, &md_len) == 1) out.sha256_hex = Hex(md, md_len);
  std::tm tm{};
  if (ASN1_TIME_to_tm(X509_get0_notAfter(cert), &tm) == 1) {
    out.not_after = std::chrono::system_clock::from_time_t(timegm(&tm));
  }
  return out;
}

}  // namespace

const char* const kTls12Ciphers =
    "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:"
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256";

std::shared_ptr<ssl::context> MakeServerTlsContext(const TlsFiles& files, PeerAuth auth) {
  auto ctx = std::make_shared<ssl::context>(ssl::context::tls_server);
  SSL_CTX* h = ctx->native_handle();
  Harden(h);
  LoadOwnCertificate(*ctx, files);
  Check(SSL_CTX_set_session_id_context(h, kSessionContext, sizeof kSessionContext - 1),
        "session id context");
  if (auth == PeerAuth::kRequired) {
    LoadTrust(h, files.ca_file);
    // Tell clients which CAs we accept, so that they pick the right certificate.
    if (STACK_OF(X509_NAME)* names = SSL_load_client_CA_file(files.ca_file.c_str())) {
      SSL_CTX_set_client_CA_list(h, names);
    }
    SSL_CTX_set_verify(h, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, nullptr);
    SSL_CTX_set_verify_depth(h, 5);
  } else {
    SSL_CTX_set_verify(h, SSL_VERIFY_NONE, nullptr);
  }
  return ctx;
}

std::shared_ptr<ssl::context> MakeClientTlsContext(const TlsFiles& files) {
  auto ctx = std::make_shared<ssl::context>(ssl::context::tls_client);
  SSL_CTX* h = ctx->native_handle();
  Harden(h);
  LoadOwnCertificate(*ctx, files);
  LoadTrust(h, files.ca_file);
  SSL_CTX_set_verify(h, SSL_VERIFY_PEER, nullptr);
  SSL_CTX_set_verify_depth(h, 5);
  return ctx;
}

std::optional<PeerCertificate> ExtractPeerCertificate(ssl_st* ssl) {
  X509* cert = SSL_get1_peer_certificate(ssl);
  if (!cert) return std::nullopt;
  PeerCertificate out = Describe(cert);
  X509_free(cert);
  return out;
}

std::optional<PeerCertificate> ReadCertificateFile(const std::string& pem_file) {
  FILE* f = std::fopen(pem_file.c_str(), "rb");
  if (!f) return std::nullopt;
  X509* cert = PEM_read_X509(f, nullptr, nullptr, nullptr);
  std::fclose(f);
  if (!cert) return std::nullopt;
  PeerCertificate out = Describe(cert);
  X509_free(cert);
  return out;
}

std::optional<PeerCertificate> DescribeCertificateDer(const std::string& der) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(der.data());
  X509* cert = d2i_X509(nullptr, &p, static_cast<long>(der.size()));
  if (!cert) return std::nullopt;
  PeerCertificate out = Describe(cert);
  X509_free(cert);
  return out;
}

std::string HandshakeFailureReason(ssl_st* ssl, int value, const std::string& category,
                                   const std::string& message) {
  if (ssl) {
    switch (SSL_get_verify_result(ssl)) {
      case X509_V_OK:
        break;
      case X509_V_ERR_CERT_HAS_EXPIRED:
        return "certificate_expired";
      case X509_V_ERR_CERT_NOT_YET_VALID:
        return "certificate_not_yet_valid";
      case X509_V_ERR_EE_KEY_TOO_SMALL:
      case X509_V_ERR_CA_KEY_TOO_SMALL:
      case X509_V_ERR_CA_MD_TOO_WEAK:
        return "key_too_small";
      default:
        return "unknown_ca";
    }
  }
  if (category == "asio.ssl") {
    switch (ERR_GET_REASON(static_cast<unsigned long>(value))) {
      case SSL_R_PEER_DID_NOT_RETURN_A_CERTIFICATE:
        return "no_client_certificate";
      case SSL_R_UNSUPPORTED_PROTOCOL:
      case SSL_R_WRONG_VERSION_NUMBER:
      case SSL_R_VERSION_TOO_LOW:
      case SSL_R_TLSV1_ALERT_PROTOCOL_VERSION:
        return "protocol_version";
      case SSL_R_EE_KEY_TOO_SMALL:
      case SSL_R_CA_KEY_TOO_SMALL:
        return "key_too_small";
      case SSL_R_CERTIFICATE_VERIFY_FAILED:
        return "unknown_ca";
      case SSL_R_NO_SHARED_CIPHER:
        return "no_shared_cipher";
      default:
        break;
    }
  }
  if (message.find("timed out") != std::string::npos ||
      message == "The socket was closed due to a timeout") {
    return "timeout";
  }
  if (message.find("stream truncated") != std::string::npos ||
      message.find("End of file") != std::string::npos ||
      message.find("end of stream") != std::string::npos) {
    return "closed";
  }
  return "other";
}

}  // namespace sluis::gateway
