// The one background-job mechanism of the app: results come back on the GUI thread, the newest request of a
// channel wins (Latest), requests typed quickly coalesce (Coalesce), imports are always answered (Always),
// every job is listed while it runs, and destroying the tracker drops results still on their way.
#include <QSemaphore>
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <atomic>
#include <memory>

#include "jobs/job_tracker.h"

using fusebench::widgets::JobTracker;
using Policy = JobTracker::Policy;

namespace {

// Work that waits until the test lets it go, so the order of events is the test's, not the scheduler's.
struct Gate {
  std::shared_ptr<QSemaphore> open = std::make_shared<QSemaphore>(0);
  void release(int n = 1) const { open->release(n); }
};

}  // namespace

class TestJobTracker : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void resultsArriveOnTheGuiThreadWithTheirLabelListedMeanwhile() {
    JobTracker jobs(2);
    Gate gate;
    QThread* workerThread = nullptr;
    QThread* doneThread = nullptr;
    int result = 0;
    jobs.run(QStringLiteral("sum"), QStringLiteral("Adding up"),
             [gate, &workerThread] {
               gate.open->acquire();
               workerThread = QThread::currentThread();
               return 41 + 1;
             },
             [&](int r) {
               result = r;
               doneThread = QThread::currentThread();
             });
    QVERIFY(jobs.busy());
    QVERIFY(jobs.busy(QStringLiteral("sum")));
    QVERIFY(!jobs.busy(QStringLiteral("other")));
    QCOMPARE(jobs.labels(), QStringList{QStringLiteral("Adding up")});
    gate.release();
    jobs.waitForIdle();
    QCOMPARE(result, 42);
    QVERIFY(workerThread != QThread::currentThread());
    QCOMPARE(doneThread, QThread::currentThread());
    QVERIFY(jobs.labels().isEmpty());
  }

  void latestDeliversOnlyTheNewestRequestOfAChannel() {
    JobTracker jobs(2);
    Gate first, second;
    QStringList delivered;
    jobs.run(QStringLiteral("open"), QStringLiteral("Opening a"), [first] { first.open->acquire(); return QStringLiteral("a"); },
             [&](QString s) { delivered << s; });
    jobs.run(QStringLiteral("open"), QStringLiteral("Opening b"), [second] { second.open->acquire(); return QStringLiteral("b"); },
             [&](QString s) { delivered << s; });
    int other = 0;
    jobs.run(QStringLiteral("evaluate"), QStringLiteral("Evaluating"), [] { return 7; }, [&](int v) { other = v; });
    second.release();  // the newer one finishes first; the older one's result comes later and is stale
    first.release();
    jobs.waitForIdle();
    QCOMPARE(delivered, QStringList{QStringLiteral("b")});
    QCOMPARE(other, 7);  // another channel is not superseded
  }

  void supersedeDropsResultsOnTheirWayButAlwaysIsAnswered() {
    JobTracker jobs(2);
    Gate gate;
    bool opened = false, imported = false;
    jobs.run(QStringLiteral("data"), QStringLiteral("Opening"), [gate] { gate.open->acquire(); return 1; }, [&](int) { opened = true; });
    jobs.run(QStringLiteral("data"), QStringLiteral("Importing"), [gate] { gate.open->acquire(); return 1; },
             [&](int) { imported = true; }, Policy::Always);
    jobs.supersede(QStringLiteral("data"));
    gate.release(2);
    jobs.waitForIdle();
    QVERIFY(!opened);
    QVERIFY(imported);
  }

  void coalesceRunsOneAtATimeAndKeepsOnlyTheNewestWaitingRequest() {
    JobTracker jobs(4);  // threads to spare: one at a time is the policy's doing
    Gate gate;
    std::shared_ptr<std::atomic<int>> concurrent = std::make_shared<std::atomic<int>>(0), most = std::make_shared<std::atomic<int>>(0);
    QStringList delivered;
    auto request = [&](const QString& text) {
      jobs.run(QStringLiteral("explain"), QStringLiteral("Explaining ") + text,
               [gate, concurrent, most, text] {
                 const int now = ++*concurrent;
                 if (now > *most) *most = now;
                 gate.open->acquire();
                 --*concurrent;
                 return text;
               },
               [&](QString s) { delivered << s; }, Policy::Coalesce);
    };
    request(QStringLiteral("a"));
    request(QStringLiteral("ab"));   // waits
    request(QStringLiteral("abc"));  // replaces "ab"
    QCOMPARE(jobs.labels(), (QStringList{QStringLiteral("Explaining a"), QStringLiteral("Explaining abc")}));
    gate.release(3);
    jobs.waitForIdle();
    // "a" ran but was older than the newest request when it came back; "ab" never ran.
    QCOMPARE(delivered, QStringList{QStringLiteral("abc")});
    QCOMPARE(most->load(), 1);
  }

  void aTrackerDestroyedWithWorkOnItsWayDeliversNothing() {
    bool delivered = false;
    Gate gate;
    std::unique_ptr<QSignalSpy> changed;
    {
      JobTracker jobs(1);
      jobs.run(QStringLiteral("slow"), QStringLiteral("Slow"), [gate] { gate.open->acquire(); return 1; }, [&](int) { delivered = true; },
               Policy::Always);
      gate.release();  // destruction waits for the running work, then drops its result
      changed = std::make_unique<QSignalSpy>(&jobs, &JobTracker::jobsChanged);
    }
    // Destroyed silently: whoever listened may be half destroyed too (a window's areas).
    QCOMPARE(changed->count(), 0);
    QCoreApplication::processEvents();
    QVERIFY(!delivered);
  }
};

QTEST_GUILESS_MAIN(TestJobTracker)
#include "test_job_tracker.moc"
