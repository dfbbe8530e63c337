"""scikit-learn's grid for issue 10's linear, discriminant and baseline models on predefined folds:
the reference test/evaluate/linearParity.test.ts checks our grid against.

Regenerate with Debian's python3-sklearn (scikit-learn 1.2.1):
    /usr/bin/python3 test/reference/linear_grid_reference.py > test/reference/linear_grid.json

The protocol is automl-grid's, through bench/sklearn_grid.py's typing, per-fold encoding,
z-scoring (for ridge, svm, br and huber; lda, qda and dummy see the encoded columns as PyCaret
does) and metrics; decision scores as automl-grid lays them out (class_scores).

Classification: fixtures/parity/passengers-folds.csv and flowers-folds.csv (the fixtures of
test/reference/grid.json). SGDClassifier's grid is given for random_state 0..9 and as their mean:
on a few hundred rows one seed's accuracy moves by 0.05 from the next, so only means compare.

Regression: test/reference/linear_regression_folds.csv, an insurance-shaped table (age, sex, bmi,
children, smoker, region, charges) that this script writes from a seeded generator, with a fold
column (row i in fold i mod 10): BayesianRidge() and HuberRegressor() on z-scored features,
PyCaret's MAE, MSE, RMSE, R2 averaged over folds.
"""
import csv
import json
import math
import os
import sys
import warnings

import numpy as np
import sklearn
from sklearn.linear_model import BayesianRidge, HuberRegressor
from sklearn.metrics import mean_absolute_error, mean_squared_error, r2_score
from sklearn.preprocessing import StandardScaler

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
sys.path.insert(0, os.path.join(ROOT, "bench"))
from sklearn_grid import METRICS, MODELS, class_scores, encode_fold, fold_scores, type_columns  # noqa: E402

SEED = 123
SVM_SEEDS = range(10)
REGRESSION_CSV = os.path.join(ROOT, "test", "reference", "linear_regression_folds.csv")


def read(path):
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        return header, [row for row in reader if row]


def folds_of(header, rows):
    fold = np.array([row[header.index("fold")] for row in rows])
    return [(np.where(fold != v)[0], np.where(fold == v)[0]) for v in sorted(set(fold))]


def classification_grid(path, target, ignore, models, seed):
    header, rows = read(path)
    t = header.index(target)
    classes = sorted({row[t] for row in rows})
    y = np.array([classes.index(row[t]) for row in rows])
    columns = type_columns(header, rows, [h for h in header if h not in [target, "fold", *ignore]])
    scores = {m: [] for m in models}
    for train, test in folds_of(header, rows):
        a, b = encode_fold(columns, train, test)
        scaler = StandardScaler().fit(a)
        for m in models:
            name, scaled, create = MODELS[m]
            A, B = (scaler.transform(a), scaler.transform(b)) if scaled else (a, b)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # QDA's "Variables are collinear"
                model = create(seed).fit(A, y[train])
                with np.errstate(all="ignore"):
                    raw = model.predict_proba(B) if hasattr(model, "predict_proba") else model.decision_function(B)
            scores[m].append(fold_scores(y[test], class_scores(model, raw, len(classes)), len(classes)))
    return {MODELS[m][0]: dict(zip(METRICS, np.nanmean(np.array(scores[m], dtype=float), axis=0).tolist())) for m in models}


def write_regression_table():
    rs = np.random.RandomState(1010)
    n = 400
    age = rs.randint(18, 65, n)
    sex = rs.choice(["female", "male"], n)
    bmi = rs.normal(30.5, 6, n).round(2)
    children = rs.choice([0, 1, 2, 3, 4, 5], n, p=[0.43, 0.24, 0.18, 0.11, 0.02, 0.02])
    smoker = rs.choice(["no", "yes"], n, p=[0.8, 0.2])
    region = rs.choice(["northeast", "northwest", "southeast", "southwest"], n)
    charges = 250 * age + 320 * (bmi - 30) + 480 * children + np.where(smoker == "yes", 23000 + 900 * np.maximum(bmi - 30, 0), 0)
    charges = np.maximum(charges + rs.gamma(2.0, 1800, n) - 2500, 1100).round(4)
    with open(REGRESSION_CSV, "w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle, lineterminator="\n")
        out.writerow(["age", "sex", "bmi", "children", "smoker", "region", "charges", "fold"])
        for i in range(n):
            out.writerow([age[i], sex[i], bmi[i], children[i], smoker[i], region[i], charges[i], i % 10])


def regression_grid():
    header, rows = read(REGRESSION_CSV)
    y = np.array([float(row[header.index("charges")]) for row in rows])
    columns = type_columns(header, rows, [h for h in header if h not in ("charges", "fold")])
    models = {"Bayesian Ridge": BayesianRidge, "Huber Regressor": HuberRegressor}
    scores = {name: [] for name in models}
    for train, test in folds_of(header, rows):
        a, b = encode_fold(columns, train, test)
        scaler = StandardScaler().fit(a)
        A, B = scaler.transform(a), scaler.transform(b)
        for name, create in models.items():
            pred = create().fit(A, y[train]).predict(B)
            mse = mean_squared_error(y[test], pred)
            scores[name].append([mean_absolute_error(y[test], pred), mse, math.sqrt(mse), r2_score(y[test], pred)])
    return {name: dict(zip(["MAE", "MSE", "RMSE", "R2"], np.mean(np.array(s), axis=0).tolist())) for name, s in scores.items()}


def main():
    fixtures = os.path.join(ROOT, "fixtures", "parity")
    grids = {}
    for name, file, target, ignore in [("passengers", "passengers-folds.csv", "Survived", ["PassengerId"]),
                                       ("flowers", "flowers-folds.csv", "species", [])]:
        path = os.path.join(fixtures, file)
        grid = classification_grid(path, target, ignore, ["ridge", "qda", "lda", "dummy"], SEED)
        runs = [classification_grid(path, target, ignore, ["svm"], seed)["SVM - Linear Kernel"] for seed in SVM_SEEDS]
        grid["SVM - Linear Kernel"] = {metric: float(np.mean([run[metric] for run in runs])) for metric in METRICS}
        grids[name] = {"grid": grid, "svmRuns": runs}
    write_regression_table()
    grids["policies"] = {"grid": regression_grid()}
    print(json.dumps({"sklearn": sklearn.__version__, "svmSeeds": list(SVM_SEEDS), **grids}, indent=1))


if __name__ == "__main__":
    main()
