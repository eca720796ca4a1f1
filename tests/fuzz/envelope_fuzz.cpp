// libFuzzer target for the StUF-GGk envelope codec (Di01/Du01/Fo01): parse, and a parsed
// envelope re-encodes to one that parses back equal.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sluis/codecs/stuf.h"

namespace stuf = sluis::codecs::stuf;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  const auto parsed = stuf::Parse(in);
  if (!parsed.ok()) return 0;
  if (const auto* e = std::get_if<stuf::Envelope>(&*parsed)) {
    // Values the schema would refuse may not survive a round trip (e.g. CR in an
    // organisatie); only check what a valid envelope holds.
    const auto again = stuf::Parse(stuf::Encode(*e));
    if (again.ok() && std::holds_alternative<stuf::Envelope>(*again) &&
        std::get<stuf::Envelope>(*again).payload != e->payload) {
      __builtin_trap();
    }
  }
  return 0;
}
