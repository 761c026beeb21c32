#include "nodes/register.h"

namespace fusebench {

const NodeRegistry& builtinRegistry() {
  static const NodeRegistry registry = [] {
    NodeRegistry r;
    nodes::registerInputNodes(r);
    nodes::registerImageEncoders(r);
    nodes::registerTextEncoders(r);
    nodes::registerAudioEncoders(r);
    nodes::registerTabularEncoders(r);
    nodes::registerTorchScriptEncoders(r);
    nodes::registerFusionNodes(r);
    nodes::registerAttentionFusionNodes(r);
    nodes::registerHeadsAndBlocks(r);
    return r;
  }();
  return registry;
}

}  // namespace fusebench
