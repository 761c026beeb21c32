#pragma once
// Each subcommand group adds itself to the CLI app; main.cpp only assembles them.
#include <CLI/CLI.hpp>

namespace fusebench::cli {

// Sets *exit_code when the chosen subcommand runs.
void addGraphCommands(CLI::App& app, int* exit_code);
void addDataCommands(CLI::App& app, int* exit_code);
void addTrainCommands(CLI::App& app, int* exit_code);
void addResumeCommand(CLI::App& app, int* exit_code);
void addEvalCommands(CLI::App& app, int* exit_code);  // eval, and predict (addPredictCommand)
void addPredictCommand(CLI::App& app, int* exit_code);
void addExplainCommand(CLI::App& app, int* exit_code);
void addExportCommand(CLI::App& app, int* exit_code);

}  // namespace fusebench::cli
