"""Reference results of scikit-learn's trees for test/models/{decisionTree,randomForest}.test.ts.

Writes test/reference/trees_data.csv (the seeded data set, with a train/test column, so the
TypeScript tests read the very same numbers) and test/reference/trees_reference.json.
Run with Debian's python3-sklearn (scikit-learn 1.2.1, numpy 1.24):
    /usr/bin/python3 test/reference/trees_reference.py

Why seed averages: a fully grown tree meets exact ties in gain at its small deep nodes, and
scikit-learn breaks them by the feature order its random_state draws, which no other random
stream can reproduce. Two scikit-learn trees differing only in random_state agree on about 95%
of test labels here and their accuracies spread by several points, so a single random_state is a
noisy target. The tests compare seed averages, and check exactness where ties cannot occur: the
top levels of the tree (this script fails if they depend on random_state) and a one-feature tree.
"""
import json
import os

import numpy as np
import sklearn
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import roc_auc_score
from sklearn.tree import DecisionTreeClassifier

HERE = os.path.dirname(os.path.abspath(__file__))
ROWS, TRAIN = 600, 420
TREE_SEEDS = range(10)
FOREST_SEEDS = range(5)
TOP_DEPTH = 3

rng = np.random.default_rng(20240601)
# x0..x7 have at most 256 distinct training values each (byte codes in featureBins.ts); c0 and c1
# are full-precision and coded by rank (the "quantile" cases keep the name of the bins they once
# took).
x = np.column_stack([
    np.round(rng.normal(size=ROWS), 2),
    np.round(rng.uniform(0, 25, size=ROWS), 1),
    rng.integers(0, 21, size=ROWS),
    rng.integers(0, 2, size=ROWS),
    rng.integers(0, 5, size=ROWS),
    np.round(rng.normal(size=ROWS) * 2, 1),
    np.round(rng.gamma(2, 3, size=ROWS), 0),
    np.round(rng.uniform(-1, 1, size=ROWS), 2),
]).astype(float)
c = rng.normal(size=(ROWS, 2))
score2 = 1.5 * x[:, 0] + 0.2 * (x[:, 1] - 12.5) + x[:, 3] - 0.8 * (x[:, 4] == 2) + 0.8 * c[:, 0]
y2 = ((score2 > 0.3) ^ (rng.uniform(size=ROWS) < 0.06)).astype(int)
scores3 = np.column_stack([
    x[:, 0] + 0.5 * c[:, 1],
    0.15 * (x[:, 1] - 12.5) + 0.7 * x[:, 3],
    0.3 * x[:, 5] + 0.05 * x[:, 6] - 0.5,
]) + 0.4 * rng.normal(size=(ROWS, 3))
y3 = scores3.argmax(axis=1)
is_train = np.arange(ROWS) < TRAIN
for j in range(x.shape[1]):
    assert len(np.unique(x[is_train, j])) <= 256

columns = {f"x{j}": x[:, j] for j in range(8)} | {"c0": c[:, 0], "c1": c[:, 1]}
with open(os.path.join(HERE, "trees_data.csv"), "w") as out:
    out.write(",".join([*columns, "y2", "y3", "split"]) + "\n")
    for i in range(ROWS):
        # repr round-trips a double exactly, so both sides fit the same numbers.
        values = [repr(float(v[i])) for v in columns.values()]
        out.write(",".join([*values, str(y2[i]), str(y3[i]), "train" if is_train[i] else "test"]) + "\n")


def auc(y_true, proba):
    if proba.shape[1] == 2:
        return roc_auc_score(y_true, proba[:, 1])
    return roc_auc_score(y_true, proba, multi_class="ovr", average="weighted")


def scores(model, X_train, y_train, X_test, y_test):
    proba = model.fit(X_train, y_train).predict_proba(X_test)
    return float((proba.argmax(axis=1) == y_test).mean()), float(auc(y_test, proba)), proba


def top_splits(tree, depth):
    """Internal nodes down to `depth` by path from the root ("" root, "L", "LR", ...)."""
    found = {}
    stack = [(0, "")]
    while stack:
        node, path = stack.pop()
        if tree.children_left[node] == -1 or len(path) >= depth:
            continue
        found[path] = {"feature": int(tree.feature[node]), "threshold": float(tree.threshold[node])}
        stack.append((tree.children_left[node], path + "L"))
        stack.append((tree.children_right[node], path + "R"))
    return found


cases = {}
for target, y in (("y2", y2), ("y3", y3)):
    for bins, names in (("exact", [f"x{j}" for j in range(8)]), ("quantile", [*columns])):
        X = np.column_stack([columns[name] for name in names])
        X_train, y_train, X_test, y_test = X[is_train], y[is_train], X[~is_train], y[~is_train]
        trees = [scores(DecisionTreeClassifier(random_state=s), X_train, y_train, X_test, y_test) for s in TREE_SEEDS]
        forests = [scores(RandomForestClassifier(random_state=s), X_train, y_train, X_test, y_test) for s in FOREST_SEEDS]
        labels0 = trees[0][2].argmax(axis=1)
        case = {
            "target": target,
            "features": names,
            "tree": {"accuracy": trees[0][0], "auc": trees[0][1]},
            "forest": {"accuracy": forests[0][0], "auc": forests[0][1]},
            "treeSeedMean": {"accuracy": np.mean([t[0] for t in trees]), "auc": np.mean([t[1] for t in trees])},
            "forestSeedMean": {"accuracy": np.mean([f[0] for f in forests]), "auc": np.mean([f[1] for f in forests])},
            "treeLabels": [int(v) for v in labels0],
            # How often a reseeded scikit-learn tree agrees with random_state=0 on test labels.
            "treeSelfAgreement": np.mean([(t[2].argmax(axis=1) == labels0).mean() for t in trees[1:]]),
        }
        if bins == "exact":
            tops = [top_splits(DecisionTreeClassifier(random_state=s).fit(X_train, y_train).tree_, TOP_DEPTH) for s in TREE_SEEDS]
            assert all(t == tops[0] for t in tops), f"top splits of {target}/{bins} depend on random_state"
            case["topSplits"] = tops[0]
        cases[f"{target}-{bins}"] = case

# One feature: no feature order to draw, and within a feature both sides take the leftmost of
# equally good thresholds, so the whole tree and its probabilities must match exactly.
X1_train, X1_test = x[is_train][:, [0]], x[~is_train][:, [0]]
one = DecisionTreeClassifier(random_state=0).fit(X1_train, y3[is_train])
one_feature = {
    "feature": "x0",
    "target": "y3",
    "nodeCount": int(one.tree_.node_count),
    "proba": [[float(p) for p in row] for row in one.predict_proba(X1_test)],
}

# The same on one feature of more than 256 distinct values (c0), which ours codes by rank: every
# threshold between neighbouring values is a candidate, so the tree must match here too.
Xw_train, Xw_test = c[is_train][:, [0]], c[~is_train][:, [0]]
assert len(np.unique(Xw_train)) > 256
wide = DecisionTreeClassifier(random_state=0).fit(Xw_train, y2[is_train])
one_wide_feature = {
    "feature": "c0",
    "target": "y2",
    "nodeCount": int(wide.tree_.node_count),
    "proba": [[float(p) for p in row] for row in wide.predict_proba(Xw_test)],
}

reference = {"sklearn": sklearn.__version__, "numpy": np.__version__, "cases": cases, "oneFeature": one_feature, "oneWideFeature": one_wide_feature}
with open(os.path.join(HERE, "trees_reference.json"), "w") as out:
    json.dump(reference, out, indent=1, default=float)
    out.write("\n")
print("wrote trees_data.csv and trees_reference.json")
