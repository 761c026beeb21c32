// The interface in Simplified Chinese: the catalogue covers every string lupdate finds in app/ and widgets/
// (listing the untranslated ones), the node catalogue's strings are translated where they are shown, the
// whole window in Chinese shows no English text (strings that never went through tr() are listed), and
// a case report exported in Chinese embeds a CJK font.
#include <QAbstractButton>
#include <QAbstractItemView>
#include <QComboBox>
#include <QDirIterator>
#include <QDockWidget>
#include <QFile>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QProcess>
#include <QRegularExpression>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <QXmlStreamReader>
#include <qcustomplot.h>

#include "explain/case_report.h"
#include "explain/explain_area.h"
#include "explain/explanation_view.h"
#include "graph/node_registry.h"
#include "i18n/translations.h"
#include "engine_text.h"
#include "graph/validate.h"
#include "main_window.h"
#include "training/runs_panel.h"
#include "training/training_area.h"

using fusebench::app::MainWindow;
namespace widgets = fusebench::widgets;

namespace {

struct Message {
  QString context, source;
  bool finished = false;
};

// Every message of a .ts file; `finished`: it has a translation not marked unfinished or vanished.
QList<Message> readTs(const QString& path) {
  QList<Message> out;
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return out;
  QXmlStreamReader xml(&f);
  QString context;
  Message m;
  while (!xml.atEnd()) {
    xml.readNext();
    if (!xml.isStartElement()) continue;
    if (xml.name() == QLatin1String("name")) context = xml.readElementText();
    else if (xml.name() == QLatin1String("message")) m = Message{context, QString(), false};
    else if (xml.name() == QLatin1String("source")) m.source = xml.readElementText();
    else if (xml.name() == QLatin1String("translation")) {
      const QString type = xml.attributes().value(QLatin1String("type")).toString();
      const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
      m.finished = type.isEmpty() && !text.trimmed().isEmpty();
      out.append(m);
    }
  }
  return out;
}

// Words only English UI text has: a Chinese translation never contains them as words.
bool looksEnglish(QString text, QString* word) {
  text.remove(QRegularExpression(QStringLiteral("<[^>]*>")));                   // HTML
  text.remove(QRegularExpression(QStringLiteral("`[^`]*`")));                     // commands
  text.remove(QRegularExpression(QStringLiteral("[\\w-]*[._/][\\w./-]+|\\b[\\w-]+/")));  // identifiers, paths, types
  text.remove(QRegularExpression(QStringLiteral("\\b[\\w-]*\\d[\\w-]*\\b")));       // ids with digits (run-1)
  text.remove(QRegularExpression(QStringLiteral("\\b\\w+(-\\w+)+\\b")));          // compound terms (BCE-with-logits)
  text.remove(QRegularExpression(QStringLiteral("\\b(\\w+: )?\\w+ \\[[^\\]]*\\]")));  // port: type [shape]
  text.remove(QRegularExpression(QStringLiteral("'[^']*'|\"[^\"]*\"|“[^”]*”")));  // quoted names
  static const QRegularExpression english(QStringLiteral(
      "\\b(the|of|to|in|for|with|and|or|is|are|not|this|from|on|by|no|none|each|all|"
      "open|save|export|show|train|training|run|runs|explain|load|select|delete|copy|paste|edit|file|view|help|"
      "model|data|start|stop|cancel|close|epoch|epochs|loss|accuracy|class|classes|sample|samples|nodes|"
      "inspector|problems|summary|dataset|split|validation|test|prediction|method|report|new|undo|redo|quit|"
      "import|use|values|missing|language|parameters|output|input|settings|recent|finished|running|failed|stopped|"
      "interrupted|unknown|resumable|cores|numeric|categorical|ignored|first|same|best|duration|status|weights)\\b"),
      QRegularExpression::CaseInsensitiveOption);
  const auto m = english.match(text);
  if (m.hasMatch()) *word = m.captured(0);
  return m.hasMatch();
}

// The texts of a view's cells (and their tooltips), top-level rows and their children, the first rows of each.
template <typename Add>
void addCells(const QAbstractItemModel* m, const QModelIndex& parent, const QString& where, const Add& add, int depth = 0) {
  for (int r = 0; r < std::min(m->rowCount(parent), 40); ++r)
    for (int c = 0; c < m->columnCount(parent); ++c) {
      const QModelIndex i = m->index(r, c, parent);
      add(where, i.data(Qt::DisplayRole).toString());
      add(where + QStringLiteral(" tooltip"), i.data(Qt::ToolTipRole).toString());
      if (c == 0 && depth < 2 && m->hasChildren(i)) addCells(m, i, where, add, depth + 1);
    }
}

// Every text the user can read in `root` and its children: labels, buttons, titles, tabs, menus and their
// actions, tooltips, placeholders, combo items, table headers, tree items, plot axes and legends.
QStringList readableTexts(QWidget* root) {
  QStringList out;
  auto add = [&out](const QString& where, const QString& text) {
    if (!text.trimmed().isEmpty()) out << where + QStringLiteral(": ") + text;
  };
  QList<QWidget*> all = root->findChildren<QWidget*>();
  all.prepend(root);
  for (QWidget* w : all) {
    const QString name = QString::fromLatin1(w->metaObject()->className()) + QLatin1Char('#') + w->objectName();
    if (w->objectName() == QLatin1String("exampleName")) continue;  // a project file's own name is content
    add(name + QStringLiteral(" tooltip"), w->toolTip());
    if (auto* l = qobject_cast<QLabel*>(w)) add(name, l->text());
    if (auto* b = qobject_cast<QAbstractButton*>(w)) add(name, b->text());
    if (auto* g = qobject_cast<QGroupBox*>(w)) add(name, g->title());
    if (auto* d = qobject_cast<QDockWidget*>(w)) add(name, d->windowTitle());
    if (auto* e = qobject_cast<QLineEdit*>(w)) add(name + QStringLiteral(" placeholder"), e->placeholderText());
    if (auto* m = qobject_cast<QMenu*>(w)) add(name, m->title());
    if (auto* c = qobject_cast<QComboBox*>(w))
      for (int i = 0; i < c->count(); ++i) add(name + QStringLiteral(" item"), c->itemText(i));
    if (auto* t = qobject_cast<QTabWidget*>(w))
      for (int i = 0; i < t->count(); ++i) add(name + QStringLiteral(" tab"), t->tabText(i));
    if (auto* v = qobject_cast<QAbstractItemView*>(w); v && v->model() && !qobject_cast<QComboBox*>(w->parent()))
      for (int c = 0; c < v->model()->columnCount(); ++c)
        add(name + QStringLiteral(" header"), v->model()->headerData(c, Qt::Horizontal).toString());
    if (auto* v = qobject_cast<QAbstractItemView*>(w); v && v->model() && !qobject_cast<QComboBox*>(w->parent()) &&
                                                       !qobject_cast<QHeaderView*>(w))
      addCells(v->model(), QModelIndex(), name + QStringLiteral(" cell"), add);
    if (auto* p = qobject_cast<QCustomPlot*>(w)) {
      for (QCPAxis* a : p->axisRect() ? p->axisRect()->axes() : QList<QCPAxis*>()) add(name + QStringLiteral(" axis"), a->label());
      for (int i = 0; i < p->plottableCount(); ++i) add(name + QStringLiteral(" plot"), p->plottable(i)->name());
    }
  }
  for (QAction* a : root->findChildren<QAction*>()) {
    add(QStringLiteral("action"), a->text());
    if (a->toolTip() != a->text() && !a->toolTip().startsWith(QString(a->text()).remove(QLatin1Char('&'))))
      add(QStringLiteral("action tooltip"), a->toolTip());
  }
  return out;
}

// A made-up explanation with every kind of section, so the Explain page shows all its texts.
widgets::ExplanationData sampleExplanation() {
  widgets::ExplanationData e;
  e.ok = true;
  e.model = QStringLiteral("mdl"), e.run = QStringLiteral("run-1"), e.dataset = QStringLiteral("/tmp/ds");
  e.sample = QStringLiteral("s7"), e.task = QStringLiteral("classification");
  e.attributionScore = QStringLiteral("log_softmax"), e.imageBaseline = QStringLiteral("mean");
  e.audioBaseline = QStringLiteral("silence");
  e.row = 6;
  e.classes = {QStringLiteral("肺炎"), QStringLiteral("正常"), QStringLiteral("结节")};
  e.scores = {0.48f, 0.42f, 0.10f};
  e.predicted = e.target = 0, e.label = 1;
  e.unsure = true, e.calibrated = true, e.temperature = 1.3;
  e.spreads.append({QStringLiteral("mc_dropout"), 20, 12, 0, 0.47, 0.08});
  e.f = -0.7, e.fBaseline = -1.1, e.igTotal = 0.4, e.igSteps = 32, e.pNone = 0.33;
  widgets::ImageExplanationData img;
  img.field = QStringLiteral("xray"), img.column = QStringLiteral("xray"), img.present = true;
  img.image = QImage(8, 8, QImage::Format_Grayscale8);
  img.image.fill(120);
  img.maps[QStringLiteral("integrated_gradients")] = {8, 8, QVector<float>(64, 0.1f)};
  img.maps[QStringLiteral("gradcam")] = {8, 8, QVector<float>(64, 0.5f)};
  e.images.append(img);
  widgets::TextExplanationData text;
  text.field = QStringLiteral("note"), text.present = true, text.text = QStringLiteral("肺部 阴影");
  text.tokens = {QStringLiteral("肺部"), QStringLiteral("阴影")};
  text.known = {true, true};
  text.scores[QStringLiteral("integrated_gradients")] = {0.6f, -0.2f};
  text.scores[QStringLiteral("occlusion")] = {0.5f, -0.1f};
  e.texts.append(text);
  widgets::TabularExplanationData tab;
  tab.field = QStringLiteral("vitals"), tab.present = true;
  tab.features = {QStringLiteral("age")}, tab.values = {QStringLiteral("61")};
  tab.scores[QStringLiteral("integrated_gradients")] = {0.2f};
  e.tabular.append(tab);
  e.modalities = {{QStringLiteral("xray"), QStringLiteral("image"), QStringLiteral("xray"), true, 0.2, 0.15},
                  {QStringLiteral("note"), QStringLiteral("text"), QStringLiteral("note"), true, 0.1, 0.05},
                  {QStringLiteral("vitals"), QStringLiteral("tabular"), QStringLiteral("age"), true, 0.0, 0.01}};
  e.similarCases.append({3, QStringLiteral("s3"), QStringLiteral("肺炎"), QString(), QString(), 0.93, QImage()});
  e.when = QDateTime(QDate(2026, 12, 7), QTime(9, 30));
  return e;
}

// Two runs as the Runs panel shows them: a finished one and a stopped, resumable one after a change.
QList<widgets::RunSummaryView> sampleRuns() {
  QList<widgets::RunSummaryView> runs(2);
  for (int i = 0; i < 2; ++i) {
    widgets::RunSummaryView& r = runs[i];
    r.dir = QStringLiteral("/runs/r%1").arg(i), r.name = QStringLiteral("fashion-20261207-09300%1").arg(i);
    r.seconds = i ? 3725 : 95, r.epochsRun = i ? 4 : 10, r.epochs = 10;
    r.bestEpoch = 3, r.bestMetric = QStringLiteral("val_accuracy"), r.bestValue = 0.91, r.bestValLoss = 0.25;
    r.bestValAccuracy = 0.91, r.testAccuracy = i ? -1 : 0.9;
  }
  runs[0].state = QStringLiteral("finished");
  runs[1].state = QStringLiteral("stopped"), runs[1].resumable = true, runs[1].changes = {QStringLiteral("lr 0.001 → 0.003")};
  return runs;
}

}  // namespace

class TestTranslations : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() {
    QVERIFY2(widgets::installLanguage(QLocale(QStringLiteral("zh_CN"))), "the zh_CN catalogues load");
  }

  // lupdate reads the sources as they are now: each string it finds must be translated in the committed
  // catalogue. A new tr() without a translation fails here, named.
  void theCatalogueTranslatesEveryStringInTheSources() {
    QTemporaryDir dir;
    const QString fresh = dir.filePath(QStringLiteral("now.ts"));
    QProcess lupdate;
    lupdate.setWorkingDirectory(QStringLiteral(FUSEBENCH_SOURCE_DIR));
    lupdate.start(QStringLiteral(FUSEBENCH_LUPDATE),
                  {QStringLiteral("-locations"), QStringLiteral("none"), QStringLiteral("-no-obsolete"), QStringLiteral("app"),
                   QStringLiteral("widgets"), QStringLiteral("resources/translations/node_catalogue_strings.cpp"),
                   QStringLiteral("resources/translations/engine_message_strings.cpp"),
                   QStringLiteral("-ts"), fresh});
    QVERIFY2(lupdate.waitForFinished(120000) && lupdate.exitCode() == 0, lupdate.readAllStandardError().constData());
    QSet<QString> translated;
    for (const Message& m : readTs(QStringLiteral(FUSEBENCH_SOURCE_DIR "/resources/translations/fusebench_zh_CN.ts")))
      if (m.finished) translated.insert(m.context + QLatin1Char('|') + m.source);
    QStringList untranslated;
    const QList<Message> now = readTs(fresh);
    QVERIFY(now.size() > 500);
    for (const Message& m : now)
      if (!translated.contains(m.context + QLatin1Char('|') + m.source)) untranslated << m.context + QStringLiteral(": ") + m.source;
    QVERIFY2(untranslated.isEmpty(), qPrintable(QStringLiteral("%1 untranslated (run the fusebench_update_translations "
                                                                "target, then translate):\n").arg(untranslated.size()) +
                                                untranslated.join(QLatin1Char('\n'))));
  }

  // The engine's node catalogue is shown translated; a node doc changed without regenerating
  // node_catalogue_strings.cpp (and translating) fails here.
  void everyNodeTitleCategoryAndDocIsTranslated() {
    // A name kept as it is ("MLP", "Dropout") is translated when the catalogue holds it as finished.
    QSet<QString> keptAsIs;
    for (const Message& m : readTs(QStringLiteral(FUSEBENCH_SOURCE_DIR "/resources/translations/fusebench_zh_CN.ts")))
      if (m.finished && m.context == QLatin1String("NodeCatalogue")) keptAsIs.insert(m.source);
    QStringList missing;
    auto check = [&missing, &keptAsIs](const std::string& s) {
      if (s.empty()) return;
      const QString source = QString::fromStdString(s);
      if (QCoreApplication::translate("NodeCatalogue", s.c_str()) == source && !keptAsIs.contains(source)) missing << source;
    };
    for (const auto& t : fusebench::builtinRegistry().all()) {
      check(t.title), check(t.category), check(t.doc);
      for (const auto& p : t.params) check(p.doc);
      for (const auto& p : t.inputs) check(p.doc);
      for (const auto& p : t.outputs) check(p.doc);
    }
    QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("not translated (run resources/translations/"
                                                          "make_node_catalogue_strings.py):\n") + missing.join(QLatin1Char('\n'))));
  }

  // The engine's problem sentences are marked FB_TEXT in engine/ (Qt-free); each one must be in the catalogue.
  // A new sentence fails here until make_engine_message_strings.py, lupdate and a translator have run.
  void everyMarkedEngineSentenceIsTranslated() {
    QSet<QString> translated;
    for (const Message& m : readTs(QStringLiteral(FUSEBENCH_SOURCE_DIR "/resources/translations/fusebench_zh_CN.ts")))
      if (m.finished && m.context == QLatin1String("EngineMessages")) translated.insert(m.source);
    static const QRegularExpression marked(QStringLiteral("FB_TEXT\\(\\s*((?:\"(?:[^\"\\\\]|\\\\.)*\"\\s*)+)\\)"));
    static const QRegularExpression literal(QStringLiteral("\"((?:[^\"\\\\]|\\\\.)*)\""));
    QStringList missing;
    int found = 0;
    QDirIterator files(QStringLiteral(FUSEBENCH_SOURCE_DIR "/engine"), {QStringLiteral("*.cpp"), QStringLiteral("*.h")}, QDir::Files,
                       QDirIterator::Subdirectories);
    while (files.hasNext()) {
      QFile f(files.next());
      if (f.fileName().endsWith(QLatin1String("/diagnostic.h")) || !f.open(QIODevice::ReadOnly)) continue;
      const QString text = QString::fromUtf8(f.readAll());
      for (auto m = marked.globalMatch(text); m.hasNext();) {
        QString sentence;
        for (auto l = literal.globalMatch(m.next().captured(1)); l.hasNext();) sentence += l.next().captured(1);
        ++found;
        if (!translated.contains(sentence)) missing << QFileInfo(f.fileName()).fileName() + QStringLiteral(": ") + sentence;
      }
    }
    QVERIFY(found > 50);
    QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("not translated (run resources/translations/make_engine_message_strings.py, "
                                                          "then the fusebench_update_translations target, then translate):\n") +
                                           missing.join(QLatin1Char('\n'))));
  }

  // Problems the Problems panel and the node tooltips show: worded in Chinese around the ids and values.
  void graphProblemsReadInChinese() {
    using namespace fusebench;
    auto node = [](const char* id, const char* type) {
      NodeSpec n;
      n.id = id;
      n.type = type;
      return n;
    };
    GraphSpec g;
    g.nodes.push_back(node("image", "input.image"));
    g.nodes.push_back(node("mystery", "no.such.type"));
    g.nodes.push_back(node("cnn", "image.small_cnn"));
    g.nodes.back().params = {{"colour", 3}};
    g.edges.push_back(EdgeSpec{{"image", "out"}, {"ghost", "in"}});
    const ShapeReport report = validateGraph(g);
    QVERIFY(report.errors.size() >= 4);
    for (const Diagnostic& d : report.errors) {
      const QString text = app::diagnosticText(d);
      QString word;
      QVERIFY2(!looksEnglish(text, &word), qPrintable(text + QStringLiteral("   («") + word + QStringLiteral("»)")));
      QVERIFY2(text.contains(QString::fromStdString(d.node)), qPrintable(text));  // the ids stay as written
    }
  }

  // The window in Chinese, every page and the Explain page filled: no readable English remains. This finds
  // strings that never went through tr(), which lupdate cannot see.
  void theChineseWindowShowsNoEnglish() {
    MainWindow w;
    w.setUnsavedChangesPrompt([] { return QMessageBox::Discard; });
    QVERIFY(w.openProject(QStringLiteral(FUSEBENCH_SOURCE_DIR "/projects/image_text_concat.fbproj")));
    w.selectNode(QStringLiteral("text_rnn"));
    w.resize(1400, 900);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.explainArea()->view()->setExplanation(sampleExplanation());
    w.trainingArea()->runsPanel()->setRuns(sampleRuns());
    QStringList english;
    for (const QString& page : {QStringLiteral("start"), QStringLiteral("model"), QStringLiteral("data"),
                                QStringLiteral("training"), QStringLiteral("explain")}) {
      w.showPage(page);
      QTest::qWait(50);
      for (const QString& text : readableTexts(&w)) {
        QString word;
        if (looksEnglish(text, &word)) english << QStringLiteral("[%1] %2   («%3»)").arg(page, text.left(160), word);
      }
    }
    english.removeDuplicates();
    QVERIFY2(english.isEmpty(), qPrintable(QStringLiteral("%1 English texts in the Chinese window:\n").arg(english.size()) +
                                           english.join(QLatin1Char('\n'))));
  }

  // A report in Chinese, exported from an English interface: Chinese headings, the CJK font embedded.
  void aCaseReportInChineseEmbedsACjkFont() {
    widgets::installLanguage(QLocale(QLocale::English, QLocale::UnitedStates));
    QTemporaryDir dir;
    const QString zh = dir.filePath(QStringLiteral("zh.pdf")), en = dir.filePath(QStringLiteral("en.pdf"));
    widgets::OverlayStyle style;
    QVERIFY(widgets::writeCaseReport(sampleExplanation(), style, zh, QLocale(QStringLiteral("zh_CN"))).ok);
    widgets::ExplanationData latin = sampleExplanation();  // no Chinese in the data either: no CJK fallback
    latin.classes = {QStringLiteral("pneumonia"), QStringLiteral("normal"), QStringLiteral("nodule")};
    latin.texts[0].tokens = {QStringLiteral("lung"), QStringLiteral("shadow")};
    latin.similarCases[0].label = QStringLiteral("pneumonia");
    QVERIFY(widgets::writeCaseReport(latin, style, en).ok);
    QCOMPARE(widgets::CaseReport::tr("Prediction"), QStringLiteral("Prediction"));  // the interface stays English
    auto bytes = [](const QString& path) {
      QFile f(path);
      return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    };
    const QByteArray zhPdf = bytes(zh), enPdf = bytes(en);
    QVERIFY2(zhPdf.contains("/BaseFont /NotoSansCJKsc"), "the Simplified Chinese Noto face is used");
    QVERIFY2(zhPdf.contains("/FontFile2"), "and embedded");
    QVERIFY(!enPdf.contains("NotoSansCJK"));
    QVERIFY(widgets::installLanguage(QLocale(QStringLiteral("zh_CN"))));
  }

  void theLanguageMenuOffersChinese() {
    QStringList names;
    for (const auto& c : widgets::availableLanguages()) names << c.nativeName;
    QVERIFY2(names.contains(QStringLiteral("简体中文")), qPrintable(names.join(QStringLiteral(", "))));
    QVERIFY(names.contains(QStringLiteral("English")));
    QCOMPARE(widgets::catalogueFor(QLocale(QStringLiteral("zh_Hans_CN"))), QStringLiteral("zh_CN"));
    QCOMPARE(widgets::catalogueFor(QLocale(QStringLiteral("de_DE"))), QStringLiteral("en"));
  }
};

QTEST_MAIN(TestTranslations)
#include "test_translations.moc"
