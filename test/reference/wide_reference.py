"""scikit-learn's Ridge, RidgeClassifier and LinearDiscriminantAnalysis on tables with more
columns than rows, where its Cholesky solver takes the dual system (X X' + alpha I) and ours
decomposes the rows x rows Gram matrix, for test/models/ridge.test.ts,
test/models/ridgeClassifier.test.ts and test/models/linearDiscriminant.test.ts.

Regenerate with Debian's python3-sklearn (scikit-learn 1.2.1, numpy 1.24):
    /usr/bin/python3 test/reference/wide_reference.py > test/reference/wide_reference.json

Each case carries its data (numpy RandomState, rounded to 4 decimals), the test rows'
predictions (Ridge) or decision values (RidgeClassifier, one column for two classes, one per
class for more) with the weights and intercepts, and for the classification cases
LinearDiscriminantAnalysis()'s predict_proba ("ldaProba").

"qdaProba" is not scikit-learn's: with fewer rows in a class than columns every class covariance
is singular, and QuadraticDiscriminantAnalysis() then divides by its near-zero singular values
(rounding noise; README, "The models"). It is the model automl-grid documents instead
(src/models/quadraticDiscriminant.ts), computed here with numpy's SVD, independently of our
route through the rows x rows Gram matrix: columns scaled by the power of 2 nearest 1 / their
standard deviation; per class, the thin SVD of its centred scaled rows, directions whose squared
singular value is at most max(rows, cols) eps times the largest left out; variances s^2 / (n_c - 1);
every direction outside those kept (cols less their number) with the floor variance eps^2 times
the largest variance of any class, its part of a row's offset counted unless within 1e-8 of that
largest standard deviation; score -(distance + log det) / 2 + log prior; softmax. The mixed case
has one class of more rows than columns (full rank) beside a narrow one; where one class is
narrow among full-rank ones scikit-learn's answer is not noise (the narrow class scores about
-1e30 off its rows' span, whatever the noise), so "qda-narrow-class" also carries scikit-learn's
own predict_proba ("sklearnQdaProba").
"""
import json

import numpy as np
import sklearn
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis, QuadraticDiscriminantAnalysis
from sklearn.linear_model import Ridge, RidgeClassifier


def data(seed, rows, cols, test_rows):
    rng = np.random.RandomState(seed)
    X = np.round(rng.normal(size=(rows + test_rows, cols)) * rng.uniform(0.5, 3, size=cols) + rng.uniform(-2, 2, size=cols), 4)
    return X[:rows], X[rows:], rng


def regression(seed, rows, cols):
    X, T, rng = data(seed, rows, cols, 7)
    y = np.round(X[:, :5] @ rng.normal(size=5) + rng.normal(scale=0.3, size=rows) + 4, 4)
    model = Ridge().fit(X, y)
    return {"XTrain": X.tolist(), "yTrain": y.tolist(), "XTest": T.tolist(), "predictions": model.predict(T).tolist(), "coef": model.coef_.tolist(), "intercept": float(model.intercept_)}


def classification(seed, rows, cols, classes):
    X, T, rng = data(seed, rows, cols, 7)
    y = (np.arange(rows) % classes)[rng.permutation(rows)]
    X[:, 0] += y * 1.5
    model = RidgeClassifier().fit(X, y)
    return {"XTrain": X.tolist(), "yTrain": y.tolist(), "nClasses": classes, "XTest": T.tolist(), "decision": np.atleast_2d(model.decision_function(T).T).T.tolist(), "coef": np.atleast_2d(model.coef_).tolist(), "intercept": np.atleast_1d(model.intercept_).tolist(), "ldaProba": LinearDiscriminantAnalysis().fit(X, y).predict_proba(T).tolist()}


def documented_qda(X, y, T):
    std = X.std(axis=0)
    scale = np.where(std > 0, np.exp2(np.round(np.log2(1 / np.where(std > 0, std, 1)))), 1.0)
    p = X.shape[1]
    eps = np.finfo(float).eps
    fits = []
    for k in np.unique(y):
        A = X[y == k]
        count = len(A)
        mean = A.mean(axis=0)
        _, s, vt = np.linalg.svd((A - mean) * scale, full_matrices=False)
        fits.append((count, mean, s, vt))
    largest = max(np.sqrt(s[0]**2 / (count - 1)) for count, _, s, _ in fits)
    floor = eps * eps * largest * largest
    scores = []
    for count, mean, s, vt in fits:
        keep = s**2 > max(count, p) * eps * s[0]**2
        variances = s[keep]**2 / (count - 1)
        offset = (T - mean) * scale
        along = offset @ vt[keep].T
        distance = np.sum(along**2 / variances, axis=1)
        log_det = np.sum(np.log(variances))
        if count < p:
            residual = np.sum((offset - along @ vt[keep])**2, axis=1)
            distance += np.where(residual <= (1e-8 * largest)**2, 0.0, residual / floor)
            log_det += (p - keep.sum()) * np.log(floor)
        scores.append(-0.5 * (distance + log_det) + np.log(count / len(y)))
    scores = np.array(scores).T
    scores -= scores.max(axis=1, keepdims=True)
    e = np.exp(scores)
    return (e / e.sum(axis=1, keepdims=True)).tolist()


def wide_classes(seed, counts, cols, with_sklearn=False):
    X, T, rng = data(seed, sum(counts), cols, 7)
    y = np.repeat(np.arange(len(counts)), counts)[rng.permutation(sum(counts))]
    X[:, 0] += y * 1.5
    case = {"XTrain": X.tolist(), "yTrain": y.tolist(), "nClasses": len(counts), "XTest": T.tolist(), "qdaProba": documented_qda(X, y, T)}
    if with_sklearn:
        # Its thin SVD's noise direction gives the narrow class about -1e30: "Variables are collinear".
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            case["sklearnQdaProba"] = QuadraticDiscriminantAnalysis().fit(X, y).predict_proba(T).tolist()
    return case


cases = {
    "regression-20x60": regression(3, 20, 60),
    "regression-9x10": regression(4, 9, 10),
    "binary-24x50": classification(5, 24, 50, 2),
    "three-class-30x45": classification(6, 30, 45, 3),
    "qda-binary-24x50": wide_classes(7, [12, 12], 50),
    "qda-three-class-36x30": wide_classes(8, [10, 14, 12], 30),
    "qda-mixed-48x20": wide_classes(9, [40, 8], 20),
    "qda-narrow-class": wide_classes(10, [30, 28, 5], 6, with_sklearn=True),
}
print(json.dumps({"sklearn": sklearn.__version__, "numpy": np.__version__, "cases": cases}))
