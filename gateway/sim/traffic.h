// What the GGk simulator sends: a small interface between the simulator and whoever makes the
// iWmo/iJw content. ExampleTraffic varies the official example messages; the deterministic
// synthetic population (workflow/synthetic.h: clients, toewijzingen, 305/307/315/317/323 with
// faults) plugs in as another TrafficSource.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sluis::sim {

// One business message for the simulator to send to Sluis.
struct TrafficItem {
  // The StUF functie ("WMO305", "JW323"): a retour (302, 320) goes as ggk_Du01, anything else
  // as ggk_Di01.
  std::string functie;
  std::string payload;  // the iWmo/iJw XML, UTF-8
  // Du01 only: the referentienummer of the Di01 this retour answers (e.g. Sluis' 301).
  std::optional<std::string> cross_refnummer;
  // Empty for a valid message; else the fault built in on purpose: "xsd" (fails level 1, Sluis
  // answers a Fo01 StUF055) or "level2" (passes the XSD, breaks an in-message rule).
  std::string fault;
  // What the message tells, for a source that keeps a story (story.h): settled by the
  // simulator once Sluis acknowledged the message, or did not. Empty: nothing to remember.
  std::string story;
};

// Produces messages one at a time. Next() is called from one thread at a time.
class TrafficSource {
 public:
  virtual ~TrafficSource() = default;
  // The next message; nullopt when the source has no more.
  virtual std::optional<TrafficItem> Next() = 0;
  // The outcome of an item with a story key: delivered when Sluis acknowledged it. Called under
  // the same exclusion as Next().
  virtual void Settle(const std::string& story, bool delivered) {
    (void)story;
    (void)delivered;
  }
};

struct ExampleTrafficOptions {
  std::string shared_dir;  // with istandaarden/iwmo-3.2 and ijw-3.2
  // Which examples, cycled in order. The 302 and 320 examples go without cross_refnummer.
  std::vector<std::string> functies = {"WMO305", "WMO307", "WMO315", "WMO317", "WMO323",
                                       "JW305",  "JW307",  "JW315",  "JW317",  "JW323"};
  double fault_share = 0;  // 0..1: this share gets a fault ("xsd", and "level2" for 323s)
  uint64_t seed = 1;       // faults and identifiers are reproducible from the seed
  uint64_t limit = 0;      // stop after this many messages; 0: endless
};

// Each message is an official example (JW315's impossible 31 June corrected to the 30th) with
// new identities: BerichtIdentificatie (and for a
// retour IdentificatieRetour), and in a 323 DeclaratieNummer and every ReferentieNummer, so
// totals stay consistent. Throws std::runtime_error when an example is missing or unreadable.
std::unique_ptr<TrafficSource> MakeExampleTraffic(const ExampleTrafficOptions& options);

}  // namespace sluis::sim
