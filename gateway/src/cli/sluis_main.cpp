// sluis: the command-line tool for operators, back-office staff and integrators.
#include <cstdio>
#include <string>
#include <vector>

#include "cli/command.h"
#include "version.h"

namespace sluis::gateway::cli {

std::vector<Command> AllCommands() {
  std::vector<Command> all;
  all.push_back({"version", "print the version",
                 "usage: sluis version\n\nPrints the Sluis version and git revision.\n",
                 [](const std::vector<std::string>&) {
                   std::printf("sluis %s (%s)\n", kSluisVersion, kSluisGitRevision);
                   return 0;
                 }});
  for (auto& c : ValidateCommands()) all.push_back(std::move(c));
  for (auto& c : DbCommands()) all.push_back(std::move(c));
  for (auto& c : ImportCommands()) all.push_back(std::move(c));
  for (auto& c : ReplayCommands()) all.push_back(std::move(c));
  for (auto& c : BetaalCommands()) all.push_back(std::move(c));
  for (auto& c : DeadlineCommands()) all.push_back(std::move(c));
  for (auto& c : AccountCommands()) all.push_back(std::move(c));
  for (auto& c : CpaCommands()) all.push_back(std::move(c));
  for (auto& c : BesluitCommands()) all.push_back(std::move(c));
  return all;
}

namespace {

void PrintHelp(const std::vector<Command>& all) {
  std::printf("usage: sluis <command> [options]\n\ncommands:\n");
  for (const auto& c : all) std::printf("  %-20s %s\n", c.name.c_str(), c.summary.c_str());
  std::printf("\nRun 'sluis <command> --help' for the options of a command.\n");
}

}  // namespace
}  // namespace sluis::gateway::cli

int main(int argc, char** argv) {
  using namespace sluis::gateway::cli;
  const std::vector<Command> all = AllCommands();
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    PrintHelp(all);
    return args.empty() ? 2 : 0;
  }
  if (args[0] == "--version") args[0] = "version";
  // Longest match: "db migrate" before "db".
  const Command* best = nullptr;
  size_t best_words = 0;
  for (const auto& c : all) {
    std::vector<std::string> words;
    for (size_t p = 0, q; p <= c.name.size(); p = q + 1) {
      q = c.name.find(' ', p);
      if (q == std::string::npos) q = c.name.size();
      words.push_back(c.name.substr(p, q - p));
    }
    if (words.size() > args.size()) continue;
    bool match = true;
    for (size_t i = 0; i < words.size(); ++i) match = match && words[i] == args[i];
    if (match && words.size() > best_words) {
      best = &c;
      best_words = words.size();
    }
  }
  if (!best) {
    // A group name alone ("sluis db") lists its subcommands.
    bool group = false;
    for (const auto& c : all) {
      if (c.name.rfind(args[0] + " ", 0) == 0) {
        if (!group) std::printf("usage: sluis %s <subcommand>\n\n", args[0].c_str());
        group = true;
        std::printf("  %-20s %s\n", c.name.c_str(), c.summary.c_str());
      }
    }
    if (group) return (args.size() > 1 && args[1] != "--help") ? 2 : 0;
    std::fprintf(stderr, "sluis: unknown command '%s'\n\n", args[0].c_str());
    PrintHelp(all);
    return 2;
  }
  std::vector<std::string> rest(args.begin() + static_cast<long>(best_words), args.end());
  for (const auto& a : rest) {
    if (a == "--help" || a == "-h") {
      std::fputs(best->usage.c_str(), stdout);
      return 0;
    }
  }
  return best->run(rest);
}
