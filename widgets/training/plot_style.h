#pragma once
// Plots in the application's palette (light or dark, style/app_palette.h): QCustomPlot draws on white with
// black axes unless told otherwise, so every plot is styled from the palette when it is made.
class QCustomPlot;

namespace fusebench::widgets {

void stylePlot(QCustomPlot* plot);

}  // namespace fusebench::widgets
