#include "sluis/codecs/types.h"

#include <cinttypes>
#include <cstdio>

#include "sluis/codecs/result.h"

namespace sluis::codecs {

bool IsDigits(std::string_view s, size_t n) {
  if (s.size() != n) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool PassesElfproef(std::string_view bsn) {
  if (!IsBsnFormat(bsn)) return false;
  int sum = 0;
  for (int i = 0; i < 8; ++i) sum += (9 - i) * (bsn[i] - '0');
  sum -= bsn[8] - '0';
  return sum % 11 == 0;
}

std::string Cents::ToDecimalString() const {
  const uint64_t abs = cents_ < 0 ? 0 - static_cast<uint64_t>(cents_) : cents_;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s%" PRIu64 ".%02" PRIu64, cents_ < 0 ? "-" : "", abs / 100,
                abs % 100);
  return buf;
}

const char* ErrorKindName(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kMalformed:
      return "malformed";
    case ErrorKind::kForbidden:
      return "forbidden";
    case ErrorKind::kLimit:
      return "limit";
    case ErrorKind::kSchema:
      return "schema";
    case ErrorKind::kRule:
      return "rule";
    case ErrorKind::kUnsupported:
      return "unsupported";
    case ErrorKind::kIo:
      return "io";
  }
  return "unknown";
}

std::string Error::ToString() const {
  std::string out = code;
  if (!location.empty()) out += " " + location;
  out += ": " + message;
  return out;
}

}  // namespace sluis::codecs
