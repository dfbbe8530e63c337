#!/usr/bin/python3
"""scikit-learn's LinearRegression on a column near 1e160 beside two columns near 1: the
expectation of test/models/linearRegression.test.ts ("a column whose squares overflow ...").
Its lstsq works on the raw values: their singular values span 1e160, so the rank cutoff keeps one
direction, and the predictions follow the huge column alone. Squares of such values overflow a
Gram matrix; ours must give scikit-learn's answer anyway.

    /usr/bin/python3 test/reference/huge_column_reference.py > test/reference/huge_column_reference.json
"""
import json

import numpy as np
import sklearn
from sklearn.linear_model import LinearRegression

rs = np.random.RandomState(160)
n = 60
X = np.column_stack([rs.normal(0, 1, n), rs.normal(0, 1, n), rs.normal(0, 1, n) * 1e160]).round(4)
X[:, 2] = rs.normal(0, 1, n) * 1e160
y = (2 * X[:, 0] - X[:, 1] + X[:, 2] / 1e160 + rs.normal(0, 0.3, n)).round(4)
model = LinearRegression().fit(X[:45], y[:45])
print(json.dumps({
    "sklearn": sklearn.__version__,
    "XTrain": X[:45].tolist(), "yTrain": y[:45].tolist(), "XTest": X[45:].tolist(),
    "predictions": model.predict(X[45:]).tolist(), "rank": int(model.rank_),
}))
