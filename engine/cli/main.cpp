// fusebench-cli: the headless side of Fusebench (no Qt). Subcommands: graph (validate, summary), data (validate, summary, import-idx, import-folders,
// make-example), train, resume, eval, predict, explain, export.
#include <iostream>

#include "cli/commands.h"
#include "cli/local_ranks.h"
#include "util/error_text.h"

int main(int argc, char** argv) {
  CLI::App app{"Fusebench command-line tool: the headless side of the multimodal workbench", "fusebench-cli"};
  app.set_version_flag("--version", std::string("fusebench-cli ") + FUSEBENCH_VERSION);
  app.require_subcommand(1);
  int exit_code = 0;
  fusebench::cli::setCommandLine(argc, argv);  // `train --nproc-per-node N` starts N copies of this command
  fusebench::cli::addGraphCommands(app, &exit_code);
  fusebench::cli::addDataCommands(app, &exit_code);
  fusebench::cli::addTrainCommands(app, &exit_code);
  fusebench::cli::addResumeCommand(app, &exit_code);
  fusebench::cli::addEvalCommands(app, &exit_code);
  fusebench::cli::addExplainCommand(app, &exit_code);
  fusebench::cli::addExportCommand(app, &exit_code);
  // Every command turns its own failures into messages; this is the last line of defence, so that no input
  // ends the process with std::terminate (exit 134) or a C++ backtrace.
  try {
    CLI11_PARSE(app, argc, argv);
  } catch (const std::bad_alloc&) {
    std::cerr << "error: out of memory\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "error: " << fusebench::jsonErrorText(e) << "\n";
    return 1;
  }
  return exit_code;
}
