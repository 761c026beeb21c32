#include "i18n/translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QFontDatabase>
#include <QLibraryInfo>
#include <QSettings>
#include <QTranslator>

#include <memory>

namespace fusebench::widgets {
namespace {

const char* const kSettingsKey = "interface/language";
const char* const kCataloguePrefix = ":/i18n/fusebench_";  // compiled in by CMake from resources/translations

struct Installed {
  std::unique_ptr<QTranslator> ours, qts;
  QLocale locale = QLocale(QLocale::English, QLocale::UnitedStates);
};

Installed& installed() {
  static Installed state;
  return state;
}

void removeInstalled() {
  Installed& s = installed();
  for (auto* t : {s.ours.get(), s.qts.get()})
    if (t) QCoreApplication::removeTranslator(t);
  s.ours.reset();
  s.qts.reset();
}

}  // namespace

QList<LanguageChoice> availableLanguages() {
  QList<LanguageChoice> out{{QString(), QCoreApplication::translate("Language", "System default")},
                            {QStringLiteral("en"), QStringLiteral("English")}};
  const QDir catalogues(QStringLiteral(":/i18n"));
  for (const QString& file : catalogues.entryList({QStringLiteral("fusebench_*.qm")}, QDir::Files, QDir::Name)) {
    const QString code = file.mid(10, file.size() - 13);  // fusebench_<code>.qm
    if (code == QLatin1String("en")) continue;
    const QLocale locale(code);
    QString name = locale.nativeLanguageName();
    if (locale.script() == QLocale::SimplifiedHanScript || code == QLatin1String("zh_CN")) name = QStringLiteral("简体中文");
    out.append({code, name});
  }
  return out;
}

QString savedLanguage() { return QSettings().value(QLatin1String(kSettingsKey)).toString(); }

void saveLanguage(const QString& code) {
  QSettings settings;
  if (code.isEmpty()) settings.remove(QLatin1String(kSettingsKey));
  else settings.setValue(QLatin1String(kSettingsKey), code);
}

QLocale localeFor(const QString& code) { return code.isEmpty() ? QLocale::system() : QLocale(code); }

QString catalogueFor(const QLocale& locale) {
  if (locale.language() == QLocale::Chinese &&
      (locale.script() == QLocale::SimplifiedHanScript || locale.territory() == QLocale::China ||
       locale.territory() == QLocale::Singapore))
    return QStringLiteral("zh_CN");
  return QStringLiteral("en");
}

bool installLanguage(const QLocale& locale, QString* missing) {
  removeInstalled();
  Installed& s = installed();
  s.locale = locale;
  QLocale::setDefault(locale);
  const QString code = catalogueFor(locale);
  if (code == QLatin1String("en")) return true;  // the source strings are English
  QStringList lost;
  s.ours = std::make_unique<QTranslator>();
  if (s.ours->load(QLatin1String(kCataloguePrefix) + code + QStringLiteral(".qm"))) QCoreApplication::installTranslator(s.ours.get());
  else lost << QStringLiteral("fusebench_%1.qm").arg(code);
  s.qts = std::make_unique<QTranslator>();
  const QString qtDir = QLibraryInfo::path(QLibraryInfo::TranslationsPath);
  if (s.qts->load(QStringLiteral("qtbase_") + code, qtDir)) QCoreApplication::installTranslator(s.qts.get());
  else lost << QStringLiteral("%1/qtbase_%2.qm").arg(qtDir, code);
  if (missing) *missing = lost.join(QStringLiteral(", "));
  return lost.isEmpty();
}

ScopedLanguage::ScopedLanguage(const QLocale& locale) : previous_(installed().locale) {
  if (locale == previous_) return;
  installLanguage(locale);
  switched_ = true;
}

ScopedLanguage::~ScopedLanguage() {
  if (switched_) installLanguage(previous_);
}

QString reportFontFamily(const QLocale& locale) {
  if (locale.language() != QLocale::Chinese && locale.language() != QLocale::Japanese &&
      locale.language() != QLocale::Korean)
    return QString();
  const bool simplified = catalogueFor(locale) == QLatin1String("zh_CN");
  const QString wanted = locale.language() == QLocale::Japanese ? QStringLiteral("Noto Sans CJK JP")
                         : locale.language() == QLocale::Korean ? QStringLiteral("Noto Sans CJK KR")
                         : simplified                           ? QStringLiteral("Noto Sans CJK SC")
                                                                : QStringLiteral("Noto Sans CJK TC");
  return QFontDatabase::families().contains(wanted) ? wanted : QString();
}

}  // namespace fusebench::widgets
