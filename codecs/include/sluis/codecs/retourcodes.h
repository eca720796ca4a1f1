// The texts of the retourcodes (LDT_RetourCode, WJ001) as the standard documents them in its
// Basisschema.xsd: "9321" -> "Het ingediende volume overschrijdt het toegewezen volume." For
// people (the back office's werkvoorraad, the API); the codes themselves drive nothing here.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace sluis::codecs {

// Reads the enumeration of simpleType LDT_RetourCode from a Basisschema.xsd. Returns an empty
// map when the text is not XML or has no such type.
std::map<std::string, std::string> ParseRetourcodeTexts(std::string_view basisschema_xsd);

// The same for any enumerated simpleType of a Basisschema.xsd, e.g. "LDT_RedenAfwijzingVerzoek":
// value -> its documentation text. Empty when there is no such type.
std::map<std::string, std::string> ParseEnumerationTexts(std::string_view basisschema_xsd,
                                                         std::string_view type_name);

}  // namespace sluis::codecs
