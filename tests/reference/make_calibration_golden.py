#!/usr/bin/env python3
"""Golden calibration values for tests/engine/train/test_calibration.cpp: temperature scaling fitted the
way Guo et al.'s reference code does it (PyTorch, LBFGS on the NLL of softmax(logits / T)), expected
calibration error with 15 equal-width bins (their ECELoss: bins (lower, upper], confidence = top
probability), classwise ECE (Kull et al. 2019) and the reliability bins, in NumPy.
Rerun only when the cases change:  /usr/bin/python3 tests/reference/make_calibration_golden.py
"""
import json
import os

import numpy as np
import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden", "calibration", "calibration.json")
BINS = 15


def fit_temperature(logits, labels):
    z = torch.tensor(logits, dtype=torch.float64)
    y = torch.tensor(labels)
    log_t = torch.zeros(1, dtype=torch.float64, requires_grad=True)  # T = exp(log_t) stays positive
    opt = torch.optim.LBFGS([log_t], lr=1, max_iter=500, tolerance_grad=1e-14, tolerance_change=1e-16,
                            line_search_fn="strong_wolfe")

    def closure():
        opt.zero_grad()
        loss = torch.nn.functional.cross_entropy(z / log_t.exp(), y)
        loss.backward()
        return loss

    opt.step(closure)
    t = float(log_t.exp())
    nll = float(torch.nn.functional.cross_entropy(z / t, y))
    return t, nll


def softmax(z):
    e = np.exp(z - z.max(1, keepdims=True))
    return e / e.sum(1, keepdims=True)


def edges():
    return torch.linspace(0, 1, BINS + 1, dtype=torch.float32).numpy()


def ece_and_bins(prob, labels):
    conf = prob.max(1)
    right = prob.argmax(1) == labels
    e, bins, gap = 0.0, [], 0.0
    b = edges()
    for lo, hi in zip(b[:-1], b[1:]):
        m = (conf > lo) & (conf <= hi)
        n = int(m.sum())
        c = float(conf[m].mean()) if n else 0.0
        a = float(right[m].mean()) if n else 0.0
        if n:
            e += abs(a - c) * n / len(labels)
            gap = max(gap, abs(a - c))
        bins.append({"count": n, "confidence": c, "accuracy": a})
    return e, bins, gap


def classwise_ece(prob, labels):
    k = prob.shape[1]
    b = edges()
    total = 0.0
    for j in range(k):
        p = prob[:, j]
        y = labels == j
        for lo, hi in zip(b[:-1], b[1:]):
            m = (p > lo) & (p <= hi)
            if m.sum():
                total += abs(float(y[m].mean()) - float(p[m].mean())) * m.sum() / len(labels)
    return total / k


def case(name, rng, n, k, sharpness):
    # Labels drawn from softmax(z); the model reports softmax(sharpness * z): over- (> 1) or under-confident.
    z = rng.normal(size=(n, k)) * 1.5
    labels = np.array([rng.choice(k, p=p) for p in softmax(z)])
    logits = (sharpness * z).astype(np.float32)
    t, nll = fit_temperature(logits.astype(np.float64), labels)
    raw = softmax(logits.astype(np.float64)).astype(np.float32)
    cal = softmax(logits.astype(np.float64) / t).astype(np.float32)
    ece, bins, gap = ece_and_bins(raw.astype(np.float64), labels)
    ece_cal, bins_cal, _ = ece_and_bins(cal.astype(np.float64), labels)
    return {"name": name, "classes": k, "logits": logits.flatten().tolist(), "labels": labels.tolist(),
            "temperature": t, "nll_at_temperature": nll, "ece": ece, "max_gap": gap, "bins": bins,
            "classwise_ece": classwise_ece(raw.astype(np.float64), labels), "ece_calibrated": ece_cal,
            "bins_calibrated": bins_cal}


def main():
    rng = np.random.default_rng(7)
    cases = [case("overconfident", rng, 600, 5, 3.0), case("underconfident", rng, 400, 3, 0.4),
             case("two_classes", rng, 300, 2, 2.0)]
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump({"generator": "tests/reference/make_calibration_golden.py", "torch": torch.__version__,
                   "bins": BINS, "cases": cases}, f)
    for c in cases:
        print(c["name"], "T", round(c["temperature"], 5), "ECE", round(c["ece"], 4), "->", round(c["ece_calibrated"], 4))


if __name__ == "__main__":
    main()
