#!/usr/bin/env bash
# Every sluis_* series an alert rule in ops/prometheus/sluis-rules.yml queries must be one that
# sluisd exports (named as a string literal in gateway/src); a rule on a misspelt or renamed
# series would never fire. Usage: rules_name_metrics.sh SOURCE_DIR
set -euo pipefail
src=$1
rules="$src/ops/prometheus/sluis-rules.yml"
# The queried series: sluis_ names outside the annotations and comments.
names=$(grep -v -E '^\s*#|summary:|description:|runbook:' "$rules" | grep -o 'sluis_[a-z0-9_]*' | sort -u)
[[ -n "$names" ]] || { echo "no sluis_ series found in $rules"; exit 1; }
missing=0
for n in $names; do
  if grep -r -q -F "\"$n\"" "$src/gateway/src"; then
    echo "ok: $n"
  else
    echo "not exported by sluisd: $n"
    missing=1
  fi
done
exit $missing
