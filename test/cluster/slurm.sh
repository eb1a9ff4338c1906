#!/usr/bin/env bash
# npm run test:cluster: the README's Slurm job array, run on a real one-node Slurm cluster.
#
# Installs Debian's slurm-wlm and munge where they are missing, starts munged, slurmctld and
# slurmd on this machine from a configuration in a temporary folder, then submits the README's
# own sweep.sbatch (read from README.md, not a copy) as a small sweep: AISIM_SHARDS shards of
# AISIM_RUNS runs in all, 2 workers each. One shard is requeued part-way, so that Slurm restarts
# it and `aisim sweep --resume` finishes it; an `afterok` job merges the shards. Checks:
#   - the merged runs.csv, summary.csv, comparisons.csv (and sweep.json) equal an unsharded
#     sweep's byte for byte, and the requeued shard really resumed;
#   - a shard with a bad input exits 2, says so in one line, and Slurm does not retry it;
#   - `aisim merge` with one shard's folder missing and another unfinished exits 2, names both,
#     and writes nothing.
# It stops the daemons it started (by their pids), whatever happens, and ends with one line of
# figures. Run as root (it installs packages and runs the daemons).
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
export AISIM_SHARDS=${AISIM_SHARDS:-4}
export AISIM_RUNS=${AISIM_RUNS:-40}
export AISIM_SEED=${AISIM_SEED:-2026}
workers=2
requeued=$((AISIM_SHARDS > 1 ? 1 : 0)) # the shard that is stopped part-way
scenario=scenarios/sweeps/uncertain-baseline.ts
name=uncertain-baseline-sweep
started=$SECONDS

say() { echo "test:cluster: [$((SECONDS - started)) s] $*"; }
fail() {
  echo "test:cluster: FAILED: $*" >&2
  exit 1
}

# ------------------------------------------------------------------------------ installation

if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null ||
  ! command -v sbatch >/dev/null || ! command -v munged >/dev/null; then
  [[ $(id -u) == 0 ]] || fail "Slurm is not installed: run as root to install slurm-wlm and munge"
  say "installing slurm-wlm and munge"
  export DEBIAN_FRONTEND=noninteractive
  install() { apt-get install -y -qq slurm-wlm munge 2>&1; }
  # An out-of-date package list is the usual failure: update it and try once more.
  log=$(install) || log=$(apt-get update -qq 2>&1 && install) ||
    fail "could not install slurm-wlm and munge: $log"
fi
[[ $(id -u) == 0 ]] || fail "run as root: slurmd runs the jobs as root here"

# ------------------------------------------------------------------------ a one-node cluster

work=$(mktemp -d -t aisim-slurm.XXXXXX)
chmod 755 "$work" # munged wants the way to its socket open to all
mkdir -p "$work"/{munge,state,spool,logs}
pids=()      # the daemons this script started, stopped in reverse order
reference="" # the unsharded sweep, while it runs
submitted=() # the Slurm jobs it submitted
passed=false

stop() {
  local status=$?
  set +e
  if ((${#submitted[@]} > 0)); then
    scancel "${submitted[@]}" 2>/dev/null
    for _ in $(seq 50); do
      [[ -z $(squeue -h -j "$(IFS=,; echo "${submitted[*]}")" 2>/dev/null) ]] && break
      sleep 0.2
    done
  fi
  [[ -n $reference ]] && kill "$reference" 2>/dev/null && wait "$reference" 2>/dev/null
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    kill "${pids[i]}" 2>/dev/null
    for _ in $(seq 50); do kill -0 "${pids[i]}" 2>/dev/null || break; sleep 0.1; done
    kill -9 "${pids[i]}" 2>/dev/null
    wait "${pids[i]}" 2>/dev/null
  done
  if [[ $passed == true ]]; then
    rm -rf "$work"
  else
    echo "test:cluster: logs and results kept in $work" >&2
  fi
  exit "$status"
}
trap stop EXIT
trap 'exit 130' INT TERM

# Two free ports, so that this cluster never meets another on the machine.
read -r ctld_port slurmd_port < <(node -e '
  const net = require("node:net");
  const [a, b] = [net.createServer(), net.createServer()];
  a.listen(0, "127.0.0.1", () => b.listen(0, "127.0.0.1", () => {
    console.log(a.address().port, b.address().port); a.close(); b.close();
  }));')

# A key of this cluster's own, read by a munged of its own, on its own socket.
(umask 077 && head -c 1024 /dev/urandom >"$work/munge/munge.key")
munged --foreground --key-file="$work/munge/munge.key" --socket="$work/munge/socket" \
  --pid-file="$work/munge/munged.pid" --seed-file="$work/munge/seed" \
  >>"$work/logs/munged.log" 2>&1 &
pids+=($!)

host=$(hostname -s)
cpus=$(nproc)
((cpus >= workers)) || cpus=$workers # config_overrides below lets a node claim what it lacks
export SLURM_CONF="$work/slurm.conf"
cat >"$SLURM_CONF" <<EOF
ClusterName=aisim-test
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$work/munge/socket
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/logs/slurmctld.log
SlurmdLogFile=$work/logs/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SlurmdParameters=config_overrides
ReturnToService=2
MpiDefault=none
MailProg=/bin/true
KillWait=5
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=4096 State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF

for _ in $(seq 50); do [[ -S $work/munge/socket ]] && break; sleep 0.1; done
[[ -S $work/munge/socket ]] || fail "munged did not start (see $work/logs/munged.log)"
slurmctld -D -f "$SLURM_CONF" >>"$work/logs/slurmctld.out" 2>&1 &
pids+=($!)
slurmd -D -f "$SLURM_CONF" >>"$work/logs/slurmd.out" 2>&1 &
pids+=($!)
for _ in $(seq 300); do
  [[ $(sinfo -h -o %t 2>/dev/null) == idle ]] && break
  sleep 0.2
done
[[ $(sinfo -h -o %t 2>/dev/null) == idle ]] ||
  fail "the node did not come up idle (see $work/logs/slurmctld.out and slurmd.out)"
slurm_version=$(sinfo --version | awk '{ print $2 }')
say "Slurm $slurm_version up ($host, $cpus CPUs)"

# ----------------------------------------------------------------------- the README's script

# The fenced block after the sweep.sbatch marker, exactly as a reader copies it.
awk '/^<!-- sweep.sbatch/ { marked = 1; next }
     marked && /^```bash$/ { inside = 1; next }
     inside && /^```$/ { exit }
     inside { print }' "$repo/README.md" >"$work/sweep.sbatch"
[[ $(head -n 1 "$work/sweep.sbatch") == '#!/bin/bash' ]] ||
  fail "README.md has no sweep.sbatch block (a '<!-- sweep.sbatch' line, then a bash block)"

# A job's field as scontrol shows it: field JOB NAME.
field() { scontrol -o show job "$1" | tr ' ' '\n' | sed -n "s/^$2=//p" | head -n 1; }

# Waits until job $1 has ended (every task of an array), within $2 seconds.
await_job() {
  local deadline=$((SECONDS + $2))
  while [[ -n $(squeue -h -j "$1" 2>/dev/null) ]]; do
    ((SECONDS < deadline)) || fail "job $1 still running after $2 s"
    sleep 0.3
  done
}

cd "$repo" # the jobs start where they are submitted ($SLURM_SUBMIT_DIR), the reference here too

# The unsharded reference, in the background while Slurm runs the shards.
node bin/aisim.js sweep "$scenario" --runs "$AISIM_RUNS" --seed "$AISIM_SEED" \
  --workers "$workers" --out "$work/whole" >"$work/logs/whole.out" 2>&1 &
reference=$!

export AISIM_OUT="$work/shards"
array=$(sbatch --parsable --array="0-$((AISIM_SHARDS - 1))" --cpus-per-task="$workers" \
  --output="$work/logs/shard-%a.out" --open-mode=append "$work/sweep.sbatch")
submitted+=("$array")
merge=$(sbatch --parsable --dependency="afterok:$array" --kill-on-invalid-dep=yes \
  --job-name=aisim-merge --output="$work/logs/merge.out" \
  --wrap "node bin/aisim.js merge $AISIM_OUT/$name-shard-*-of-$AISIM_SHARDS --out $work/merged")
submitted+=("$merge")
say "submitted the README's sweep.sbatch as job $array ($AISIM_SHARDS shards of $AISIM_RUNS runs), merge job $merge"

# Requeue one shard as soon as its first row is written: it stops part-way, and Slurm starts
# it again from the script's first line, so that --resume has to finish it.
if ((AISIM_SHARDS > 1)); then
  shard_folder="$AISIM_OUT/$name-shard-$requeued-of-$AISIM_SHARDS"
  shard_runs=$(((AISIM_RUNS - requeued + AISIM_SHARDS - 1) / AISIM_SHARDS))
  deadline=$((SECONDS + 300))
  until (($({ wc -l <"$shard_folder/runs.csv.partial"; } 2>/dev/null || echo 0) >= 2)); do
    [[ -e $shard_folder/runs.csv ]] && fail "shard $requeued finished before it could be stopped"
    ((SECONDS < deadline)) || fail "shard $requeued wrote no row in 300 s"
    sleep 0.05
  done
  scontrol requeue "${array}_$requeued"
  # Slurm holds a requeued job back for two minutes (its BeginTime): let it start now.
  until [[ $(field "${array}_$requeued" JobState) == PENDING ]]; do
    ((SECONDS < deadline)) || fail "shard $requeued did not go back to the queue"
    sleep 0.1
  done
  scontrol update JobId="${array}_$requeued" StartTime=now
  say "requeued shard $requeued part-way"
fi

await_job "$array" 300
say "the shards are done"
await_job "$merge" 120
say "the merge job is done"
wait "$reference" || fail "the unsharded sweep failed: $(cat "$work/logs/whole.out")"
reference="" # ended and reaped: its pid is no longer this script's to stop

# ------------------------------------------------------------------------------ the verdicts

for ((shard = 0; shard < AISIM_SHARDS; shard++)); do
  state=$(field "${array}_$shard" JobState)
  [[ $state == COMPLETED ]] ||
    fail "shard $shard ended $state: $(tail -n 5 "$work/logs/shard-$shard.out")"
done
[[ $(field "$merge" JobState) == COMPLETED ]] ||
  fail "the merge job ended $(field "$merge" JobState): $(cat "$work/logs/merge.out")"

resumed=""
if ((AISIM_SHARDS > 1)); then
  log="$work/logs/shard-$requeued.out"
  [[ $(field "${array}_$requeued" Restarts) == 1 ]] || fail "shard $requeued was not restarted"
  grep -q 'DUE TO JOB REQUEUE' "$log" || fail "shard $requeued was not stopped by the requeue"
  before=$(sed -n 's/.*(\([0-9]*\) were done before).*/\1/p' "$log")
  if [[ -z $before ]] || ((before == 0 || before >= shard_runs)); then
    fail "shard $requeued did not resume part-way: $(cat "$log")"
  fi
  resumed=", resumed shard $requeued after $before of $shard_runs runs"
fi

for file in runs.csv summary.csv comparisons.csv sweep.json; do
  cmp "$work/merged/$name/$file" "$work/whole/$name/$file" ||
    fail "merged $file differs from the unsharded sweep's"
done
say "merged = unsharded: runs.csv, summary.csv, comparisons.csv, sweep.json"

# A shard with a bad input: the array task beyond the shard count. It fails once, says why in
# one line, and Slurm does not requeue it, though the script asks for --requeue. A merge job
# submitted as README does is cancelled rather than left waiting.
bad=$(sbatch --parsable --array="$AISIM_SHARDS" --cpus-per-task=1 \
  --output="$work/logs/bad-shard.out" --open-mode=append "$work/sweep.sbatch")
submitted+=("$bad")
bad_merge=$(sbatch --parsable --dependency="afterok:$bad" --kill-on-invalid-dep=yes \
  --output=/dev/null --wrap true)
submitted+=("$bad_merge")
await_job "$bad,$bad_merge" 120
bad_log=$(cat "$work/logs/bad-shard.out")
[[ $(field "${bad}_$AISIM_SHARDS" JobState) == FAILED &&
  $(field "${bad}_$AISIM_SHARDS" ExitCode) == 2:0 &&
  $(field "${bad}_$AISIM_SHARDS" Restarts) == 0 ]] ||
  fail "the bad shard did not fail once with exit 2: $(scontrol -o show job "$bad") $bad_log"
[[ $bad_log == "aisim: --shard: shard index must be below the shard count"* &&
  $(wc -l <<<"$bad_log") == 1 ]] || fail "the bad shard's log is not its one line: $bad_log"
[[ $(field "$bad_merge" JobState) == CANCELLED ]] ||
  fail "the merge job after a failed shard was not cancelled: $(scontrol -o show job "$bad_merge")"
say "a bad shard fails once: exit 2, one line, not requeued; its merge job is cancelled"

# A merge with one shard's folder missing and another unfinished: exit 2, both named, nothing
# written.
if ((AISIM_SHARDS > 2)); then
  last=$((AISIM_SHARDS - 1))
  mv "$AISIM_OUT/$name-shard-$last-of-$AISIM_SHARDS" "$work/set-aside"
  mv "$AISIM_OUT/$name-shard-0-of-$AISIM_SHARDS/runs.csv" \
    "$AISIM_OUT/$name-shard-0-of-$AISIM_SHARDS/runs.csv.partial"
  status=0
  message=$(node bin/aisim.js merge "$AISIM_OUT/$name-shard-"*"-of-$AISIM_SHARDS" \
    --out "$work/merged-again" 2>&1) || status=$?
  ((status == 2)) || fail "merge with a shard missing exited $status, not 2: $message"
  [[ $message == "aisim: merge: "*"shard $last of $AISIM_SHARDS is missing"* &&
    $message == *"shard 0 of $AISIM_SHARDS is not complete"* &&
    $(wc -l <<<"$message") == 1 ]] ||
    fail "merge did not name the missing and the unfinished shard in one line: $message"
  [[ ! -e $work/merged-again ]] || fail "merge wrote $work/merged-again though it refused"
  say "merge with shard $last missing and shard 0 unfinished: exit 2, both named, nothing written"
fi

passed=true
echo "test:cluster: Slurm $slurm_version, $AISIM_SHARDS shards, $AISIM_RUNS runs, merged = unsharded$resumed, $((SECONDS - started)) s"
