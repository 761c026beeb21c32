// TrainingOptimizer (flat buffers) against libtorch's own optimizers: the same updates, the same checkpoint
// format, and libtorch's path whenever the flat one could not do exactly the same.
#include <gtest/gtest.h>

#include <sstream>

#include "train/optimizer.h"

using namespace fusebench::train;

namespace {

// A small model with the kinds of parameters nodes have: matrices, biases, normalization weights.
struct Net : torch::nn::Module {
  Net() {
    torch::manual_seed(7);
    a = register_module("a", torch::nn::Linear(6, 8));
    norm = register_module("norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({8})));
    b = register_module("b", torch::nn::Linear(8, 3));
    unused = register_module("unused", torch::nn::Linear(2, 2));  // never in forward: never gets a gradient
  }
  torch::Tensor forward(const torch::Tensor& x) { return b(torch::relu(norm(a(x)))); }
  torch::nn::Linear a{nullptr}, b{nullptr}, unused{nullptr};
  torch::nn::LayerNorm norm{nullptr};
};

TrainConfig config(const std::string& optimizer) {
  TrainConfig c;
  c.optimizer = optimizer;
  c.lr = 0.05;
  c.weight_decay = 0.01;
  c.momentum = 0.9;
  c.nesterov = optimizer == "sgd";
  return c;
}

std::unique_ptr<torch::optim::Optimizer> libtorchOptimizer(const TrainConfig& c, std::vector<torch::Tensor> params) {
  namespace optim = torch::optim;
  if (c.optimizer == "sgd")
    return std::make_unique<optim::SGD>(
        params, optim::SGDOptions(c.lr).momentum(c.momentum).nesterov(c.nesterov).weight_decay(c.weight_decay));
  if (c.optimizer == "adam") return std::make_unique<optim::Adam>(params, optim::AdamOptions(c.lr).weight_decay(c.weight_decay));
  return std::make_unique<optim::AdamW>(params, optim::AdamWOptions(c.lr).weight_decay(c.weight_decay));
}

std::vector<torch::Tensor> trainable(Net& net, bool withUnused) {
  std::vector<torch::Tensor> out;
  for (const auto& p : net.named_parameters())
    if (withUnused || p.key().rfind("unused", 0) != 0) out.push_back(p.value());
  return out;
}

torch::Tensor lossOf(Net& net, int step) {
  torch::manual_seed(100 + step);
  auto x = torch::randn({16, 6});
  auto y = torch::randint(0, 3, {16});
  return torch::nn::functional::cross_entropy(net.forward(x), y);
}

// One training step of the same batch on both: the flat optimizer (with the trainer's norm) and libtorch's.
void stepBoth(Net& flatNet, TrainingOptimizer& flat, Net& torchNet, torch::optim::Optimizer& plain, int step) {
  flat.zeroGrad();
  plain.zero_grad();
  lossOf(flatNet, step).backward();
  lossOf(torchNet, step).backward();
  flat.clipGradNorm(0);
  flat.step();
  plain.step();
}

void expectSameParameters(Net& a, Net& b, double tolerance, const std::string& what) {
  auto pa = a.named_parameters(), pb = b.named_parameters();
  for (const auto& p : pa) {
    const auto& q = pb[p.key()];
    if (tolerance == 0)
      EXPECT_TRUE(torch::equal(p.value(), q)) << what << ": " << p.key();
    else
      EXPECT_TRUE(torch::allclose(p.value(), q, tolerance, tolerance))
          << what << ": " << p.key() << " differs by " << (p.value() - q).abs().max().item<double>();
  }
}

}  // namespace

TEST(TrainingOptimizer, FlatStepsMatchLibtorchForEveryOptimizer) {
  for (const std::string kind : {"sgd", "adam", "adamw"}) {
    Net flatNet, torchNet;
    auto c = config(kind);
    TrainingOptimizer flat(c, trainable(flatNet, false));
    auto plain = libtorchOptimizer(c, trainable(torchNet, false));
    for (int step = 0; step < 12; ++step) {
      flat.setLearningRate(c.lr * (step < 6 ? 1.0 : 0.5));  // a schedule: the flat path reads the group's lr
      for (auto& g : plain->param_groups()) g.options().set_lr(c.lr * (step < 6 ? 1.0 : 0.5));
      stepBoth(flatNet, flat, torchNet, *plain, step);
      EXPECT_TRUE(flat.lastStepWasFlat()) << kind << " step " << step;
    }
    expectSameParameters(flatNet, torchNet, 1e-6, kind);
  }
}

TEST(TrainingOptimizer, ACheckpointResumesExactlyAndStaysLibtorchsFormat) {
  auto c = config("adamw");
  Net straight;
  TrainingOptimizer straightOpt(c, trainable(straight, false));
  Net first;
  TrainingOptimizer firstOpt(c, trainable(first, false));
  auto run = [](Net& net, TrainingOptimizer& opt, int from, int to) {
    for (int step = from; step < to; ++step) {
      opt.zeroGrad();
      lossOf(net, step).backward();
      opt.clipGradNorm(0);
      opt.step();
    }
  };
  run(straight, straightOpt, 0, 8);
  run(first, firstOpt, 0, 4);
  std::stringstream model, optimizer;
  {
    torch::serialize::OutputArchive m, o;
    first.save(m);
    firstOpt.save(o);
    m.save_to(model);
    o.save_to(optimizer);
  }
  // A fresh model and optimizer read the checkpoint: loading rebinds the parameters to the file's storage,
  // so the first step copies them (and the state) back into the flat buffers.
  Net resumed;
  TrainingOptimizer resumedOpt(c, trainable(resumed, false));
  {
    torch::serialize::InputArchive m, o;
    m.load_from(model);
    resumed.load(m);
    std::stringstream optimizerCopy(optimizer.str());
    o.load_from(optimizerCopy);
    resumedOpt.load(o);
  }
  run(resumed, resumedOpt, 4, 8);
  EXPECT_TRUE(resumedOpt.lastStepWasFlat());
  expectSameParameters(straight, resumed, 0, "resumed after 4 of 8 steps");

  // libtorch's own AdamW reads the state the flat optimizer wrote: 4 steps, the same moments.
  Net other;
  auto params = trainable(other, false);
  torch::optim::AdamW plain(params, torch::optim::AdamWOptions(c.lr).weight_decay(c.weight_decay));
  torch::serialize::InputArchive o;
  o.load_from(optimizer);
  plain.load(o);
  ASSERT_EQ(plain.state().size(), params.size());
  for (const auto& p : params) {
    const auto& s = static_cast<torch::optim::AdamWParamState&>(*plain.state().at(c10::guts::to_string(p.unsafeGetTensorImpl())));
    EXPECT_EQ(s.step(), 4);
    EXPECT_EQ(s.exp_avg().sizes(), p.sizes());
    EXPECT_GT(s.exp_avg_sq().sum().item<double>(), 0.0);
  }
}

TEST(TrainingOptimizer, AParameterWithoutGradientTakesLibtorchsPath) {
  Net flatNet, torchNet;
  auto c = config("adam");
  TrainingOptimizer flat(c, trainable(flatNet, true));  // "unused" never gets a gradient
  auto plain = libtorchOptimizer(c, trainable(torchNet, true));
  for (int step = 0; step < 5; ++step) {
    stepBoth(flatNet, flat, torchNet, *plain, step);
    EXPECT_FALSE(flat.lastStepWasFlat());
  }
  expectSameParameters(flatNet, torchNet, 1e-6, "with a parameter that gets no gradient");
}

TEST(TrainingOptimizer, GradientNormClippingAndNonFiniteGradients) {
  Net a, b;
  auto c = config("sgd");
  TrainingOptimizer flat(c, trainable(a, false));
  lossOf(a, 0).backward();
  lossOf(b, 0).backward();
  auto bParams = trainable(b, false);
  const double expected = torch::nn::utils::clip_grad_norm_(bParams, 1e30);
  const double norm = flat.clipGradNorm(0);  // no clipping: the norm only
  EXPECT_NEAR(norm, expected, 1e-5 * expected);
  const double clipped = flat.clipGradNorm(norm / 4);  // now clipped to a quarter
  EXPECT_NEAR(clipped, norm, 1e-5 * norm);
  EXPECT_NEAR(flat.clipGradNorm(0), norm / 4, 1e-4 * norm);
  a.a->weight.mutable_grad()[0][0] = std::numeric_limits<float>::quiet_NaN();
  EXPECT_FALSE(std::isfinite(flat.clipGradNorm(1.0)));
}

TEST(TrainingOptimizer, AGraphKeptAcrossAStepSeesTheUpdate) {
  // The update writes through the flat buffer; the parameters' own version counters must still move, so
  // autograd refuses a backward through a graph whose saved weights changed underneath it (as with libtorch).
  Net net;
  TrainingOptimizer opt(config("adamw"), trainable(net, false));
  for (int step = 0; step < 2; ++step) {
    opt.zeroGrad();
    auto loss = lossOf(net, step);
    loss.backward({}, /*retain_graph=*/true);
    opt.step();
    ASSERT_TRUE(opt.lastStepWasFlat()) << opt.lastStepPath();
    EXPECT_THROW(loss.backward(), c10::Error) << "step " << step;
  }
}

TEST(TrainingOptimizer, UnfreezingAParameterHandsTheRunToLibtorch) {
  Net flatNet, torchNet;
  flatNet.b->bias.requires_grad_(false);
  torchNet.b->bias.requires_grad_(false);
  auto c = config("adamw");
  TrainingOptimizer flat(c, trainable(flatNet, false));
  auto plain = libtorchOptimizer(c, trainable(torchNet, false));
  for (int step = 0; step < 6; ++step) {
    if (step == 3) {  // unfrozen mid-run: libtorch steps it from now on, and so must we
      flatNet.b->bias.requires_grad_(true);
      torchNet.b->bias.requires_grad_(true);
    }
    stepBoth(flatNet, flat, torchNet, *plain, step);
    EXPECT_EQ(flat.lastStepWasFlat(), step < 3) << flat.lastStepPath();
  }
  EXPECT_NE(flat.lastStepPath().find("unfrozen"), std::string::npos) << flat.lastStepPath();
  expectSameParameters(flatNet, torchNet, 1e-6, "a parameter unfrozen after 3 steps");
}
