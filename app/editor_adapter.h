#pragma once
// GraphSpec + the engine's validation -> the node editor's view data (ports with kinds and inferred
// shapes, per-node errors). Variadic inputs show their connected instances plus one free slot.
#include "editor/graph_view_data.h"
#include "inspector/node_inspector.h"
#include "palette/node_palette.h"
#include "graph/graph_spec.h"

namespace fusebench::app {

widgets::GraphView graphView(const GraphSpec& graph);

// The inspector's view of one node: every parameter with its schema, current value and doc.
widgets::InspectorData inspectorData(const GraphSpec& graph, const QString& node);

// Every registered node type, in registry (palette) order.
QList<widgets::PaletteEntry> paletteEntries();

}  // namespace fusebench::app
