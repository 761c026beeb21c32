#pragma once
// The interface language: which catalogues exist, which one the user chose, and installing them.
// Our own strings come from fusebench_<lang>.qm (compiled into the app from resources/translations/*.ts),
// Qt's own dialog strings from qtbase_<lang>.qm of the system's Qt (Debian: qt6-translations-l10n).
// Qt-only, no torch: the case report uses it too, to write a report in a language other than the app's.
#include <QList>
#include <QLocale>
#include <QString>

namespace fusebench::widgets {

struct LanguageChoice {
  QString code;        // "" = follow the system; otherwise a catalogue suffix: "en", "zh_CN"
  QString nativeName;  // as a reader of that language writes it: "English", "简体中文"
};

// System default first, then every language with a catalogue (English, the source language, always).
QList<LanguageChoice> availableLanguages();

// The language saved in the settings ("" = system), and saving a new choice (takes effect at next start).
QString savedLanguage();
void saveLanguage(const QString& code);

// The locale a choice stands for: "" means the system's.
QLocale localeFor(const QString& code);

// The catalogue code for a locale: "zh_CN" for zh_Hans_CN, zh_SG; "en" for every locale without one.
QString catalogueFor(const QLocale& locale);

// Installs the catalogues for `locale` on the application (replacing earlier ones) and makes it the
// default QLocale, so %L1 numbers and dates follow it. Returns false with `missing` naming what could
// not be loaded (the app then stays in English for those strings).
bool installLanguage(const QLocale& locale, QString* missing = nullptr);

// While alive, the application speaks `locale` (e.g. a case report exported in another language);
// the earlier language comes back when it goes out of scope.
class ScopedLanguage {
 public:
  explicit ScopedLanguage(const QLocale& locale);
  ~ScopedLanguage();
  ScopedLanguage(const ScopedLanguage&) = delete;
  ScopedLanguage& operator=(const ScopedLanguage&) = delete;

 private:
  QLocale previous_;
  bool switched_ = false;
};

// The family for drawing text in `locale` into a PDF: a CJK face (Noto Sans CJK) where one is installed and
// the language needs it, otherwise "" (the application font). The PDF embeds it, so it reads anywhere.
QString reportFontFamily(const QLocale& locale);

}  // namespace fusebench::widgets
