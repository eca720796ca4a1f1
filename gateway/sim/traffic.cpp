#include "traffic.h"

#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <variant>

#include "sluis/codecs/bericht_type.h"
#include "sluis/codecs/payload.h"

namespace sluis::sim {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// 12 alphanumeric characters (LDT_IdentificatieBericht, LDT_IdentificatieDeclaratie).
std::string Identifier(const std::string& run, uint64_t n) {
  static const char kDigits[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  std::string tail(8, '0');
  for (int i = 7; i >= 0; --i) {
    tail[static_cast<size_t>(i)] = kDigits[n % 36];
    n /= 36;
  }
  return "S" + run + tail;
}

class ExampleTraffic final : public TrafficSource {
 public:
  explicit ExampleTraffic(const ExampleTrafficOptions& o) : options_(o), rng_(o.seed) {
    if (o.functies.empty()) throw std::runtime_error("example traffic: no functies");
    for (const std::string& f : o.functies) {
      const auto kind = codecs::FromFunctie(f);
      if (!kind) throw std::runtime_error("example traffic: unknown functie " + f);
      const std::string dir = kind->first == codecs::Domein::kWmo ? "iwmo-3.2" : "ijw-3.2";
      const std::string path = o.shared_dir + "/istandaarden/" + dir + "/" + f + ".xml";
      std::string text = ReadFile(path);
      // The official JW315 example has a 31 June (an XSD error); the day before is meant.
      for (size_t at = text.find("-06-31<"); at != std::string::npos; at = text.find("-06-31<")) {
        text.replace(at, 6, "-06-30");
      }
      codecs::Result<codecs::Bericht> b = codecs::ParseBericht(text);
      if (!b.ok()) throw std::runtime_error(path + ": " + b.error().ToString());
      examples_.push_back({f, std::move(b).value()});
    }
    static const char kDigits[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    for (int i = 0; i < 3; ++i) run_ += kDigits[rng_() % 36];
  }

  std::optional<TrafficItem> Next() override {
    if (options_.limit != 0 && n_ >= options_.limit) return std::nullopt;
    const auto& [functie, example] = examples_[n_ % examples_.size()];
    const std::string id = Identifier(run_, n_++);
    codecs::Bericht b = example;
    std::visit(
        [&](auto& m) {
          using H = std::decay_t<decltype(m.header)>;
          if constexpr (std::is_same_v<H, codecs::Header>) {
            m.header.bericht_identificatie.identificatie = id;
          } else if constexpr (std::is_same_v<H, codecs::RetourHeader>) {
            m.header.identificatie_retour = id;
          }
          if constexpr (std::is_same_v<std::decay_t<decltype(m)>, codecs::Bericht323>) {
            m.declaratie.declaratie_nummer = id;
            int k = 0;
            for (auto& client : m.declaratie.clienten) {
              for (auto& p : client.prestaties) {
                p.product_referentie.referentie_nummer =
                    codecs::ReferentieNummer(id + "P" + std::to_string(k++));
              }
            }
          }
        },
        b);
    TrafficItem item;
    item.functie = functie;
    std::uniform_real_distribution<double> share(0, 1);
    if (options_.fault_share > 0 && share(rng_) < options_.fault_share) {
      auto* d = std::get_if<codecs::Bericht323>(&b);
      if (d != nullptr && (rng_() % 2) == 0) {
        // CS325: the total no longer equals the sum of the prestaties.
        d->declaratie.totaal_ingediend_bedrag.totaal_bedrag += codecs::Cents(1);
        item.fault = "level2";
      } else {
        item.fault = "xsd";
      }
    }
    item.payload = codecs::EncodeBericht(b);
    if (item.fault == "xsd") {
      // An identificatie longer than LDT_IdentificatieBericht allows (12): level 1 fails.
      const size_t at = item.payload.find(id);
      if (at != std::string::npos) item.payload.insert(at, "XXXXXXXXXXXX");
    }
    return item;
  }

 private:
  ExampleTrafficOptions options_;
  std::mt19937_64 rng_;
  std::string run_;
  std::vector<std::pair<std::string, codecs::Bericht>> examples_;
  uint64_t n_ = 0;
};

}  // namespace

std::unique_ptr<TrafficSource> MakeExampleTraffic(const ExampleTrafficOptions& options) {
  return std::make_unique<ExampleTraffic>(options);
}

}  // namespace sluis::sim
