#!/usr/bin/python3
"""scikit-learn's trees where the scale of the numbers decides the split: the expectations of
test/models/treeScale.test.ts. With one feature a tree has no feature order to draw, so its
splits, and its predictions, are scikit-learn's to the rounding of their sums.

- "epoch": a target far from zero with a small spread (1.7e9 give or take hundreds, as epoch
  seconds are): every split's proxy S_L^2 / W_L + S_R^2 / W_R carries W mean^2, 1e20, beside
  improvements of 1e5; a tie rule measured against the whole proxy made every split a tie.
  Three features, so the test compares R2 on held-out rows with scikit-learn's mean over seeds
  (0.08 to 0.17 for the decision tree under the old rule, against scikit-learn's 0.8).
- "near-one" (one feature, predictions compared one by one): a feature 1 + 1e-6 z, whose float32 values lie one or two float32 steps (1.2e-7)
  apart: scikit-learn adds FEATURE_THRESHOLD (1e-7) to a float32 value in float32, which rounds
  1 + 1e-7 up to the next float32, so values one step apart are never split; in double they were.

    /usr/bin/python3 test/reference/tree_scale_reference.py > test/reference/tree_scale_reference.json
"""
import json

import numpy as np
import sklearn
from sklearn.ensemble import GradientBoostingClassifier, GradientBoostingRegressor, RandomForestRegressor
from sklearn.metrics import r2_score
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor


def rows(a):
    return [float(v) for v in a]


def case(x, y, x_test, y_test, y_class=None):
    X, T = x.reshape(-1, 1), x_test.reshape(-1, 1)
    out = {"x": rows(x), "y": rows(y), "xTest": rows(x_test), "yTest": rows(y_test)}
    out["dtRegressor"] = rows(DecisionTreeRegressor(random_state=0).fit(X, y).predict(T))
    out["gbRegressor"] = rows(GradientBoostingRegressor(random_state=0).fit(X, y).predict(T))
    if y_class is not None:
        out["yClass"] = [int(v) for v in y_class]
        out["dtClassifier"] = rows(DecisionTreeClassifier(random_state=0).fit(X, y_class).predict_proba(T)[:, 1])
        out["gbClassifier"] = rows(GradientBoostingClassifier(random_state=0).fit(X, y_class).predict_proba(T)[:, 1])
    return out


rs = np.random.RandomState(11)
X = rs.normal(size=(200, 3)).round(3)
y = 1.7e9 + np.round(100 * (2 * X[:, 0] - X[:, 1] + rs.normal(scale=0.3, size=200)))
train, held = slice(0, 150), slice(150, 200)
epoch = {"X": [rows(r) for r in X[train]], "y": rows(y[train]), "XTest": [rows(r) for r in X[held]], "yTest": rows(y[held])}
# Three features tie at deep nodes, where random_state's feature order decides: mean R2 over seeds.
epoch["dtR2"] = float(np.mean([r2_score(y[held], DecisionTreeRegressor(random_state=s).fit(X[train], y[train]).predict(X[held])) for s in range(10)]))
epoch["rfR2"] = float(np.mean([r2_score(y[held], RandomForestRegressor(random_state=s).fit(X[train], y[train]).predict(X[held])) for s in range(3)]))

rs = np.random.RandomState(13)
z = rs.normal(size=150)
x = 1.0 + 1e-6 * z
y = np.round(2 * z + rs.normal(scale=0.3, size=150), 3)
near = case(x[:120], y[:120], x[120:], y[120:], (y[:120] > 0).astype(int))

print(json.dumps({"sklearn": sklearn.__version__, "epoch": epoch, "near-one": near}))
