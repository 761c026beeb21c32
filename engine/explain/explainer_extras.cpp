// Beyond attributions: how sure the prediction is (Monte-Carlo dropout, the ensemble's other models) and
// which training samples it resembles (similar cases).
#include <algorithm>

#include "explain/explainer_impl.h"
#include "explain/explainer_support.h"
#include "train/bundle.h"
#include "train/prediction_spread.h"

namespace fusebench::explain {

using namespace support;

// Monte-Carlo dropout on this sample and the answers of the ensemble's other models; an unsure spread
// (the passes or members disagreeing on the top class more than one time in five) marks the prediction unsure.
void Explainer::Impl::addSpreads(const ExplainContext& ctx, const ExplainOptions& options, std::map<std::string, std::string> values,
                                 const SampleInput& input, Explanation& e) {
  if (bundle.pipeline->task() != data::TargetTask::Classification) return;
  const auto t0 = Clock::now();
  if (auto mc = train::monteCarloDropout(*ctx.model, ctx.inputs, bundle.pipeline->task(), ctx.temperature, options.mc_dropout,
                                         options.seed, e.classes))
    e.spreads.push_back(std::move(*mc));
  if (!options.ensemble.empty()) {
    for (const auto& b : bundle.pipeline->bindings())  // switched-off modalities are missing for every member
      if (std::find(input.masked_fields.begin(), input.masked_fields.end(), b.field) != input.masked_fields.end())
        for (const auto& c : bindingColumns(b)) values.erase(c);
    std::vector<std::vector<float>> members{e.scores};
    std::vector<std::string> models{path};
    for (const auto& other : options.ensemble) {
      auto member = ensembleMembers.find(other);
      if (member == ensembleMembers.end()) {
        std::string error;
        auto opened = train::openBundle(other, error);
        if (!opened) {
          e.notes.push_back("ensemble: " + other + " left out: " + error);
          continue;
        }
        member = ensembleMembers.emplace(other, std::move(*opened)).first;
      }
      const auto r = train::predictWithOpenedBundle(member->second, values, /*mc_dropout_passes=*/0);
      if (!r.ok) {
        e.notes.push_back("ensemble: " + other + " left out: " + r.error);
        continue;
      }
      std::vector<float> p(e.classes.size(), -1.f);
      for (const auto& c : r.prediction["probabilities"]) {
        const auto it = std::find(e.classes.begin(), e.classes.end(), c["class"].get<std::string>());
        if (it != e.classes.end()) p[static_cast<std::size_t>(it - e.classes.begin())] = c["probability"].get<float>();
      }
      if (r.prediction["probabilities"].size() != e.classes.size() || std::count(p.begin(), p.end(), -1.f) > 0) {
        e.notes.push_back("ensemble: " + other + " left out: its classes are not this model's");
        continue;
      }
      members.push_back(std::move(p));
      models.push_back(other);
    }
    if (members.size() > 1) {
      auto s = train::spreadOf("ensemble", members, e.classes);
      s.models = models;
      e.spreads.push_back(std::move(s));
    }
  }
  for (const auto& s : e.spreads)
    if (s.agree * 5 < s.members * 4) {
      e.unsure = true;
      e.certainty += (e.certainty.empty() ? "" : " ") + s.sentence;
    }
  e.milliseconds["uncertainty"] = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

// The k training samples nearest by the fused representation of this prediction's forward pass.
void Explainer::Impl::addSimilarCases(const ModelOutput& full, const SampleInput& input, int k, Explanation& e) {
  const auto t0 = Clock::now();
  if (!cases && !casesFailed) {
    std::string error, note;
    if (!trainingSet) {
      auto opened = data::Dataset::open(bundle.dataset);
      if (opened.dataset) trainingSet.emplace(std::move(*opened.dataset));
      else error = "the training dataset '" + bundle.dataset + "' cannot be opened";
    }
    if (trainingSet) cases = openCaseIndex(bundle, train::bundleDir(path), *trainingSet, error, note);
    e.index_note = note;
    if (!cases) {
      casesFailed = true;  // said once; the next explanations do not try again
      e.notes.push_back("similar cases: " + error);
    }
    e.milliseconds["similar_cases_index"] = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
  }
  if (!cases) return;
  const auto q0 = Clock::now();
  const auto rep = train::fusedRepresentation(*bundle.model, full);
  if (!rep.defined()) return;
  // The explained sample itself is not its own similar case (when it is one of the training rows).
  namespace fs = std::filesystem;
  std::error_code ec;
  const bool sameDataset = input.row >= 0 && fs::equivalent(e.dataset, bundle.dataset, ec);
  const auto hits = cases->query(rep[0], k, sameDataset ? input.row : -1);
  e.similar_cases = describeCases(hits, *trainingSet, bundle.pipeline->classes());
  e.milliseconds["similar_cases"] = std::chrono::duration<double, std::milli>(Clock::now() - q0).count();
}

}  // namespace fusebench::explain
