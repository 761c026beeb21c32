#pragma once
// A first model for a dataset: an input and a small encoder per modality column (image: small CNN, text:
// bag of embeddings, audio: spectrogram CNN, numbers and categories: one tabular MLP), concatenated, an
// MLP, and the head the target's task needs. Sizes come from the data: an image's channels and size (a
// side of at most 64 pixels), a text's length (the 95th percentile of its words) and vocabulary, an audio
// clip's length and the dataset's sample rate, each categorical column's values. It trains as it is and is
// meant to be edited.
#include "data/dataset.h"
#include "data/decode/decoders.h"
#include "graph/graph_spec.h"

namespace fusebench::data {

// `decoders` reads the first image and audio file for their sizes (a missing or unreadable one: defaults).
GraphSpec starterGraph(const Dataset& dataset, const Decoders& decoders);

}  // namespace fusebench::data
