#include "style/app_palette.h"

#include <QApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaEnum>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QStyleFactory>

#include "help/help_dialogs.h"  // initResources

namespace fusebench::widgets {

namespace {

constexpr const char* kSettingsKey = "view/theme";

bool setRoles(const QJsonObject& roles, QPalette::ColorGroup group, QPalette& out, const QString& where, QString* error) {
  const QMetaEnum roleEnum = QMetaEnum::fromType<QPalette::ColorRole>();
  for (auto it = roles.begin(); it != roles.end(); ++it) {
    if (it.key() == QLatin1String("comment") || it.key() == QLatin1String("disabled")) continue;
    bool known = false;
    const int role = roleEnum.keyToValue(it.key().toLatin1().constData(), &known);
    const QColor colour(it.value().toString());
    if (!known || !colour.isValid()) {
      if (error) *error = QStringLiteral("%1: role '%2' (%3)").arg(where, it.key(), known ? QStringLiteral("not a colour") : QStringLiteral("no such role"));
      return false;
    }
    if (group == QPalette::All)
      out.setColor(static_cast<QPalette::ColorRole>(role), colour);
    else
      out.setColor(group, static_cast<QPalette::ColorRole>(role), colour);
  }
  return true;
}

}  // namespace

bool loadPalette(const QString& name, QPalette& out, QString* error) {
  initResources();
  QFile f(QStringLiteral(":/palettes/%1.json").arg(name));
  if (!f.open(QIODevice::ReadOnly)) {
    if (error) *error = QStringLiteral("%1: not bundled").arg(f.fileName());
    return false;
  }
  const QJsonObject roles = QJsonDocument::fromJson(f.readAll()).object();
  QPalette p;
  if (roles.isEmpty() || !setRoles(roles, QPalette::All, p, f.fileName(), error) ||
      !setRoles(roles.value(QLatin1String("disabled")).toObject(), QPalette::Disabled, p, f.fileName(), error))
    return false;
  out = p;
  return true;
}

bool isDark(const QPalette& palette) { return palette.color(QPalette::Window).lightness() < 128; }

bool systemPrefersDark() {
  if (qEnvironmentVariable("GTK_THEME").contains(QLatin1String("dark"), Qt::CaseInsensitive)) return true;
  // GNOME (and desktops that follow its settings): org.gnome.desktop.interface color-scheme 'prefer-dark'.
  if (!QStandardPaths::findExecutable(QStringLiteral("gsettings")).isEmpty()) {
    QProcess p;
    p.start(QStringLiteral("gsettings"), {QStringLiteral("get"), QStringLiteral("org.gnome.desktop.interface"), QStringLiteral("color-scheme")});
    if (p.waitForFinished(1000) && p.exitCode() == 0 && p.readAllStandardOutput().contains("prefer-dark")) return true;
  }
  return isDark(QGuiApplication::palette());  // before ours is set: the platform theme's (KDE gives a dark one)
}

QString savedTheme() { return QSettings().value(QLatin1String(kSettingsKey)).toString(); }

void saveTheme(const QString& theme) { QSettings().setValue(QLatin1String(kSettingsKey), theme); }

QString applyTheme(const QString& theme) {
  const QString applied = theme == QLatin1String("light") || theme == QLatin1String("dark")
                              ? theme
                              : (systemPrefersDark() ? QStringLiteral("dark") : QStringLiteral("light"));
  QPalette palette;
  QString error;
  if (!loadPalette(applied, palette, &error)) {
    qWarning("Fusebench: %s; the style's own colours stay", qPrintable(error));
    return QString();
  }
  QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
  QApplication::setPalette(palette);
  return applied;
}

}  // namespace fusebench::widgets
