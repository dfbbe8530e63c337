#!/usr/bin/env bash
# A Slurm job array: 8 tasks, each scoring one shard; SLURM_ARRAY_TASK_ID is 0..7.
# Submit the shards, then a merge that waits for all of them:
#   jobid=$(sbatch --parsable examples/slurm-array.sh)
#   sbatch --dependency=afterany:$jobid --wrap "node bin/automl-grid.js merge parts/part-*.jsonl --format csv --out grid.csv"
#SBATCH --job-name=automl-grid
#SBATCH --array=0-7
#SBATCH --cpus-per-task=2
#SBATCH --mem=4G
#SBATCH --output=logs/shard-%a.log
set -euo pipefail
mkdir -p parts
# Exit code 1 (some partitions failed; their rows say why) still leaves a valid piece.
node bin/automl-grid.js data/sales.csv --target churned --by region,plan \
  --shard "${SLURM_ARRAY_TASK_ID}/8" --workers "${SLURM_CPUS_PER_TASK}" \
  --out "parts/part-${SLURM_ARRAY_TASK_ID}.jsonl" || [ $? -eq 1 ]
