#pragma once
// The example projects shipped with Fusebench as the Start page lists them: where they are (installed
// beside the program, else the source checkout's projects/), and whether each one's dataset is here, can
// be made, or is made by a script.
#include <QList>
#include <QString>

#include "start/welcome_page.h"

namespace fusebench::app {

// share/fusebench/projects beside the installed program, else the source checkout's projects/.
QString examplesDir();

// The *.fbproj files of `dir`, the main example (fashion_trimodal) first, then by name; unreadable files
// are left out (they are not the user's to fix).
QList<widgets::WelcomeExample> listExampleProjects(const QString& dir);

}  // namespace fusebench::app
