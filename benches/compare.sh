#!/usr/bin/env bash
# Reruns the performance figures of the README against their targets, on this machine.
#
#   benches/compare.sh            # everything (criterion benches take ~10 minutes)
#   benches/compare.sh --quick    # the Taskwarrior comparison and the window's memory only;
#                                 # criterion figures are read from the last `cargo bench` run
#
# Installs Debian's taskwarrior package when it is missing (apt-get, as root).
set -euo pipefail
cd "$(dirname "$0")/.."
quick=false
[[ ${1:-} == --quick ]] && quick=true

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bin=target/release/commitments

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB"
cargo build --release --quiet
command -v task >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq taskwarrior >/dev/null; }

# --- commitments list vs Taskwarrior, 10,000 bare items, as whole processes ---
"$bin" generate --count 10000 --profile bare --seed 1 --output "$work/bare.ron" >/dev/null
# The same items as Taskwarrior tasks: project = lead department id, one tag, due date, status.
"$bin" --file "$work/bare.ron" list --format json --as-of 2023-01-01 | python3 -c '
import json, sys, uuid
out = []
for r in json.load(sys.stdin):
    t = {"uuid": str(uuid.uuid5(uuid.NAMESPACE_URL, str(r["id"]))),
         "description": r["title"],
         "project": (r["lead_department"] or "none"),
         "due": r["due"].replace("-", "") + "T000000Z",
         "entry": "20230101T000000Z",
         "status": "completed" if r["status"] == "done" else "pending",
         "tags": r["tags"]}
    if t["status"] == "completed":
        t["end"] = t["due"]
    out.append(t)
json.dump(out, sys.stdout, ensure_ascii=False)
' > "$work/tasks.json"
mkdir -p "$work/task"
printf 'data.location=%s\nconfirmation=off\nverbose=nothing\nhooks=off\n' "$work/task" > "$work/taskrc"
export TASKRC="$work/taskrc"
task import "$work/tasks.json" >/dev/null 2>&1
dept_name=市工业和信息化局

median_ms() { # runs "$@" 11 times, prints the median wall time in ms
  local times=()
  for _ in $(seq 11); do
    local s=$(date +%s%N); "$@" >/dev/null 2>&1; local e=$(date +%s%N)
    times+=($(( (e - s) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n 6p
}
ours=$(median_ms "$bin" --file "$work/bare.ron" list --department "$dept_name" --format json)
theirs=$(median_ms task "project:$dept_name" list)
shown=$("$bin" --file "$work/bare.ron" list --department "$dept_name" --lead-only --format json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')

# --- the window: resident memory and idle CPU with 10,000 realistic commitments ---
"$bin" generate --count 10000 --profile realistic --seed 1 --output "$work/real.ron" >/dev/null
rss=n/a idle=n/a first=n/a plan_ms=n/a
if command -v Xvfb >/dev/null 2>&1; then
  Xvfb :93 -screen 0 1400x900x24 -nolisten tcp >/dev/null 2>&1 & xvfb=$!
  sleep 1
  rt=$(mktemp -d); chmod 700 "$rt"
  DISPLAY=:93 XDG_RUNTIME_DIR=$rt COMMITMENTS_DATA_DIR="$work" "$bin" --file "$work/real.ron" >/dev/null 2>&1 & app=$!
  sleep 6
  rss=$(awk '/VmRSS/{print int($2/1024)}' /proc/$app/status)
  a=$(awk '{print $14+$15}' /proc/$app/stat); sleep 5; b=$(awk '{print $14+$15}' /proc/$app/stat)
  idle=$((b - a))
  kill $app 2>/dev/null || true
  wait $app 2>/dev/null || true
  # Start to first frame: the app prints it and closes (COMMITMENTS_STARTUP_PROBE).
  # The window comes first (a large plan is read in the background), then the plan.
  windows=() plans=()
  for _ in $(seq 5); do
    out=$(DISPLAY=:93 XDG_RUNTIME_DIR=$rt COMMITMENTS_DATA_DIR="$work" COMMITMENTS_STARTUP_PROBE=1 \
      "$bin" --file "$work/real.ron" 2>&1 >/dev/null)
    windows+=($(awk '/first frame/{print $3}' <<<"$out"))
    plans+=($(awk '/plan shown/{print $3}' <<<"$out"))
  done
  first=$(printf '%s\n' "${windows[@]}" | sort -n | sed -n 3p)
  plan_ms=$(printf '%s\n' "${plans[@]}" | sort -n | sed -n 3p)
  kill $xvfb 2>/dev/null || true
fi

# --- criterion figures ---
$quick || cargo bench --quiet --bench library --bench ui_frame >/dev/null 2>&1
ms() { # mean of a criterion benchmark in ms, or n/a
  local f="target/criterion/$1/new/estimates.json"
  [[ -f $f ]] && python3 -c "import json; print('%.2f' % (json.load(open('$f'))['mean']['point_estimate'] / 1e6))" || echo n/a
}

printf '\n%-68s %12s %14s\n' "figure" "measured" "target"
row() { printf '%-68s %12s %14s\n' "$1" "$2" "$3"; }
row "list --department X --format json, 10k bare (ms, median of 11)" "$ours" "<= task: $theirs"
row "  (Taskwarrior 2.6: task project:X list, same 10k items)" "$theirs" ""
row "  commitments led by X in that plan" "$shown" ""
row "load 100k realistic (ms)" "$(ms load/100000)" "< 1500"
row "filter + count + sort 100k, window's index (ms)" "$(ms filter_sort/100000)" "< 10"
row "  one-shot select 100k, CLI path (ms)" "$(ms select_one_shot/100000)" ""
row "  index 100k: assess every commitment (ms, once per plan/date)" "$(ms index/100000)" ""
row "UI frame after a filter change, 100k (ms)" "$(ms ui_frame/100000_after_filter_change)" "< 10"
row "UI frame after an edit, search active, 100k (ms)" "$(ms ui_frame/100000_search_after_edit)" ""
row "save 10k realistic (ms)" "$(ms save/10000)" "< 400"
row "UI frame, 100k, nothing changed (ms)" "$(ms ui_frame/100000)" "< 8"
row "start to first frame with the plan, 10k realistic (ms, median of 5)" "$plan_ms" "< 400"
row "  start to the window's first frame (ms)" "$first" ""
row "window resident memory, 10k (MB)" "$rss" "< 200"
row "idle window CPU over 5 s (clock ticks)" "$idle" "0"
