#!/usr/bin/env python3
"""Golden metric values from scikit-learn for tests/engine/train/test_metrics.cpp.
Rerun only when the cases change:  /usr/bin/python3 tests/reference/make_metrics_golden.py
"""
import json
import os

import numpy as np
import sklearn
from sklearn import metrics

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden", "metrics", "metrics.json")


def main():
    rng = np.random.default_rng(3)
    n, k = 240, 4
    labels = rng.integers(0, k, n)
    logits = rng.normal(size=(n, k)) + 1.5 * np.eye(k)[labels]
    logits = np.round(logits, 1)  # creates score ties, which the curves must handle like sklearn
    prob = np.exp(logits) / np.exp(logits).sum(1, keepdims=True)
    prob = prob.astype(np.float32)
    pred = prob.argmax(1)
    p, r, f, s = metrics.precision_recall_fscore_support(labels, pred, labels=list(range(k)), zero_division=0)
    classes = []
    for c in range(k):
        pos = (labels == c).astype(int)
        fpr, tpr, _ = metrics.roc_curve(pos, prob[:, c], drop_intermediate=False)
        prec, rec, _ = metrics.precision_recall_curve(pos, prob[:, c])
        classes.append({"precision": p[c], "recall": r[c], "f1": f[c], "support": int(s[c]),
                        "roc_auc": metrics.roc_auc_score(pos, prob[:, c]),
                        "average_precision": metrics.average_precision_score(pos, prob[:, c]),
                        "fpr": fpr.tolist(), "tpr": tpr.tolist(), "pr_precision": prec.tolist(), "pr_recall": rec.tolist()})
    macro = metrics.precision_recall_fscore_support(labels, pred, average="macro", zero_division=0)
    weighted = metrics.precision_recall_fscore_support(labels, pred, average="weighted", zero_division=0)
    y = rng.normal(size=100) * 3 + 1
    yhat = y + rng.normal(size=100)
    doc = {
        "classes": k, "labels": labels.tolist(), "probabilities": prob.reshape(-1).tolist(),
        "accuracy": metrics.accuracy_score(labels, pred),
        "top_3_accuracy": metrics.top_k_accuracy_score(labels, prob, k=3, labels=list(range(k))),
        "confusion": metrics.confusion_matrix(labels, pred, labels=list(range(k))).tolist(),
        "per_class": classes,
        "macro": {"precision": macro[0], "recall": macro[1], "f1": macro[2],
                  "roc_auc": metrics.roc_auc_score(labels, prob, multi_class="ovr", average="macro")},
        "weighted": {"precision": weighted[0], "recall": weighted[1], "f1": weighted[2]},
        "regression": {"target": y.astype(np.float32).tolist(), "prediction": yhat.astype(np.float32).tolist(),
                       "mae": metrics.mean_absolute_error(y.astype(np.float32), yhat.astype(np.float32)),
                       "rmse": float(np.sqrt(metrics.mean_squared_error(y.astype(np.float32), yhat.astype(np.float32)))),
                       "r2": metrics.r2_score(y.astype(np.float32), yhat.astype(np.float32))},
        "generator": f"scikit-learn {sklearn.__version__}",
    }

    def plain(o):
        if isinstance(o, dict):
            return {a: plain(b) for a, b in o.items()}
        if isinstance(o, list):
            return [plain(x) for x in o]
        if isinstance(o, (np.floating, np.integer)):
            return o.item()
        return o

    with open(OUT, "w") as f:
        json.dump(plain(doc), f)
    print("wrote", OUT)


if __name__ == "__main__":
    main()
