// fusebench-cli: the headless side of Fusebench (no Qt). Subcommands: graph (validate, summary), data (validate, summary, import-idx, import-folders,
// make-example), train, resume, eval, predict, explain.
#include <iostream>

#include "cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"Fusebench command-line tool: the headless side of the multimodal workbench", "fusebench-cli"};
  app.set_version_flag("--version", std::string("fusebench-cli ") + FUSEBENCH_VERSION);
  app.require_subcommand(1);
  int exit_code = 0;
  fusebench::cli::addGraphCommands(app, &exit_code);
  fusebench::cli::addDataCommands(app, &exit_code);
  fusebench::cli::addTrainCommands(app, &exit_code);
  fusebench::cli::addResumeCommand(app, &exit_code);
  fusebench::cli::addEvalCommands(app, &exit_code);
  fusebench::cli::addExplainCommand(app, &exit_code);
  CLI11_PARSE(app, argc, argv);
  return exit_code;
}
