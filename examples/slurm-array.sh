#!/usr/bin/env bash
# A Slurm job array: 4 tasks, each scoring one shard of the partitions of one CSV. Submit it from
# the directory that holds the CSV, then a merge that runs when every task has ended:
#   jobid=$(sbatch --parsable slurm-array.sh)
#   sbatch --dependency=afterany:$jobid --wrap "automl-grid merge parts-$jobid/part-*.jsonl --format csv --out grid-$jobid.csv || [ \$? -eq 1 ]"
# The CSV is $CSV if it is set when you submit (sbatch passes your environment on), else
# sales.csv; set --target and --by for your table. automl-grid must be on the nodes' PATH
# (npm install -g automl-grid@0.1.0, or the tarball that `npm pack` makes), with Node 22 LTS.
# Each task writes its log beside the CSV (automl-grid-<job>-<task>.log) and its piece to
# parts-<job>/; the shard count is the array's task count, so --array must run 0..N-1.
#SBATCH --job-name=automl-grid
#SBATCH --array=0-3
#SBATCH --cpus-per-task=2
#SBATCH --mem=4G
#SBATCH --output=automl-grid-%A-%a.log
set -euo pipefail
csv="${CSV:-sales.csv}"
parts="parts-${SLURM_ARRAY_JOB_ID}"
mkdir -p "$parts"
# Exit code 1 (some partitions failed; their rows say why) still leaves a valid piece.
automl-grid "$csv" --target churned --by region,plan \
  --shard "${SLURM_ARRAY_TASK_ID}/${SLURM_ARRAY_TASK_COUNT}" --workers "${SLURM_CPUS_PER_TASK:-1}" \
  --out "$parts/part-${SLURM_ARRAY_TASK_ID}.jsonl" || [ $? -eq 1 ]
