#pragma once
// The light and the dark palette (resources/palettes/*.json, bundled), and which one this start uses: the
// one chosen in View › Theme, else the system's preference (GNOME's color-scheme setting, a dark GTK theme,
// or a dark palette from the platform theme, as KDE gives). Applied with Qt's Fusion style, which draws
// every widget from the palette; the canvas, plots and matrices read the same roles.
#include <QPalette>
#include <QString>

namespace fusebench::widgets {

// "light" or "dark" from :/palettes/<name>.json; false with `error` naming the resource and role.
bool loadPalette(const QString& name, QPalette& out, QString* error = nullptr);

// Whether the desktop asks for dark windows.
bool systemPrefersDark();

// The saved choice: "" (follow the system), "light" or "dark"; the choice applies from the next start.
QString savedTheme();
void saveTheme(const QString& theme);

// Fusion and the palette for `theme` ("" follows the system) on the application; the theme applied.
QString applyTheme(const QString& theme);

// True when the application's palette is a dark one (for colours painted in code).
bool isDark(const QPalette& palette);

}  // namespace fusebench::widgets
