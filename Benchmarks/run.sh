#!/usr/bin/env bash
# Measures tlpcheck against the floor (a C loop that only reads the pcap with libpcap) and
# prints the ratios of Docs/performance.md. Inputs are made with `tlpcheck synth`, so every run
# measures the same bytes. Each pair runs floor and tlpcheck alternately, RUNS times (default
# 3), and reports the median.
#
#   bash Benchmarks/run.sh            # 1M TLPs, and the 10M-TLP memory check
#   QUICK=1 bash Benchmarks/run.sh    # 200k TLPs, no 10M check
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
N=${N:-1000000}
[ "${QUICK:-0}" = 1 ] && N=200000
work=${WORK:-$(mktemp -d)}
trap '[ -z "${WORK:-}" ] && rm -rf "$work"' EXIT

bash Scripts/install-deps.sh
swift build -c release >/dev/null
bin=.build/release/tlpcheck
cc -O2 -o Benchmarks/floor/floor Benchmarks/floor/floor.c -lpcap
floor=Benchmarks/floor/floor

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GiB"
echo "swift:   $(swift --version 2>&1 | head -1)"
echo "inputs:  $N TLPs, in $work"

python3 - "$work" <<'PY'
import sys
def tuples(n, path):
    with open(path, 'w') as f:
        f.write('completer_tph: extended\ntuples:\n')
        for i in range(n):
            base = 0x100000000000 + i * 0x10000000
            f.write(f'  - {{name: buf-{i}, flags: [st], steering_tag: {i & 0xff}, ph: {i & 3}, '
                    f'ranges: [{{base: {hex(base)}, size: 0x1000000}}], requesters: ["04:00.0"]}}\n')
tuples(16, sys.argv[1] + '/t16.yaml')
tuples(10000, sys.argv[1] + '/t10k.yaml')
PY
"$bin" synth -o "$work/flit.pcap" --count "$N" --tuples "$work/t16.yaml" --mismatch-rate 0.01 2>/dev/null
"$bin" synth -o "$work/flit10k.pcap" --count "$N" --tuples "$work/t10k.yaml" --mismatch-rate 0.01 2>/dev/null
"$bin" synth -o "$work/dump.txt" --to analyzer --count $((N / 4)) --tuples "$work/t16.yaml" --payload full 2>/dev/null

# Median wall-clock seconds of a command, run $RUNS times.
seconds() {
    local times=()
    for _ in $(seq "$RUNS"); do
        local start end
        start=$(date +%s.%N)
        "$@" >/dev/null 2>&1 || true
        end=$(date +%s.%N)
        times+=("$(echo "$end - $start" | bc)")
    done
    printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((RUNS + 1) / 2))p"
}
# Alternates floor and tlpcheck so machine noise hits both alike; prints "floor tool".
pair() {
    local f=() t=()
    for _ in $(seq "$RUNS"); do
        f+=("$(RUNS=1 seconds "$floor" "$1")")
        t+=("$(RUNS=1 seconds "${@:2}")")
    done
    echo "$(printf '%s\n' "${f[@]}" | sort -n | sed -n "$(((RUNS + 1) / 2))p") $(printf '%s\n' "${t[@]}" | sort -n | sed -n "$(((RUNS + 1) / 2))p")"
}
ratio() { echo "scale=2; $2 / $1" | bc; }
rss() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }

read -r f v <<<"$(pair "$work/flit.pcap" "$bin" verify --mode flit "$work/flit.pcap" --tuples "$work/t16.yaml")"
echo "verify, 16 tuples:        floor ${f}s  tlpcheck ${v}s  ratio $(ratio "$f" "$v")x  (target <= 1.5x)"
read -r f d <<<"$(pair "$work/flit.pcap" "$bin" decode --mode flit --output jsonl "$work/flit.pcap")"
echo "decode --output jsonl:    floor ${f}s  tlpcheck ${d}s  ratio $(ratio "$f" "$d")x"
v10k=$(seconds "$bin" verify --mode flit "$work/flit10k.pcap" --tuples "$work/t10k.yaml")
v16=$(seconds "$bin" verify --mode flit "$work/flit.pcap" --tuples "$work/t16.yaml")
echo "verify, 10,000 tuples:    ${v10k}s vs ${v16}s with 16  ratio $(ratio "$v16" "$v10k")x  (target <= 1.2x)"
size=$(stat -c %s "$work/dump.txt")
t=$(seconds "$bin" stats "$work/dump.txt")
echo "analyzer dump parsing:    $((size / 1000000)) MB in ${t}s  $(echo "scale=0; $size / $t / 1000000" | bc) MB/s  (target >= 200 MB/s)"
echo "peak RSS, verify $N TLPs: $(rss "$bin" verify --mode flit "$work/flit.pcap" --tuples "$work/t16.yaml") KB  (target < 50 MB)"
if [ "${QUICK:-0}" != 1 ]; then
    "$bin" synth -o "$work/flit10m.pcap" --count $((N * 10)) --tuples "$work/t16.yaml" --mismatch-rate 0.01 2>/dev/null
    echo "peak RSS, verify $((N * 10)) TLPs: $(rss "$bin" verify --mode flit "$work/flit10m.pcap" --tuples "$work/t16.yaml") KB  (target < 50 MB)"
    echo "peak RSS, verify $((N * 10)) TLPs from stdin (libpcap): $(rss sh -c "cat $work/flit10m.pcap | $bin verify --mode flit - --tuples $work/t16.yaml") KB"
fi
