#include "tls_client.h"

#include <algorithm>
#include <cstring>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace sluis::testing {
namespace {

std::string OpenSslError() {
  std::string out;
  while (const unsigned long e = ERR_get_error()) {
    char buf[256];
    ERR_error_string_n(e, buf, sizeof buf);
    if (!out.empty()) out += "; ";
    out += buf;
  }
  return out.empty() ? "unknown TLS error" : out;
}

void ParseResponse(const std::string& raw, HttpResult& r) {
  const size_t end = raw.find("\r\n\r\n");
  if (end == std::string::npos || raw.compare(0, 5, "HTTP/") != 0) {
    r.error = "no HTTP response (" + std::to_string(raw.size()) + " bytes)";
    return;
  }
  const size_t sp = raw.find(' ');
  r.status = std::atoi(raw.c_str() + sp + 1);
  size_t pos = raw.find("\r\n") + 2;
  while (pos < end) {
    const size_t eol = raw.find("\r\n", pos);
    const std::string line = raw.substr(pos, eol - pos);
    const size_t colon = line.find(':');
    if (colon != std::string::npos) {
      std::string name = line.substr(0, colon);
      std::transform(name.begin(), name.end(), name.begin(), ::tolower);
      size_t v = colon + 1;
      while (v < line.size() && line[v] == ' ') ++v;
      r.headers.emplace_back(name, line.substr(v));
    }
    pos = eol + 2;
  }
  r.body = raw.substr(end + 4);
  const std::string cl = r.Header("content-length");
  if (!cl.empty() && r.body.size() > std::stoul(cl)) r.body.resize(std::stoul(cl));
}

}  // namespace

std::string HttpResult::Header(const std::string& name) const {
  for (const auto& [k, v] : headers) {
    if (k == name) return v;
  }
  return "";
}

HttpResult HttpsRequest(uint16_t port, const ClientTls& tls, const std::string& method,
                        const std::string& target, const std::string& body,
                        std::vector<std::pair<std::string, std::string>> headers,
                        const std::string& host) {
  HttpResult r;
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  timeval tv{30, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    r.error = std::string("connect: ") + std::strerror(errno);
    close(fd);
    return r;
  }
  SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
  if (tls.allow_legacy) {
    SSL_CTX_set_security_level(ctx, 0);
    SSL_CTX_set_cipher_list(ctx, "DEFAULT:@SECLEVEL=0");
  }
  if (tls.min_version) SSL_CTX_set_min_proto_version(ctx, tls.min_version);
  if (tls.max_version) SSL_CTX_set_max_proto_version(ctx, tls.max_version);
  if (!tls.ca_file.empty()) {
    SSL_CTX_load_verify_locations(ctx, tls.ca_file.c_str(), nullptr);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nullptr);
  }
  if (!tls.cert_file.empty()) {
    if (SSL_CTX_use_certificate_chain_file(ctx, tls.cert_file.c_str()) != 1 ||
        SSL_CTX_use_PrivateKey_file(ctx, tls.key_file.c_str(), SSL_FILETYPE_PEM) != 1) {
      r.error = "client certificate: " + OpenSslError();
      SSL_CTX_free(ctx);
      close(fd);
      return r;
    }
  }
  SSL* ssl = SSL_new(ctx);
  SSL_set_fd(ssl, fd);
  SSL_set_tlsext_host_name(ssl, "localhost");
  if (SSL_connect(ssl) != 1) {
    r.error = "handshake: " + OpenSslError();
  } else {
    if (X509* peer = SSL_get1_peer_certificate(ssl)) {
      char name[512];
      X509_NAME_oneline(X509_get_subject_name(peer), name, sizeof name);
      r.peer_subject = name;
      X509_free(peer);
    }
    std::string req =
        method + " " + target + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n";
    bool has_length = false;
    for (const auto& [k, v] : headers) {
      req += k + ": " + v + "\r\n";
      if (strcasecmp(k.c_str(), "content-length") == 0) has_length = true;
    }
    if (!has_length && (!body.empty() || method == "POST")) {
      req += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    }
    req += "\r\n" + body;
    // With TLS 1.3 a server that refuses our certificate says so only after the handshake:
    // the failure shows up on the first read or write.
    size_t off = 0;
    bool write_ok = true;
    while (off < req.size()) {
      const int n = SSL_write(ssl, req.data() + off, static_cast<int>(req.size() - off));
      if (n <= 0) {
        write_ok = false;
        break;
      }
      off += static_cast<size_t>(n);
    }
    std::string raw;
    char buf[16384];
    for (;;) {
      const int n = SSL_read(ssl, buf, sizeof buf);
      if (n <= 0) break;
      raw.append(buf, static_cast<size_t>(n));
    }
    if (raw.empty()) {
      r.error = std::string(write_ok ? "no response: " : "write failed: ") + OpenSslError();
    } else {
      r.connected = true;
      ParseResponse(raw, r);
    }
    SSL_shutdown(ssl);
  }
  SSL_free(ssl);
  SSL_CTX_free(ctx);
  close(fd);
  return r;
}

}  // namespace sluis::testing
