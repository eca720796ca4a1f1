#!/usr/bin/env bash
# What ops/prometheus/sluis-rules.yml refers to must exist:
# - every sluis_* series a rule queries is one sluisd exports (a string literal in gateway/src);
#   a rule on a misspelt or renamed series would never fire;
# - every runbook annotation points at a section of docs/runbooks.md.
# Usage: rules_refer_to_real_things.sh SOURCE_DIR
set -euo pipefail
src=$1
rules="$src/ops/prometheus/sluis-rules.yml"
runbooks="$src/docs/runbooks.md"
bad=0

# The queried series: sluis_ names outside the annotations and comments.
names=$(grep -v -E '^\s*#|summary:|description:|runbook:' "$rules" | grep -o 'sluis_[a-z0-9_]*' | sort -u)
[[ -n "$names" ]] || { echo "no sluis_ series found in $rules"; exit 1; }
for n in $names; do
  if grep -r -q -F "\"$n\"" "$src/gateway/src"; then
    echo "ok: series $n"
  else
    echo "not exported by sluisd: $n"
    bad=1
  fi
done

# Runbook anchors: "## SluisdDown" is #sluisddown.
anchors=$(grep -o 'runbooks.md#[a-z0-9-]*' "$rules" | cut -d'#' -f2 | sort -u)
[[ -n "$anchors" ]] || { echo "no runbook annotations in $rules"; exit 1; }
headings=$(grep '^## ' "$runbooks" | cut -c4- | tr '[:upper:]' '[:lower:]' | tr ' ' '-')
for a in $anchors; do
  if grep -q -x -F "$a" <<<"$headings"; then
    echo "ok: runbook #$a"
  else
    echo "no section in docs/runbooks.md for #$a"
    bad=1
  fi
done
exit $bad
