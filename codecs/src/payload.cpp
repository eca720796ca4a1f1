#include "sluis/codecs/payload.h"

namespace sluis::codecs {

TotaalBedragMetDC TotaalBedragMetDC::FromSigned(Cents s) {
  // CS325: an amount of 0 is written as D.
  return s.value() < 0 ? TotaalBedragMetDC{-s, DebetCredit::kCredit}
                       : TotaalBedragMetDC{s, DebetCredit::kDebet};
}

BerichtType TypeOf(const Bericht& b) { return static_cast<BerichtType>(b.index()); }

Domein DomeinOf(const Bericht& b) {
  return std::visit([](const auto& x) { return x.domein; }, b);
}

const Header& HeaderOf(const Bericht& b) {
  return std::visit(
      [](const auto& x) -> const Header& {
        using H = std::decay_t<decltype(x.header)>;
        if constexpr (std::is_same_v<H, Header>) {
          return x.header;
        } else if constexpr (std::is_same_v<H, RetourHeader>) {
          return x.header.heen;
        } else {
          return x.header.header;
        }
      },
      b);
}

}  // namespace sluis::codecs
