#pragma once
// Decodes thumbnails on worker threads so that scrolling through 10,000 samples never waits for a file.
// The table asks for the thumbnails of the rows it paints; a request that is not cached joins a LIFO queue
// (the rows on screen now come first, rows scrolled past are dropped when the queue is long) and
// thumbnailReady() reports each one on the GUI thread. A new dataset (clear()) discards late results.
#include <QCache>
#include <QHash>
#include <QImage>
#include <QMutex>
#include <QObject>
#include <QSet>
#include <QThreadPool>
#include <deque>
#include <memory>

#include "dataset/media_source.h"

namespace fusebench::widgets {

class ThumbnailLoader : public QObject {
  Q_OBJECT
 public:
  explicit ThumbnailLoader(int size = 48, QObject* parent = nullptr);
  ~ThumbnailLoader() override;

  void setSource(std::shared_ptr<const SampleMediaSource> source);
  int size() const { return size_; }
  // The cached thumbnail; otherwise a null image, and the decode is queued (once per path).
  QImage thumbnail(const QString& path);
  QString error(const QString& path) const { return errors_.value(path); }  // why a thumbnail failed
  void clear();
  int queued() const;
  void waitForIdle();  // tests and benchmarks

 Q_SIGNALS:
  void thumbnailReady(const QString& path);

 private:
  void startWorkers();
  void deliver(int generation, const QString& path, const QImage& image, const QString& error);

  const int size_;
  std::shared_ptr<const SampleMediaSource> source_;
  QCache<QString, QImage> cache_;
  QHash<QString, QString> errors_;
  QSet<QString> requested_;
  int generation_ = 0;
  // The queue is shared with the workers.
  mutable QMutex mutex_;
  struct Request {
    QString path;
    int generation;
    std::shared_ptr<const SampleMediaSource> source;
  };
  std::deque<Request> queue_;
  int running_ = 0;
  QThreadPool pool_;
};

}  // namespace fusebench::widgets
