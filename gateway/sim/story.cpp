#include "story.h"

#include <cctype>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace sluis::sim {
namespace {

constexpr char kDigits[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

// Letters and digits only, upper case, at most 3 (what IdGenerator keeps); "0" when none.
std::string Normalised(const std::string& prefix) {
  std::string out;
  for (char c : prefix) {
    if (std::isalnum(static_cast<unsigned char>(c)) && out.size() < 3) {
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
  }
  return out.empty() ? "0" : out;
}

// The next prefix of the same length in base 36, wrapping around.
void Increment(std::string& prefix) {
  for (size_t i = prefix.size(); i-- > 0;) {
    const char* at = std::strchr(kDigits, prefix[i]);
    const size_t d = static_cast<size_t>(at - kDigits) + 1;
    prefix[i] = kDigits[d % 36];
    if (d < 36) return;
  }
}

}  // namespace

Story Story::Load(const std::string& path) {
  Story s;
  s.path_ = path;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (std::filesystem::exists(path)) throw std::runtime_error("story: cannot read " + path);
    return s;
  }
  std::stringstream text;
  text << in.rdbuf();
  try {
    const nlohmann::json j = nlohmann::json::parse(text.str());
    if (j.at("version").get<int>() != 1) throw std::runtime_error("unknown version");
    for (const auto& k : j.at("told")) s.told_.insert(k.get<std::string>());
    for (const auto& p : j.at("prefixes")) s.prefixes_.insert(p.get<std::string>());
  } catch (const std::exception& e) {
    throw std::runtime_error("story: " + path + " is not a story of ggk-sim: " + e.what());
  }
  return s;
}

void Story::Settle(const std::string& key, bool delivered) {
  pending_.erase(key);
  if (delivered && told_.insert(key).second) Save();
}

std::string Story::NewPrefix(std::string wanted) {
  wanted = Normalised(wanted);
  const std::string first = wanted;
  while (prefixes_.count(wanted)) {
    Increment(wanted);
    if (wanted == first) throw std::runtime_error("story: every id prefix has been used");
  }
  prefixes_.insert(wanted);
  Save();
  return wanted;
}

void Story::Save() const {
  if (path_.empty()) return;
  nlohmann::json j;
  j["version"] = 1;
  j["prefixes"] = prefixes_;
  j["told"] = told_;
  const std::string tmp = path_ + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << j.dump(1) << '\n';
    out.flush();
    if (!out) throw std::runtime_error("story: cannot write " + tmp);
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path_, ec);
  if (ec) throw std::runtime_error("story: cannot replace " + path_ + ": " + ec.message());
}

std::string Base36Prefix(uint64_t n) {
  std::string out;
  for (int i = 0; i < 3; ++i, n /= 36) out += kDigits[n % 36];
  return out;
}

}  // namespace sluis::sim
