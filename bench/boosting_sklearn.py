#!/usr/bin/python3
"""scikit-learn's side of bench/boosting.ts: times scikit-learn 1.2's boosting models on a numeric
matrix that the TypeScript side wrote, and scores both sides' held-out predictions with
scikit-learn's own metrics (so one implementation of Accuracy / AUC / R2 judges both).

    /usr/bin/python3 bench/boosting_sklearn.py data.csv ours.json --task classification --models gbc,hgb --repeat 3

data.csv: columns f0..fk, y (class index or target), fold (0..k-1). ours.json: for each model,
"predictions" per fold (held-out rows in file order; class probabilities row by row for
classification) and "seconds". Prints one JSON object: per model, both sides' mean metrics over
folds and total fit + predict seconds over folds (median of --repeat runs, after one warm-up run).
"""
import argparse
import json
import sys
import time

import numpy as np
from sklearn.ensemble import (GradientBoostingClassifier, GradientBoostingRegressor,
                              HistGradientBoostingClassifier, HistGradientBoostingRegressor)
from sklearn.metrics import accuracy_score, r2_score, roc_auc_score

MODELS = {
    "classification": {
        "gbc": lambda: GradientBoostingClassifier(random_state=123),
        "hgb": lambda: HistGradientBoostingClassifier(early_stopping=False, random_state=123),
    },
    "regression": {
        "gbr": lambda: GradientBoostingRegressor(random_state=123),
        "hgb": lambda: HistGradientBoostingRegressor(early_stopping=False, random_state=123),
    },
}


def scores(task, y_true, predicted, n_classes):
    if task == "regression":
        return {"R2": float(r2_score(y_true, predicted))}
    proba = np.asarray(predicted).reshape(len(y_true), n_classes)
    labels = np.arange(n_classes)
    auc = (roc_auc_score(y_true, proba[:, 1]) if n_classes == 2
           else roc_auc_score(y_true, proba, multi_class="ovr", average="weighted", labels=labels))
    return {"Accuracy": float(accuracy_score(y_true, proba.argmax(axis=1))), "AUC": float(auc)}


def fit_predict(task, make, X, y, train, test, n_classes):
    model = make().fit(X[train], y[train])
    if task == "regression":
        return model.predict(X[test])
    proba = np.zeros((len(test), n_classes))
    proba[:, model.classes_.astype(int)] = model.predict_proba(X[test])
    return proba


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv")
    parser.add_argument("ours")
    parser.add_argument("--task", choices=sorted(MODELS), required=True)
    parser.add_argument("--models", required=True)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    data = np.loadtxt(args.csv, delimiter=",", skiprows=1, ndmin=2)
    X, y, fold = data[:, :-2], data[:, -2], data[:, -1].astype(int)
    if args.task == "classification":
        y = y.astype(int)
    n_classes = int(y.max()) + 1 if args.task == "classification" else 0
    folds = [(np.flatnonzero(fold != k), np.flatnonzero(fold == k)) for k in range(fold.max() + 1)]
    ours = json.load(open(args.ours))
    out = {}
    for m in args.models.split(","):
        make = MODELS[args.task][m]
        totals = []
        for run in range(args.repeat + 1):
            predictions, seconds = [], 0.0
            for train, test in folds:
                start = time.perf_counter()
                predictions.append(fit_predict(args.task, make, X, y, train, test, n_classes))
                seconds += time.perf_counter() - start
            if run > 0:
                totals.append(seconds)
        theirs_scores = [scores(args.task, y[test], p, n_classes) for p, (_, test) in zip(predictions, folds)]
        our_scores = [scores(args.task, y[test], p, n_classes) for p, (_, test) in zip(ours[m]["predictions"], folds)]
        mean = lambda rows: {k: float(np.mean([r[k] for r in rows])) for k in rows[0]}
        out[m] = {"sklearn": mean(theirs_scores), "ours": mean(our_scores), "sklearnSeconds": float(np.median(totals))}
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
