#include "cli/command.h"

#include <cstdio>
#include <cstdlib>

#include "config.h"

namespace sluis::gateway::cli {

bool ArgParser::Flag(const std::string& name) {
  for (auto it = args_.begin(); it != args_.end(); ++it) {
    if (*it == name) {
      args_.erase(it);
      return true;
    }
  }
  return false;
}

std::optional<std::string> ArgParser::Value(const std::string& name) {
  for (size_t i = 0; i < args_.size(); ++i) {
    if (args_[i] == name && i + 1 < args_.size()) {
      std::string v = args_[i + 1];
      args_.erase(args_.begin() + static_cast<long>(i), args_.begin() + static_cast<long>(i) + 2);
      return v;
    }
    if (args_[i].rfind(name + "=", 0) == 0) {
      std::string v = args_[i].substr(name.size() + 1);
      args_.erase(args_.begin() + static_cast<long>(i));
      return v;
    }
  }
  return std::nullopt;
}

std::vector<std::string> ArgParser::Rest() {
  std::vector<std::string> out;
  for (const auto& a : args_) {
    if (a.rfind("--", 0) != 0) out.push_back(a);
  }
  return out;
}

std::optional<std::string> ArgParser::UnknownOption() const {
  for (const auto& a : args_) {
    if (a.rfind("--", 0) == 0) return a;
  }
  return std::nullopt;
}

std::optional<std::string> ResolveDbUrl(ArgParser& args, const char* command) {
  if (auto url = args.Value("--db")) return url;
  if (auto config = args.Value("--config")) {
    try {
      return ResolveDatabaseUrl(LoadConfig(*config).database);
    } catch (const ConfigError& e) {
      std::fprintf(stderr, "sluis %s: %s\n", command, e.what());
      return std::nullopt;
    }
  }
  if (const char* env = std::getenv("SLUIS_DB_URL"); env && *env) return std::string(env);
  std::fprintf(stderr, "sluis %s: no database: give --db URL, --config FILE or set SLUIS_DB_URL\n",
               command);
  return std::nullopt;
}

std::optional<std::string> ResolveSharedDir(ArgParser& args, const char* command) {
  if (auto shared = args.Value("--shared")) return shared;
  if (auto config = args.Value("--config")) {
    try {
      return LoadConfig(*config).shared_dir;
    } catch (const ConfigError& e) {
      std::fprintf(stderr, "sluis %s: %s\n", command, e.what());
      return std::nullopt;
    }
  }
  if (const char* env = std::getenv("SLUIS_SHARED"); env && *env) return std::string(env);
  std::fprintf(stderr,
               "sluis %s: where are the schemas? give --shared DIR (the directory with "
               "istandaarden/) or set SLUIS_SHARED\n",
               command);
  return std::nullopt;
}

std::shared_ptr<const codecs::SchemaSet> LoadSchemas(const std::optional<std::string>& shared) {
  if (!shared) return nullptr;
  auto schemas = codecs::SchemaSet::Load(*shared);
  if (!schemas) {
    std::fprintf(stderr, "sluis: %s\n", schemas.error().message.c_str());
    return nullptr;
  }
  return *schemas;
}

}  // namespace sluis::gateway::cli
