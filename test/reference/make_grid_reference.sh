#!/usr/bin/env bash
# Regenerates test/reference/grid.json: scikit-learn's grid (bench/sklearn_grid.py, the same
# protocol in Python) on the repository's parity fixtures, with their predefined folds.
# Needs Debian's python3-sklearn: apt-get install -y python3-sklearn
set -euo pipefail
cd "$(dirname "$0")/../.."
py=/usr/bin/python3
# HistGradientBoosting's OpenMP threads only reorder a sum; one thread keeps this quick on a busy machine.
export OMP_NUM_THREADS=1
passengers=$($py bench/sklearn_grid.py fixtures/parity/passengers-folds.csv --target Survived --ignore PassengerId \
  --fold-column fold --train-size 1 --seed 123)
flowers=$($py bench/sklearn_grid.py fixtures/parity/flowers-folds.csv --target species \
  --fold-column fold --train-size 1 --seed 123)
printf '{\n"sklearn": "%s",\n"passengers": %s,\n"flowers": %s\n}\n' \
  "$($py -c 'import sklearn; print(sklearn.__version__)')" "$passengers" "$flowers" > test/reference/grid.json
echo "wrote test/reference/grid.json"
