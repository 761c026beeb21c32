#pragma once
// Plain view data for the node editor, filled by app/ from the document and the engine's validation.
#include <QList>
#include <QPointF>
#include <QString>

namespace fusebench::widgets {

struct PortView {
  QString name;    // concrete port: "in", "in0", "features"
  QString detail;  // inputs: accepted kinds; outputs: the inferred shape ("features [64]")
  bool connected = false;
};

struct NodeView {
  QString id, title, category;
  QPointF position;
  QList<PortView> inputs, outputs;
  QString errors;  // empty when the node is valid; else every message, one per line
};

struct EdgeView {
  QString fromNode, fromPort, toNode, toPort;
};

struct GraphView {
  QList<NodeView> nodes;
  QList<EdgeView> edges;
};

}  // namespace fusebench::widgets
