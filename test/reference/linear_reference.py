"""scikit-learn's answers for the linear, discriminant and baseline models of issue 10, for the
tests under test/models/ (lda, qda, ridge, svm, dummy, br, huber) and test/evaluate/ (AUC of
decision scores).

Regenerate with Debian's python3-sklearn (scikit-learn 1.2.1, numpy 1.24, scipy 1.10):
    /usr/bin/python3 test/reference/linear_reference.py > test/reference/linear_reference.json

Every case carries its own seeded data (numpy RandomState, rounded so the JSON stays small), so
the tests need no Python. Labels are table class indices 0..nClasses-1; scikit-learn only knows
the classes present in y_train, so its columns are laid out as automl-grid lays them out:
probabilities with 0 for an absent class; decision values with the binary score d as [-d, d] and
an absent class at the lowest double (bench/sklearn_grid.py's class_scores).

Classifiers, scikit-learn's defaults: LinearDiscriminantAnalysis() (svd, tol=1e-4),
QuadraticDiscriminantAnalysis() (reg_param=0), RidgeClassifier() (alpha=1), DummyClassifier()
(prior), SGDClassifier(loss="hinge", tol=1e-3).

SGD: our SgdClassifier shuffles as scikit-learn does (its xorshift Fisher-Yates, replayed from one
seed every epoch) but draws the seed from our Rng. Each case records, for random_state 0..49, the
shuffle seeds scikit-learn derives (binary: RandomState(r) draws the dataset's seed, then the
shuffle seed; one-vs-rest: RandomState(r).randint(MAX_INT, size=K) seeds each class's own
RandomState, which draws twice the same way), its test accuracy and, for the first two, its
decision values, so a
test can hand our model scikit-learn's seeds and expect its weights, and compare accuracies over
seeds without them.

QDA: "qda-constant-in-class" has a 0/1 column that is 0 in every class-0 row, z-scored, so that
class has a direction with no variance. scikit-learn warns "Variables are collinear" and its answer
rests on the rounding noise LAPACK returns for that singular value (about 1e-16, sometimes exactly
0, then NaN). Rows on the class's subspace then gain about -log(rounding error of the class mean)
~ 35, rows off it score ~ -1e31. The script asserts that here it is finite and that its predicted
labels do not move when the training rows are shuffled (which moves that rounding error, and
NaN is allowed there), so the labels are scikit-learn's answer rather than its noise, and records
them; its probabilities are the noise's and are not recorded. "one-hot" shows where it is noise:
one-hot levels sum to 1 in every row, so every class lacks that direction, and each class's bonus
is set by how its means happen to round ("qdaNoise": accuracies, or null for NaN, over ten orders
of the training rows, for the record; the tests do not compare QDA there).

Regressors: BayesianRidge() (n_iter=300, tol=1e-3), HuberRegressor() (epsilon=1.35, alpha=1e-4,
max_iter=100). Huber's objective is convex in (w, b, sigma), and scipy's L-BFGS-B stops at a
relative decrease of ~2e-9, short of the optimum; "huberOptimum" is the same objective minimised
by scipy to gtol=1e-10, ftol=0 (its gradient is asserted below 1e-6 relative), which ours must
reach; the default fit is recorded beside it.
"""
import json
import re
import warnings

import numpy as np
import scipy
import scipy.optimize
import sklearn
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis, QuadraticDiscriminantAnalysis
from sklearn.dummy import DummyClassifier
from sklearn.linear_model import BayesianRidge, HuberRegressor, RidgeClassifier, SGDClassifier
from sklearn.linear_model._huber import _huber_loss_and_gradient
from sklearn.metrics import roc_auc_score
from sklearn.preprocessing import StandardScaler

MAX_INT = np.iinfo(np.int32).max
LOWEST = -np.finfo(float).max
SVM_SEEDS = range(50)
# Decision values are recorded for the first two random states only, to keep the JSON small.
EXACT_SVM_RUNS = 2


def rows(a):
    return [[float(v) for v in row] for row in np.atleast_2d(a)]


def values(a):
    return [float(v) for v in np.asarray(a).ravel()]


def full_proba(model, X, n_classes):
    proba = np.zeros((X.shape[0], n_classes))
    proba[:, model.classes_] = model.predict_proba(X)
    return proba


def full_decision(model, X, n_classes):
    raw = model.decision_function(X)
    scores = np.full((X.shape[0], n_classes), LOWEST)
    if raw.ndim == 1:
        scores[:, model.classes_[0]] = -raw
        scores[:, model.classes_[1]] = raw
    else:
        scores[:, model.classes_] = raw
    return scores


def decision_auc(y_true, model, X):
    """roc_auc_score on decision_function: binary on d; more classes one-vs-rest on each class's
    column, weighted by its frequency (roc_auc_score's own multiclass path wants probabilities)."""
    d = model.decision_function(X)
    if d.ndim == 1:
        return float(roc_auc_score(y_true == model.classes_[1], d))
    return float(sum(np.mean(y_true == c) * roc_auc_score(y_true == c, d[:, k]) for k, c in enumerate(model.classes_)))


def sgd_shuffle_seeds(random_state, n_present):
    """The shuffle seed(s) SGDClassifier(random_state=r) hands _plain_sgd, in class order."""
    def seed_of(rs):
        rs.randint(1, MAX_INT)  # make_dataset's own seed, unused by the shuffle
        return int(rs.randint(MAX_INT))
    if n_present == 2:
        return [seed_of(np.random.RandomState(random_state))]
    return [seed_of(np.random.RandomState(int(s))) for s in np.random.RandomState(random_state).randint(MAX_INT, size=n_present)]


def permuted(X, y, k):
    """The training rows in another order: a well-defined model does not change."""
    order = np.random.RandomState(1000 + k).permutation(len(y))
    return X[order], y[order]


def classification_case(X_train, y_train, X_test, y_test, n_classes, qda="full"):
    case = {"nClasses": n_classes, "XTrain": rows(X_train), "yTrain": [int(v) for v in y_train],
            "XTest": rows(X_test), "yTest": [int(v) for v in y_test]}
    case["lda"] = rows(full_proba(LinearDiscriminantAnalysis().fit(X_train, y_train), X_test, n_classes))
    case["dummy"] = rows(full_proba(DummyClassifier().fit(X_train, y_train), X_test, n_classes))
    ridge = RidgeClassifier().fit(X_train, y_train)
    case["ridge"] = rows(full_decision(ridge, X_test, n_classes))
    if len(set(y_test)) > 1:
        case["ridgeAuc"] = decision_auc(y_test, ridge, X_test)
    if qda == "full":
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # full-rank classes: no collinearity warning
            case["qda"] = rows(full_proba(QuadraticDiscriminantAnalysis().fit(X_train, y_train), X_test, n_classes))
    elif qda == "labels":
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            labels = []
            for k in range(-1, 10):
                A, b = (X_train, y_train) if k < 0 else permuted(X_train, y_train, k)
                model = QuadraticDiscriminantAnalysis().fit(A, b)
                with np.errstate(all="ignore"):
                    finite = np.all(np.isfinite(model.predict_proba(X_test)))
                assert finite or k >= 0, "scikit-learn's QDA returned NaN"
                if finite:
                    labels.append(model.predict(X_test))
        assert all(np.array_equal(labels[0], other) for other in labels[1:]), "QDA labels move with the training rows' order"
        case["qdaLabels"] = [int(v) for v in labels[0]]
    elif qda == "noise":
        accuracies = []
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            for k in range(10):
                model = QuadraticDiscriminantAnalysis().fit(*permuted(X_train, y_train, k))
                nan = not np.all(np.isfinite(model.predict_proba(X_test)))
                accuracies.append(None if nan else float(np.mean(model.predict(X_test) == y_test)))
        case["qdaNoise"] = accuracies
    svm = []
    for r in SVM_SEEDS:
        model = SGDClassifier(loss="hinge", tol=1e-3, random_state=r).fit(X_train, y_train)
        run = {"randomState": r, "shuffleSeeds": sgd_shuffle_seeds(r, len(model.classes_)), "epochs": int(model.n_iter_),
               "accuracy": float(np.mean(model.predict(X_test) == y_test))}
        if r < EXACT_SVM_RUNS:
            run["decision"] = rows(full_decision(model, X_test, n_classes))
        svm.append(run)
    case["svm"] = svm
    return case


def huber_optimum(X, y, epsilon=1.35, alpha=1e-4):
    start = np.zeros(X.shape[1] + 2)
    start[-1] = 1
    bounds = [(None, None)] * (X.shape[1] + 1) + [(10 * np.finfo(float).eps, None)]
    fun = lambda w: _huber_loss_and_gradient(w, X, y, epsilon, alpha, np.ones(len(y)))
    result = scipy.optimize.minimize(fun, start, jac=True, method="L-BFGS-B", bounds=bounds,
                                     options={"maxiter": 100000, "gtol": 1e-10, "ftol": 0})
    loss, grad = fun(result.x)
    assert np.abs(grad).max() < 1e-6 * max(1.0, abs(loss)), f"Huber optimum not reached: gradient {np.abs(grad).max()}"
    return result.x


def regression_case(X_train, y_train, X_test, huber=True):
    case = {"XTrain": rows(X_train), "yTrain": values(y_train), "XTest": rows(X_test)}
    br = BayesianRidge().fit(X_train, y_train)
    case["br"] = {"predictions": values(br.predict(X_test)), "alpha": float(br.alpha_), "lambda": float(br.lambda_),
                  "iterations": int(br.n_iter_)}
    if not huber:
        return case
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        huber = HuberRegressor().fit(X_train, y_train)
    case["huber"] = {"predictions": values(huber.predict(X_test)), "scale": float(huber.scale_),
                     "iterations": int(huber.n_iter_), "warned": bool(caught)}
    w = huber_optimum(X_train, y_train)
    p = X_train.shape[1]
    case["huberOptimum"] = {"predictions": values(X_test @ w[:p] + w[p]), "coefficients": values(w[:p]),
                            "intercept": float(w[p]), "scale": float(w[p + 1])}
    return case


classification = {}

# (1) Binary, mixed scales, z-scored as the protocol does for ridge and svm (lda and qda do not
# care), then rounded: the data is the rounded values.
rs = np.random.RandomState(1010)
n = 200
X = np.column_stack([rs.normal(0, 1, n), rs.uniform(0, 200, n), rs.randint(0, 2, n), rs.exponential(3, n)]).round(4)
logit = 1.1 * X[:, 0] + 0.012 * (X[:, 1] - 100) + 0.7 * X[:, 2] - 0.2 * (X[:, 3] - 3)
y = (logit + rs.logistic(0, 1, n) > 0).astype(int)
X = StandardScaler().fit(X[:150]).transform(X).round(5)
classification["binary"] = classification_case(X[:150], y[:150], X[150:], y[150:], 2)

# (2) Three classes with different covariances (where QDA differs from LDA), 3 features.
rs = np.random.RandomState(2020)
y = np.repeat([0, 1, 2], [70, 60, 50])
rs.shuffle(y)
centres = np.array([[0, 0, 0], [1.5, 0.5, -0.5], [0.5, 2.0, 1.0]])
scales = np.array([[1.0, 0.5, 1.5], [0.6, 1.2, 0.8], [1.4, 0.7, 0.5]])
X = (centres[y] + rs.normal(0, 1, (len(y), 3)) * scales[y]).round(4)
classification["three-class"] = classification_case(X[:140], y[:140], X[140:], y[140:], 3)

# (3) Three classes in the table, class 1 absent from the training rows: scikit-learn sees two.
rs = np.random.RandomState(3030)
y = rs.choice([0, 2], 80)
X = (rs.normal(0, 1, (80, 3)) + np.where(y == 2, 1.0, -0.5)[:, None]).round(4)
y_test = rs.choice([0, 1, 2], 24)
X_test = (rs.normal(0, 1.3, (24, 3)) + np.where(y_test == 2, 1.0, -0.5)[:, None]).round(4)
classification["absent-class"] = classification_case(X, y, X_test, y_test, 3)

# (4) Four classes, for one-vs-rest SGD and multi-output ridge.
rs = np.random.RandomState(4040)
y = rs.randint(0, 4, 220)
X = (rs.normal(0, 1, (220, 5)) + np.eye(4, 5)[y] * 1.5).round(4)
classification["four-class"] = classification_case(X[:170], y[:170], X[170:], y[170:], 4)

# (5) QDA: a 0/1 column that is 0 in every class-0 row (z-scored), beside continuous features.
rs = np.random.RandomState(5050)
n = 260
y = (rs.rand(n) < 0.45).astype(int)
X = np.column_stack([rs.normal(0, 1, (n, 3)) * [1.0, 1.3, 0.8] + y[:, None] * [1.0, 0.5, 0.0],
                     np.where(y == 0, 0.0, (rs.rand(n) < 0.4).astype(float))]).round(4)
X = StandardScaler().fit(X[:200]).transform(X)
# The 0/1 column keeps every digit of its z-scored values: rounded to 5 decimals, class 0's mean
# of them is exact, its singular value exactly 0, and scikit-learn's probabilities NaN.
X[:, :3] = X[:, :3].round(5)
classification["qda-constant-in-class"] = classification_case(X[:200], y[:200], X[200:], y[200:], 2, qda="labels")

# (6) One-hot levels (collinear: they sum to 1), raw, as lda and qda see them.
rs = np.random.RandomState(6060)
n = 240
y = (rs.rand(n) < 0.4).astype(int)
level = rs.randint(0, 3, n)
X = np.column_stack([rs.normal(0, 1, (n, 2)) + y[:, None] * 0.8, np.eye(3)[level], rs.randint(0, 4, n)]).round(4)
classification["one-hot"] = classification_case(X[:180], y[:180], X[180:], y[180:], 2, qda="noise")

# (7) One-hot-heavy and z-scored, as the protocol hands ridge and svm a census-shaped table: two
# numeric columns beside three categorical ones (first level dropped, so that QDA's classes keep
# full rank), most of a row's values at their column's common value, so that the split form
# (src/stats/binaryColumns.ts, splitScatter.ts) runs instead of the dense sums.
rs = np.random.RandomState(10100)
n = 300
a = rs.randint(0, 6, n)
b = rs.choice(4, n, p=[0.55, 0.25, 0.15, 0.05])
c = rs.randint(0, 3, n)
numbers = rs.normal(0, 1, (n, 2))
logit = 0.9 * numbers[:, 0] - 0.5 * numbers[:, 1] + np.array([-1, -0.5, 0, 0.3, 0.8, 1.2])[a] + np.array([0.5, 0, -0.5, -1])[b]
y = (logit + rs.logistic(0, 1, n) > 0).astype(int)
X = np.column_stack([numbers.round(4), np.eye(6)[a][:, 1:], np.eye(4)[b][:, 1:], np.eye(3)[c][:, 1:]])
X = StandardScaler().fit(X[:240]).transform(X)
X[:, :2] = X[:, :2].round(5)
classification["one-hot-scaled"] = classification_case(X[:240], y[:240], X[240:], y[240:], 2)

# Columns of very different scales, raw, as QDA and LDA see them (the protocol scales neither): a
# price in the millions beside a rate near 0.1, a column near 1e-12 or 1e12 beside columns near 1.
# Only lda and qda are recorded ("discriminant"), since the protocol z-scores ridge and svm. Every
# class has full rank; scikit-learn's QDA warns "Variables are collinear" all the same, as its
# test is an absolute 1e-4 on the singular values of the raw rows, which a column near 1e-12 is
# below. Its answer is not noise there: the script asserts that QDA and LDA give the same
# probabilities (to 1e-9) on the columns divided by their standard deviations, which a fit that
# is exact cannot tell apart (a column's scale cancels out of both models). That holds for one
# far scale beside 1; LAPACK's SVD of the raw rows resolves only about eps times the largest
# singular value, so a column near 1e-12 and one near 1e12 in one table move its QDA by 5e-5
# (two correlated columns near 1e-12 beside one near 1, by 3e-5), and are not cases here.
discriminant = {}


def discriminant_case(X_train, y_train, X_test, y_test, n_classes):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        qda = full_proba(QuadraticDiscriminantAnalysis().fit(X_train, y_train), X_test, n_classes)
        lda = full_proba(LinearDiscriminantAnalysis().fit(X_train, y_train), X_test, n_classes)
        std = X_train.std(axis=0)
        unit_train, unit_test = X_train / std, X_test / std
        unit_qda = full_proba(QuadraticDiscriminantAnalysis().fit(unit_train, y_train), unit_test, n_classes)
        unit_lda = full_proba(LinearDiscriminantAnalysis().fit(unit_train, y_train), unit_test, n_classes)
    assert np.abs(qda - unit_qda).max() < 1e-9, f"QDA moves with the columns' scales: {np.abs(qda - unit_qda).max()}"
    assert np.abs(lda - unit_lda).max() < 1e-9, f"LDA moves with the columns' scales: {np.abs(lda - unit_lda).max()}"
    return {"nClasses": n_classes, "XTrain": rows(X_train), "yTrain": [int(v) for v in y_train], "XTest": rows(X_test),
            "yTest": [int(v) for v in y_test], "lda": rows(lda), "qda": rows(qda)}


def significant(X, digits=7):
    """Rounded to `digits` significant digits, whatever each value's scale, so the JSON stays small."""
    return np.array([[float(f"{v:.{digits - 1}e}") for v in row] for row in X])


# (d1) The audit's case: a price near 1e7 beside a rate near 0.1, two classes, 300 rows.
rs = np.random.RandomState(11110)
n = 300
a, b = rs.normal(0, 1, n), rs.normal(0, 1, n)
y = (a + b + rs.normal(0, 0.7, n) > 0).astype(int)
X = significant(np.column_stack([a * 1e7, b * 0.1]))
discriminant["price-and-rate"] = discriminant_case(X[:240], y[:240], X[240:], y[240:], 2)

# (d2) A column near 1e-12 beside columns near 1, correlated with one of them in class 1, two
# classes with different covariances.
rs = np.random.RandomState(12120)
n = 260
y = (rs.rand(n) < 0.45).astype(int)
Z = rs.normal(0, 1, (n, 4))
Z[y == 1, 1] = 0.6 * Z[y == 1, 0] + 0.8 * Z[y == 1, 1]
Z = Z * np.where(y[:, None] == 1, [1.5, 0.7, 1.0, 1.3], 1.0) + y[:, None] * [0.8, -0.5, 0.3, 0.0]
X = significant(Z * [1e-12, 1.0, 1.0, 1.0])
discriminant["1e-12-beside-1"] = discriminant_case(X[:200], y[:200], X[200:], y[200:], 2)

# (d3) The same rows with that column near 1e12 instead.
X = significant(Z * [1e12, 1.0, 1.0, 1.0])
discriminant["1e12-beside-1"] = discriminant_case(X[:200], y[:200], X[200:], y[200:], 2)

# (d4) Three classes, columns near 1e-6, 1 and 1e6 (and one near 1 with a mean of 1e3).
rs = np.random.RandomState(13130)
y = np.repeat([0, 1, 2], [80, 70, 60])
rs.shuffle(y)
centres = np.array([[0, 0, 0, 0], [1.2, 0.4, -0.6, 0.5], [0.3, 1.6, 0.9, -0.4]])
spreads = np.array([[1.0, 0.6, 1.4, 1.0], [0.5, 1.2, 0.8, 1.5], [1.3, 0.8, 0.6, 0.7]])
Z = centres[y] + rs.normal(0, 1, (len(y), 4)) * spreads[y]
X = significant(np.column_stack([Z[:, 0] * 1e6, Z[:, 1], Z[:, 2] * 1e-6, 1e3 + Z[:, 3]]), 10)
discriminant["three-class-1e-6-to-1e6"] = discriminant_case(X[:160], y[:160], X[160:], y[160:], 3)

# (d5) One huge value: three classes on four columns near 1, one row of class 0 with 1e8 in the
# third. A power-of-2 scale per column from every row's spread leaves the other classes a spread
# of about 1e-8 there, below what their Gram matrices resolve (the tenth session's audit).
rs = np.random.RandomState(14140)
y = np.repeat([0, 1, 2], [100, 100, 100])
rs.shuffle(y)
Z = rs.normal(0, 1, (len(y), 4)) + y[:, None] * [0.5, -0.3, 0.0, 0.4]
Z[np.flatnonzero(y == 0)[3], 2] = 1e8
X = significant(Z, 10)
discriminant["one-value-1e8"] = discriminant_case(X[:240], y[:240], X[240:], y[240:], 3)

regression = {}

# (1) Mixed scales, z-scored, y in the thousands with a few outliers (where Huber departs from OLS).
rs = np.random.RandomState(7070)
n = 160
X = np.column_stack([rs.uniform(18, 64, n), rs.normal(30, 6, n), rs.randint(0, 4, n), rs.randint(0, 2, n)]).round(3)
y = (250 * X[:, 0] + 300 * X[:, 1] + 500 * X[:, 2] + 20000 * X[:, 3] - 8000 + rs.normal(0, 3000, n)).round(2)
y[rs.choice(n, 8, replace=False)] += rs.choice([-1, 1], 8) * 40000
X = StandardScaler().fit(X[:120]).transform(X).round(5)
regression["mixed-scales"] = regression_case(X[:120], y[:120], X[120:])

# (2) One-hot levels z-scored (a direction with no variance) and a level unseen in training.
rs = np.random.RandomState(8080)
n = 120
level = rs.randint(0, 3, n)
X = np.column_stack([rs.normal(0, 1, n), np.eye(4)[level]]).round(4)
y = (2 * X[:, 0] + np.array([1.0, -2.0, 0.5])[level] + rs.normal(0, 0.5, n)).round(4)
X_test = np.column_stack([rs.normal(0, 1, 10), np.eye(4)[[0, 1, 2, 3, 3, 0, 1, 2, 3, 0]]]).round(4)
scaler = StandardScaler().fit(X)
regression["one-hot"] = regression_case(scaler.transform(X).round(5), y, scaler.transform(X_test).round(5))

# (3) More features than rows (BayesianRidge's other branch). Not for Huber: it fits these rows
# exactly and drives its scale to the bound.
rs = np.random.RandomState(9090)
X = rs.normal(0, 1, (12, 20)).round(4)
y = (X[:, :3] @ np.array([1.0, -2.0, 0.5]) + rs.normal(0, 0.1, 12)).round(4)
regression["wide"] = regression_case(X, y, rs.normal(0, 1, (6, 20)).round(4), huber=False)
# (4) The same shape with a target far from 0 (a price near 15,000): centring leaves the rows rank
# n - 1, and the last singular value, rounding, meets a projection of the uncentred target.
rs = np.random.RandomState(2024)
X = rs.normal(0, 1, (20, 30)).round(4)
y = (15000 + 3000 * X[:, 0] + rs.normal(0, 500, 20)).round(2)
regression["wide-offset"] = regression_case(X, y, rs.normal(0, 1, (8, 30)).round(4), huber=False)

text = json.dumps({"sklearn": sklearn.__version__, "numpy": np.__version__, "scipy": scipy.__version__,
                   "classification": classification, "discriminant": discriminant, "regression": regression}, indent=1)
# One line per innermost list; json writes floats as repr, which round-trips every double exactly.
text = re.sub(r"\[\s*((?:[-\w.+]+,\s*)*[-\w.+]+)\s*\]", lambda m: "[" + ", ".join(v.strip() for v in m.group(1).split(",")) + "]", text)
print(text)
