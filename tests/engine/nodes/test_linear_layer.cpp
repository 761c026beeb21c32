// LinearLayer (oneDNN's sgemm on float32 CPU tensors) against torch::nn::Linear with the same weights:
// outputs and every gradient, for the shapes nodes use.
#include <gtest/gtest.h>

#include "nodes/linear_layer.h"

using namespace fusebench::nodes;

namespace {

struct Pair {
  LinearLayer fast{nullptr};
  torch::nn::Linear plain{nullptr};
};

Pair makePair(int64_t in, int64_t out, bool bias) {
  torch::manual_seed(3);
  Pair p;
  p.fast = LinearLayer(torch::nn::LinearOptions(in, out).bias(bias));
  p.plain = torch::nn::Linear(torch::nn::LinearOptions(in, out).bias(bias));
  torch::NoGradGuard noGrad;
  p.plain->weight.copy_(p.fast->weight);
  if (bias) p.plain->bias.copy_(p.fast->bias);
  return p;
}

void expectClose(const torch::Tensor& a, const torch::Tensor& b, const std::string& what) {
  ASSERT_TRUE(a.defined()) << what;
  ASSERT_TRUE(b.defined()) << what;
  ASSERT_EQ(a.sizes(), b.sizes()) << what;
  EXPECT_TRUE(torch::allclose(a, b, 1e-5, 1e-5)) << what << ": max difference " << (a - b).abs().max().item<double>();
}

void compare(const std::vector<int64_t>& inputShape, int64_t out, bool bias, bool inputNeedsGrad) {
  const int64_t in = inputShape.back();
  auto p = makePair(in, out, bias);
  auto x = torch::randn(inputShape);
  auto xa = x.clone().requires_grad_(inputNeedsGrad), xb = x.clone().requires_grad_(inputNeedsGrad);
  auto ya = p.fast->forward(xa), yb = p.plain->forward(xb);
  std::string what = "shape " + std::to_string(inputShape.size()) + "-d, out " + std::to_string(out);
  expectClose(ya, yb, what + " output");
  auto weights = torch::randn(ya.sizes());  // a loss that weighs every output differently
  (ya * weights).sum().backward();
  (yb * weights).sum().backward();
  expectClose(p.fast->weight.grad(), p.plain->weight.grad(), what + " weight gradient");
  if (bias) expectClose(p.fast->bias.grad(), p.plain->bias.grad(), what + " bias gradient");
  if (inputNeedsGrad) expectClose(xa.grad(), xb.grad(), what + " input gradient");
}

}  // namespace

TEST(LinearLayer, MatchesTorchLinearForwardAndBackward) {
  compare({64, 16}, 64, true, false);    // a first layer on data
  compare({64, 128}, 64, true, true);    // a hidden layer
  compare({64, 64}, 4, true, true);      // a head
  compare({8, 12, 32}, 24, true, true);  // token sequences [B, L, D]
  compare({5, 7}, 3, false, true);       // no bias
  compare({1, 9}, 2, true, true);        // one row
  compare({9}, 2, true, true);           // a single vector
}

TEST(LinearLayer, ASingleRowLeavesTheParametersAlone) {
  // Once a one-row output aliased the bias (expand().contiguous() of one row is a view) and the product was
  // added into the parameter: every single-sample prediction changed the model.
  auto p = makePair(56, 2, true);
  const auto bias = p.fast->bias.clone(), weight = p.fast->weight.clone();
  auto x = torch::randn({1, 56});
  for (int i = 0; i < 3; ++i) expectClose(p.fast->forward(x), p.plain->forward(x), "one row, call " + std::to_string(i));
  {
    torch::NoGradGuard noGrad;
    expectClose(p.fast->forward(x), p.plain->forward(x), "one row without gradients");
  }
  EXPECT_TRUE(torch::equal(p.fast->bias, bias));
  EXPECT_TRUE(torch::equal(p.fast->weight, weight));
}

TEST(LinearLayer, NonContiguousInputAndEmptyBatch) {
  auto p = makePair(6, 4, true);
  auto x = torch::randn({6, 10}).t();  // [10, 6], not contiguous
  expectClose(p.fast->forward(x), p.plain->forward(x), "transposed input");
  auto empty = torch::zeros({0, 6}, torch::requires_grad());
  auto y = p.fast->forward(empty);
  EXPECT_EQ(y.sizes(), (std::vector<int64_t>{0, 4}));
  y.sum().backward();  // no rows: the weight gradient is a product over zero rows, i.e. zero
  EXPECT_TRUE(torch::equal(p.fast->weight.grad(), torch::zeros({4, 6})));
  EXPECT_TRUE(torch::equal(p.fast->bias.grad(), torch::zeros({4})));
  EXPECT_EQ(empty.grad().sizes(), (std::vector<int64_t>{0, 6}));
}

TEST(LinearLayer, DoubleBackwardIsDifferentiable) {
  // Gradient of a gradient's norm (as gradient penalties need): the backward must itself be differentiable.
  auto p = makePair(5, 3, true);
  auto x = torch::randn({4, 5});
  auto xa = x.clone().requires_grad_(true), xb = x.clone().requires_grad_(true);
  auto ga = torch::autograd::grad({p.fast->forward(xa).pow(2).sum()}, {xa}, {}, true, true)[0];
  auto gb = torch::autograd::grad({p.plain->forward(xb).pow(2).sum()}, {xb}, {}, true, true)[0];
  expectClose(ga, gb, "first gradient");
  ga.pow(2).sum().backward();
  gb.pow(2).sum().backward();
  expectClose(p.fast->weight.grad(), p.plain->weight.grad(), "second-order weight gradient");
}

TEST(LinearLayer, OtherDtypesAndInferenceTakeTheirOwnPath) {
  auto p = makePair(6, 4, true);
  p.fast->to(torch::kDouble);
  p.plain->to(torch::kDouble);
  auto x = torch::randn({3, 6}, torch::kDouble);
  expectClose(p.fast->forward(x), p.plain->forward(x), "float64");
  auto q = makePair(6, 4, true);
  torch::NoGradGuard noGrad;
  auto y = torch::randn({3, 6});
  expectClose(q.fast->forward(y), q.plain->forward(y), "without gradients");
}
