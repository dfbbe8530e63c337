"""scikit-learn's encoding of small tables, for test/preprocess/sklearnParity.test.ts.

Regenerate with Debian's python3-sklearn (scikit-learn 1.2.1, numpy 1.24):
    /usr/bin/python3 test/reference/preprocess_reference.py > test/reference/preprocess_reference.json

Each case is one table (header and string cells, as a partition reaches the preprocessing) and one
fold: training row indices and test row indices. Columns are typed as the protocol's column types say,
with the same missing tokens and the same numeric-cell pattern as src/data/missing.ts and
src/data/numberCell.ts; every column of every case is a feature and none is dropped. Then, fitted
on the training rows only and applied to both sides, column by column in header order:

- numeric: SimpleImputer(strategy="mean");
- categorical: SimpleImputer(strategy="most_frequent") on an object array with np.nan for a missing
  cell (np.nan is the default missing_values; None would need missing_values=None, and with the
  default it fails to sort against the strings). Ties go to the smallest value (min over the
  tied values, Python's code-point order). Then, when the imputed training values have at most
  25 distinct levels, OneHotEncoder(handle_unknown="ignore", sparse_output=False) (the 1.2 name;
  `sparse` before 1.2): its categories are the sorted training levels, an unseen level is all
  zeros. With more than 25 levels, frequency encoding, which scikit-learn has no transformer for:
  plain counting here, a value's count among the imputed training values over the number of
  training rows (0 for a value never seen in training);
- the blocks side by side in header order, then StandardScaler() fitted on the encoded training
  matrix and applied to both sides.

A column whose training rows are all missing is dropped by SimpleImputer's default
(keep_empty_features=False; silently in 1.2.1, the matrix just loses that column). Our protocol
keeps it instead: a numeric one imputes 0, a categorical one becomes one indicator column of the
missing value. keep_empty_features=True (new in 1.2) does exactly that: it imputes 0 for such a
column under any strategy but "constant", so a numeric column is 0 and a categorical one has the
single training level 0, which one-hot encodes a missing cell as 1 and any present (unseen) level
as all zeros. For such columns the reference is made with keep_empty_features=True, and
"sklearnNotes" records that the default drops them; their "fill" and "levels" show that 0 as null.
"""
import json
import random
import re
import sys
from collections import Counter

import numpy as np
import sklearn
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import OneHotEncoder, StandardScaler

MISSING = {"", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null"}
NUMERIC = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", re.ASCII)
MAX_ONE_HOT_LEVELS = 25


def column_kind(cells):
    present = [c for c in cells if c not in MISSING]
    if not present:
        raise ValueError("a column with no values is dropped by the protocol; not a case here")
    if all(NUMERIC.fullmatch(c) for c in present):
        return "numeric"
    if len(present) >= 2 and len(set(present)) == len(present):
        raise ValueError("an identifier column is dropped by the protocol; not a case here")
    return "categorical"


def imputer(strategy, train_column):
    """SimpleImputer's default, unless that drops the column (all training cells missing)."""
    default = SimpleImputer(strategy=strategy).fit(train_column)
    if default.transform(train_column).shape[1] == 1:
        return default, None
    kept = ("imputes 0, as ours" if strategy == "mean"
            else "imputes 0, one level of its own that marks a missing cell, as ours")
    note = (f'SimpleImputer(strategy="{strategy}") drops this column (every training cell is missing); '
            f"keep_empty_features=True {kept}")
    return SimpleImputer(strategy=strategy, keep_empty_features=True).fit(train_column), note


def encode_column(name, cells, train, test):
    """One source column's encoded block on the training and the test rows, and how it was made."""
    kind = column_kind(cells)
    if kind == "numeric":
        values = np.array([np.nan if c in MISSING else float(c) for c in cells])[:, None]
        fitted, note = imputer("mean", values[train])
        feature = {"name": name, "kind": kind, "encoding": "mean", "width": 1, "fill": float(fitted.statistics_[0])}
        return feature, fitted.transform(values[train]), fitted.transform(values[test]), note
    values = np.array([np.nan if c in MISSING else c for c in cells], dtype=object)[:, None]
    fitted, note = imputer("most_frequent", values[train])
    imputed_train, imputed_test = fitted.transform(values[train]), fitted.transform(values[test])
    counts = Counter(imputed_train[:, 0].tolist())
    # For a column kept by keep_empty_features, the imputed 0 stands for "missing": null in the JSON.
    label = (lambda level: None) if note is not None else str
    if len(counts) <= MAX_ONE_HOT_LEVELS:
        encoder = OneHotEncoder(handle_unknown="ignore", sparse_output=False).fit(imputed_train)
        levels = [label(level) for level in encoder.categories_[0].tolist()]
        feature = {"name": name, "kind": kind, "encoding": "one-hot", "width": len(levels),
                   "fill": label(fitted.statistics_[0]), "levels": levels}
        return feature, encoder.transform(imputed_train), encoder.transform(imputed_test), note
    n = len(train)
    share = lambda column: np.array([[counts.get(v, 0) / n] for v in column[:, 0].tolist()])
    feature = {"name": name, "kind": kind, "encoding": "frequency", "width": 1,
               "fill": label(fitted.statistics_[0]), "levels": [label(level) for level in sorted(counts)]}
    return feature, share(imputed_train), share(imputed_test), note


def make_case(name, description, header, rows, train, test):
    train, test = np.array(train), np.array(test)
    features, blocks_train, blocks_test, notes = [], [], [], {}
    for j, column in enumerate(header):
        feature, block_train, block_test, note = encode_column(column, [row[j] for row in rows], train, test)
        features.append(feature)
        blocks_train.append(block_train)
        blocks_test.append(block_test)
        if note is not None:
            notes[column] = note
    X_train, X_test = np.hstack(blocks_train).astype(float), np.hstack(blocks_test).astype(float)
    scaler = StandardScaler().fit(X_train)
    return {
        "name": name,
        "description": description,
        "header": header,
        "rows": rows,
        "train": train.tolist(),
        "test": test.tolist(),
        "features": features,
        "sklearnNotes": notes,
        "train_encoded": X_train.tolist(),
        "test_encoded": X_test.tolist(),
        "train_scaled": scaler.transform(X_train).tolist(),
        "test_scaled": scaler.transform(X_test).tolist(),
    }


def split_mod5(n):
    """Every row whose index mod 5 is not 0 trains; the rest are the test fold."""
    return [i for i in range(n) if i % 5 != 0], [i for i in range(n) if i % 5 == 0]


def cases():
    rng = random.Random(20240611)
    missing = ["", "NA", "N/A", "NaN", "nan", "null", "NULL", "None", "#N/A"]

    # (1) Two numeric columns and a 3-level categorical, missing cells in all three, on both sides.
    n = 40
    age_forms = ["22", "38.5", "-0.5", ".5", "7.", "+3", "1e1", "2.5E-1", "61", "0"]
    rows = []
    for i in range(n):
        age = "" if i % 7 == 3 else "NA" if i % 11 == 5 else rng.choice(age_forms)
        fare = "NaN" if i % 6 == 2 else "null" if i == 15 else f"{rng.randint(500, 9000) / 100:g}"
        port = "" if i % 9 == 4 else "None" if i == 10 else rng.choice(["C", "Q", "S", "S"])
        rows.append([age, fare, port])
    train, test = split_mod5(n)
    yield make_case("numeric and 3-level categorical with missing cells",
                    "mean and mode imputation from the training rows only; missing cells in test rows too",
                    ["age", "fare", "port"], rows, train, test)

    # (2) Test rows hold a level that training never saw: all zeros in its one-hot block.
    n = 30
    rows = []
    for i in range(n):
        colour = "violet" if i in (5, 20, 25) else "NA" if i == 15 else ["red", "green", "blue"][i % 3]
        x = "" if i in (4, 10) else f"{(i * 37) % 23 - 11}.25"
        rows.append([colour, x])
    train, test = split_mod5(n)
    yield make_case("level unseen in training",
                    "colour 'violet' appears only in test rows (all zeros); a missing test cell takes the mode",
                    ["colour", "x"], rows, train, test)

    # (3) Mode ties. grade: "a" and "B" both 5 times in training, "B" < "a" in code points (a
    # case-folding sort would pick "a"). code: "10" and "9" tie, "10" < "9" as strings (a numeric
    # sort would pick "9"); "x" makes the column categorical.
    grade_train = ["a"] * 5 + ["B"] * 5 + ["b"] * 3 + ["", "NA", "#N/A"]
    code_train = ["10"] * 4 + ["9"] * 4 + ["x"] * 2 + ["null"] * 6
    rng.shuffle(grade_train)
    rng.shuffle(code_train)
    grade_test = ["b", "", "a", "B"]
    code_test = ["x", "NULL", "9", "10"]
    n = 20
    train, test = split_mod5(n)
    rows = [None] * n
    for k, i in enumerate(train):
        rows[i] = [grade_train[k], code_train[k]]
    for k, i in enumerate(test):
        rows[i] = [grade_test[k], code_test[k]]
    yield make_case("mode tie between two levels",
                    "training ties go to the smallest value: 'B' over 'a' (code points), '10' over '9' (strings)",
                    ["grade", "code"], rows, train, test)

    # (4) ticket: 26 distinct training levels after imputation (frequency encoded); deck: exactly
    # 25 (one-hot, the largest one-hot block). Test rows add unseen levels and missing cells.
    n = 80
    train, test = split_mod5(n)
    ticket_train = [f"T{k % 26:02d}" for k in range(len(train) - 4)] + ["", "NA", "None", "nan"]
    ticket_train[:10] = ["T03"] * 10
    ticket_train[10:26] = [f"T{k:02d}" for k in range(26) if k != 3][:16]
    deck_train = [f"D{k % 25:02d}" for k in range(len(train) - 3)] + ["N/A", "", "NULL"]
    rng.shuffle(ticket_train)
    rng.shuffle(deck_train)
    ticket_test = ["T99", "", "T03", "T25", "T00", "X1"] + [f"T{rng.randrange(26):02d}" for _ in range(len(test) - 6)]
    deck_test = ["D25", "D99", "NA", "D00", "D24"] + [f"D{rng.randrange(25):02d}" for _ in range(len(test) - 5)]
    rows = [None] * n
    for k, i in enumerate(train):
        rows[i] = [ticket_train[k], deck_train[k], f"{rng.randint(-300, 300) / 8:g}"]
    for k, i in enumerate(test):
        rows[i] = [ticket_test[k], deck_test[k], f"{rng.randint(-300, 300) / 8:g}"]
    yield make_case("more than 25 levels",
                    "ticket has 26 training levels (frequency encoding, unseen test levels share 0); "
                    "deck has exactly 25 (one-hot)",
                    ["ticket", "deck", "z"], rows, train, test)

    # (5) Constant columns: a numeric 0.1 (inexact in binary, so the mean is not exactly 0.1 and
    # the variance is rounding noise), an exact 3 with a different value in a test row, and a
    # categorical with a single training level (a constant one-hot column).
    n = 30
    rows = []
    for i in range(n):
        tenth = "NA" if i in (3, 17) else "0.1"
        three = "7" if i == 10 else "" if i == 8 else "3"
        flag = "no" if i == 15 else "" if i == 20 else "yes"
        w = f"{(i * 13) % 17 / 4:g}"
        rows.append([tenth, three, flag, w])
    train, test = split_mod5(n)
    yield make_case("constant columns",
                    "0.1, 3 and a single-level categorical are constant on the training rows: scaled to 0 there",
                    ["tenth", "three", "flag", "w"], rows, train, test)

    # (6) A numeric column whose training cells are all missing (values only in test rows).
    n = 25
    rows = []
    for i in range(n):
        late = (f"{i * 1.5:g}" if i != 10 else "") if i % 5 == 0 else missing[i % len(missing)]
        v = f"{(i * 7) % 11 - 5}" if i != 6 else "NA"
        kind = ["p", "q"][i % 2] if i != 12 else ""
        rows.append([v, late, kind])
    train, test = split_mod5(n)
    yield make_case("numeric column with no training values",
                    "late is present only in test rows: ours imputes 0 (sklearn's keep_empty_features=True)",
                    ["v", "late", "kind"], rows, train, test)

    # (7) The same for a categorical column: its one encoded column marks a missing cell.
    n = 25
    rows = []
    for i in range(n):
        tag = (["u", "v", "u", "", "w"][i // 5]) if i % 5 == 0 else missing[(i * 2) % len(missing)]
        v = f"{(i * 5) % 13 / 2:g}"
        rows.append([tag, v])
    train, test = split_mod5(n)
    yield make_case("categorical column with no training values",
                    "tag is present only in test rows: one column, 1 for a missing cell, 0 for any (unseen) level",
                    ["tag", "v"], rows, train, test)


def dumps(value, indent=0):
    """JSON with one line per row (of cells or of numbers), so diffs stay readable."""
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
    "cases": list(cases()),
}
sys.stdout.write(dumps(reference) + "\n")
