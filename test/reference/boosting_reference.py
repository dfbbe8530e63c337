"""scikit-learn's gradient boosting on seeded data, for the boosting tests under test/models/.

Regenerate with Debian's python3-sklearn (scikit-learn 1.2.1, numpy 1.24):
    /usr/bin/python3 test/reference/boosting_reference.py > test/reference/boosting_reference.json

Every case carries its own data (numpy RandomState, rounded so the JSON stays small), so the tests
need no Python. Models, with scikit-learn's defaults:
GradientBoostingClassifier(), GradientBoostingRegressor(),
HistGradientBoostingClassifier(early_stopping=False), HistGradientBoostingRegressor(early_stopping=False).

"gb-*": GradientBoosting* break ties between equally good splits by a feature order that
random_state draws, which ours cannot follow (we take the lowest feature index). Ties are common:
two features cut a small node the same way when its most extreme rows are the same in both, and
in classification many rows share a residual, so different cuts score the same. Hence three kinds
of case:
- "gb-one-feature": a single feature leaves no order to draw, so held-out predictions (binary,
  multiclass, regression) must match; the script asserts that ten random_states agree (to 1e-12,
  as scikit-learn sums a node's targets in an order that depends on random_state).
- "gb-regression": four features, continuous targets: ties there are between cuts that split the
  training rows alike, so the predictions on the training rows do not depend on random_state
  (asserted) and must match; held-out rows are compared by R2, against the mean of ten
  random_states.
- "gb-classification": four features, binary and 3 classes: held-out accuracy and log-loss,
  against the means of ten random_states.

"hgb": HistGradientBoosting* draw nothing without early stopping or subsampling (ties go to the
lowest feature index, as ours), so any data will do. It needs 2,000 rows for trees to reach 31
leaves with 20 rows each, so its rows come from integer formulas (formula_rows) that the test
recomputes bit for bit, and only predictions are stored: binary, 4 classes (score cut at -1, 0,
1) and regression on the score. Features: three with more than 255 distinct values (quantile
bins, one of them over repeated values), one with 211 and one with 7 (a bin per value).
"binThresholds" are the fitted _BinMapper's bin_thresholds_; "leavesPerTree" the regressor's. "hgb-small" has 30
rows, fewer than 2 * min_samples_leaf: every tree is a single leaf of value 0, and the
predictions are the baseline.
"""
import json
import sys

import numpy as np
import sklearn
from sklearn.ensemble import (GradientBoostingClassifier, GradientBoostingRegressor,
                              HistGradientBoostingClassifier, HistGradientBoostingRegressor)
from sklearn.metrics import accuracy_score, log_loss, r2_score

RANDOM_STATES = range(10)


def rows(a):
    return [[float(v) for v in row] for row in np.asarray(a)]


def values(a):
    return [float(v) for v in np.asarray(a).ravel()]


def agreed(runs):
    """The runs of ten random_states, asserted equal: no tie between features decided anything."""
    spread = max(np.abs(run - runs[0]).max() for run in runs)
    assert spread <= 1e-12, f"random_state changes predictions by {spread}"
    return runs[0]


def gb_one_feature_case():
    rs = np.random.RandomState(1)
    n, n_train = 260, 200
    X = rs.uniform(-3, 3, size=(n, 1)).round(5)
    score = np.sin(2 * X[:, 0]) + 0.4 * X[:, 0] + 0.5 * rs.normal(size=n)
    y_binary = (score > 0.2).astype(int)
    y_multiclass = np.digitize(score, [-0.6, 0.6])
    y_regression = 2 * score
    tr, te = slice(0, n_train), slice(n_train, n)
    proba = lambda y: agreed([GradientBoostingClassifier(random_state=r).fit(X[tr], y[tr]).predict_proba(X[te]) for r in RANDOM_STATES])
    return {
        "XTrain": rows(X[tr]), "XTest": rows(X[te]),
        "yBinary": values(y_binary[tr]), "yMulticlass": values(y_multiclass[tr]), "yRegression": values(y_regression[tr]),
        "binary": rows(proba(y_binary)),
        "multiclass": rows(proba(y_multiclass)),
        "regression": values(agreed([GradientBoostingRegressor(random_state=r).fit(X[tr], y_regression[tr]).predict(X[te]) for r in RANDOM_STATES])),
    }


def gb_regression_case():
    rs = np.random.RandomState(2)
    n, n_train = 270, 180
    X = rs.normal(size=(n, 4)).round(5)
    y = 3 * (X[:, 0] - 0.7 * X[:, 1] + 0.5 * X[:, 3] ** 2) + 2.4 * rs.normal(size=n)
    tr, te = slice(0, n_train), slice(n_train, n)
    models = [GradientBoostingRegressor(random_state=r).fit(X[tr], y[tr]) for r in RANDOM_STATES]
    return {
        "XTrain": rows(X[tr]), "XTest": rows(X[te]), "yTrain": values(y[tr]), "yTest": values(y[te]),
        "trainPredictions": values(agreed([m.predict(X[tr]) for m in models])),
        "testR2Mean": float(np.mean([r2_score(y[te], m.predict(X[te])) for m in models])),
    }


def gb_classification_case():
    rs = np.random.RandomState(7)
    n, n_train = 500, 250
    X = rs.normal(size=(n, 4)).round(4)
    score = X[:, 0] - 0.7 * X[:, 1] + 0.5 * X[:, 3] ** 2 + 0.8 * rs.normal(size=n)
    tr, te = slice(0, n_train), slice(n_train, n)
    out = {"XTrain": rows(X[tr]), "XTest": rows(X[te])}
    for name, y in [("binary", (score > 0.3).astype(int)), ("multiclass", np.digitize(score, [-0.8, 0.8]))]:
        probas = [GradientBoostingClassifier(random_state=r).fit(X[tr], y[tr]).predict_proba(X[te]) for r in RANDOM_STATES]
        out[name] = {
            "yTrain": values(y[tr]), "yTest": values(y[te]),
            "accuracyMean": float(np.mean([accuracy_score(y[te], p.argmax(axis=1)) for p in probas])),
            "logLossMean": float(np.mean([log_loss(y[te], p) for p in probas])),
        }
    return out


def formula_rows(first, last):
    """Rows first..last-1 of the "hgb" case's formula data (test/models/boostingReference.ts builds the same)."""
    X, score = [], []
    for i in range(first, last):
        x0 = ((i * 7919 + 13) % 9973) / 997 - 5
        x1 = ((i * 104729 + 7) % 10007) / 1001 - 5
        x2 = ((i * 31 + 3) % 211) / 10
        x3 = float((i * 17 + 5) % 7)
        x4 = ((i * 1103515245 + 12345) % 2147483648) / 2147483648
        x5 = ((i * 613) % 509) / 7
        noise = ((i * 2654435761) % 4294967296) / 4294967296 - 0.5
        signed = x2 if x3 > 3 else -x2
        X.append([x0, x1, x2, x3, x4, x5])
        score.append(x0 * 0.6 - x1 * x1 * 0.1 + signed * 0.3 + x4 + noise * 1.5 + x5 * 0.02)
    return np.array(X), np.array(score)


def hgb_case():
    X, score = formula_rows(0, 2000)
    X_test, _ = formula_rows(2000, 2060)
    y_binary = (score > 0).astype(int)
    y_multiclass = np.digitize(score, [-1, 0, 1])
    make_classifier = lambda: HistGradientBoostingClassifier(early_stopping=False)
    regressor = HistGradientBoostingRegressor(early_stopping=False).fit(X, score)
    multiclass = make_classifier().fit(X, y_multiclass)
    assert regressor.n_iter_ == 100 and multiclass.n_trees_per_iteration_ == 4
    leaves = [int(p[0].get_n_leaf_nodes()) for p in regressor._predictors]
    assert max(leaves) == 31, "the case should reach max_leaf_nodes"
    return {
        "rows": 2000, "testRows": 60, "multiclassCuts": [-1, 0, 1],
        "binary": rows(make_classifier().fit(X, y_binary).predict_proba(X_test)),
        "multiclass": rows(multiclass.predict_proba(X_test)),
        "regression": values(regressor.predict(X_test)),
        "binThresholds": [values(t) for t in regressor._bin_mapper.bin_thresholds_],
        "leavesPerTree": leaves,
    }


def hgb_small_case():
    rs = np.random.RandomState(5)
    X = rs.normal(size=(30, 2)).round(4)
    y_binary = (X[:, 0] > 0.2).astype(int)
    y_regression = (X[:, 0] * 4 + 1).round(3)
    X_test = rs.normal(size=(5, 2)).round(4)
    classifier = HistGradientBoostingClassifier(early_stopping=False).fit(X, y_binary)
    regressor = HistGradientBoostingRegressor(early_stopping=False).fit(X, y_regression)
    assert all(p[0].get_n_leaf_nodes() == 1 for p in regressor._predictors)
    return {
        "XTrain": rows(X), "XTest": rows(X_test), "yBinary": values(y_binary), "yRegression": values(y_regression),
        "binary": rows(classifier.predict_proba(X_test)), "regression": values(regressor.predict(X_test)),
    }


def main():
    json.dump({
        "versions": {"sklearn": sklearn.__version__, "numpy": np.__version__},
        "gb-one-feature": gb_one_feature_case(),
        "gb-regression": gb_regression_case(),
        "gb-classification": gb_classification_case(),
        "hgb": hgb_case(),
        "hgb-small": hgb_small_case(),
    }, sys.stdout, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
