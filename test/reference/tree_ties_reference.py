#!/usr/bin/python3
"""scikit-learn's leaves for a query between two features that cut the same rows the same way:
the expectations of test/models/decisionTreeRegressor.test.ts ("two features that cut the rows
the same way are a tie ..."). Each line: the targets, then the distinct predictions for the query
(0, 0) over random_state 0..39.

    /usr/bin/python3 test/reference/tree_ties_reference.py
"""
import numpy as np
from sklearn.tree import DecisionTreeRegressor

X = np.array([[0, 1], [0, 1], [1, 0]], dtype=float)
for targets in ([0.1, 0.2, 0.7], [61.3792, 7.25, 211.5], [0.3, 0.6, 0.7], [1.1, 2.2, 3.3]):
    leaves = {round(float(DecisionTreeRegressor(random_state=s).fit(X, np.array(targets)).predict([[0, 0]])[0]), 4) for s in range(40)}
    print(targets, sorted(leaves))
