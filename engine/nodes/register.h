#pragma once
// One registration function per group of node types; register_all.cpp calls them in palette order.
#include "graph/node_registry.h"

namespace fusebench::nodes {

void registerInputNodes(NodeRegistry& r);
void registerImageEncoders(NodeRegistry& r);
void registerTextEncoders(NodeRegistry& r);
void registerAudioEncoders(NodeRegistry& r);
void registerTabularEncoders(NodeRegistry& r);
void registerTorchScriptEncoders(NodeRegistry& r);  // into the image, text and audio encoder groups
void registerFusionNodes(NodeRegistry& r);
void registerAttentionFusionNodes(NodeRegistry& r);  // after the other fusion types, in the palette too
void registerHeadsAndBlocks(NodeRegistry& r);

}  // namespace fusebench::nodes
