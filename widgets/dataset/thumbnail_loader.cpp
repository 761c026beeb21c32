#include "dataset/thumbnail_loader.h"

#include <QMetaObject>
#include <QMutexLocker>

#include "dataset/image_render.h"

namespace fusebench::widgets {

namespace {
constexpr std::size_t kMaxQueued = 256;  // about four screens of rows; older requests are dropped
}

ThumbnailLoader::ThumbnailLoader(int size, QObject* parent) : QObject(parent), size_(size) {
  cache_.setMaxCost(20000);  // thumbnails, not bytes: ~180 MiB worst case at 96 px RGB, ~45 MiB at 48 px
  // Leave one core to the GUI thread on small machines.
  pool_.setMaxThreadCount(std::max(1, QThread::idealThreadCount() - 1));
}

ThumbnailLoader::~ThumbnailLoader() {
  {
    QMutexLocker lock(&mutex_);
    queue_.clear();
  }
  pool_.waitForDone();
}

void ThumbnailLoader::setSource(std::shared_ptr<const SampleMediaSource> source) {
  clear();
  source_ = std::move(source);
}

void ThumbnailLoader::clear() {
  ++generation_;
  cache_.clear();
  errors_.clear();
  requested_.clear();
  QMutexLocker lock(&mutex_);
  queue_.clear();
}

int ThumbnailLoader::queued() const {
  QMutexLocker lock(&mutex_);
  return static_cast<int>(queue_.size()) + running_;
}

void ThumbnailLoader::waitForIdle() { pool_.waitForDone(); }

QImage ThumbnailLoader::thumbnail(const QString& path) {
  if (path.isEmpty()) return {};
  if (const QImage* hit = cache_.object(path)) return *hit;
  if (!source_ || requested_.contains(path) || errors_.contains(path)) return {};
  requested_.insert(path);
  {
    QMutexLocker lock(&mutex_);
    queue_.push_back({path, generation_, source_});
    while (queue_.size() > kMaxQueued) {
      requested_.remove(queue_.front().path);  // scrolled past: asked again if it comes back into view
      queue_.pop_front();
    }
  }
  startWorkers();
  return {};
}

void ThumbnailLoader::startWorkers() {
  QMutexLocker lock(&mutex_);
  while (running_ < pool_.maxThreadCount() && static_cast<std::size_t>(running_) < queue_.size()) {
    ++running_;
    pool_.start([this] {
      for (;;) {
        Request r;
        {
          QMutexLocker lock(&mutex_);
          if (queue_.empty()) {
            --running_;
            return;
          }
          r = queue_.back();  // newest first: the rows on screen now
          queue_.pop_back();
        }
        DecodedImage image;
        QString error;
        QImage thumb;
        if (r.source->image(r.path, image, error)) {
          thumb = makeThumbnail(image, size_);
          if (thumb.isNull()) error = tr("unsupported pixel layout");
        }
        // Queued to the GUI thread; dropped with the loader (the pool is waited for in the destructor).
        QMetaObject::invokeMethod(
            this, [this, generation = r.generation, path = r.path, thumb, error] { deliver(generation, path, thumb, error); },
            Qt::QueuedConnection);
      }
    });
  }
}

void ThumbnailLoader::deliver(int generation, const QString& path, const QImage& image, const QString& error) {
  if (generation != generation_) return;  // a result for the previous dataset
  requested_.remove(path);                  // in flight no more; asked again if the cache evicts it
  if (!error.isEmpty() || image.isNull())
    errors_.insert(path, error.isEmpty() ? tr("could not be decoded") : error);
  else
    cache_.insert(path, new QImage(image), 1);
  Q_EMIT thumbnailReady(path);
}

}  // namespace fusebench::widgets
