// The `sluis` command-line tool: one Command per subcommand, each with its own --help.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sluis/codecs/xsd.h"

namespace sluis::gateway::cli {

struct Command {
  std::string name;     // "db migrate", "validate"
  std::string summary;  // one line for `sluis --help`
  std::string usage;    // full text for `sluis <name> --help`
  // Arguments after the command name. Returns the process exit code.
  std::function<int(const std::vector<std::string>& args)> run;
};

// Every subcommand, in the order `sluis --help` lists them.
std::vector<Command> AllCommands();

// Small helpers for parsing "--flag VALUE" style arguments.
class ArgParser {
 public:
  explicit ArgParser(std::vector<std::string> args) : args_(std::move(args)) {}
  bool Flag(const std::string& name);                         // --name present (consumed)
  std::optional<std::string> Value(const std::string& name);  // --name VALUE or --name=VALUE
  std::vector<std::string> Rest();                            // remaining positional arguments
  // An unknown "--option" left over, if any (call after consuming the known ones).
  std::optional<std::string> UnknownOption() const;

 private:
  std::vector<std::string> args_;
};

// The database URL for a command: --db URL, else --config FILE's database section, else the
// SLUIS_DB_URL environment variable. Returns nullopt (and prints why) if none is given.
std::optional<std::string> ResolveDbUrl(ArgParser& args, const char* command);

// The reference material (istandaarden/, ebms/, sepa/): --shared DIR, else --config FILE's
// shared_dir, else SLUIS_SHARED. Returns nullopt (and prints why) if none is given.
std::optional<std::string> ResolveSharedDir(ArgParser& args, const char* command);
// Loads the schemas from `shared`; prints why and returns null when they cannot be loaded.
std::shared_ptr<const codecs::SchemaSet> LoadSchemas(const std::optional<std::string>& shared);

// Command groups, each defined in its own file.
std::vector<Command> AccountCommands();
std::vector<Command> BesluitCommands();
std::vector<Command> BetaalCommands();
std::vector<Command> DbCommands();
std::vector<Command> DeadlineCommands();
std::vector<Command> ImportCommands();
std::vector<Command> ValidateCommands();
std::vector<Command> ReplayCommands();
std::vector<Command> CpaCommands();

}  // namespace sluis::gateway::cli
