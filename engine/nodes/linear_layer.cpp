#include "nodes/linear_layer.h"

#include <cstdlib>
#include <cstring>

#include <ATen/autocast_mode.h>

#ifdef FUSEBENCH_HAVE_ONEDNN
#include <oneapi/dnnl/dnnl.h>
#endif

namespace fusebench::nodes {

#ifdef FUSEBENCH_HAVE_ONEDNN
namespace {

// Row-major c[m, n] (contiguous) = op(A) op(B) + beta c. With k = 0 the product is zero, so c becomes beta c.
// at::get_num_threads() first: on a thread that has not run an ATen parallel region yet it sets that thread's
// OpenMP thread count to LibTorch's, which oneDNN then uses.
void gemm(bool transA, bool transB, int64_t m, int64_t n, int64_t k, const float* a, int64_t lda, const float* b,
          int64_t ldb, float beta, torch::Tensor& c) {
  if (m == 0 || n == 0) return;
  if (k == 0) {
    if (beta == 0) c.zero_();
    return;
  }
  (void)at::get_num_threads();
  const auto status =
      dnnl_sgemm(transA ? 'T' : 'N', transB ? 'T' : 'N', m, n, k, 1.0f, a, lda, b, ldb, beta, c.data_ptr<float>(), n);
  TORCH_CHECK(status == dnnl_success, "oneDNN sgemm failed (status ", static_cast<int>(status), ") for ", m, "x", k,
              " by ", k, "x", n);
}

// y[N, out] = x[N, in] w[out, in]^T + b, with x and w contiguous; an empty b means no bias (autograd functions
// cannot take undefined tensors).
torch::Tensor linearForward(const torch::Tensor& x, const torch::Tensor& w, const torch::Tensor& b) {
  const int64_t rows = x.size(0), in = x.size(1), out = w.size(0);
  const bool hasBias = b.numel() > 0;
  // Always a new tensor: expand(...).contiguous() of a single row would be the bias itself, and the product
  // would then be added into the parameter.
  torch::Tensor y = torch::empty({rows, out}, x.options());
  if (hasBias) y.copy_(b.expand({rows, out}));
  gemm(false, true, rows, out, in, x.data_ptr<float>(), in, w.data_ptr<float>(), in, hasBias ? 1.0f : 0.0f, y);
  return y;
}

struct LinearFunction : public torch::autograd::Function<LinearFunction> {
  static torch::Tensor forward(torch::autograd::AutogradContext* ctx, const torch::Tensor& x, const torch::Tensor& w,
                               const torch::Tensor& b) {
    ctx->save_for_backward({x, w, b});
    return linearForward(x, w, b);
  }
  static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx,
                                                 torch::autograd::variable_list grads) {
    const auto saved = ctx->get_saved_variables();
    const auto &x = saved[0], &w = saved[1], &b = saved[2];
    torch::Tensor g = grads[0].contiguous(), gx, gw, gb;
    const int64_t rows = x.size(0), in = x.size(1), out = w.size(0);
    const bool differentiable = torch::GradMode::is_enabled();  // a double backward: keep the products differentiable
    if (ctx->needs_input_grad(0)) {  // dx[N, in] = g[N, out] w[out, in]
      if (differentiable) {
        gx = g.mm(w);
      } else {
        gx = torch::empty({rows, in}, x.options());
        gemm(false, false, rows, in, out, g.data_ptr<float>(), out, w.data_ptr<float>(), in, 0.0f, gx);
      }
    }
    if (ctx->needs_input_grad(1)) {  // dw[out, in] = g^T[out, N] x[N, in]
      if (differentiable) {
        gw = g.t().mm(x);
      } else {
        gw = torch::empty({out, in}, w.options());
        gemm(true, false, out, in, rows, g.data_ptr<float>(), out, x.data_ptr<float>(), in, 0.0f, gw);
      }
    }
    if (b.numel() > 0 && ctx->needs_input_grad(2)) gb = g.sum(0);
    return {gx, gw, gb};
  }
};

bool switchedOn() {
  const char* e = std::getenv("FUSEBENCH_GEMM");
  return !(e && !std::strcmp(e, "blas"));
}

}  // namespace

bool linearUsesOneDnn() {
  static const bool on = switchedOn();
  return on;
}

namespace {
// Under CPU autocast a product this small (multiply-adds of the forward pass) stays on oneDNN's float32 sgemm:
// the bfloat16 path costs ~90 us a call in casts and setup on this machine (2-core EPYC) and only wins from
// about 8M multiply-adds (sgemm ~150 GFLOP/s, bfloat16 ~600 GFLOP/s: break-even near 8M).
constexpr int64_t kMinBf16MultiplyAdds = int64_t{1} << 23;

bool smallEnoughForFloat32(const torch::Tensor& input, const torch::Tensor& weight) {
  const int64_t in = input.size(-1), rows = in > 0 ? input.numel() / in : 0;
  return rows * in * weight.size(0) < kMinBf16MultiplyAdds;
}
}  // namespace

torch::Tensor LinearLayerImpl::forward(const torch::Tensor& input) {
  const bool autocast = at::autocast::is_cpu_enabled();
  const bool inputType = input.scalar_type() == torch::kFloat || (autocast && input.scalar_type() == torch::kBFloat16);
  const bool oneDnn = linearUsesOneDnn() && input.device().is_cpu() && inputType &&
                      weight.scalar_type() == torch::kFloat && weight.device().is_cpu() && input.dim() >= 1 &&
                      input.layout() == torch::kStrided && weight.layout() == torch::kStrided &&
                      input.size(-1) == weight.size(1) && (!autocast || smallEnoughForFloat32(input, weight));
  if (!oneDnn) return torch::nn::LinearImpl::forward(input);
  auto sizes = input.sizes().vec();
  auto x = input.reshape({-1, input.size(-1)}).to(torch::kFloat).contiguous();
  const bool track = torch::GradMode::is_enabled() &&
                     (x.requires_grad() || weight.requires_grad() || (bias.defined() && bias.requires_grad()));
  const auto b = bias.defined() ? bias : torch::empty({0}, weight.options().requires_grad(false));
  auto y = track ? LinearFunction::apply(x, weight.contiguous(), b) : linearForward(x, weight.contiguous(), b);
  sizes.back() = weight.size(0);
  return y.view(sizes);
}

#else

bool linearUsesOneDnn() { return false; }

torch::Tensor LinearLayerImpl::forward(const torch::Tensor& input) { return torch::nn::LinearImpl::forward(input); }

#endif

}  // namespace fusebench::nodes
