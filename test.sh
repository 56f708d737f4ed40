#!/usr/bin/env bash
# Builds the solution and runs every test project against a throw-away
# PostgreSQL cluster and the system Chromium.
# The last line printed is always "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

work_dir=""
pg_ctl_bin=""
summary_printed=0

run_as_root() {
  if [[ $EUID -eq 0 ]]; then "$@"; else sudo "$@"; fi
}

# The cluster runs as `postgres` when we are root, because initdb refuses root.
run_as_pg() {
  if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

find_pg_bin() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [[ -x $dir/initdb && -x $dir/pg_ctl ]] && { echo "$dir"; return; }
  done
  if command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
    dirname "$(command -v initdb)"
  fi
}

install_missing_packages() {
  local packages=()
  [[ -x /usr/bin/chromium ]] || packages+=(chromium)
  [[ -n $(find_pg_bin) ]] || packages+=(postgresql)
  ((${#packages[@]} == 0)) && return
  echo "Installing ${packages[*]} ..."
  run_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
  run_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${packages[@]}"
}

free_port() {
  if command -v python3 >/dev/null; then
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
    return
  fi
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    [[ -z $(ss -Htln "sport = :$port") ]] && { echo "$port"; return; }
  done
}

cleanup() {
  local pid
  for pid in $(jobs -pr); do
    kill "$pid" 2>/dev/null || true
  done
  if [[ -n $work_dir && -d $work_dir ]]; then
    if [[ -n $pg_ctl_bin && -f $work_dir/data/postmaster.pid ]]; then
      run_as_pg "$pg_ctl_bin" -D "$work_dir/data" stop -m immediate >/dev/null 2>&1 || true
    fi
    rm -rf "$work_dir"
  fi
  work_dir=""
}

on_exit() {
  local rc=$?
  cleanup
  # Something broke before the summary (apt, PostgreSQL, tool restore ...):
  # still end with a summary line so callers can rely on its format.
  if ((summary_printed == 0)); then
    echo "0 passed, 1 failed, 0 skipped"
    ((rc != 0)) || rc=1
  fi
  exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT TERM

start_postgres() {
  local pg_bin password port attempt
  pg_bin=$(find_pg_bin)
  pg_ctl_bin=$pg_bin/pg_ctl

  work_dir=$(mktemp -d)
  if [[ $EUID -eq 0 ]]; then
    id -u postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres: "$work_dir"
  fi

  password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
  run_as_pg sh -c 'umask 077 && cat > "$1"' sh "$work_dir/pwfile" <<<"$password"
  run_as_pg "$pg_bin/initdb" -D "$work_dir/data" -U postgres --pwfile="$work_dir/pwfile" \
    --auth=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >"$work_dir/initdb.log" 2>&1 \
    || { cat "$work_dir/initdb.log" >&2; return 1; }

  # The port is chosen before the server binds it, so retry if someone else wins the race.
  for attempt in 1 2 3 4 5; do
    port=$(free_port)
    if run_as_pg "$pg_ctl_bin" -D "$work_dir/data" -l "$work_dir/postgres.log" -w -t 60 \
      -o "-p $port -k $work_dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null; then
      break
    fi
    ((attempt < 5)) || { cat "$work_dir/postgres.log" >&2; return 1; }
  done

  local pg_isready=$pg_bin/pg_isready
  [[ -x $pg_isready ]] || pg_isready=pg_isready
  for _ in $(seq 1 60); do
    "$pg_isready" -q -h 127.0.0.1 -p "$port" && break
    sleep 1
  done
  "$pg_isready" -h 127.0.0.1 -p "$port"

  export CASELOAD_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Password=$password"
}

# Prints "passed failed skipped" summed over all VSTest summary lines, e.g.
# "Passed!  - Failed:     0, Passed:     7, Skipped:     0, Total:     7, ..."
sum_results() {
  sed 's/\x1b\[[0-9;]*[A-Za-z]//g' "$@" | awk '
    /(Passed|Failed)!  *- *Failed: *[0-9]+, *Passed: *[0-9]+, *Skipped: *[0-9]+/ {
      line = $0
      sub(/.*(Passed|Failed)! *- */, "", line)
      split(line, parts, ",")
      for (i = 1; i <= 3; i++) {
        split(parts[i], kv, ":")
        gsub(/ /, "", kv[1]); gsub(/ /, "", kv[2])
        count[kv[1]] += kv[2]
      }
    }
    END { printf "%d %d %d\n", count["Passed"], count["Failed"], count["Skipped"] }'
}

install_missing_packages
start_postgres
export CASELOAD_TEST_CHROMIUM=/usr/bin/chromium

dotnet tool restore

shopt -s nullglob
projects=(tests/*.Tests/*.csproj)
shopt -u nullglob

# Projects that start no server (the domain rules, the architecture check) run beside the others.
# The web and browser tests both start servers and together overwhelm a 2-core machine: they take turns.
background_projects=() server_projects=()
for project in "${projects[@]}"; do
  case $project in
    tests/Caseload.Domain.Tests/* | tests/Caseload.Architecture.Tests/*) background_projects+=("$project") ;;
    *) server_projects+=("$project") ;;
  esac
done

passed=0 failed=0 skipped=0
failed_projects=()

log_of() {
  echo "$work_dir/$(basename "$1" .csproj).log"
}

# Adds a finished project's results to the totals; $2 is 1 when `dotnet test` succeeded.
tally() {
  local project=$1 project_ok=$2 log p f s
  log=$(log_of "$project")
  read -r p f s < <(sum_results "$log")
  # No summary line means the test host or the run itself crashed; a
  # failing exit code with no failed test must not vanish from the count.
  if ! grep -qE '(Passed|Failed)! +- +Failed:' "$log" || ((project_ok == 0 && f == 0)); then
    f=$((f + 1))
    project_ok=0
  fi
  ((project_ok)) || failed_projects+=("$project")
  passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
}

# The bench smoke: a small practice through every bench scenario. It counts as one item, passed
# when the bench completes and every request succeeded (it asserts no times).
bench_log() {
  echo "$work_dir/Caseload.Bench.smoke.log"
}

tally_bench() {
  if wait "$1"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    failed_projects+=("bench/Caseload.Bench (smoke)")
  fi
  echo "=== bench/Caseload.Bench smoke"
  tail -n 20 "$(bench_log)"
}

if dotnet build Caseload.slnx -c Release; then
  background_pids=()
  for project in "${background_projects[@]}"; do
    dotnet test "$project" -c Release --no-build >"$(log_of "$project")" 2>&1 &
    background_pids+=($!)
  done
  dotnet bench/Caseload.Bench/bin/Release/net10.0/Caseload.Bench.dll smoke >"$(bench_log)" 2>&1 &
  bench_pid=$!

  for project in "${server_projects[@]}"; do
    echo "=== $project"
    project_ok=1
    dotnet test "$project" -c Release --no-build 2>&1 | tee "$(log_of "$project")" || project_ok=0
    tally "$project" "$project_ok"
  done

  for i in "${!background_projects[@]}"; do
    project=${background_projects[$i]}
    project_ok=1
    wait "${background_pids[$i]}" || project_ok=0
    echo "=== $project"
    cat "$(log_of "$project")"
    tally "$project" "$project_ok"
  done
  tally_bench "$bench_pid"
else
  echo "Build failed; no tests were run." >&2
  failed_projects=("${projects[@]:-build}")
  failed=${#failed_projects[@]}
fi

if ((${#failed_projects[@]})); then
  echo "Failed projects: ${failed_projects[*]}"
fi

cleanup
summary_printed=1
echo "$passed passed, $failed failed, $skipped skipped"
((failed == 0 && ${#failed_projects[@]} == 0 && passed > 0))
