#pragma once
// Turns decoded pixels into QImages: window / level for the detail view (16-bit and medical images need
// it: their useful range is often a sliver of [0, 1]), and small thumbnails for the table.
#include <QImage>

#include "dataset/browser_data.h"

namespace fusebench::widgets {

// Values in [level - window/2, level + window/2] map to black..white; outside clamp. Gray or RGB.
QImage renderImage(const DecodedImage& image, double level = 0.5, double window = 1.0);
// Fits in size x size, aspect kept; nearest-neighbour when enlarging small images (crisp pixels).
QImage makeThumbnail(const DecodedImage& image, int size);
// The 1st and 99th percentile of the pixel values: a window that shows a low-contrast image.
void autoWindow(const DecodedImage& image, double& level, double& window);

}  // namespace fusebench::widgets
