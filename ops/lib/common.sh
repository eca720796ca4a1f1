# Shared by ./ops/run, ./ops/test and the other ops commands. Source it; do not run it.
# shellcheck shell=bash

SLUIS_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SLUIS_SHARED=${SLUIS_SHARED:-$(cd "$SLUIS_ROOT/.." && pwd)/shared}

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Debian 12 packages Sluis needs to build, run and test.
SLUIS_APT_PACKAGES=(
  build-essential cmake ninja-build pkg-config git ca-certificates curl openssl
  libboost1.74-dev libssl-dev libpugixml-dev libpqxx-dev libxml2-dev
  libtomlplusplus-dev nlohmann-json3-dev libjemalloc-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  postgresql-15 postgresql-client-15
  clang-format
)
# The fuzz command needs clang with libFuzzer.
SLUIS_APT_FUZZ_PACKAGES=(clang libclang-rt-14-dev)
# Only the tests need these: the browser and Node for playwright-core.
SLUIS_APT_TEST_PACKAGES=(chromium nodejs npm)

# ensure_packages PKG...: installs the missing ones with apt-get (needs root).
ensure_packages() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  # nodejs/npm may come from elsewhere (nodesource, nvm): a working `node`/`npm` is enough.
  if [[ " ${missing[*]} " == *" nodejs "* ]] && command -v node >/dev/null; then
    missing=("${missing[@]/nodejs}")
  fi
  if [[ " ${missing[*]} " == *" npm "* ]] && command -v npm >/dev/null; then
    missing=("${missing[@]/npm}")
  fi
  local todo=()
  for p in "${missing[@]}"; do [[ -n "$p" ]] && todo+=("$p"); done
  [[ ${#todo[@]} -eq 0 ]] && return 0
  say "installing: ${todo[*]}"
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || die "need root (or sudo) to install: ${todo[*]}"
    sudo DEBIAN_FRONTEND=noninteractive apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${todo[@]}"
  else
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${todo[@]}"
  fi
}

# ensure_promtool: prints the path of a promtool for the Prometheus rule tests. Debian's
# `prometheus` package would install and start a Prometheus server, so only its promtool is
# unpacked, into .sluis/tools (apt-get download: no root needed, the package is verified by apt).
ensure_promtool() {
  if command -v promtool >/dev/null; then command -v promtool; return 0; fi
  local dir="$SLUIS_ROOT/.sluis/tools"
  if [[ ! -x "$dir/promtool" ]]; then
    say "promtool (from Debian's prometheus package, unpacked into .sluis/tools)"
    local tmp; tmp=$(mktemp -d)
    (cd "$tmp" && apt-get download -q prometheus >/dev/null 2>&1) ||
      { [[ $(id -u) -eq 0 ]] && DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
          (cd "$tmp" && apt-get download -q prometheus >/dev/null 2>&1); } ||
      die "cannot download Debian's prometheus package (for promtool)"
    dpkg-deb --fsys-tarfile "$tmp"/prometheus_*.deb | tar -x -C "$tmp" ./usr/bin/promtool
    mkdir -p "$dir"
    mv "$tmp/usr/bin/promtool" "$dir/promtool"
    rm -rf "$tmp"
  fi
  echo "$dir/promtool"
}

# build DIR [cmake options...]: configures (once) and builds with -j2 (the machines have 2 cores).
build() {
  local dir=$1; shift
  local launcher=()
  command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  if [[ ! -f "$dir/build.ninja" ]]; then
    cmake -S "$SLUIS_ROOT" -B "$dir" -G Ninja "${launcher[@]}" \
      -DSLUIS_SHARED_DIR="$SLUIS_SHARED" "$@" >/dev/null
  else
    cmake "$dir" "$@" >/dev/null
  fi
  # One build at a time on this machine (2 cores): concurrent builds only thrash.
  # SLUIS_BUILD_TARGETS: build only these targets (e.g. the fuzz programs).
  local targets=()
  [[ -n "${SLUIS_BUILD_TARGETS:-}" ]] && targets=(--target ${SLUIS_BUILD_TARGETS})
  flock "${SLUIS_BUILD_LOCK:-/tmp/sluis-build.lock}" \
    cmake --build "$dir" -j "${SLUIS_JOBS:-2}" "${targets[@]}"
}

# A free TCP port on 127.0.0.1, starting the search at $1.
free_port() {
  local p=$1
  while (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; do p=$((p + 1)); done
  echo "$p"
}

check_shared() {
  [[ -d "$SLUIS_SHARED/istandaarden" ]] ||
    die "reference material not found at $SLUIS_SHARED (expected ../shared beside the repo, or set SLUIS_SHARED)"
}
