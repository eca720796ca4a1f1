#!/usr/bin/env bash
# fuzz-run.sh BINARY TARGET SHARED_DIR CORPUS_ROOT SECONDS
# Builds the seed corpus for TARGET from the reference material (never copied into the
# repository), then runs the libFuzzer binary: SECONDS=0 replays the corpus once (the ctest
# regression run), otherwise fuzzes for that long. Exits non-zero on any finding.
set -euo pipefail
bin=$1 target=$2 shared=$3 root=$4 seconds=$5
seed=$root/seed-$target corpus=$root/corpus-$target artifacts=$root/findings-$target
mkdir -p "$seed" "$corpus" "$artifacts"
case "$target" in
  payload) cp "$shared"/istandaarden/iwmo-3.2/*.xml "$shared"/istandaarden/ijw-3.2/*.xml "$seed"/ ;;
  envelope) cp "$shared"/istandaarden/stuf-ggk0210-patch04-v3/voorbeeldberichten/*.xml "$seed"/ ;;
  mime) for f in "$shared"/ebms/mime/*; do
          # Content-Type, a line feed, then the body (see mime_fuzz.cpp).
          if [[ "$f" == *.http ]]; then
            ct=$(grep -m1 -i '^Content-Type:' "$f" | sed 's/^[^:]*: *//; s/\r$//')
            { printf '%s\n' "$ct"; sed '1,/^\r\?$/d' "$f"; } > "$seed/$(basename "$f")"
          else
            { printf 'text/xml; charset=UTF-8\n'; cat "$f"; } > "$seed/$(basename "$f")"
          fi
        done ;;
  cpa) cp "$shared"/ebms/cpa/*.xml "$seed"/ ;;
  ebms) cp "$shared"/ebms/soap/rendered/*.xml "$seed"/ ;;
  # The CSVs live in the repository (tests/data/reference, good and deliberately broken ones).
  csv) ref=$(cd "$(dirname "$0")/../../tests/data/reference" && pwd)
       while IFS= read -r f; do
         rel=${f#"$ref"/}
         cp "$f" "$seed/${rel//\//_}"
       done < <(find "$ref" -name '*.csv') ;;
  *) echo "unknown fuzz target $target" >&2; exit 2 ;;
esac
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
if [[ "$seconds" == 0 ]]; then
  exec "$bin" -runs=0 -artifact_prefix="$artifacts/" "$seed" "$corpus"
fi
exec "$bin" -max_total_time="$seconds" -max_len=131072 -timeout=20 -rss_limit_mb=2048 \
  -print_final_stats=1 -artifact_prefix="$artifacts/" "$corpus" "$seed"
