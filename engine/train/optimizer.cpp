#include "train/optimizer.h"

#include <cmath>
#include <set>

namespace fusebench::train {
namespace {

enum class Kind { Sgd, Adam, AdamW };

// libtorch keys an optimizer's per-parameter state by the address of the parameter's TensorImpl.
std::string stateKey(const torch::Tensor& p) { return c10::guts::to_string(p.unsafeGetTensorImpl()); }

// Each tensor starts on a 16-element boundary (64 bytes for float) so whole-buffer loops stay aligned; the
// padding is zero in every buffer and stays zero through every update (zero gradient, zero moments).
constexpr int64_t kAlign = 16;

}  // namespace

struct TrainingOptimizer::Impl {
  Kind kind = Kind::AdamW;
  std::unique_ptr<torch::optim::Optimizer> torchOptimizer;
  std::vector<double> multipliers;    // of each parameter group's learning rate

  bool usable = false;                // the flat path applies to these parameters at all
  std::string why;                    // why the last step was not flat
  std::vector<torch::Tensor> params;  // the trainable ones, in order
  std::vector<torch::Tensor> frozen;  // parameters without requires_grad: left out while they stay so
  std::vector<int64_t> offsets;       // where each starts in the flat buffers
  torch::Tensor flatParams, flatGrads, moment1, moment2, scratch;
  std::vector<torch::optim::OptimizerParamState*> states;  // homed state of each parameter; cleared on load
  bool lastFlat = false;

  torch::Tensor slot(const torch::Tensor& flat, std::size_t i) const {
    return flat.narrow(0, offsets[i], params[i].numel()).view(params[i].sizes());
  }
  bool aliases(const torch::Tensor& t, const torch::Tensor& flat, std::size_t i) const {
    return t.defined() && !t.is_sparse() && t.dtype() == flat.dtype() && t.device() == flat.device() &&
           t.data_ptr() == static_cast<char*>(flat.data_ptr()) + offsets[i] * flat.element_size() && t.is_contiguous();
  }

  void layOut(std::vector<torch::Tensor> all) {
    std::set<c10::TensorImpl*> seen;
    for (auto& p : all) {
      if (!seen.insert(p.unsafeGetTensorImpl()).second) return void(why = "a parameter is listed twice (tied weights)");
      // A frozen parameter gets no gradient, so libtorch would skip it too; unfreezing it ends the flat path.
      (p.requires_grad() ? params : frozen).push_back(p);
    }
    if (params.empty()) return void(why = "no trainable parameters");
    if (torchOptimizer->param_groups().size() != 1) return void(why = "several parameter groups");
    const auto options = params[0].options();
    if (!params[0].device().is_cpu()) return void(why = "parameters on " + params[0].device().str() + ", not the CPU");
    int64_t total = 0;
    for (const auto& p : params) {
      if (p.is_sparse() || p.layout() != torch::kStrided || !p.is_floating_point() || p.dtype() != params[0].dtype() ||
          p.device() != params[0].device())
        return void(why = "parameters of mixed dtypes, devices or layouts");
      offsets.push_back(total);
      total += (p.numel() + kAlign - 1) / kAlign * kAlign;
    }
    flatParams = torch::zeros({total}, options.requires_grad(false));
    flatGrads = torch::zeros_like(flatParams);
    moment1 = torch::zeros_like(flatParams);
    if (kind != Kind::Sgd) moment2 = torch::zeros_like(flatParams), scratch = torch::empty_like(flatParams);
    usable = true;
    homeParams();
  }

  // Each parameter becomes a view of its slot, keeping its TensorImpl (so the model, the optimizer's lists
  // and autograd all still refer to it). A parameter moved to another device or dtype ends the flat path.
  bool homeParams() {
    torch::NoGradGuard noGrad;
    for (std::size_t i = 0; i < params.size(); ++i) {
      auto& p = params[i];
      if (aliases(p, flatParams, i)) continue;
      if (p.is_sparse() || p.dtype() != flatParams.dtype() || p.device() != flatParams.device()) {
        usable = false;
        why = "a parameter moved to another device or dtype";
        return false;
      }
      auto s = slot(flatParams, i);
      s.copy_(p);
      p.set_(flatParams.storage(), offsets[i], s.sizes(), s.strides());
    }
    return true;
  }

  // Whether the flat path still applies: a parameter left out as frozen that now wants gradients ends it (it
  // would be missed by the flat norm, zeroing and update).
  bool flatPathApplies() {
    for (const auto& p : frozen)
      if (p.requires_grad() && usable) usable = false, why = "a frozen parameter was unfrozen";
    return usable;
  }

  bool gradsHomed() const {
    for (std::size_t i = 0; i < params.size(); ++i)
      if (!aliases(params[i].grad(), flatGrads, i)) return false;
    return true;
  }

  // Gradients are moved into their slots once every parameter has one; from then on autograd accumulates
  // into the slots (it adds into a defined gradient) and zeroing is one fill.
  bool homeGrads() {
    for (std::size_t i = 0; i < params.size(); ++i) {
      const auto& g = params[i].grad();
      if (!g.defined() || g.is_sparse() || g.dtype() != flatGrads.dtype() || g.device() != flatGrads.device()) {
        why = g.defined() ? "a sparse or mismatched gradient" : "a parameter got no gradient";
        return false;
      }
    }
    torch::NoGradGuard noGrad;
    for (std::size_t i = 0; i < params.size(); ++i) {
      if (aliases(params[i].grad(), flatGrads, i)) continue;
      auto s = slot(flatGrads, i);
      s.copy_(params[i].grad());
      params[i].mutable_grad() = s;
    }
    return true;
  }

  // The moments of SGD (momentum buffer) or Adam/AdamW (exp_avg, exp_avg_sq) as views of their slots.
  torch::Tensor* firstMoment(torch::optim::OptimizerParamState* s) const {
    if (kind == Kind::Sgd) return &static_cast<torch::optim::SGDParamState*>(s)->momentum_buffer();
    if (kind == Kind::Adam) return &static_cast<torch::optim::AdamParamState*>(s)->exp_avg();
    return &static_cast<torch::optim::AdamWParamState*>(s)->exp_avg();
  }
  torch::Tensor* secondMoment(torch::optim::OptimizerParamState* s) const {
    if (kind == Kind::Adam) return &static_cast<torch::optim::AdamParamState*>(s)->exp_avg_sq();
    return &static_cast<torch::optim::AdamWParamState*>(s)->exp_avg_sq();
  }
  int64_t stepCount(torch::optim::OptimizerParamState* s) const {
    if (kind == Kind::Adam) return static_cast<torch::optim::AdamParamState*>(s)->step();
    return static_cast<torch::optim::AdamWParamState*>(s)->step();
  }
  void setStepCount(torch::optim::OptimizerParamState* s, int64_t n) const {
    if (kind == Kind::Adam) static_cast<torch::optim::AdamParamState*>(s)->step(n);
    if (kind == Kind::AdamW) static_cast<torch::optim::AdamWParamState*>(s)->step(n);
  }
  bool dampened() const {
    return kind == Kind::Sgd &&
           static_cast<torch::optim::SGDOptions&>(torchOptimizer->param_groups()[0].options()).dampening() != 0;
  }
  bool hasState() const {
    if (kind != Kind::Sgd) return true;
    return static_cast<torch::optim::SGDOptions&>(torchOptimizer->param_groups()[0].options()).momentum() != 0;
  }
  bool amsgrad() const {
    auto& o = torchOptimizer->param_groups()[0].options();
    if (kind == Kind::Adam) return static_cast<torch::optim::AdamOptions&>(o).amsgrad();
    if (kind == Kind::AdamW) return static_cast<torch::optim::AdamWOptions&>(o).amsgrad();
    return false;
  }

  bool stateHomed() const {
    if (states.size() != params.size()) return false;
    for (std::size_t i = 0; i < params.size(); ++i) {
      if (!aliases(*firstMoment(states[i]), moment1, i)) return false;
      if (kind != Kind::Sgd && !aliases(*secondMoment(states[i]), moment2, i)) return false;
    }
    return true;
  }

  // New state starts as zero slots (for SGD's momentum exactly what libtorch's first step gives: 0 * m + g);
  // state read from a checkpoint is copied into the slots. Partial state or unequal step counts (a parameter
  // that missed steps) are left to libtorch.
  bool homeState() {
    if (!hasState()) return true;
    if (stateHomed()) return true;
    if (amsgrad()) return void(why = "amsgrad"), false;
    if (dampened()) return void(why = "SGD with dampening"), false;
    states.clear();
    auto& map = torchOptimizer->state();
    std::vector<torch::optim::OptimizerParamState*> found;
    std::size_t present = 0;
    for (const auto& p : params) {
      auto it = map.find(stateKey(p));
      found.push_back(it == map.end() ? nullptr : it->second.get());
      present += it != map.end();
    }
    torch::NoGradGuard noGrad;
    if (present == 0) {
      moment1.zero_();
      if (kind != Kind::Sgd) moment2.zero_();
      for (std::size_t i = 0; i < params.size(); ++i) {
        std::unique_ptr<torch::optim::OptimizerParamState> s;
        if (kind == Kind::Sgd) {
          auto st = std::make_unique<torch::optim::SGDParamState>();
          st->momentum_buffer(slot(moment1, i));
          s = std::move(st);
        } else if (kind == Kind::Adam) {
          auto st = std::make_unique<torch::optim::AdamParamState>();
          st->exp_avg(slot(moment1, i)).exp_avg_sq(slot(moment2, i));
          s = std::move(st);
        } else {
          auto st = std::make_unique<torch::optim::AdamWParamState>();
          st->exp_avg(slot(moment1, i)).exp_avg_sq(slot(moment2, i));
          s = std::move(st);
        }
        found[i] = s.get();
        map[stateKey(params[i])] = std::move(s);
      }
      states = found;
      return true;
    }
    const std::string uneven = "optimizer state of only some parameters, or unequal step counts (a parameter missed steps)";
    if (present != params.size()) return void(why = uneven), false;
    for (std::size_t i = 0; i < params.size(); ++i) {
      const auto* m1 = firstMoment(found[i]);
      if (!m1->defined() || m1->numel() != params[i].numel()) return void(why = uneven), false;
      if (kind != Kind::Sgd) {
        const auto* m2 = secondMoment(found[i]);
        if (!m2->defined() || m2->numel() != params[i].numel() || stepCount(found[i]) != stepCount(found[0]))
          return void(why = uneven), false;
      }
    }
    for (std::size_t i = 0; i < params.size(); ++i) {  // reshape: a checkpoint's tensors need not be contiguous
      if (!aliases(*firstMoment(found[i]), moment1, i)) {
        auto s = slot(moment1, i);
        s.copy_(firstMoment(found[i])->reshape(s.sizes()));
        *firstMoment(found[i]) = s;
      }
      if (kind != Kind::Sgd && !aliases(*secondMoment(found[i]), moment2, i)) {
        auto s = slot(moment2, i);
        s.copy_(secondMoment(found[i])->reshape(s.sizes()));
        *secondMoment(found[i]) = s;
      }
    }
    states = found;
    return true;
  }

  // libtorch 1.13's update rules, operator for operator, on the whole buffers.
  void flatStep() {
    torch::NoGradGuard noGrad;
    auto& group = torchOptimizer->param_groups()[0];
    if (kind == Kind::Sgd) {
      const auto& o = static_cast<torch::optim::SGDOptions&>(group.options());
      torch::Tensor d = flatGrads;
      if (o.weight_decay() != 0) d = d.add(flatParams, o.weight_decay());
      if (o.momentum() != 0) {
        // libtorch's first step sets the buffer to the gradient; from a zero buffer, m * 0 + (1 - dampening) g is
        // the same exactly when dampening is 0, which is all TrainConfig sets (homeState refuses otherwise).
        moment1.mul_(o.momentum()).add_(d, 1 - o.dampening());
        d = o.nesterov() ? d.add(moment1, o.momentum()) : moment1;
      }
      flatParams.add_(d, -o.lr());
      return;
    }
    double lr, beta1, beta2, eps, decay;
    if (kind == Kind::Adam) {
      const auto& o = static_cast<torch::optim::AdamOptions&>(group.options());
      lr = o.lr(), beta1 = std::get<0>(o.betas()), beta2 = std::get<1>(o.betas()), eps = o.eps(), decay = o.weight_decay();
    } else {
      const auto& o = static_cast<torch::optim::AdamWOptions&>(group.options());
      lr = o.lr(), beta1 = std::get<0>(o.betas()), beta2 = std::get<1>(o.betas()), eps = o.eps(), decay = o.weight_decay();
    }
    if (kind == Kind::AdamW && decay != 0) flatParams.mul_(1 - lr * decay);  // decoupled decay, before the step
    const int64_t step = stepCount(states[0]) + 1;
    for (auto* s : states) setStepCount(s, step);
    const double correction1 = 1 - std::pow(beta1, static_cast<double>(step));
    const double correction2 = 1 - std::pow(beta2, static_cast<double>(step));
    torch::Tensor g = flatGrads;
    if (kind == Kind::Adam && decay != 0) g = g.add(flatParams, decay);  // Adam's L2 term, in the gradient
    moment1.mul_(beta1).add_(g, 1 - beta1);
    moment2.mul_(beta2).addcmul_(g, g, 1 - beta2);
    at::sqrt_out(scratch, moment2);
    scratch.div_(std::sqrt(correction2)).add_(eps);
    flatParams.addcdiv_(moment1, scratch, -lr / correction1);
  }
};

TrainingOptimizer::TrainingOptimizer(const TrainConfig& c, std::vector<torch::Tensor> params)
    : TrainingOptimizer(c, std::vector<ParameterGroup>{ParameterGroup{std::move(params), 1.0}}) {}

namespace {

std::unique_ptr<torch::optim::OptimizerOptions> optionsFor(const TrainConfig& c, double lr) {
  namespace optim = torch::optim;
  if (c.optimizer == "sgd")
    return std::make_unique<optim::SGDOptions>(
        optim::SGDOptions(lr).momentum(c.momentum).nesterov(c.nesterov).weight_decay(c.weight_decay));
  if (c.optimizer == "adam") return std::make_unique<optim::AdamOptions>(optim::AdamOptions(lr).weight_decay(c.weight_decay));
  return std::make_unique<optim::AdamWOptions>(optim::AdamWOptions(lr).weight_decay(c.weight_decay));
}

}  // namespace

TrainingOptimizer::TrainingOptimizer(const TrainConfig& c, std::vector<ParameterGroup> groups)
    : d_(std::make_unique<Impl>()) {
  namespace optim = torch::optim;
  std::vector<optim::OptimizerParamGroup> torchGroups;
  std::vector<torch::Tensor> all;
  for (auto& g : groups) {
    if (g.params.empty()) continue;  // libtorch refuses empty groups; the multiplier of nothing is moot
    d_->multipliers.push_back(g.lr_multiplier);
    all.insert(all.end(), g.params.begin(), g.params.end());
    torchGroups.emplace_back(g.params, optionsFor(c, c.lr * g.lr_multiplier));
  }
  if (torchGroups.empty()) {  // a model without parameters still gets an optimizer, as libtorch allows
    torchGroups.emplace_back(std::vector<torch::Tensor>{}, optionsFor(c, c.lr));
    d_->multipliers = {1.0};
  }
  if (c.optimizer == "sgd") {
    d_->kind = Kind::Sgd;
    d_->torchOptimizer = std::make_unique<optim::SGD>(torchGroups, static_cast<optim::SGDOptions&>(*optionsFor(c, c.lr)));
  } else if (c.optimizer == "adam") {
    d_->kind = Kind::Adam;
    d_->torchOptimizer = std::make_unique<optim::Adam>(torchGroups, static_cast<optim::AdamOptions&>(*optionsFor(c, c.lr)));
  } else {
    d_->kind = Kind::AdamW;
    d_->torchOptimizer = std::make_unique<optim::AdamW>(torchGroups, static_cast<optim::AdamWOptions&>(*optionsFor(c, c.lr)));
  }
  d_->layOut(std::move(all));
}

TrainingOptimizer::~TrainingOptimizer() = default;

void TrainingOptimizer::setLearningRate(double lr) {
  auto& groups = d_->torchOptimizer->param_groups();
  for (std::size_t i = 0; i < groups.size(); ++i) groups[i].options().set_lr(lr * d_->multipliers.at(i));
}

std::vector<double> TrainingOptimizer::groupLearningRates() const {
  std::vector<double> out;
  for (const auto& g : d_->torchOptimizer->param_groups()) out.push_back(g.options().get_lr());
  return out;
}

void TrainingOptimizer::zeroGrad() {
  if (d_->flatPathApplies() && d_->gradsHomed()) {
    d_->flatGrads.zero_();
    return;
  }
  // libtorch's zero_grad, except that gradients left as views of the flat buffer (after the flat path ended)
  // are zeroed in place: detach_() refuses views.
  torch::NoGradGuard noGrad;
  for (auto& group : d_->torchOptimizer->param_groups())
    for (auto& p : group.params()) {
      auto& g = p.mutable_grad();
      if (!g.defined()) continue;
      if (!g.is_view()) g.detach_();
      g.zero_();
    }
}

double TrainingOptimizer::clipGradNorm(double max_norm) {
  if (!d_->flatPathApplies() || !d_->homeGrads()) {
    std::vector<torch::Tensor> all;
    for (const auto& g : d_->torchOptimizer->param_groups())
      for (const auto& p : g.params()) all.push_back(p);
    return torch::nn::utils::clip_grad_norm_(all, max_norm > 0 ? max_norm : 1e30);
  }
  const double norm = d_->flatGrads.norm().item<double>();
  if (max_norm > 0 && std::isfinite(norm)) {
    const double coefficient = max_norm / (norm + 1e-6);
    if (coefficient < 1) {
      torch::NoGradGuard noGrad;
      d_->flatGrads.mul_(coefficient);
    }
  }
  return norm;
}

void TrainingOptimizer::step() {
  d_->lastFlat = d_->flatPathApplies() && d_->homeParams() && d_->homeGrads() && d_->homeState();
  if (d_->lastFlat) {
    d_->flatStep();
    // The update wrote through the flat buffer, whose version counter is not the parameters' own: bump those
    // as libtorch's in-place update does, so a graph kept across the step still detects the change.
    for (auto& p : d_->params) p.unsafeGetTensorImpl()->bump_version();
    return;
  }
  d_->states.clear();  // libtorch's step may leave step counts unequal: check them again before going flat
  d_->torchOptimizer->step();
}

void TrainingOptimizer::save(torch::serialize::OutputArchive& archive) const { d_->torchOptimizer->save(archive); }

void TrainingOptimizer::load(torch::serialize::InputArchive& archive) {
  d_->states.clear();  // load replaces the state objects; they are found and homed again at the next step
  d_->torchOptimizer->load(archive);
}

bool TrainingOptimizer::lastStepWasFlat() const { return d_->lastFlat; }

std::string TrainingOptimizer::lastStepPath() const {
  return d_->lastFlat ? "flat buffers" : "libtorch's per-tensor step (" + d_->why + ")";
}

}  // namespace fusebench::train
