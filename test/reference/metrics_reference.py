"""scikit-learn's value of every grid metric on fixed folds, for test/evaluate/metrics.test.ts.

Regenerate with Debian's python3-sklearn (scikit-learn 1.2.1, numpy 1.24):
    /usr/bin/python3 test/reference/metrics_reference.py > test/reference/metrics_reference.json

Each case is one fold: true labels 0..k-1 and a row of class probabilities per sample. The
predicted label is numpy's argmax (the first maximum wins), which is what a fitted classifier's
predict returns from these probabilities. The metrics are called as PyCaret's grid calls them:
binary Recall/Prec/F1 for pos_label=1, multiclass ones with average="weighted"; AUC on the
second column (binary) or one-vs-rest weighted over labels=range(k) (multiclass).

Where scikit-learn returns nan or raises, the expected value is null (the metric is undefined on
the fold, our grid gives NaN and leaves the fold out); the reason is kept in "sklearnNotes", as
are the UndefinedMetricWarnings of zero_division="warn" (which score 0). One exception: when a
class is absent from y_true, roc_auc_score(multi_class="ovr", labels=range(k)) raises, since that
class's one-vs-rest AUC is undefined, although its weight (its support, 0) would take it out of
the weighted mean. The expected value there is that weighted mean over the present classes,
computed by scikit-learn on the indicator matrix of those classes; the note records the raise.
"""
import json
import sys
import warnings

import numpy as np
import sklearn
from sklearn.metrics import (
    accuracy_score,
    cohen_kappa_score,
    f1_score,
    matthews_corrcoef,
    precision_score,
    recall_score,
    roc_auc_score,
)
from sklearn.preprocessing import label_binarize

METRIC_IDS = ["Accuracy", "AUC", "Recall", "Prec", "F1", "Kappa", "MCC"]


def binary_proba(p1):
    """Two columns from the probabilities of class 1; rows sum to 1 up to rounding."""
    p1 = np.asarray(p1, dtype=float)
    return np.column_stack([1.0 - p1, p1])


def auc(y, proba, k):
    if k == 2:
        return roc_auc_score(y, proba[:, 1])
    return roc_auc_score(y, proba, multi_class="ovr", average="weighted", labels=list(range(k)))


def auc_over_present_classes(y, proba, k):
    present = np.unique(y)
    indicator = label_binarize(y, classes=list(range(k)))[:, present]
    return roc_auc_score(indicator, proba[:, present], average="weighted")


def averaged(k):
    if k == 2:
        return {"average": "binary", "pos_label": 1}
    return {"average": "weighted", "labels": list(range(k))}


def scores(y, proba, k):
    pred = np.argmax(proba, axis=1)
    return {
        "Accuracy": lambda: accuracy_score(y, pred),
        "AUC": lambda: auc(y, proba, k),
        "Recall": lambda: recall_score(y, pred, **averaged(k)),
        "Prec": lambda: precision_score(y, pred, **averaged(k)),
        "F1": lambda: f1_score(y, pred, **averaged(k)),
        "Kappa": lambda: cohen_kappa_score(y, pred),
        "MCC": lambda: matthews_corrcoef(y, pred),
    }


def describe(caught):
    return "; ".join(f"{w.category.__name__}: {str(w.message).splitlines()[0]}" for w in caught)


def make_case(name, description, y, proba):
    y = np.asarray(y, dtype=np.int64)
    proba = np.asarray(proba, dtype=float)
    k = proba.shape[1]
    assert proba.shape[0] == y.shape[0], name
    assert np.all(np.abs(proba.sum(axis=1) - 1.0) <= 1e-12), f"{name}: rows must sum to 1"
    assert np.all((proba >= 0) & (proba <= 1)), name
    assert np.all((y >= 0) & (y < k)), name
    expected = {}
    notes = {}
    for metric, compute in scores(y, proba, k).items():
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                value = float(compute())
            except ValueError as error:
                value = float("nan")
                notes[metric] = f"raises ValueError: {error}"
                if metric == "AUC" and k > 2 and len(np.unique(y)) >= 2:
                    value = float(auc_over_present_classes(y, proba, k))
                    notes[metric] += " (expected: weighted OvR AUC over the classes present in y_true)"
        if caught:
            notes[metric] = "; ".join(filter(None, [notes.get(metric), describe(caught)]))
        expected[metric] = None if np.isnan(value) else value
    return {
        "name": name,
        "description": description,
        "nClasses": int(k),
        "yTrue": y.tolist(),
        "yPred": np.argmax(proba, axis=1).tolist(),
        "proba": proba.tolist(),
        "expected": expected,
        "sklearnNotes": notes,
    }


def cases():
    third = 1.0 / 3.0
    yield make_case(
        "binary clear separation",
        "every positive scores above every negative (AUC 1), but one positive falls below 0.5",
        [0, 0, 0, 0, 0, 1, 1, 1, 1, 1],
        binary_proba([0.05, 0.1, 0.2, 0.3, 0.35, 0.45, 0.7, 0.8, 0.9, 0.95]),
    )
    yield make_case(
        "binary tied probabilities",
        "scores shared across both classes, and rows at exactly 0.5 whose argmax tie goes to class 0",
        [0, 1, 0, 1, 1, 0, 1, 0, 1, 0, 1, 1],
        binary_proba([0.5, 0.5, 0.5, 0.5, 0.3, 0.3, 0.7, 0.7, 0.7, 0.2, 0.9, 0.5]),
    )
    yield make_case(
        "binary no positive predicted",
        "no row reaches class 1 (rows at 0.5 tie to class 0): precision is 0/0",
        [0, 1, 0, 1, 1, 0, 0, 1],
        binary_proba([0.1, 0.5, 0.2, 0.45, 0.3, 0.5, 0.05, 0.4]),
    )
    yield make_case(
        "3-class all classes present",
        "three classes, unequal supports, some errors",
        [0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 2],
        [
            [0.7, 0.2, 0.1],
            [0.6, 0.3, 0.1],
            [0.3, 0.5, 0.2],
            [0.5, 0.1, 0.4],
            [0.2, 0.7, 0.1],
            [0.1, 0.6, 0.3],
            [0.4, 0.35, 0.25],
            [0.1, 0.2, 0.7],
            [0.2, 0.2, 0.6],
            [0.15, 0.45, 0.4],
            [0.05, 0.15, 0.8],
            [0.3, 0.3, 0.4],
        ],
    )
    yield make_case(
        "3-class with class 1 absent from y_true",
        "class 1 never true but predicted twice; its OvR AUC is undefined and its weight is 0",
        [0, 2, 0, 2, 0, 2, 2, 0],
        [
            [0.6, 0.2, 0.2],
            [0.1, 0.2, 0.7],
            [0.3, 0.5, 0.2],
            [0.5, 0.1, 0.4],
            [0.8, 0.1, 0.1],
            [0.2, 0.45, 0.35],
            [0.25, 0.15, 0.6],
            [0.4, 0.2, 0.4],
        ],
    )
    yield make_case(
        "3-class tied probabilities",
        "argmax ties within rows (first maximum wins) and equal scores across rows in every column",
        [0, 1, 2, 0, 1, 2, 0, 1, 2, 2],
        [
            [third, third, third],
            [third, third, third],
            [0.4, 0.4, 0.2],
            [0.2, 0.4, 0.4],
            [0.4, 0.2, 0.4],
            [0.25, 0.25, 0.5],
            [0.4, 0.4, 0.2],
            [0.2, 0.4, 0.4],
            [0.25, 0.25, 0.5],
            [0.4, 0.2, 0.4],
        ],
    )
    yield make_case(
        "binary single class, all predicted right",
        "every row is class 0 and predicted 0: AUC undefined, kappa 0/0, precision and recall 0/0",
        [0, 0, 0, 0, 0],
        binary_proba([0.1, 0.2, 0.5, 0.3, 0.4]),
    )
    yield make_case(
        "binary single class, some predicted wrong",
        "every row is class 1, two predicted 0: AUC undefined, MCC's marginal constant",
        [1, 1, 1, 1, 1, 1],
        binary_proba([0.9, 0.3, 0.6, 0.5, 0.8, 0.7]),
    )
    yield make_case(
        "3-class single class",
        "every row is class 2, predictions spread over all three classes",
        [2, 2, 2, 2, 2],
        [
            [0.1, 0.2, 0.7],
            [0.5, 0.2, 0.3],
            [0.2, 0.5, 0.3],
            [0.3, 0.3, 0.4],
            [0.4, 0.2, 0.4],
        ],
    )

    rng = np.random.RandomState(20240607)
    # Two decimals, so scores tie across rows and some rows sit exactly at 0.5.
    p1 = np.round(rng.beta(2.0, 2.0, size=200), 2)
    y = (rng.uniform(size=200) < p1).astype(np.int64)
    yield make_case("binary random 200 rows", "seeded, two-decimal scores (ties and 0.5 rows)", y, binary_proba(p1))

    # Small integer weights, so rows tie within (argmax) and across (AUC) often.
    weights = rng.randint(1, 6, size=(300, 4)).astype(float)
    proba = weights / weights.sum(axis=1, keepdims=True)
    y = np.array([rng.choice(4, p=row) for row in proba], dtype=np.int64)
    yield make_case("4-class random 300 rows", "seeded, probabilities from integer weights 1..5", y, proba)


def dumps(value, indent=0):
    """JSON with one line per number list (a row or a label vector), so diffs stay readable."""
    pad = "  " * (indent + 1)
    if isinstance(value, dict):
        items = [f"{pad}{json.dumps(key)}: {dumps(item, indent + 1)}" for key, item in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + "  " * indent + "}" if items else "{}"
    if isinstance(value, list) and any(isinstance(item, (list, dict)) for item in value):
        return "[\n" + ",\n".join(pad + dumps(item, indent + 1) for item in value) + "\n" + "  " * indent + "]"
    return json.dumps(value, allow_nan=False, separators=(", ", ": "))


reference = {
    "sklearn": sklearn.__version__,
    "numpy": np.__version__,
    "metrics": METRIC_IDS,
    "cases": list(cases()),
}
sys.stdout.write(dumps(reference) + "\n")
