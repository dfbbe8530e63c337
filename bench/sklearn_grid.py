#!/usr/bin/python3
"""automl-grid's protocol in scikit-learn: the reference our grid is checked and timed against.

Reads a CSV with the csv module (no pandas on Debian's python3-sklearn), partitions it by --by,
and for every partition runs the same protocol as automl-grid (README, "The protocol"): typing,
split, folds, per-fold imputation / encoding / scaling fitted on training rows, the models
with scikit-learn's defaults, the grid's metrics averaged over folds. Prints a JSON array of rows
({key columns, Model, Accuracy, AUC, Recall, Prec, F1, Kappa, MCC, TT_Sec, status, reason}; with
--task regression MAE, MSE, RMSE, R2, RMSLE, MAPE instead, on shuffled KFold folds and a plain
train split, as automl-grid's regression protocol).
Per-model total fit + predict seconds (summed over folds and partitions, the quantity TT_Sec
averages) go to stderr as one JSON line, for the benchmark.

    /usr/bin/python3 bench/sklearn_grid.py data.csv --target y [--by a,b] [--n-jobs 2] ...
"""
import argparse
import csv
import json
import math
import re
import sys
import time

import numpy as np
from joblib import Parallel, delayed
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis, QuadraticDiscriminantAnalysis
from sklearn.dummy import DummyClassifier, DummyRegressor
from sklearn.ensemble import (AdaBoostClassifier, AdaBoostRegressor, ExtraTreesClassifier, ExtraTreesRegressor,
                              GradientBoostingClassifier, GradientBoostingRegressor, HistGradientBoostingClassifier,
                              HistGradientBoostingRegressor, RandomForestClassifier, RandomForestRegressor)
from sklearn.linear_model import (BayesianRidge, ElasticNet, HuberRegressor, Lasso, LinearRegression,
                                  LogisticRegression, Ridge, RidgeClassifier, SGDClassifier)
from sklearn.metrics import (accuracy_score, cohen_kappa_score, f1_score, matthews_corrcoef,
                             mean_absolute_error, mean_absolute_percentage_error, mean_squared_error,
                             precision_score, r2_score, recall_score, roc_auc_score)
from sklearn.model_selection import KFold, StratifiedKFold, train_test_split
from sklearn.naive_bayes import GaussianNB
from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

MISSING = {"", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null"}
# ASCII digits only: Python's \d (and float()) also take Arabic-Indic and other digits, which
# automl-grid, as pandas' read_csv, reads as text.
NUMERIC = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$", re.ASCII)
MAX_ONE_HOT_LEVELS = 25
MODELS = {
    "lr": ("Logistic Regression", True, lambda seed: LogisticRegression(max_iter=1000)),
    "rf": ("Random Forest Classifier", False, lambda seed: RandomForestClassifier(random_state=seed, n_jobs=1)),
    "nb": ("Naive Bayes", False, lambda seed: GaussianNB()),
    "knn": ("K Neighbors Classifier", True, lambda seed: KNeighborsClassifier()),
    "dt": ("Decision Tree Classifier", False, lambda seed: DecisionTreeClassifier(random_state=seed)),
    "ada": ("Ada Boost Classifier", False, lambda seed: AdaBoostClassifier(random_state=seed)),
    "et": ("Extra Trees Classifier", False, lambda seed: ExtraTreesClassifier(random_state=seed, n_jobs=1)),
    "svm": ("SVM - Linear Kernel", True, lambda seed: SGDClassifier(loss="hinge", tol=1e-3, random_state=seed)),
    "ridge": ("Ridge Classifier", True, lambda seed: RidgeClassifier()),
    "qda": ("Quadratic Discriminant Analysis", False, lambda seed: QuadraticDiscriminantAnalysis()),
    "lda": ("Linear Discriminant Analysis", False, lambda seed: LinearDiscriminantAnalysis()),
    "dummy": ("Dummy Classifier", False, lambda seed: DummyClassifier()),
    "gbc": ("Gradient Boosting Classifier", False, lambda seed: GradientBoostingClassifier(random_state=seed)),
    "hgb": ("Histogram Gradient Boosting Classifier", False,
            lambda seed: HistGradientBoostingClassifier(early_stopping=False, random_state=seed)),
}
METRICS = ["Accuracy", "AUC", "Recall", "Prec", "F1", "Kappa", "MCC"]
# src/models/regressors.ts's list, with scikit-learn's defaults.
REGRESSORS = {
    "lr": ("Linear Regression", True, lambda seed: LinearRegression()),
    "lasso": ("Lasso Regression", True, lambda seed: Lasso()),
    "ridge": ("Ridge Regression", True, lambda seed: Ridge()),
    "en": ("Elastic Net", True, lambda seed: ElasticNet()),
    "br": ("Bayesian Ridge", True, lambda seed: BayesianRidge()),
    "huber": ("Huber Regressor", True, lambda seed: HuberRegressor()),
    "knn": ("K Neighbors Regressor", True, lambda seed: KNeighborsRegressor()),
    "dt": ("Decision Tree Regressor", False, lambda seed: DecisionTreeRegressor(random_state=seed)),
    "rf": ("Random Forest Regressor", False, lambda seed: RandomForestRegressor(random_state=seed, n_jobs=1)),
    "et": ("Extra Trees Regressor", False, lambda seed: ExtraTreesRegressor(random_state=seed, n_jobs=1)),
    "ada": ("AdaBoost Regressor", False, lambda seed: AdaBoostRegressor(random_state=seed)),
    "gbr": ("Gradient Boosting Regressor", False, lambda seed: GradientBoostingRegressor(random_state=seed)),
    "hgb": ("Histogram Gradient Boosting Regressor", False,
            lambda seed: HistGradientBoostingRegressor(early_stopping=False, random_state=seed)),
    "dummy": ("Dummy Regressor", False, lambda seed: DummyRegressor()),
}
REGRESSION_METRICS = ["MAE", "MSE", "RMSE", "R2", "RMSLE", "MAPE"]


def regression_scores(y_true, y_pred):
    """The regression grid's metrics; RMSLE is NaN where a value is <= -1, as automl-grid's."""
    mse = mean_squared_error(y_true, y_pred)
    rmsle = (math.sqrt(np.mean((np.log1p(y_pred) - np.log1p(y_true)) ** 2))
             if np.all(y_true > -1) and np.all(y_pred > -1) else math.nan)
    return [mean_absolute_error(y_true, y_pred), mse, math.sqrt(mse), r2_score(y_true, y_pred), rmsle,
            mean_absolute_percentage_error(y_true, y_pred)]


def score_regression(base, header, rows, options, failed, skipped):
    """score_partition for a numeric target: plain split, shuffled KFold (or the fold column's folds), predictions scored."""
    t = header.index(options["target"])
    y = np.array([float(row[t]) for row in rows])
    seed = options["seed"]
    index = np.arange(len(rows))
    if options["train_size"] < 1:
        index, _ = train_test_split(index, train_size=options["train_size"], random_state=seed)
        index = np.sort(index)
    if options["fold_column"]:
        f = header.index(options["fold_column"])
        _, fold_of = distinct_values([rows[i][f] for i in index], key_order)
        folds = [(index[fold_of != v], index[fold_of == v]) for v in range(fold_of.max() + 1)]
    else:
        k = min(options["folds"], len(index))
        if k < 2:
            return skipped("fewer than 2 rows")
        folds = [(index[a], index[b]) for a, b in KFold(n_splits=k, shuffle=True, random_state=seed).split(index)]
    return score_folds(base, header, rows, options, failed, skipped, folds, y, REGRESSORS, REGRESSION_METRICS, "R2",
                       lambda model, X: model.predict(X), regression_scores)


def is_number(cell):
    """A plain decimal number that is finite as a double (src/data/numberCell.ts)."""
    return NUMERIC.match(cell) is not None and math.isfinite(float(cell))


def by_code_units(text):
    """Sort key of text in UTF-16 code units, as JavaScript compares strings."""
    return text.encode("utf-16-be")


def key_order(text):
    """Sort key of src/data/partitionKey.ts's compareKeys for one value: missing, numbers by value
    (equal ones by their text), text, each text by code units."""
    if text == "":
        return (0, 0.0, b"")
    if is_number(text):
        return (1, float(text), by_code_units(text))
    return (2, 0.0, by_code_units(text))


def distinct_values(cells, text_order):
    """src/data/distinctValues.ts: a column's distinct values, sorted, and each cell's code among
    them, as pandas reads the column: by value when every cell is a number (1 and 1.0 are one
    value, 5 comes before 10), else by text in `text_order`; a value shows its first cell's text."""
    numeric = len(cells) > 0 and all(is_number(c) for c in cells)
    # pandas keeps a column of plain integers exact (int64, uint64, Python ints): 2^53 + 1 is not 2^53.
    exact = numeric and all(re.fullmatch(r"\s*[+-]?\d+\s*", c) for c in cells)
    key = (lambda c: int(c.strip())) if exact else float if numeric else str
    first = {}
    for c in cells:
        first.setdefault(key(c), c)
    order = sorted(first, key=(lambda v: v) if numeric else (lambda v: text_order(first[v])))
    code = {v: k for k, v in enumerate(order)}
    return [first[v] for v in order], np.array([code[key(c)] for c in cells], dtype=int)


def type_columns(header, rows, features):
    """The protocol's column types: numeric columns as float arrays (nan = missing), categoricals as strings (None = missing)."""
    columns = []
    for name in features:
        j = header.index(name)
        cells = [row[j] for row in rows]
        present = [c for c in cells if c not in MISSING]
        if not present:
            continue
        if all(is_number(c) for c in present):
            columns.append(("numeric", name, np.array([float(c) if c not in MISSING else np.nan for c in cells])))
        else:
            if len(present) >= 2 and len(set(present)) == len(present):
                continue  # identifier
            columns.append(("categorical", name, [c if c not in MISSING else None for c in cells]))
    return columns


def encode_fold(columns, train, test):
    """The protocol's preprocessing without scaling, fitted on `train` rows: (X_train, X_test)."""
    parts_train, parts_test = [], []
    for kind, _, values in columns:
        if kind == "numeric":
            tr = values[train]
            fill = np.nanmean(tr) if np.any(~np.isnan(tr)) else 0.0
            parts_train.append(np.where(np.isnan(tr), fill, tr)[:, None])
            te = values[test]
            parts_test.append(np.where(np.isnan(te), fill, te)[:, None])
            continue
        tr = [values[i] for i in train]
        counts = {}
        for v in tr:
            if v is not None:
                counts[v] = counts.get(v, 0) + 1
        # Mode, ties to the smallest value; None (no value at all) stays a level of its own.
        fill = min(counts, key=lambda v: (-counts[v], v)) if counts else None
        tr = [fill if v is None else v for v in tr]
        te = [fill if values[i] is None else values[i] for i in test]
        levels = {}
        for v in tr:
            levels[v] = levels.get(v, 0) + 1
        order = sorted(levels, key=lambda v: (v is not None, v or ""))
        if len(order) <= MAX_ONE_HOT_LEVELS:
            index = {v: k for k, v in enumerate(order)}
            a = np.zeros((len(tr), len(order)))
            b = np.zeros((len(te), len(order)))
            for r, v in enumerate(tr):
                a[r, index[v]] = 1
            for r, v in enumerate(te):
                if v in index:
                    b[r, index[v]] = 1
            parts_train.append(a)
            parts_test.append(b)
        else:
            n = len(tr)
            parts_train.append(np.array([levels[v] / n for v in tr])[:, None])
            parts_test.append(np.array([levels.get(v, 0) / n for v in te])[:, None])
    return np.hstack(parts_train), np.hstack(parts_test)


def class_scores(model, raw, n_classes):
    """Rows x n_classes scores: probabilities, or decision values (binary d as [-d, d], absent
    classes at the lowest double) for the models without predict_proba, as automl-grid lays them out.
    A model fitted on training rows of one class (a predefined fold can leave only one) gives that
    class probability 1, or score 0 above the absent classes, as automl-grid's layout has it
    (src/models/trainingClasses.ts): RidgeClassifier then keeps a one-entry classes_ and a
    meaningless score per row, HistGradientBoostingClassifier two probability columns, the first
    for its one class."""
    if hasattr(model, "predict_proba"):
        scores = np.zeros((raw.shape[0], n_classes))
        scores[:, model.classes_] = raw[:, :len(model.classes_)]
        return scores
    scores = np.full((raw.shape[0], n_classes), -np.finfo(float).max)
    if len(model.classes_) == 1:
        scores[:, model.classes_[0]] = 0
    elif raw.ndim == 1:
        scores[:, model.classes_[0]] = -raw
        scores[:, model.classes_[1]] = raw
    else:
        scores[:, model.classes_] = raw
    return scores


def fold_scores(y_true, proba, n_classes):
    pred = np.argmax(proba, axis=1)
    present = np.unique(y_true)
    if len(present) < 2 or np.isnan(proba).any():
        # NaN scores (QDA on a class with an exactly collinear direction): roc_auc_score refuses them.
        auc = math.nan
    elif n_classes == 2:
        auc = roc_auc_score(y_true, proba[:, 1])
    else:
        # Weighted one-vs-rest over the classes present (absent ones would weigh 0).
        auc = sum(np.mean(y_true == c) * roc_auc_score(y_true == c, proba[:, c]) for c in present)
    if n_classes == 2:
        kw = dict(pos_label=1, average="binary", zero_division=0)
    else:
        kw = dict(average="weighted", zero_division=0)
    with np.errstate(all="ignore"):
        kappa = cohen_kappa_score(y_true, pred)
    return [accuracy_score(y_true, pred), auc, recall_score(y_true, pred, **kw),
            precision_score(y_true, pred, **kw), f1_score(y_true, pred, **kw), kappa,
            matthews_corrcoef(y_true, pred)]


def score_partition(key, header, rows, options):
    """One partition's grid: a list of row dicts, or one failed row."""
    by = options["by"]
    base = {column: value for column, value in zip(by, key)}

    def unscored(reason, status):
        metrics = REGRESSION_METRICS if options["task"] == "regression" else METRICS
        return [dict(base, Model=None, **{m: None for m in metrics}, TT_Sec=None, status=status, reason=reason)], {}

    def failed(reason):
        return unscored(reason, "failed")

    def skipped(reason):
        # Too little data to cross-validate: automl-grid's status "skipped" (README, Exit codes).
        return unscored(reason, "skipped")

    t = header.index(options["target"])
    rows = [row for row in rows if row[t] not in MISSING]
    if options["task"] == "regression":
        return score_regression(base, header, rows, options, failed, skipped)
    # Classes in code-point order (Python's own), as LabelEncoder and automl-grid's byCodePoints order them.
    classes, y = distinct_values([row[t] for row in rows], str)
    if len(classes) < 2:
        return skipped("the target %s has one class (%s)" % (options["target"], classes[0] if classes else ""))
    n_classes = len(classes)
    seed = options["seed"]

    index = np.arange(len(rows))
    if options["train_size"] < 1:
        index, _ = train_test_split(index, train_size=options["train_size"], stratify=y, random_state=seed)
        index = np.sort(index)
    counts = np.bincount(y[index], minlength=n_classes)
    smallest = int(np.min(counts[counts > 0]))
    # The rule of both fold paths (README "skipped"): a class of one row is too little data.
    if smallest < 2:
        return skipped("a class has %d row; 2 folds need at least 2 rows per class" % smallest)
    if options["fold_column"]:
        f = header.index(options["fold_column"])
        _, fold_of = distinct_values([rows[i][f] for i in index], key_order)
        folds = [(index[fold_of != v], index[fold_of == v]) for v in range(fold_of.max() + 1)]
    else:
        k = min(options["folds"], smallest)
        splitter = StratifiedKFold(n_splits=k, shuffle=True, random_state=seed)
        folds = [(index[a], index[b]) for a, b in splitter.split(index, y[index])]

    return score_folds(base, header, rows, options, failed, skipped, folds, y, MODELS, METRICS, "Accuracy",
                       lambda model, X: (model, model.predict_proba(X) if hasattr(model, "predict_proba") else model.decision_function(X)),
                       lambda y_true, output: fold_scores(y_true, class_scores(*output, n_classes), n_classes))


def score_folds(base, header, rows, options, failed, skipped, folds, y, registry, metrics, sort, predict, score):
    """The models of `registry` on every fold, encoding and scaling fitted on the training rows,
    fit + predict timed, the output scored by `score` into `metrics`: the grid, largest `sort`
    first, and each model's seconds."""
    fit_seconds = {}
    # A fold column of one value (a one-row partition) leaves a fold with no training rows.
    if len(folds) < 2 or any(len(a) == 0 or len(b) == 0 for a, b in folds):
        return skipped("fewer than 2 folds with rows on both sides")
    columns = type_columns(header, rows, options["features"])
    if not columns:
        return failed("no usable feature columns")
    scores = {m: [] for m in options["models"]}
    seconds = {m: [] for m in options["models"]}
    # A model that raises on a fold (QDA on a class of one training row, kNN on fewer rows than
    # n_neighbors) is left out of the partition's grid, as automl-grid leaves it out.
    left_out = set()
    for train, test in folds:
        X_train, X_test = encode_fold(columns, train, test)
        scaler = StandardScaler().fit(X_train)
        scaled = (scaler.transform(X_train), scaler.transform(X_test))
        for m in options["models"]:
            if m in left_out:
                continue
            _, needs_scaling, create = registry[m]
            a, b = scaled if needs_scaling else (X_train, X_test)
            start = time.perf_counter()
            try:
                output = predict(create(options["seed"]).fit(a, y[train]), b)
            except ValueError:
                left_out.add(m)
                continue
            elapsed = time.perf_counter() - start
            try:
                # Infinite decision values (SGD on columns near 1e150) make roc_auc_score raise: left out too.
                scored = score(y[test], output)
            except ValueError:
                left_out.add(m)
                continue
            seconds[m].append(elapsed)
            fit_seconds[m] = fit_seconds.get(m, 0.0) + elapsed
            scores[m].append(scored)
    grid = []
    for m in options["models"]:
        if m in left_out:
            continue
        values = np.array(scores[m], dtype=float)
        means = [float(np.nanmean(values[:, j])) if np.any(~np.isnan(values[:, j])) else None for j in range(len(metrics))]
        grid.append(dict(base, Model=registry[m][0], **dict(zip(metrics, means)), TT_Sec=float(np.mean(seconds[m])),
                         status="ok", reason=""))
    # A metric undefined on every fold (R2 on partitions of 2 rows) is None, listed last.
    grid.sort(key=lambda r: (r[sort] is None, -(r[sort] or 0.0)))
    return grid, fit_seconds


def number_aware(value):
    return (0, float(value), "") if is_number(value) else (1, 0.0, value)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv")
    parser.add_argument("--target", required=True)
    parser.add_argument("--by", default="")
    parser.add_argument("--ignore", default="")
    parser.add_argument("--fold-column", default="")
    parser.add_argument("--folds", type=int, default=10)
    parser.add_argument("--train-size", type=float, default=0.7)
    parser.add_argument("--seed", type=int, default=123)
    parser.add_argument("--task", choices=["classification", "regression"], default="classification")
    parser.add_argument("--models", default="")
    parser.add_argument("--n-jobs", type=int, default=1)
    args = parser.parse_args()

    with open(args.csv, newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle)
        header = [h.strip() for h in next(reader)]
        rows = [[c.strip() for c in row] for row in reader if any(c.strip() for c in row)]
    by = [c for c in args.by.split(",") if c]
    ignore = [c for c in args.ignore.split(",") if c]
    excluded = set([args.target] + by + ignore + ([args.fold_column] if args.fold_column else []))
    options = dict(target=args.target, by=by, fold_column=args.fold_column, folds=args.folds,
                   train_size=args.train_size, seed=args.seed, task=args.task,
                   models=args.models.split(",") if args.models else list(REGRESSORS if args.task == "regression" else MODELS),
                   features=[h for h in header if h not in excluded])
    at = [header.index(c) for c in by]
    partitions = {}
    for row in rows:
        key = tuple("" if row[j] in MISSING else row[j] for j in at)
        partitions.setdefault(key, []).append(row)
    keys = sorted(partitions, key=lambda k: [number_aware(v) for v in k])
    results = Parallel(n_jobs=args.n_jobs)(delayed(score_partition)(k, header, partitions[k], options) for k in keys)
    grid = [row for rows_, _ in results for row in rows_]
    totals = {}
    for _, seconds in results:
        for m, s in seconds.items():
            totals[m] = totals.get(m, 0.0) + s
    print(json.dumps(grid, indent=1))
    print(json.dumps({"model_seconds": totals}), file=sys.stderr)


if __name__ == "__main__":
    main()
