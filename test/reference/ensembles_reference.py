"""scikit-learn's ensembles (extra trees, AdaBoost) for the tests under test/models/.

Regenerate with Debian's python3-sklearn (scikit-learn 1.2.1, numpy 1.24), after
trees_reference.py (whose trees_data.csv the classification cases read):
    /usr/bin/python3 test/reference/ensembles_reference.py > test/reference/ensembles_reference.json

Models, with scikit-learn 1.2's defaults: ExtraTreesClassifier() and ExtraTreesRegressor() (100
trees, no bootstrap, max_features sqrt / 1.0), AdaBoostClassifier() (50 stumps, SAMME.R,
learning_rate 1) and AdaBoostRegressor() (50 depth-3 trees, linear loss, learning_rate 1).

What can be compared exactly, and what only over seeds:
- Extra trees draw thresholds with scikit-learn's own random stream, which no other stream can
  reproduce: held-out Accuracy and AUC (classification, the four cases of trees_reference.py) and
  R2 (regression, "noisy" below) are averaged over 5 random_states ("seedMean").
- AdaBoostClassifier draws nothing but the feature order of its stumps, which only breaks exact
  ties. On every case (the "quantile" ones add two full-precision features, which a stump must
  split at scikit-learn's exact thresholds, not at bin edges) the script asserts that five
  random_states give the same probabilities, and records them ("proba"), so the whole 50-round
  boosting is compared exactly. "stump": one weighted depth-1 tree, and AdaBoostClassifier with one
  estimator, on the y3-exact case.
- AdaBoostRegressor draws a weighted bootstrap every round (numpy's RandomState.choice). With a
  RandomState whose random_sample returns the systematic draws (k + 0.5) / n, choice's own code
  (cumulative weights, searchsorted) turns each round's weights into a deterministic sample, so
  the whole fit can be compared exactly ("systematic", on "exact" features: the script asserts
  that the seed, which now only orders the trees' features, changes nothing). With real draws
  only the seed-mean R2 is compared ("noisy").
- The formulas on fixed inputs: SAMME.R's predict_proba from given estimator probabilities
  (zeros included, for the clipping), the weighted median of given predictions and weights (ties
  and zero weights included), and choice's rows for given weights and systematic draws.
"""
import csv
import json
import os
import re

import numpy as np
import sklearn
from sklearn.ensemble import AdaBoostClassifier, AdaBoostRegressor, ExtraTreesClassifier, ExtraTreesRegressor
from sklearn.metrics import r2_score, roc_auc_score
from sklearn.tree import DecisionTreeClassifier

HERE = os.path.dirname(os.path.abspath(__file__))
SEEDS = range(5)


def values(a):
    return [float(v) for v in np.asarray(a).ravel()]


def rows(a):
    return [[float(v) for v in row] for row in np.asarray(a)]


def auc(y_true, proba):
    if proba.shape[1] == 2:
        return roc_auc_score(y_true, proba[:, 1])
    return roc_auc_score(y_true, proba, multi_class="ovr", average="weighted")


class Systematic(np.random.RandomState):
    """A RandomState whose uniform draws are (k + 0.5) / n: choice(p=w) becomes systematic resampling."""

    def random_sample(self, size=None):
        n = int(np.prod(size))
        return ((np.arange(n) + 0.5) / n).reshape(size)


class Fixed:
    """An estimator that returns given outputs, to run scikit-learn's combining code on them."""

    def __init__(self, output):
        self.output = np.asarray(output, dtype=float)

    def predict_proba(self, X):
        return self.output.copy()

    def predict(self, X):
        return self.output.copy()


# Classification: the data of trees_reference.py.
with open(os.path.join(HERE, "trees_data.csv")) as f:
    records = list(csv.DictReader(f))
is_train = np.array([r["split"] == "train" for r in records])
classification = {}
for target in ("y2", "y3"):
    y = np.array([int(r[target]) for r in records])
    for bins, names in (("exact", [f"x{j}" for j in range(8)]), ("quantile", [f"x{j}" for j in range(8)] + ["c0", "c1"])):
        X = np.array([[float(r[name]) for name in names] for r in records])
        X_train, y_train, X_test, y_test = X[is_train], y[is_train], X[~is_train], y[~is_train]
        case = {"target": target, "features": names}
        forests = [ExtraTreesClassifier(random_state=s).fit(X_train, y_train).predict_proba(X_test) for s in SEEDS]
        case["extraTreesSeedMean"] = {
            "accuracy": float(np.mean([(p.argmax(axis=1) == y_test).mean() for p in forests])),
            "auc": float(np.mean([auc(y_test, p) for p in forests])),
        }
        boosted = [AdaBoostClassifier(random_state=s).fit(X_train, y_train).predict_proba(X_test) for s in SEEDS]
        case["adaBoost"] = {"accuracy": float((boosted[0].argmax(axis=1) == y_test).mean()), "auc": float(auc(y_test, boosted[0]))}
        assert all(np.allclose(p, boosted[0], rtol=1e-12, atol=1e-15) for p in boosted), f"{target}-{bins}: AdaBoost depends on random_state"
        case["adaBoost"]["proba"] = rows(boosted[0])
        classification[f"{target}-{bins}"] = case

# One weighted stump, and AdaBoost with a single estimator, on y3-exact.
names = [f"x{j}" for j in range(8)]
X = np.array([[float(r[name]) for name in names] for r in records])
y3 = np.array([int(r["y3"]) for r in records])
X_train, y_train, X_test = X[is_train], y3[is_train], X[~is_train]
weight = np.random.RandomState(921).uniform(0.1, 2.0, len(y_train)).round(3)
stumps = [DecisionTreeClassifier(max_depth=1, random_state=s).fit(X_train, y_train, sample_weight=weight) for s in SEEDS]
assert all(s.tree_.feature[0] == stumps[0].tree_.feature[0] and s.tree_.threshold[0] == stumps[0].tree_.threshold[0] for s in stumps)
tree = stumps[0].tree_
leaf_proba = tree.value[:, 0, :] / tree.value[:, 0, :].sum(axis=1, keepdims=True)
single = AdaBoostClassifier(n_estimators=1, random_state=0).fit(X_train, y_train)
stump = {
    "weight": values(weight),
    "feature": int(tree.feature[0]),
    "threshold": float(tree.threshold[0]),
    "left": values(leaf_proba[tree.children_left[0]]),
    "right": values(leaf_proba[tree.children_right[0]]),
    "singleEstimatorProba": rows(single.predict_proba(X_test)),
}

# SAMME.R's combination on fixed estimator probabilities: zeros exercise the clipping at eps.
samme_r = {}
for k, estimators in (
    (2, [[[0.9, 0.1], [0.2, 0.8], [1.0, 0.0], [0.5, 0.5]],
         [[0.6, 0.4], [0.0, 1.0], [0.7, 0.3], [0.25, 0.75]],
         [[0.55, 0.45], [0.3, 0.7], [1.0, 0.0], [0.5, 0.5]]]),
    (3, [[[0.7, 0.2, 0.1], [0.0, 0.5, 0.5], [1 / 3, 1 / 3, 1 / 3], [0.0, 0.0, 1.0]],
         [[0.5, 0.25, 0.25], [0.1, 0.8, 0.1], [0.2, 0.2, 0.6], [0.05, 0.05, 0.9]]]),
):
    model = AdaBoostClassifier()
    model.estimators_ = [Fixed(e) for e in estimators]
    model.estimator_weights_ = np.ones(len(estimators))
    model.n_classes_ = k
    model.classes_ = np.arange(k)
    model.n_features_in_ = 1
    samme_r[str(k)] = {"estimators": [rows(e) for e in estimators], "proba": rows(model.predict_proba(np.zeros((4, 1))))}

# The weighted median of fixed predictions (rows x estimators): ties, zero weights, a row whose
# half-weight point falls exactly on a boundary.
predictions = np.array([
    [3.0, 1.0, 2.0, 5.0, 4.0],
    [1.0, 1.0, 1.0, 2.0, 2.0],
    [2.0, 9.0, -1.0, 2.0, 0.5],
    [7.0, 7.0, 7.0, 7.0, 7.0],
])
median_weights = np.array([0.5, 1.0, 0.0, 1.5, 1.0])
model = AdaBoostRegressor()
model.estimators_ = [Fixed(predictions[:, e]) for e in range(predictions.shape[1])]
model.estimator_weights_ = median_weights
model.n_features_in_ = 1
weighted_median = {"predictions": rows(predictions), "weights": values(median_weights), "median": values(model.predict(np.zeros((4, 1))))}

# numpy's choice for given weights (zeros included) and systematic draws.
choice_weights = np.array([0.1, 0.0, 0.25, 0.05, 0.3, 0.0, 0.2, 0.1])
drawn = Systematic(0).choice(np.arange(8), size=8, replace=True, p=choice_weights)
bootstrap = {"weights": values(choice_weights), "counts": [int(c) for c in np.bincount(drawn, minlength=8)]}

# Regression. "exact": every feature with at most 256 distinct values and a continuous target, for
# the systematic AdaBoostRegressor; "noisy": two full-precision features too, for the seed means.
rs = np.random.RandomState(922)
n = 400
X = np.column_stack([
    rs.normal(0, 1, n).round(1),
    rs.uniform(0, 25, n).round(1),
    rs.randint(0, 5, n),
    rs.randint(0, 2, n),
    rs.normal(0, 1, n).round(6),
    rs.uniform(-1, 1, n).round(6),
]).astype(float)
y = (3 * X[:, 0] + 0.2 * X[:, 1] + np.where(X[:, 2] == 2, 2.0, 0.0) + 1.5 * X[:, 3] + 2 * np.sin(2 * X[:, 4]) + rs.normal(0, 1.5, n)).round(6)
train, test = slice(0, 300), slice(300, n)
regression = {"XTrain": rows(X[train]), "yTrain": values(y[train]), "XTest": rows(X[test]), "yTest": values(y[test])}
exact = [0, 1, 2, 3]
for j in exact:
    assert len(np.unique(X[train, j])) <= 256
fits = [AdaBoostRegressor(random_state=Systematic(s)).fit(X[train][:, exact], y[train]) for s in range(3)]
fitted = [m.predict(X[test][:, exact]) for m in fits]
assert all(np.allclose(p, fitted[0], rtol=1e-12, atol=0) for p in fitted), "systematic AdaBoostRegressor depends on the trees' feature order"
regression["systematic"] = {
    "features": exact,
    "estimators": len(fits[0].estimators_),
    "estimatorWeights": values(fits[0].estimator_weights_[: len(fits[0].estimators_)]),
    "predictions": values(fitted[0]),
}
regression["extraTreesR2"] = [r2_score(y[test], ExtraTreesRegressor(random_state=s).fit(X[train], y[train]).predict(X[test])) for s in SEEDS]
regression["extraTreesR2Mean"] = float(np.mean(regression["extraTreesR2"]))
regression["adaBoostR2"] = [r2_score(y[test], AdaBoostRegressor(random_state=s).fit(X[train], y[train]).predict(X[test])) for s in SEEDS]
regression["adaBoostR2Mean"] = float(np.mean(regression["adaBoostR2"]))

text = json.dumps({
    "sklearn": sklearn.__version__,
    "numpy": np.__version__,
    "classification": classification,
    "stump": stump,
    "sammeR": samme_r,
    "weightedMedian": weighted_median,
    "bootstrap": bootstrap,
    "regression": regression,
}, indent=1)
# One line per innermost list; json writes floats as repr, which round-trips every double exactly.
text = re.sub(r"\[\s*((?:[-\w.+]+,\s*)*[-\w.+]+)\s*\]", lambda m: "[" + ", ".join(v.strip() for v in m.group(1).split(",")) + "]", text)
print(text)
