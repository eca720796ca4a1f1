// Identifiers and digests the transport makes: UUID v4 from OpenSSL's RAND_bytes (codecs reads
// no entropy), ebMS MessageIds ("<uuid>@<host>", ebms2-digikoppeling §4.6), SHA-256.
#pragma once

#include <string>
#include <string_view>

namespace sluis::gateway {

// A fresh lower-case UUID v4. Aborts if the system cannot supply randomness.
std::string NewUuid();
// "<uuid>@<host>".
std::string NewMessageId(std::string_view host);
// The 32 raw bytes of SHA-256(data).
std::string Sha256(std::string_view data);
std::string HexOf(std::string_view bytes);

// The host of an http(s) URL ("https://ggk.example.nl:443/ebms" -> "ggk.example.nl"); empty if
// it is not one.
std::string UrlHost(std::string_view url);

}  // namespace sluis::gateway
