#!/usr/bin/python3
"""scikit-learn's side of bench/foldTimes.ts: CPU seconds (time.process_time) of fit + predict_proba
(regressors: predict; a regression dump has fold-N-y.f64) per fold, on the z-scored fold matrices that `foldTimes.js --dump DIR` wrote, for any classifier
as bench/sklearn_grid.py builds it (its MODELS; decision_function for those without
probabilities). The trees see z-scored columns here, which moves no split's cost.
Run with one BLAS / OpenMP thread (as joblib's workers do); one warm-up fit, then each fold
`repeat` times, and prints each model's per-fold range (min-max over folds of the best of the
repeats) and the sum of those bests.

    OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 /usr/bin/python3 bench/foldTimes_sklearn.py DIR [REPEAT] [lr,knn,...]
"""
import json
import os
import sys
import time
import warnings

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sklearn_grid import MODELS, REGRESSORS  # noqa: E402  (id -> (name, scaled, create(seed)))

SEED = 123


def scores(model, test):
    if hasattr(model, "predict_proba"):
        return model.predict_proba(test)
    return model.decision_function(test) if hasattr(model, "decision_function") else model.predict(test)


def load(directory, f):
    shape = json.load(open(os.path.join(directory, f"fold-{f}.json")))
    train = np.fromfile(os.path.join(directory, f"fold-{f}-train.f64")).reshape(shape["train"])
    test = np.fromfile(os.path.join(directory, f"fold-{f}-test.f64")).reshape(shape["test"])
    regression = os.path.join(directory, f"fold-{f}-y.f64")
    if os.path.exists(regression):
        return train, test, np.fromfile(regression)
    y = np.fromfile(os.path.join(directory, f"fold-{f}-y.u32"), dtype=np.uint32)
    return train, test, y


def main():
    directory = sys.argv[1]
    repeat = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    models = sys.argv[3].split(",") if len(sys.argv) > 3 else ["lr", "knn"]
    folds = []
    while os.path.exists(os.path.join(directory, f"fold-{len(folds)}.json")):
        folds.append(load(directory, len(folds)))
    warnings.simplefilter("ignore")
    registry = REGRESSORS if os.path.exists(os.path.join(directory, "fold-0-y.f64")) else MODELS
    for m in models:
        create = registry[m][2]
        scores(create(SEED).fit(folds[0][0], folds[0][2]), folds[0][1])
        best = []
        for train, test, y in folds:
            times = []
            for _ in range(repeat):
                start = time.process_time()
                scores(create(SEED).fit(train, y), test)
                times.append(time.process_time() - start)
            best.append(min(times))
        print(f"{m}\t{sum(best):.3f} s cpu\tper fold {' '.join(f'{t:.3f}' for t in best)}")


if __name__ == "__main__":
    main()
