"""scikit-learn's predict_proba for test/models/{logisticRegression,gaussianNaiveBayes,kNearestNeighbors}.test.ts.

Regenerate with Debian's python3-sklearn (scikit-learn 1.2.1, numpy 1.24):
    /usr/bin/python3 test/reference/estimators_reference.py > test/reference/estimators_reference.json

Every case carries its own seeded data (numpy RandomState), so the tests need no Python. Labels
are table class indices 0..nClasses-1; scikit-learn only knows the classes present in y_train,
so its columns are mapped onto the full label range (proba[:, model.classes_] = raw, as
bench/sklearn_grid.py does) and an absent class keeps probability 0.

Models, with scikit-learn's defaults: LogisticRegression() (C=1, lbfgs, tol=1e-4, max_iter=100),
GaussianNB() (var_smoothing=1e-9), KNeighborsClassifier() (n_neighbors=5, uniform), the latter
with algorithm="brute", the search ours does.

Logistic regression's optimum: the objective (sum of log-losses + |W|^2 / 2C, intercept free) is
strictly convex, so it has one minimiser, which our solver reaches to a gradient of 1e-6. The
default lbfgs does not: scipy's L-BFGS-B also stops when the objective improves by less than
~2e-9 relative (factr), which scikit-learn 1.2.1 leaves at its default, so tol=1e-10 with
max_iter=10000 stops at the very same iterate (max |gradient| 0.023 on "binary-mixed-scales") and
"three-class" even ends at max_iter=100 with a ConvergenceWarning. "lrOptimum" therefore pins the
optimum with LogisticRegression(solver="newton-cg", tol=1e-10, max_iter=10000), the same
objective, and this script checks that its gradient is below 1e-7. Both are recorded, with the
default's largest gradient entry ("lrDefaultGradient") and whether it warned ("lrConverged").

kNN and ties: scikit-learn leaves the order of equally distant neighbours unspecified, and
computes euclidean distances as |x|^2 - 2 x.y + |y|^2, whose rounding differs from ours. A test
row is "determined" when its k nearest labels do not depend on how (near-)ties at the k-th
distance are broken: no training row beyond the k lies within 1e-9 (relative) of the k-th
squared distance, or all rows within it share one label. The general cases assert that all their rows are determined; the
"knn-ties" case (integer grid, duplicate training rows, so distances are exact integers on both
sides) keeps a per-row flag, and records "lowerIndexProba": our documented rule (ties go to the
lower training index), computed here with a stable sort. "knn-k-exceeds-rows" records the error
scikit-learn raises when n_neighbors > n_samples (ours refuses that fit too), and
KNeighborsClassifier(n_neighbors=n_samples)'s probabilities, which ours gives with k = n_samples.
"""
import json
import re
import sys
import warnings

import numpy as np
import sklearn
from scipy.special import expit, softmax
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.naive_bayes import GaussianNB
from sklearn.neighbors import KNeighborsClassifier

K = 5
TIE_TOLERANCE = 1e-9


def full_proba(model, X_test, n_classes):
    raw = model.predict_proba(X_test)
    proba = np.zeros((X_test.shape[0], n_classes))
    proba[:, model.classes_] = raw
    return proba


def rows(a):
    return [[float(v) for v in row] for row in np.atleast_2d(a)]


def squared_distances(X_train, X_test):
    # Summed column by column, in order, as src/models/kNearestNeighbors.ts does.
    d = np.zeros((X_test.shape[0], X_train.shape[0]))
    for j in range(X_train.shape[1]):
        d += (X_test[:, [j]] - X_train[None, :, j]) ** 2
    return d


def determined(distances, y_train, k):
    """Per test row: whether its k nearest labels are the same however (near-)ties are broken."""
    flags = []
    for d in distances:
        order = np.argsort(d, kind="stable")
        kth = d[order[k - 1]]
        band = np.abs(d - kth) <= TIE_TOLERANCE * max(1.0, kth)
        inside = int(np.sum(d < kth - TIE_TOLERANCE * max(1.0, kth)))
        flags.append(bool(int(band.sum()) == k - inside or len(set(y_train[band])) == 1))
    return flags


def lower_index_proba(distances, y_train, k, n_classes):
    proba = np.zeros((distances.shape[0], n_classes))
    for i, d in enumerate(distances):
        for t in np.argsort(d, kind="stable")[:k]:
            proba[i, y_train[t]] += 1
    return proba / k


def objective_gradient(model, X, y):
    """Gradient of sum of log-losses + |W|^2 / 2 (C=1) at a fitted model, intercepts last."""
    W, b = np.atleast_2d(model.coef_), model.intercept_
    if W.shape[0] == 1:
        residual = expit(X @ W[0] + b[0]) - (y == model.classes_[1])
        return np.concatenate([X.T @ residual + W[0], [residual.sum()]])
    residual = softmax(X @ W.T + b, axis=1) - (y[:, None] == model.classes_[None, :])
    return np.concatenate([(residual.T @ X + W).ravel(), residual.sum(axis=0)])


def make_case(X_train, y_train, X_test, n_classes, models):
    case = {"nClasses": n_classes, "XTrain": rows(X_train), "yTrain": [int(v) for v in y_train], "XTest": rows(X_test), "proba": {}}
    if "lr" in models:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ConvergenceWarning)
            lr = LogisticRegression().fit(X_train, y_train)
        case["lrConverged"] = not any(issubclass(w.category, ConvergenceWarning) for w in caught)
        case["lrIterations"] = int(lr.n_iter_.max())
        case["proba"]["lr"] = rows(full_proba(lr, X_test, n_classes))
        case["lrDefaultGradient"] = float(np.abs(objective_gradient(lr, X_train, y_train)).max())
        with warnings.catch_warnings():
            # newton-cg runs to max_iter: its line search cannot improve on a gradient of ~1e-9.
            warnings.simplefilter("ignore")
            optimum = LogisticRegression(solver="newton-cg", tol=1e-10, max_iter=10000).fit(X_train, y_train)
        assert np.abs(objective_gradient(optimum, X_train, y_train)).max() < 1e-7, "newton-cg missed the optimum"
        case["proba"]["lrOptimum"] = rows(full_proba(optimum, X_test, n_classes))
    if "nb" in models:
        case["proba"]["nb"] = rows(full_proba(GaussianNB().fit(X_train, y_train), X_test, n_classes))
    if "knn" in models:
        knn = KNeighborsClassifier(algorithm="brute").fit(X_train, y_train)
        case["proba"]["knn"] = rows(full_proba(knn, X_test, n_classes))
    return case


def assert_determined(case):
    flags = determined(squared_distances(np.array(case["XTrain"]), np.array(case["XTest"])), np.array(case["yTrain"]), K)
    assert all(flags), "a kNN case meant to be tie-free has a tie at the k-th neighbour"


cases = {}

# (1) Binary, mixed scales and a 0/1 column.
rs = np.random.RandomState(101)
n = 160
X = np.column_stack([
    rs.normal(0, 1, n),
    rs.uniform(0, 200, n),
    rs.randint(0, 2, n),
    rs.normal(0, 0.05, n),
    rs.randint(0, 11, n),
    rs.exponential(3, n),
]).round(4)
logit = 1.2 * X[:, 0] + 0.01 * (X[:, 1] - 100) + 0.8 * X[:, 2] + 10 * X[:, 3] - 0.15 * (X[:, 4] - 5) + 0.1 * X[:, 5] - 0.3
y = (logit + rs.logistic(0, 1, n) > 0).astype(int)
cases["binary-mixed-scales"] = make_case(X[:120], y[:120], X[120:], 2, ("lr", "nb", "knn"))

# (2) Three classes, iris-like: four measurements, overlapping class clouds.
rs = np.random.RandomState(202)
means = np.array([[5.0, 3.4, 1.5, 0.3], [5.9, 2.8, 4.3, 1.3], [6.5, 3.0, 5.3, 2.0]])
spread = np.array([0.45, 0.35, 0.6, 0.3])
y = np.repeat([0, 1, 2], 65)
rs.shuffle(y)
X = (means[y] + rs.normal(0, 1, (len(y), 4)) * spread).round(3)
cases["three-class"] = make_case(X[:150], y[:150], X[150:], 3, ("lr", "nb", "knn"))

# (3) Three classes in the table, class 1 absent from the training rows.
rs = np.random.RandomState(303)
y = rs.choice([0, 2], 60)
X = (rs.normal(0, 1, (60, 3)) + np.where(y == 2, 1.0, -0.5)[:, None]).round(4)
X_test = rs.normal(0.25, 1.5, (20, 3)).round(4)
cases["absent-class"] = make_case(X, y, X_test, 3, ("lr", "nb", "knn"))

# (4) Linearly separable: only the L2 term keeps logistic regression's weights finite. Test rows
# cross the gap, so the probabilities are not all saturated at 0 or 1.
rs = np.random.RandomState(404)
X = rs.uniform(-3, 3, (200, 2))
margin = X[:, 0] + 0.5 * X[:, 1]
X = X[np.abs(margin) > 0.5][:40].round(4)
y = (X[:, 0] + 0.5 * X[:, 1] > 0).astype(int)
t = np.linspace(-1.5, 1.5, 20)
X_test = np.column_stack([t, rs.uniform(-3, 3, 20)]).round(4)
cases["separable"] = make_case(X, y, X_test, 2, ("lr", "nb", "knn"))

# (5) Naive Bayes: feature 2 is constant (3.0) within class 1, so that class's variance there is
# var_smoothing * (largest feature variance) alone. Test rows sit on the constant, a few epsilons'
# worth of standard deviations off it (where the answer hinges on var_smoothing), and far off.
rs = np.random.RandomState(505)
y = np.repeat([0, 1], [30, 20])
X = np.column_stack([rs.normal(0, 1, 50) + y, rs.normal(0, 1, 50), np.where(y == 1, 3.0, rs.normal(3, 1, 50))]).round(4)
epsilon = 1e-9 * np.var(X, axis=0).max()
offsets = np.array([0, 0, 0.5, 1, 2, 3, 4, 4.5, 5, -4.5, 6, 1e4, 1e6]) * np.sqrt(epsilon)
X_test = np.column_stack([rs.normal(0.5, 1, len(offsets)), rs.normal(0, 1, len(offsets)), 3.0 + offsets]).round(4)
X_test[:, 2] = 3.0 + offsets  # unrounded: the offsets are far below 1e-4
cases["nb-constant-in-class"] = make_case(X, y, X_test, 2, ("nb",))

# (5b) Naive Bayes on a small table of one-hot columns (two categoricals of 12 and 6 levels over
# 10 training rows): most level columns are constant within a class, so their variance is epsilon alone
# and the joint log-likelihoods reach 1e8 and more, where exp(joint - logsumexp(joint)) leaves
# rows summing to 1 give or take 1e-10. scikit-learn keeps such rows as they are; a class whose
# share rounds to exactly 1 decides which rows tie in AUC.
rs = np.random.RandomState(515)
n = 16
y = np.arange(n) % 2
numeric = (rs.normal(0, 1, (n, 3)) + 0.6 * y[:, None]).round(3)
levels = np.column_stack([rs.randint(0, 12, n), rs.randint(0, 6, n)])
one_hot = np.column_stack([(levels[:, 0] == k).astype(float) for k in range(12)] + [(levels[:, 1] == k).astype(float) for k in range(6)])
X = np.column_stack([numeric, one_hot])
train = np.arange(n) % 3 != 0
cases["nb-one-hot-saturated"] = make_case(X[train], y[train], X[~train], 2, ("nb",))

# (5c) Naive Bayes where one column is constant (0, an imputed missing value) in every training
# row but spread wide in the held-out rows: its variance is epsilon alone, its term
# (x - 0)^2 / epsilon reaches 1e16 and swamps the others, and the probabilities are that sum's
# rounding. Only NumPy's order of additions (pairwise along a row) and scikit-learn's grouping of
# the joint log-likelihood reproduce them; the rows then tie in AUC as scikit-learn's do.
rs = np.random.RandomState(11)
n = 220
signal = rs.normal(0, 1, (n, 6))
y = (signal[:, :4].sum(axis=1) + rs.normal(0, 1, n) > 0).astype(int)
held_out = np.arange(n) % 5 == 4
only = np.where(held_out, 5000 * rs.normal(0, 1, n), 0.0)
X = np.column_stack([signal, only])
cases["nb-swamped-by-a-constant-column"] = make_case(X[~held_out], y[~held_out], X[held_out], 2, ("nb",))

for name, case in cases.items():
    if "knn" in case["proba"]:
        assert_determined(case)

# (6) kNN on an integer grid with duplicated training rows: squared distances are small integers,
# exact on both sides, so ties are real ties.
rs = np.random.RandomState(606)
base = rs.randint(0, 5, (24, 2)).astype(float)
X = np.vstack([base, base[:8], base[:4]])  # 12 duplicated rows
y = np.concatenate([rs.randint(0, 3, 24), rs.randint(0, 3, 8), rs.randint(0, 3, 4)])
y[24:28] = y[:4]  # some duplicates agree with their original, others need not
X_test = np.array([[a, b] for a in range(5) for b in range(5)], dtype=float)
case = make_case(X, y, X_test, 3, ("knn",))
distances = squared_distances(X, X_test)
case["determined"] = determined(distances, y, K)
case["lowerIndexProba"] = rows(lower_index_proba(distances, y, K, 3))
sk = np.array(case["proba"]["knn"])
ours = np.array(case["lowerIndexProba"])
flags = np.array(case["determined"])
assert np.allclose(sk[flags], ours[flags], rtol=0, atol=1e-12), "determined rows must not depend on the tie rule"
assert 5 <= flags.sum() < len(flags), "the ties case needs both determined and undetermined rows"
case["sklearnDiffersFromLowerIndex"] = int(np.any(np.abs(sk - ours) > 1e-12, axis=1).sum())
cases["knn-ties"] = case

# (7) kNN with fewer training rows than n_neighbors: scikit-learn raises, ours uses them all.
X = np.array([[0.0, 1.0], [2.0, -1.0], [4.0, 0.5]])
y = np.array([0, 1, 1])
X_test = np.array([[0.0, 1.0], [10.0, 10.0], [-3.0, 0.0]])
try:
    KNeighborsClassifier().fit(X, y).predict_proba(X_test)
    raise AssertionError("scikit-learn accepted n_neighbors > n_samples")
except ValueError as error:
    error_message = str(error)
case = {
    "nClasses": 2, "XTrain": rows(X), "yTrain": [int(v) for v in y], "XTest": rows(X_test),
    "proba": {"knn": rows(full_proba(KNeighborsClassifier(n_neighbors=len(y)).fit(X, y), X_test, 2))},
    "sklearnError": error_message,
}
cases["knn-k-exceeds-rows"] = case

text = json.dumps({"sklearn": sklearn.__version__, "numpy": np.__version__, "cases": cases}, indent=1)
# One line per innermost list (a row of numbers or flags); json writes floats as repr, which
# round-trips every double exactly.
text = re.sub(r"\[\s*((?:[-\w.+]+,\s*)*[-\w.+]+)\s*\]", lambda m: "[" + ", ".join(v.strip() for v in m.group(1).split(",")) + "]", text)
print(text)
