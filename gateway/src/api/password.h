// Password hashing for local accounts: scrypt (memory-hard) through OpenSSL 3's EVP_KDF, with a
// random 16-byte salt, encoded as "scrypt$N$r$p$<salt base64>$<hash base64>" so that the cost can
// be raised later without breaking stored hashes. And the random tokens of sessions and CSRF.
// Thread-safe; no Beast/Asio.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace sluis::gateway::api {

struct ScryptCost {
  uint64_t n = 1 << 15;  // 32 MiB with r = 8: ~50 ms per login on our machines
  uint32_t r = 8;
  uint32_t p = 1;
};

// Throws std::runtime_error when OpenSSL cannot derive (it never should).
std::string HashPassword(std::string_view password, const ScryptCost& cost = {});
// Constant-time comparison; false for a malformed encoding.
bool VerifyPassword(std::string_view password, std::string_view encoded);

// `bytes` random bytes from OpenSSL's CSPRNG, base64url without padding.
std::string RandomToken(size_t bytes = 32);
// Raw 32-byte SHA-256.
std::string Sha256(std::string_view data);

}  // namespace sluis::gateway::api
