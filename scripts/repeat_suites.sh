#!/usr/bin/env bash
# Flake check: run every hidden suite against the reference N times in feedback mode, where
# hypothesis draws fresh examples on every run, and stop at the first failure.
#   bash scripts/repeat_suites.sh            # 20 runs of every chapter
#   bash scripts/repeat_suites.sh 5 ch04     # 5 runs of chapter 4
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-20}
shift || true
CHAPTERS=${*:-$(cd grader/suites && ls -d ch*)}
for chapter in $CHAPTERS; do
    for run in $(seq "$RUNS"); do
        start=$SECONDS
        if ! python -m pytest "grader/suites/$chapter" --impl solutions -q -p no:cacheprovider >"/tmp/repeat_$chapter.log" 2>&1; then
            echo "$chapter: run $run of $RUNS FAILED; see /tmp/repeat_$chapter.log"
            exit 1
        fi
        echo "$chapter: run $run of $RUNS passed ($((SECONDS - start)) s)"
    done
done
