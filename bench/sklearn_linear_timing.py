#!/usr/bin/python3
"""scikit-learn's side of bench/linearModels.ts: fit + predict milliseconds of each model on the
matrices that script wrote (plain and z-scored, as automl-grid hands them to each model), a
ten warm-up fits (as bench/linearModels.ts does) then the median and best of `repeat` runs. Prints JSON {id: {median, best}}.

    /usr/bin/python3 bench/sklearn_linear_timing.py bench/out/linear-titanic.json 21
"""
import json
import sys
import time
import warnings

import numpy as np
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis, QuadraticDiscriminantAnalysis
from sklearn.dummy import DummyClassifier
from sklearn.linear_model import BayesianRidge, HuberRegressor, RidgeClassifier, SGDClassifier

CLASSIFIERS = {
    "svm": (True, lambda: SGDClassifier(loss="hinge", tol=1e-3, random_state=123), "decision_function"),
    "ridge": (True, lambda: RidgeClassifier(), "decision_function"),
    "qda": (False, lambda: QuadraticDiscriminantAnalysis(), "predict_proba"),
    "lda": (False, lambda: LinearDiscriminantAnalysis(), "predict_proba"),
    "dummy": (False, lambda: DummyClassifier(), "predict_proba"),
}
REGRESSORS = {
    "br": (True, lambda: BayesianRidge(), "predict"),
    "huber": (True, lambda: HuberRegressor(), "predict"),
}


def timed(run, repeat):
    for _ in range(10):
        run()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {"median": times[len(times) // 2], "best": times[0]}


def main():
    data = json.load(open(sys.argv[1]))
    repeat = int(sys.argv[2])
    y = np.array(data["target"])
    models = CLASSIFIERS if data["task"] == "classification" else REGRESSORS
    out = {}
    warnings.simplefilter("ignore")  # QDA's "Variables are collinear", convergence notes
    for name, (scaled, create, method) in models.items():
        part = data["scaled" if scaled else "plain"]
        train, test = np.array(part["train"]), np.array(part["test"])
        out[name] = timed(lambda: getattr(create().fit(train, y), method)(test), repeat)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
