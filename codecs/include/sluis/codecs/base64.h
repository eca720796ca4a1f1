// Base64 (RFC 4648, standard alphabet, with padding): the StUF xmlBestand payload and the
// certificates in a CPA.
#pragma once

#include <string>
#include <string_view>

#include "sluis/codecs/result.h"

namespace sluis::codecs {

std::string Base64Encode(std::string_view bytes);
// Ignores XML whitespace (line breaks are common in CPAs and some envelopes). Refuses any other
// character, bad padding, or a length that is not a multiple of four.
Result<std::string> Base64Decode(std::string_view text);
// The decoded size without decoding (upper bound when whitespace is present).
size_t Base64DecodedSizeBound(size_t encoded_length);

}  // namespace sluis::codecs
