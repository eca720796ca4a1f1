// The StUF-GGk envelope (ggk0210 patch 4, ggk-vecozo-transport §4): every iWmo/iJw payload
// travels base64-encoded in a ggk_Di01 (heenbericht) or ggk_Du01 (retourbericht); transport
// errors come back as StUF Fo01.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "sluis/codecs/date.h"
#include "sluis/codecs/result.h"

namespace sluis::codecs::stuf {

inline constexpr std::string_view kNsGgk = "http://www.stufstandaarden.nl/koppelvlak/ggk0210";
inline constexpr std::string_view kNsStuf = "http://www.egem.nl/StUF/StUF0301";

struct Systeem {
  std::string organisatie;  // gemeentecode (4 digits), AGB code (8), or CBS/IB/VECOZO/...
  std::string applicatie;   // 3..50 characters; the GGk is "GGk"
  std::optional<std::string> administratie;
  std::optional<std::string> gebruiker;
  bool operator==(const Systeem&) const = default;
};

enum class Soort : unsigned char { kDi01, kDu01 };

// A ggk_Di01 or ggk_Du01 envelope with its decoded payload.
struct Envelope {
  Soort soort = Soort::kDi01;
  Systeem zender;
  Systeem ontvanger;
  std::string referentienummer;                // UUID v4, made by the sender
  std::string tijdstip_bericht;                // StUF Tijdstip, [0-9]{8,17}
  std::optional<std::string> cross_refnummer;  // Du01: the referentienummer of the Di01 answered
  std::string functie;                         // "WMO323", "JW306"
  std::string applicatie_versie = "0001";
  std::string applicatie_subversie = "0000";
  std::string functie_versie = "0003";  // iStandaard 3.2 (UNCONFIRMED mapping, see docs)
  std::string functie_subversie = "0002";
  std::string payload;                            // the decoded file (iWmo/iJw XML, or text)
  std::optional<std::string> tekst_bestandsnaam;  // set: tekstBestand; unset: xmlBestand
  bool operator==(const Envelope&) const = default;
};

// A StUF Fo01 error message.
struct Fo01 {
  Systeem zender;
  Systeem ontvanger;
  std::string referentienummer;
  std::string tijdstip_bericht;
  std::string cross_refnummer;             // the referentienummer of the envelope in error
  std::string code;                        // StUF055, IB210, ...
  std::string plek;                        // "client" or "server"
  std::string omschrijving;                // at most 200 characters
  std::optional<std::string> details;      // at most 1000 characters, e.g. "WMO323-00030002"
  std::optional<std::string> details_xml;  // well-formed XML, inserted as the element's content
  bool operator==(const Fo01&) const = default;
};

using Bericht = std::variant<Envelope, Fo01>;

// Parses a Di01, Du01 or Fo01 (at most 25 MB, hardened XML input; the payload's base64 is
// decoded and limited to 25 MB too). Structural errors only; run the XSD for the rest.
Result<Bericht> Parse(std::string_view xml);
std::string Encode(const Envelope& e);
std::string Encode(const Fo01& f);

// UUID v4 in the lower-case form the ggk0210 XSD requires.
bool IsUuidV4(std::string_view s);
// Formats 16 random bytes as a UUID v4 (sets the version and variant bits). The caller owns the
// randomness: codecs reads no entropy source.
std::string UuidV4FromBytes(const std::array<uint8_t, 16>& bytes);
// StUF Tijdstip with milliseconds, "YYYYMMDDhhmmssmmm", in the given UTC offset (the GGk
// expects Dutch local time).
std::string Tijdstip(Instant t, int64_t utc_offset_millis);

// The Fo01 the gemeente returns when a received payload fails its XSD (IV032/IV088: level 1
// gets no retour, but a "foutmelding"): code StUF055, plek client.
Fo01 MakeStuf055(const Envelope& received, const Systeem& gemeente, std::string referentienummer,
                 std::string tijdstip, std::string reason);

}  // namespace sluis::codecs::stuf
