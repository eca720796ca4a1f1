# Sourced by ./ops/bench: the transport benchmark. Durable throughput of sluisd's ebMS endpoint:
# ggk-sim sends synthetic 305s (or $SLUIS_BENCH_TYPES) over keep-alive two-way TLS; the CPA
# says mshSignalsOnly, so each Acknowledgment comes in the HTTP answer, and sluisd sends it only
# after the message is committed (synchronous_commit on, fsync on). The report is ggk-sim's:
# acknowledged messages per second (first send to last Acknowledgment) and the send-to-
# Acknowledgment latency (p50/p99). sluisd's unpack, inbox and pack workers run meanwhile, as
# in production, and the simulator waits for the 306 to every 305: answers_per_second is the
# end-to-end rate of 305-with-306 pairs, answer_p50/p99 the 305-to-306 latency. sluisd,
# ggk-sim and PostgreSQL share this machine's cores. SLUIS_BENCH_KEEP=1 keeps the run's
# directory (certificates, CPA, config, sluisd.log, sim.log) for inspection.
# shellcheck shell=bash

# CPU seconds used so far by the live processes of sluisd and of postgres,
# and by the whole machine (busy, from /proc/stat), one "name seconds" per line.
cpu_seconds() {
  local tick; tick=$(getconf CLK_TCK)
  awk -v tick="$tick" '
    FNR == 1 && FILENAME == "/proc/stat" {
      busy = $2 + $3 + $4 + $7 + $8  # user nice system irq softirq
      printf "machine %.2f\n", busy / tick; nextfile
    }
    FNR == 1 {
      sub(/^[0-9]+ \(/, ""); comm = $0; sub(/\).*/, "", comm); rest = $0; sub(/^[^)]*\) /, "", rest)
      split(rest, f, " ")
      if (comm == "sluisd" || comm == "postgres") cpu[comm] += f[12] + f[13]
      nextfile
    }
    END { for (c in cpu) printf "%s %.2f\n", c, cpu[c] / tick }
  ' /proc/stat /proc/[0-9]*/stat 2>/dev/null | sort
}

# Every SECONDS until killed: sluisd's resident memory and where the work stands (received so
# far, and what waits in each stage), one line each, to see whether a long run keeps up.
# The counts use the queues' partial indexes and the sequences, so sampling costs little.
bench_sample() {  # SECONDS DB_URL SLUISD_PID
  local every=$1 url=$2 pid=$3 start=$SECONDS
  while sleep "$every"; do
    local rss; rss=$(awk '/^VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$pid/status" 2>/dev/null) ||
      return 0
    psql "$url" -Atq -F ' ' -c "SELECT
        (SELECT last_value FROM ebms_received_id_seq),
        (SELECT count(*) FROM ebms_received WHERE state = 'received' AND kind = 'business'),
        (SELECT count(*) FROM bericht WHERE state = 'queued' AND direction = 'in'),
        (SELECT count(*) FROM bericht WHERE state = 'queued' AND direction = 'out'),
        (SELECT count(*) FROM ebms_outbox WHERE state IN ('pending', 'awaiting_ack'))" |
      awk -v t=$((SECONDS - start)) -v rss="$rss" '{
        printf "sample: %4ds  sluisd %d MB  received %d  waiting: unpack %d, inbox %d, pack %d, outbox %d\n",
          t, rss, $1, $2, $3, $4, $5 }'
  done
}

bench_transport() {  # BUILD_DIR PG_DIR
  local build=$1 pgdir=$2
  local dir; dir=$(mktemp -d /tmp/sluis-bench-transport.XXXXXX)
  local count=${SLUIS_BENCH_COUNT:-20000} concurrency=${SLUIS_BENCH_CONCURRENCY:-64}
  local types=${SLUIS_BENCH_TYPES:-305}
  # SLUIS_BENCH_WORKFLOW=off: the ebMS endpoint alone (received and acknowledged durably, but
  # neither unpacked nor answered), to see what the rest of the pipeline costs.
  local workflow=true; [[ "${SLUIS_BENCH_WORKFLOW:-on}" == off ]] && workflow=false
  # SLUIS_BENCH_RATE paces the sending (messages/s): the 305-to-306 latency at a load sluisd
  # keeps up with, instead of at saturation where the 306s queue behind the incoming 305s.
  local pace=(); [[ -n "${SLUIS_BENCH_RATE:-}" ]] && pace=(--rate "$SLUIS_BENCH_RATE")
  "$SLUIS_ROOT/certs/gen-dev-pki.sh" "$dir/pki"
  # A fresh database each run: a reused one holds the previous run's messages, whose
  # identifiers the simulator sends again (the 305s are then answered as duplicates).
  psql "$(pg_url "$pgdir" postgres)" -qc "DROP DATABASE IF EXISTS sluis_bench_transport" >/dev/null
  pg_ensure_db "$pgdir" sluis_bench_transport
  local url; url=$(pg_url "$pgdir" sluis_bench_transport)
  local ebms admin sim
  ebms=$(free_port 18443); admin=$(free_port $((ebms + 1))); sim=$(free_port $((admin + 1)))
  "$build/gateway/sluis" cpa dev --pki "$dir/pki" --out "$dir/cpa.xml" \
    --gemeente-url "https://localhost:$ebms/ebms" --ggk-url "https://localhost:$sim/ebms" \
    --sync-reply mshSignalsOnly --shared "$SLUIS_SHARED" >/dev/null
  cat > "$dir/sluisd.toml" <<TOML
shared_dir = "$SLUIS_SHARED"
io_threads = 2
[ebms]
address = "127.0.0.1"
port = $ebms
max_connections = 512
[admin]
address = "127.0.0.1"
port = $admin
[tls]
cert_file = "pki/sluisd-chain.pem"
key_file = "pki/sluisd.key"
ca_file = "pki/ca-bundle.pem"
[database]
url = "$url"
pool_size = 8
auto_migrate = true
[unpack]
enabled = $workflow
[inbox]
enabled = $workflow
workers = ${SLUIS_BENCH_INBOX_WORKERS:-2}
per_transaction = ${SLUIS_BENCH_INBOX_PER_TRANSACTION:-16}
[gemeente]
gemeentecodes = ["0363", "0362", "0384", "0437", "0358", "0451", "0457"]
[[ggk]]
cpa_file = "cpa.xml"
party_id = "$(sed -n 's/^SLUIS_OIN=//p' "$dir/pki/oins.env")"
[log]
level = "warn"
TOML
  "$build/gateway/ggk-sim" --write-reference "$dir/reference" --clients 2000 >/dev/null
  "$build/gateway/sluis" db migrate --config "$dir/sluisd.toml" >/dev/null
  # SLUIS_BENCH_SQL=FILE: SQL run after the migrations, to measure a schema or storage change
  # before it becomes a migration.
  if [[ -n "${SLUIS_BENCH_SQL:-}" ]]; then psql "$url" -qX -v ON_ERROR_STOP=1 -f "$SLUIS_BENCH_SQL"; fi
  "$build/gateway/sluis" import reference "$dir/reference" --config "$dir/sluisd.toml" >/dev/null
  "$build/gateway/sluisd" --config "$dir/sluisd.toml" >"$dir/sluisd.log" 2>&1 &
  local sluisd_pid=$!
  for _ in $(seq 1 100); do
    curl -fsS --cacert "$dir/pki/ca-bundle.pem" "https://localhost:$admin/healthz" >/dev/null 2>&1 &&
      break
    sleep 0.1
  done
  say "transport: $count synthetic $types over keep-alive two-way TLS, $concurrency in flight${SLUIS_BENCH_RATE:+, $SLUIS_BENCH_RATE/s}"
  local cpu_before; cpu_before=$(cpu_seconds)
  # SLUIS_BENCH_SAMPLE=SECONDS: a progress line every SECONDS (long runs: does it keep up?).
  local sampler=
  if [[ -n "${SLUIS_BENCH_SAMPLE:-}" ]]; then
    bench_sample "$SLUIS_BENCH_SAMPLE" "$url" "$sluisd_pid" &
    sampler=$!
  fi
  # `times` in the subshell: the CPU its child ggk-sim used ("user system" of the children).
  local sim_cpu
  sim_cpu=$({
    "$build/gateway/ggk-sim" --cpa "$dir/cpa.xml" \
      --party-id "$(sed -n 's/^GGK_OIN=//p' "$dir/pki/oins.env")" \
      --cert "$dir/pki/ggk-chain.pem" --key "$dir/pki/ggk.key" --ca "$dir/pki/ca-bundle.pem" \
      --listen "127.0.0.1:$sim" --peer-url "https://localhost:$ebms/ebms" \
      --traffic synthetic --types "$types" --clients 2000 --count "$count" \
      --concurrency "$concurrency" "${pace[@]}" --exit-after-load --wait-answers --drain 120 \
      >"$dir/sim.log" 2>&1 || true
    times
  } | awk 'END { s = 0; for (i = 1; i <= 2; i++) { split($i, t, /[ms]/); s += t[1] * 60 + t[2] }
                 printf "ggk-sim %.2f\n", s }')
  local cpu_after; cpu_after=$(cpu_seconds)
  if [[ -n "$sampler" ]]; then kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null || true; fi
  grep '"event":"load_report"' "$dir/sim.log" || tail -n 5 "$dir/sim.log"
  # CPU seconds of the run: the machine, sluisd, postgres (the processes alive at the end),
  # ggk-sim, and the rest (autovacuum workers that came and went, kernel threads, psql).
  join -a 2 -e 0 -o 0,1.2,2.2 <(echo "$cpu_before") <(printf '%s\n' "$cpu_after" "$sim_cpu" | sort) |
    awk -v n="$count" '
    { d[$1] = $3 - $2 }
    END {
      d["other"] = d["machine"] - d["sluisd"] - d["postgres"] - d["ggk-sim"]
      split("machine sluisd postgres ggk-sim other", k, " ")
      for (i = 1; i <= 5; i++) printf "cpu: %-8s %7.2f s  %.3f ms per message sent\n", k[i], d[k[i]], d[k[i]] * 1000 / n
    }'
  psql "$url" -Atqc "SELECT 'stored: ' || count(*) || ' ebms_received rows, ' || \
    (SELECT count(*) FROM bericht WHERE direction = 'in') || ' berichten unpacked' \
    FROM ebms_received WHERE kind = 'business'"
  kill -TERM "$sluisd_pid"; wait "$sluisd_pid" || true
  [[ -n "${SLUIS_BENCH_KEEP:-}" ]] || rm -rf "$dir"
}
