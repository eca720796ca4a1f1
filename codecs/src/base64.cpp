#include "sluis/codecs/base64.h"

#include <array>
#include <cstdint>

namespace sluis::codecs {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr std::array<int8_t, 256> MakeReverse() {
  std::array<int8_t, 256> t{};
  for (auto& v : t) v = -1;
  for (int i = 0; i < 64; ++i) t[static_cast<unsigned char>(kAlphabet[i])] = static_cast<int8_t>(i);
  t[' '] = t['\t'] = t['\r'] = t['\n'] = -2;  // skipped
  t['='] = -3;
  return t;
}
constexpr std::array<int8_t, 256> kReverse = MakeReverse();

}  // namespace

std::string Base64Encode(std::string_view in) {
  std::string out;
  out.resize((in.size() + 2) / 3 * 4);
  const auto* p = reinterpret_cast<const unsigned char*>(in.data());
  size_t i = 0, o = 0;
  for (; i + 3 <= in.size(); i += 3) {
    const uint32_t v = (uint32_t{p[i]} << 16) | (uint32_t{p[i + 1]} << 8) | p[i + 2];
    out[o++] = kAlphabet[v >> 18];
    out[o++] = kAlphabet[(v >> 12) & 63];
    out[o++] = kAlphabet[(v >> 6) & 63];
    out[o++] = kAlphabet[v & 63];
  }
  if (i < in.size()) {
    uint32_t v = uint32_t{p[i]} << 16;
    if (i + 1 < in.size()) v |= uint32_t{p[i + 1]} << 8;
    out[o++] = kAlphabet[v >> 18];
    out[o++] = kAlphabet[(v >> 12) & 63];
    out[o++] = i + 1 < in.size() ? kAlphabet[(v >> 6) & 63] : '=';
    out[o++] = '=';
  }
  return out;
}

size_t Base64DecodedSizeBound(size_t n) { return n / 4 * 3 + 3; }

Result<std::string> Base64Decode(std::string_view in) {
  std::string out;
  out.reserve(Base64DecodedSizeBound(in.size()));
  uint32_t acc = 0;
  int bits = 0, quad = 0, pad = 0;
  for (size_t i = 0; i < in.size(); ++i) {
    const int8_t v = kReverse[static_cast<unsigned char>(in[i])];
    if (v == -2) continue;
    if (v == -1) {
      return MakeError(ErrorKind::kMalformed, "BASE64", "invalid base64 character",
                       "offset " + std::to_string(i));
    }
    if (v == -3) {
      ++pad;
      ++quad;
      if (pad > 2) break;
      continue;
    }
    if (pad) {
      return MakeError(ErrorKind::kMalformed, "BASE64", "data after '=' padding",
                       "offset " + std::to_string(i));
    }
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    ++quad;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
  if (pad > 2 || quad % 4 != 0) {
    return MakeError(ErrorKind::kMalformed, "BASE64", "base64 length is not a multiple of four");
  }
  // The bits left over must be zero (canonical encoding is not required, but garbage is).
  return out;
}

}  // namespace sluis::codecs
