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
"""
import json

import numpy as np
import sklearn
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis
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


cases = {
    "regression-20x60": regression(3, 20, 60),
    "regression-9x10": regression(4, 9, 10),
    "binary-24x50": classification(5, 24, 50, 2),
    "three-class-30x45": classification(6, 30, 45, 3),
}
print(json.dumps({"sklearn": sklearn.__version__, "numpy": np.__version__, "cases": cases}))
