// Explanation -> JSON (the CLI's explanation.json; arrays row-major with their shapes).
#include "explain/explanation.h"

namespace fusebench::explain {

namespace {

nlohmann::json mapJson(const Map2D& m) { return {{"rows", m.rows}, {"cols", m.cols}, {"values", m.values}}; }

template <class M>
nlohmann::json mapsJson(const M& maps) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [k, v] : maps) j[k] = mapJson(v);
  return j;
}

nlohmann::json camLayersJson(const std::vector<CamLayer>& layers) {
  nlohmann::json j = nlohmann::json::array();
  for (const auto& l : layers) j.push_back({{"name", l.name}, {"height", l.height}, {"width", l.width}});
  return j;
}

}  // namespace

nlohmann::json toJson(const Explanation& e) {
  nlohmann::json j;
  j["ok"] = e.ok;
  if (!e.ok) {
    j["error"] = e.error;
    return j;
  }
  j["model"] = e.model;
  j["bundle"] = e.bundle;
  j["dataset"] = e.dataset;
  j["sample"] = e.sample;
  j["row"] = e.row;
  j["task"] = e.task;
  j["classes"] = e.classes;
  j["scores"] = e.scores;
  j["similar_cases"] = nlohmann::json::array();
  for (const auto& c : e.similar_cases) {
    nlohmann::json x = {{"id", c.id}, {"row", c.row}, {"label", c.label}, {"similarity", c.similarity}};
    if (!c.image.empty()) x["image"] = c.image;
    if (!c.text.empty()) x["text"] = c.text;
    j["similar_cases"].push_back(x);
  }
  if (e.task == "classification") {
    j["calibration"] = {{"calibrated", e.calibrated}, {"temperature", e.temperature}};
    j["uncertainty"] = {{"entropy", e.entropy}, {"normalized_entropy", e.normalized_entropy}, {"unsure", e.unsure}};
    if (!e.certainty.empty()) j["uncertainty"]["sentence"] = e.certainty;
    for (const auto& s : e.spreads) j["uncertainty"][s.kind] = s.toJson();
  }
  j["predicted"] = e.predicted;
  j["target"] = e.target;
  j["label"] = e.label;
  j["attribution_score"] = e.attribution_score;
  j["explained_score"] = e.f;
  j["probability_without_any_modality"] = e.p_none;
  j["integrated_gradients"] = {{"image_baseline", e.image_baseline}, {"audio_baseline", e.audio_baseline}, {"baseline_score", e.f_baseline}, {"steps", e.ig_steps},
                               {"sum_of_attributions", e.ig_total},
                               {"expected_sum", e.f - e.f_baseline}};
  j["masked"] = e.masked;
  j["overrides"] = e.overrides;
  j["notes"] = e.notes;
  j["milliseconds"] = e.milliseconds;
  for (const auto& i : e.images)
    j["images"].push_back({{"field", i.field}, {"node", i.node}, {"column", i.column}, {"source", i.source}, {"present", i.present},
                           {"channels", i.channels}, {"height", i.height}, {"width", i.width},
                           {"original_height", i.original_height}, {"original_width", i.original_width},
                           {"to_original", {{"resize", i.resize}, {"scale", {i.scale_x, i.scale_y}}, {"offset", {i.offset_x, i.offset_y}},
                                            {"formula", "original = (model + offset) / scale"}}},
                           {"gradcam_layer", i.gradcam_layer}, {"gradcam_layers", camLayersJson(i.gradcam_layers)}, {"attributions", mapsJson(i.maps)}});
  for (const auto& t : e.texts)
    j["texts"].push_back({{"field", t.field}, {"node", t.node}, {"column", t.column}, {"text", t.text}, {"present", t.present},
                          {"tokens", t.tokens}, {"pieces", t.pieces}, {"spans", t.spans}, {"known", t.known},
                          {"attributions", t.scores}});
  for (const auto& a : e.audios)
    j["audio"].push_back({{"field", a.field}, {"node", a.node}, {"column", a.column}, {"source", a.source}, {"present", a.present},
                          {"spectrogram", a.spectrogram}, {"sample_rate", a.sample_rate}, {"seconds", a.seconds},
                          {"seconds_per_frame", a.seconds_per_frame}, {"attributions", mapsJson(a.maps)},
                          {"over_time", a.over_time}});
  for (const auto& t : e.tabular)
    j["tabular"].push_back({{"field", t.field}, {"node", t.node}, {"present", t.present}, {"features", t.features},
                            {"values", t.values}, {"attributions", t.scores}});
  for (const auto& m : e.modalities)
    j["modalities"].push_back({{"field", m.field}, {"node", m.node}, {"kind", m.kind}, {"column", m.column},
                               {"present", m.present}, {"removal", m.removal}, {"shapley", m.shapley}});
  for (const auto& a : e.attention)
    j["attention"].push_back({{"node", a.node}, {"queries", a.queries}, {"keys", a.keys}, {"key_modality", a.key_modality},
                              {"weights", mapJson(a.weights)}});
  for (const auto& w : e.fusion_weights)
    j["fusion_weights"].push_back({{"node", w.node}, {"kind", w.kind}, {"modalities", w.modalities}, {"values", w.values}});
  return j;
}

}  // namespace fusebench::explain
