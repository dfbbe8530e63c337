#!/usr/bin/python3
"""scikit-learn's side of bench/ensembles.ts: times fit + predict of each named model on an encoded
CSV (features x0.., target y, fold 0..9), summed over the folds, the best wall (perf_counter) and
CPU (process_time) seconds of `repeat` runs after one warm-up run, and prints
{model: {wall, cpu, score}} as JSON (score: mean held-out Accuracy or R2). Defaults as
automl-grid's registry (scikit-learn 1.2 defaults, n_jobs=None).

    /usr/bin/python3 bench/ensembles_sklearn.py encoded.csv classification|regression REPEAT MODEL...
"""
import json
import sys
import time

import numpy as np
from sklearn.ensemble import (AdaBoostClassifier, AdaBoostRegressor, ExtraTreesClassifier,
                              ExtraTreesRegressor, RandomForestClassifier, RandomForestRegressor)
from sklearn.metrics import accuracy_score, r2_score

MODELS = {
    "classification": {
        "et": lambda seed: ExtraTreesClassifier(random_state=seed),
        "ada": lambda seed: AdaBoostClassifier(random_state=seed),
        "rf": lambda seed: RandomForestClassifier(random_state=seed),
    },
    "regression": {
        "et": lambda seed: ExtraTreesRegressor(random_state=seed),
        "ada": lambda seed: AdaBoostRegressor(random_state=seed),
        "rf": lambda seed: RandomForestRegressor(random_state=seed),
    },
}

path, task, repeat, *models = sys.argv[1:]
data = np.genfromtxt(path, delimiter=",", skip_header=1)
X, y, fold = data[:, :-2], data[:, -2], data[:, -1].astype(int)
folds = [(fold != f, fold == f) for f in range(fold.max() + 1)]


def run_once(create):
    wall = 0.0
    cpu = 0.0
    score = 0.0
    for f, (train, test) in enumerate(folds):
        start, start_cpu = time.perf_counter(), time.process_time()
        model = create(f + 1).fit(X[train], y[train])
        if task == "classification":
            predicted = model.classes_[np.argmax(model.predict_proba(X[test]), axis=1)]
        else:
            predicted = model.predict(X[test])
        wall += time.perf_counter() - start
        cpu += time.process_time() - start_cpu
        score += accuracy_score(y[test], predicted) if task == "classification" else r2_score(y[test], predicted)
    return wall, cpu, score / len(folds)


result = {}
for m in models:
    create = MODELS[task][m]
    run_once(create)
    runs = [run_once(create) for _ in range(int(repeat))]
    result[m] = {"wall": min(r[0] for r in runs), "cpu": min(r[1] for r in runs), "score": runs[0][2]}
print(json.dumps(result))
