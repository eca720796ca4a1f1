// One multi-byte UTF-8 sequence, decoded strictly (RFC 3629: no overlong forms, no surrogates,
// nothing above U+10FFFF). The XML and CSV input checks share it and word their own errors.
#pragma once

#include <cstddef>
#include <cstdint>

namespace sluis::codecs::utf8 {

enum class Problem { kNone, kBadLeadByte, kTruncated, kBadContinuation, kBadCodePoint };

struct Sequence {
  Problem problem = Problem::kNone;
  size_t length = 0;  // in bytes; meaningful when problem is kNone
  uint32_t code_point = 0;
};

// The sequence that starts at p[i], a byte of 0x80 or more, of the n bytes at p.
inline Sequence DecodeMultiByte(const unsigned char* p, size_t n, size_t i) {
  Sequence s;
  const unsigned char c = p[i];
  if (c >= 0xC2 && c <= 0xDF) {
    s.length = 2;
    s.code_point = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    s.length = 3;
    s.code_point = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    s.length = 4;
    s.code_point = c & 0x07;
  } else {
    s.problem = Problem::kBadLeadByte;
    return s;
  }
  for (size_t k = 1; k < s.length; ++k) {
    if (i + k >= n) {
      s.problem = Problem::kTruncated;
      return s;
    }
    if ((p[i + k] & 0xC0) != 0x80) {
      s.problem = Problem::kBadContinuation;
      return s;
    }
    s.code_point = (s.code_point << 6) | (p[i + k] & 0x3F);
  }
  const uint32_t cp = s.code_point;
  if ((s.length == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
      (s.length == 4 && (cp < 0x10000 || cp > 0x10FFFF))) {
    s.problem = Problem::kBadCodePoint;
  }
  return s;
}

}  // namespace sluis::codecs::utf8
