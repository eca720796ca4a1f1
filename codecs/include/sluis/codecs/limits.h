// Hard limits applied to everything the codecs read (docs/ggk-vecozo-transport §8, OP179).
#pragma once

#include <cstddef>

namespace sluis::codecs {

// OP179 / GGk: an iWmo/iJw file, and a whole StUF envelope including its base64 payload, may
// not exceed 25 MB.
inline constexpr size_t kMaxMessageBytes = 25u * 1000u * 1000u;
// An ebMS request: the 25 MB envelope plus MIME framing and the SOAP part.
inline constexpr size_t kMaxEbmsBytes = 36u * 1000u * 1000u;
// Element nesting deeper than this is refused before any schema sees it.
inline constexpr int kMaxXmlDepth = 256;

}  // namespace sluis::codecs
