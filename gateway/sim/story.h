// What the simulated aanbieders have already told the gemeente, kept in a file between runs of
// ggk-sim (--story FILE), so that a new run goes on with the story instead of telling it again.
// Told twice, Sluis rightly refuses it: a second 305 for a toewijzing gets 9074 (TR074), a
// second 323 for the same month gets 9389 (TR389) on every prestatie. Without a story the
// synthetic traffic repeats itself round after round, which is what a load test wants.
//
// A story is a set of keys ("305/<ToewijzingNummer>", "323/<agb>/<gemeente>/<domein>/<YYYY-MM>",
// ...) and the id prefixes earlier runs used. A key is pending from the moment its message is
// handed to the simulator, and told once Sluis acknowledged it; a message that was not
// acknowledged drops its key, so a later round tries again. Not thread-safe: the simulator
// calls its traffic source under one lock.
#pragma once

#include <cstdint>
#include <set>
#include <string>

namespace sluis::sim {

class Story {
 public:
  Story() = default;  // kept nowhere: Save() does nothing
  // The story in `path`; empty when the file does not exist yet. Throws std::runtime_error
  // when the file cannot be read or is not a story.
  static Story Load(const std::string& path);

  // Told, or on its way.
  bool Said(const std::string& key) const { return told_.count(key) || pending_.count(key); }
  void Pending(const std::string& key) { pending_.insert(key); }
  // Ends the pending key: told when delivered, forgotten when not. Saves when told.
  void Settle(const std::string& key, bool delivered);
  size_t told() const { return told_.size(); }

  // `wanted` if no earlier run used it, else the next one in base 36 that none did (same length,
  // at most 3 letters or digits), remembered and saved: identities of separate runs never meet.
  std::string NewPrefix(std::string wanted);

  // Writes the file atomically (a temporary file renamed over it). Throws std::runtime_error.
  void Save() const;

 private:
  std::string path_;
  std::set<std::string> told_;
  std::set<std::string> pending_;
  std::set<std::string> prefixes_;
};

// Three base-36 digits of n, least significant first (an id prefix; ggk-sim takes n from the
// clock, so that separate runs get separate identities).
std::string Base36Prefix(uint64_t n);

}  // namespace sluis::sim
