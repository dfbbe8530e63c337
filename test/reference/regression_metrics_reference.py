"""scikit-learn's regression metrics on fixed predictions, for test/stats/regressionScores.test.ts.

Regenerate with Debian's python3-sklearn (scikit-learn 1.2.1, numpy 1.24):
    /usr/bin/python3 test/reference/regression_metrics_reference.py > test/reference/regression_metrics_reference.json

Each case is one fold: true values and predictions. MAE, MSE, RMSE, R2 and MAPE are scikit-learn's
mean_absolute_error, mean_squared_error (squared=True, then False), r2_score and
mean_absolute_percentage_error with their defaults. RMSLE is PyCaret's grid column as issue 9
defines it, sqrt(mean((log1p(pred) - log1p(true))^2)), computed here with numpy; scikit-learn's
mean_squared_log_error raises on any negative value, and the RMSLE of a case holding a value at
or below -1 is null (log1p is undefined there), with scikit-learn's message in "sklearnNotes".
R2 with fewer than two values is null too: scikit-learn warns and returns nan.

"numpySums" checks the summation order that the means are computed in: numpy's pairwise sum,
restarted every 8192 values, over a series both sides generate exactly (integers and one
correctly rounded division per value).
"""
import json
import sys
import warnings

import numpy as np
import sklearn
from sklearn.metrics import (
    mean_absolute_error,
    mean_absolute_percentage_error,
    mean_squared_error,
    mean_squared_log_error,
    r2_score,
)

METRIC_IDS = ["MAE", "MSE", "RMSE", "R2", "RMSLE", "MAPE"]


def rmsle(y, pred):
    if np.any(y <= -1) or np.any(pred <= -1):
        return float("nan")
    return np.sqrt(np.mean((np.log1p(pred) - np.log1p(y)) ** 2))


def make_case(name, description, y, pred):
    y = np.asarray(y, dtype=float)
    pred = np.asarray(pred, dtype=float)
    assert y.shape == pred.shape and y.ndim == 1, name
    scores = {
        "MAE": lambda: mean_absolute_error(y, pred),
        "MSE": lambda: mean_squared_error(y, pred),
        "RMSE": lambda: mean_squared_error(y, pred, squared=False),
        "R2": lambda: r2_score(y, pred),
        "RMSLE": lambda: rmsle(y, pred),
        "MAPE": lambda: mean_absolute_percentage_error(y, pred),
    }
    expected = {}
    notes = {}
    for metric, compute in scores.items():
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            value = float(compute())
        if caught:
            notes[metric] = "; ".join(f"{w.category.__name__}: {str(w.message).splitlines()[0]}" for w in caught)
        expected[metric] = None if np.isnan(value) else value
    if np.any(y < 0) or np.any(pred < 0):
        try:
            mean_squared_log_error(y, pred)
        except ValueError as error:
            notes["RMSLE"] = f"mean_squared_log_error raises ValueError: {error}"
    return {"name": name, "description": description, "yTrue": y.tolist(), "yPred": pred.tolist(), "expected": expected, "sklearnNotes": notes}


def cases():
    rng = np.random.RandomState(20240901)
    y = np.round(rng.gamma(2.0, 3.0, size=60), 3)
    yield make_case("seeded 60 rows", "positive skewed targets, noisy positive predictions", y, np.round(np.abs(y + rng.normal(0, 1.5, size=60)), 3))

    # Insurance-sized charges: large values, where a mean's rounding shows in the last digits.
    y = np.round(rng.lognormal(9.0, 0.9, size=150), 4)
    yield make_case("seeded 150 rows, large values", "charges around 1e4, 17 significant digits kept", y, y * rng.lognormal(0.0, 0.3, size=150))

    yield make_case("constant y, perfect predictions", "SS_tot = 0 and SS_res = 0: R2 is 1", [4.0, 4.0, 4.0, 4.0], [4.0, 4.0, 4.0, 4.0])
    yield make_case("constant y, imperfect predictions", "SS_tot = 0 and SS_res > 0: R2 is 0 (force_finite)", [4.0, 4.0, 4.0, 4.0], [4.0, 3.5, 4.0, 5.0])
    y = np.full(7, 0.1)
    assert np.sum((y - np.mean(y)) ** 2) > 0, "the next case needs a y whose mean does not round back to its value"
    yield make_case(
        "constant y whose mean is not its value",
        "seven 0.1s: numpy's mean is not 0.1, so SS_tot is tiny but not 0 and R2 is a huge negative number",
        y,
        [0.1, 0.1, 0.1, 0.2, 0.1, 0.1, 0.1],
    )
    yield make_case("zeros in y", "MAPE divides by machine epsilon where y is 0", [0.0, 1.0, 0.0, 2.5, -3.0], [0.5, 1.2, 0.0, 2.0, -2.0])
    yield make_case("negative values above -1", "log1p is defined: RMSLE is a number (scikit-learn's MSLE raises)", [-0.5, 0.2, 3.0, 1.5], [0.1, -0.9, 2.0, 1.5])
    yield make_case("a true value at -1", "log1p(-1) is -inf: RMSLE is undefined", [-1.0, 2.0, 3.0], [0.5, 2.0, 2.5])
    yield make_case("a prediction below -1", "log1p(-2.5) is nan: RMSLE is undefined", [0.0, 2.0, 3.0], [0.5, -2.5, 2.5])
    yield make_case("one row", "R2 is undefined with fewer than two values; the others are that row's error", [3.0], [2.5])
    yield make_case("perfect predictions", "every error is 0 and R2 is 1", [1.0, 0.0, 3.5, 10.0], [1.0, 0.0, 3.5, 10.0])


def series(n):
    i = np.arange(n, dtype=np.int64)
    return ((i * 7919) % 10007 - 5003).astype(float) * 10.0 ** (i % 7) / 7.0


def dumps(value, indent=0):
    """JSON with one line per number list, so diffs stay readable."""
    pad = "  " * (indent + 1)
    if isinstance(value, dict):
        items = [f"{pad}{json.dumps(key)}: {dumps(item, indent + 1)}" for key, item in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + "  " * indent + "}" if items else "{}"
    if isinstance(value, list) and any(isinstance(item, (list, dict)) for item in value):
        return "[\n" + ",\n".join(pad + dumps(item, indent + 1) for item in value) + "\n" + "  " * indent + "]"
    return json.dumps(value, allow_nan=False, separators=(", ", ": "))


reference = {
    "sklearn": sklearn.__version__,
    "numpy": np.__version__,
    "metrics": METRIC_IDS,
    "cases": list(cases()),
    "numpySums": [{"n": n, "sum": float(np.sum(series(n))), "mean": float(np.mean(series(n)))} for n in (1, 7, 8, 9, 127, 128, 129, 1000, 8192, 8193, 20000)],
}
sys.stdout.write(dumps(reference) + "\n")
