/**
 * Short model names for the terminal table, where the Model column decides whether a row fits
 * in 100 columns. PyCaret's display names stay everywhere else (csv, json, markdown, html), and
 * the registries are not touched: names not listed here are shortened by the general rules below.
 */
const SHORT: Readonly<Record<string, string>> = {
  "Logistic Regression": "Logistic Reg.",
  "Linear Regression": "Linear Reg.",
  "Lasso Regression": "Lasso",
  "Ridge Regression": "Ridge",
  "Light Gradient Boosting Machine": "LightGBM",
  "Extreme Gradient Boosting": "XGBoost",
  "Gradient Boosting Classifier": "Grad. Boosting",
  "Gradient Boosting Regressor": "Grad. Boosting",
  "Histogram Gradient Boosting Classifier": "Hist. Boosting",
  "Histogram Gradient Boosting Regressor": "Hist. Boosting",
  "Ada Boost Classifier": "AdaBoost",
  "AdaBoost Regressor": "AdaBoost",
  "Linear Discriminant Analysis": "LDA",
  "Quadratic Discriminant Analysis": "QDA",
  "SVM - Linear Kernel": "Linear SVM",
  "Orthogonal Matching Pursuit": "OMP",
  "Least Angle Regression": "LARS",
  "Lasso Least Angle Regression": "Lasso LARS",
  "Passive Aggressive Regressor": "Passive Aggr.",
};

/**
 * One name: from the list, else without a closing "Classifier" or "Regressor" (every row of a
 * grid is one task's model, so the word tells nothing) and with "Regression" as "Reg.".
 */
export function shortModelName(name: string): string {
  const listed = SHORT[name];
  if (listed !== undefined) return listed;
  const bare = name.replace(/ (Classifier|Regressor)$/, "");
  return (bare === "" ? name : bare).replace(/\bRegression\b/g, "Reg.");
}

/**
 * Short names for the models of one grid, as a map from full name. Two models whose short names
 * would read alike keep their full names, so that a row never names the wrong model.
 */
export function shortModelNames(names: readonly string[]): Map<string, string> {
  const unique = [...new Set(names)];
  const count = new Map<string, number>();
  for (const name of unique) count.set(shortModelName(name), (count.get(shortModelName(name)) ?? 0) + 1);
  return new Map(unique.map((name) => [name, count.get(shortModelName(name)) === 1 ? shortModelName(name) : name]));
}
