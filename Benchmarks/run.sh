#!/usr/bin/env bash
# Measures tlpcheck against the floor (a C loop that only reads the pcap with libpcap) and
# prints the ratios of Docs/performance.md. Inputs are made with `tlpcheck synth`, so every run
# measures the same bytes. Each pair runs floor and tlpcheck alternately, RUNS times (default
# 3), and reports the median.
#
#   bash Benchmarks/run.sh            # 1M TLPs, and the 10M-TLP memory check
#   QUICK=1 bash Benchmarks/run.sh    # 200k TLPs, no 10M check
#   INSTR=0 bash Benchmarks/run.sh    # wall time only, no callgrind table
#
# The instruction table (issue 14) runs each row under callgrind on a copy of the release binary
# stripped of debug info (`strip --strip-debug` keeps the symbols callgrind_annotate shows):
# (instructions of a 100,000-TLP run - those of a 10,000-TLP run) / 90,000, so start-up cancels.
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

# Instructions per unit: callgrind on 10,000- and 100,000-record inputs, difference / 90,000.
if [ "${INSTR:-1}" = 1 ] && command -v valgrind >/dev/null; then
    sbin="$work/tlpcheck.stripped"
    cp "$bin" "$sbin" && strip --strip-debug "$sbin"
    for n in 10000 100000; do
        "$bin" synth --mode flit -o "$work/i$n.pcap" --count "$n" --tuples "$work/t16.yaml" --mismatch-rate 0.01 2>/dev/null
        "$bin" synth --mode flit -o "$work/i${n}k.pcap" --count "$n" --tuples "$work/t10k.yaml" --mismatch-rate 0.01 2>/dev/null
        "$bin" synth -o "$work/i$n.txt" --to analyzer --count "$n" --tuples "$work/t16.yaml" --payload full 2>/dev/null
    done
    # Instructions of one run of a command.
    # (A verify that finds violations exits 1: the count is what matters here.)
    ir() { { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null || true; } | sed -n 's/.*Collected : //p'; }
    # Per TLP (or per byte): "$1" is the divisor, @N@ in the command becomes 10000 and 100000.
    per() {
        local div=$1 a b
        shift
        a=$(ir "${@//@N@/10000}")
        b=$(ir "${@//@N@/100000}")
        echo "scale=1; ($b - $a) / $div" | bc
    }
    # Wall seconds per TLP, in microseconds, the same difference.
    wall_us() {
        local a b
        a=$(RUNS=1 seconds "${@//@N@/10000}")
        b=$(RUNS=1 seconds "${@//@N@/100000}")
        echo "scale=2; ($b - $a) * 1000000 / 90000" | bc
    }
    cc -O2 -g -o "$work/floor.g" Benchmarks/floor/floor.c -lpcap
    floor_ir=$(per 90000 "$work/floor.g" "$work/i@N@.pcap")
    row() { printf '%-44s %12s instr/%-4s %8s us/%s\n' "$1" "$2" "$3" "$4" "$3"; }
    echo
    echo "instructions (callgrind; (100k run - 10k run) / 90k):"
    row "floor: pcap_next_ex loop" "$floor_ir" TLP "$(wall_us "$floor" "$work/i@N@.pcap")"
    v=$(per 90000 "$sbin" verify --mode flit "$work/i@N@.pcap" --tuples "$work/t16.yaml")
    row "verify --mode flit ($(echo "scale=2; $v / $floor_ir" | bc)x floor)" "$v" TLP \
        "$(wall_us "$bin" verify --mode flit "$work/i@N@.pcap" --tuples "$work/t16.yaml")"
    row "decode --mode flit --output jsonl" "$(per 90000 "$sbin" decode --mode flit --output jsonl "$work/i@N@.pcap")" TLP \
        "$(wall_us "$bin" decode --mode flit --output jsonl "$work/i@N@.pcap")"
    row "decode --mode flit (analyzer text)" "$(per 90000 "$sbin" decode --mode flit "$work/i@N@.pcap")" TLP \
        "$(wall_us "$bin" decode --mode flit "$work/i@N@.pcap")"
    dump_bytes=$(($(stat -c %s "$work/i100000.txt") - $(stat -c %s "$work/i10000.txt")))
    row "verify of an analyzer text dump" "$(per "$dump_bytes" "$sbin" verify "$work/i@N@.txt" --tuples "$work/t16.yaml")" byte \
        "$(echo "scale=4; $(wall_us "$bin" verify "$work/i@N@.txt" --tuples "$work/t16.yaml") * 90000 / $dump_bytes" | bc)"
    v16=$(ir "$sbin" verify --mode flit "$work/i100000.pcap" --tuples "$work/t16.yaml")
    v10k=$(ir "$sbin" verify --mode flit "$work/i100000k.pcap" --tuples "$work/t10k.yaml")
    echo "verify 100k TLPs, 10,000 tuples vs 16:        $(echo "scale=2; $v10k / $v16" | bc)x instructions ($v10k vs $v16)"
    empty="$work/empty.pcap"
    "$bin" synth --mode flit -o "$empty" --count 1 --tuples "$work/t16.yaml" 2>/dev/null
    echo "loading 10,000 tuples (verify of 1 TLP):      $(seconds "$bin" verify --mode flit "$empty" --tuples "$work/t10k.yaml") s wall, 16 tuples $(seconds "$bin" verify --mode flit "$empty" --tuples "$work/t16.yaml") s"
    if command -v tshark >/dev/null; then
        lua=Tools/wireshark/tlpcheck.lua
        # tshark reads link type 125 only as USER0 in pcapng: the same TLPs, converted.
        for n in 10000 100000; do "$bin" convert --mode flit "$work/i$n.pcap" -o "$work/i$n.pcapng" 2>/dev/null; done
        echo "peer: tshark + $lua, -V to /dev/null:   $(RUNS=1 wall_us tshark -X "lua_script:$lua" -r "$work/i@N@.pcapng" -V) us/TLP"
    fi
    echo
fi


read -r f v <<<"$(pair "$work/flit.pcap" "$bin" verify --mode flit "$work/flit.pcap" --tuples "$work/t16.yaml")"
echo "verify, 16 tuples:        floor ${f}s  tlpcheck ${v}s  ratio $(ratio "$f" "$v")x  (target <= 1.0x)"
read -r f d <<<"$(pair "$work/flit.pcap" "$bin" decode --mode flit --output jsonl "$work/flit.pcap")"
echo "decode --output jsonl:    floor ${f}s  tlpcheck ${d}s  ratio $(ratio "$f" "$d")x"
v10k=$(seconds "$bin" verify --mode flit "$work/flit10k.pcap" --tuples "$work/t10k.yaml")
v16=$(seconds "$bin" verify --mode flit "$work/flit.pcap" --tuples "$work/t16.yaml")
echo "verify, 10,000 tuples:    ${v10k}s vs ${v16}s with 16  ratio $(ratio "$v16" "$v10k")x  (target <= 1.2x)"
size=$(stat -c %s "$work/dump.txt")
t=$(seconds "$bin" stats "$work/dump.txt")
echo "analyzer dump parsing:    $((size / 1000000)) MB in ${t}s  $(echo "scale=0; $size / $t / 1000000" | bc) MB/s  (target >= 300 MB/s)"
echo "peak RSS, verify $N TLPs: $(rss "$bin" verify --mode flit "$work/flit.pcap" --tuples "$work/t16.yaml") KB  (target < 50 MB)"
if [ "${QUICK:-0}" != 1 ]; then
    "$bin" synth -o "$work/flit10m.pcap" --count $((N * 10)) --tuples "$work/t16.yaml" --mismatch-rate 0.01 2>/dev/null
    echo "peak RSS, verify $((N * 10)) TLPs: $(rss "$bin" verify --mode flit "$work/flit10m.pcap" --tuples "$work/t16.yaml") KB  (target < 50 MB)"
    echo "peak RSS, verify $((N * 10)) TLPs from stdin (libpcap): $(rss sh -c "cat $work/flit10m.pcap | $bin verify --mode flit - --tuples $work/t16.yaml") KB"
fi
