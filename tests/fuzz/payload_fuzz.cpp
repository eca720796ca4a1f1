// libFuzzer target for the iWmo/iJw payload codec: ParseBericht, then level 2, then the
// invariant that what parses re-encodes to something that parses back to the same value.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sluis/codecs/payload.h"
#include "sluis/codecs/rules.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  const auto parsed = sluis::codecs::ParseBericht(in);
  if (!parsed.ok()) return 0;
  (void)sluis::codecs::CheckLevel2(*parsed);
  const std::string encoded = sluis::codecs::EncodeBericht(*parsed);
  const auto again = sluis::codecs::ParseBericht(encoded);
  if (!again.ok() || !(*again == *parsed)) __builtin_trap();
  return 0;
}
