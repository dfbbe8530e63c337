"""scikit-learn 1.2's answer to a training fold of one class, for test/evaluate/oneClassFold.test.ts.

Writes test/reference/one_class_folds.csv (the seeded table, so the TypeScript test reads the very
same cells) and test/reference/one_class_reference.json:
- "estimators": each classifier of the grid, built as bench/sklearn_grid.py builds it (the
  README's defaults), fitted on rows of one class and asked for its scores (predict_proba, or
  decision_function): null where it answers, else the error it raises.
  Our registry's needsTwoClasses (src/models/classifiers.ts) must be true exactly where it raises.
- "grid": bench/sklearn_grid.py's grid of the table with its fold column: the protocol in
  scikit-learn, which leaves a model out of the grid when it raises on a fold.

The table: labels 5 and 10 (10 the positive class, as numbers sort; some written 10.0, the same
class to pandas), every 10 in fold 10, so fold 10's training rows hold only 5s; fold values 1, 1.0
(one fold), 2, 3 and 10. Features: two numeric columns and a three-level categorical one.

Regenerate with Debian's python3-sklearn (scikit-learn 1.2.1, numpy 1.24):
    /usr/bin/python3 test/reference/one_class_reference.py
"""
import json
import os
import sys
import warnings

import numpy as np
import sklearn

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "bench"))
import sklearn_grid  # noqa: E402

CSV = os.path.join(HERE, "one_class_folds.csv")

rs = np.random.RandomState(20271127)
lines = ["x1,x2,colour,y,fold"]
for i in range(80):
    positive = i % 5 == 0
    fold = "10" if positive or i % 9 == 0 else ["1", "1.0", "2", "3"][i % 4]
    label = ("10.0" if i % 3 == 0 else "10") if positive else "5"
    x1 = rs.normal(1.2 if positive else 0.0, 1.0)
    x2 = rs.normal(0.0, 1.0) + (0.8 if positive else 0.0)
    colour = ["red", "green", "blue"][rs.randint(3)]
    lines.append(f"{x1:.4f},{x2:.4f},{colour},{label},{fold}")
with open(CSV, "w") as handle:
    handle.write("\n".join(lines) + "\n")

X = rs.normal(0, 1, (12, 3))
estimators = {}
for model_id, (name, _, create) in sklearn_grid.MODELS.items():
    errors = set()
    for only in (0, 1):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                model = create(0).fit(X, np.full(12, only))
                # LinearDiscriminantAnalysis fits, and raises when it answers.
                model.predict_proba(X) if hasattr(model, "predict_proba") else model.decision_function(X)
                errors.add(None)
            except Exception as error:  # LDA raises numpy's AxisError, the others ValueError
                errors.add(f"{type(error).__name__}: {error}".replace(f"class: {only}", "class: <the class>"))
    assert len(errors) == 1, f"{model_id} depends on which class: {errors}"
    estimators[model_id] = errors.pop()

header, rows = lines[0].split(","), [line.split(",") for line in lines[1:]]
options = dict(target="y", by=[], fold_column="fold", folds=10, train_size=1.0, seed=123, task="classification",
               models=list(sklearn_grid.MODELS), features=["x1", "x2", "colour"])
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    grid, _ = sklearn_grid.score_partition((), header, rows, options)
for row in grid:
    row.pop("TT_Sec")

json.dump({"sklearn": sklearn.__version__, "estimators": estimators, "grid": grid},
          open(os.path.join(HERE, "one_class_reference.json"), "w"), indent=1)
print("wrote test/reference/one_class_folds.csv and one_class_reference.json")
