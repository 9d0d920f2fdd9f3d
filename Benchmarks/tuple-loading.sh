#!/usr/bin/env bash
# What 10,000 tuples cost (Docs/performance.md, "Loading tuple files"): callgrind instructions of
# `verify` of 100,000 TLPs with a 10,000-tuple file against the same with a 16-tuple file (YAML,
# and the same tuples as JSON), and the wall time of loading them (`verify` of a 1-TLP capture,
# median of RUNS, default 9).
#
#   bash Benchmarks/tuple-loading.sh
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-9}
work=${WORK:-$(mktemp -d)}
trap '[ -z "${WORK:-}" ] && rm -rf "$work"' EXIT

swift build -c release >/dev/null
bin=.build/release/tlpcheck
sbin="$work/tlpcheck.stripped"
cp "$bin" "$sbin" && strip --strip-debug "$sbin"

# The tuples of Benchmarks/run.sh, as YAML flow mappings and as JSON.
python3 - "$work" <<'PY'
import json, sys
def entry(i):
    return {"name": f"buf-{i}", "flags": ["st"], "steering_tag": i & 0xff, "ph": i & 3,
            "ranges": [{"base": 0x100000000000 + i * 0x10000000, "size": 0x1000000}], "requesters": ["04:00.0"]}
def yaml(n, path):
    with open(path, 'w') as f:
        f.write('completer_tph: extended\ntuples:\n')
        for i in range(n):
            e = entry(i)
            f.write(f'  - {{name: {e["name"]}, flags: [st], steering_tag: {e["steering_tag"]}, ph: {e["ph"]}, '
                    f'ranges: [{{base: {hex(e["ranges"][0]["base"])}, size: 0x1000000}}], requesters: ["04:00.0"]}}\n')
def as_json(n, path):
    with open(path, 'w') as f:
        f.write('{"completer_tph": "extended", "tuples": [\n')
        f.write(',\n'.join('  ' + json.dumps(entry(i)) for i in range(n)))
        f.write('\n]}\n')
for n, name in [(16, 't16'), (10000, 't10k')]:
    yaml(n, f'{sys.argv[1]}/{name}.yaml')
    as_json(n, f'{sys.argv[1]}/{name}.json')
PY
"$bin" synth --mode flit -o "$work/i100000.pcap" --count 100000 --tuples "$work/t16.yaml" --mismatch-rate 0.01 2>/dev/null
"$bin" synth --mode flit -o "$work/i100000k.pcap" --count 100000 --tuples "$work/t10k.yaml" --mismatch-rate 0.01 2>/dev/null
"$bin" synth --mode flit -o "$work/one.pcap" --count 1 --tuples "$work/t16.yaml" 2>/dev/null

# Instructions of one run (verify exits 1: the injected mismatches).
ir() { { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null || true; } | sed -n 's/.*Collected : //p'; }
# Median wall microseconds of a run.
wall() {
    for _ in $(seq "$RUNS"); do
        local start end
        start=$(date +%s%N)
        "$@" >/dev/null 2>&1 || true
        end=$(date +%s%N)
        echo $(((end - start) / 1000))
    done | sort -n | sed -n "$(((RUNS + 1) / 2))p"
}

for format in yaml json; do
    small=$(ir "$sbin" verify --mode flit "$work/i100000.pcap" --tuples "$work/t16.$format")
    large=$(ir "$sbin" verify --mode flit "$work/i100000k.pcap" --tuples "$work/t10k.$format")
    echo "verify 100k TLPs, $format, 10,000 tuples vs 16: $(echo "scale=3; $large / $small" | bc)x ($large vs $small instructions; $(((large - small) / 10000)) per tuple)"
done
for format in yaml json; do
    echo "verify of 1 TLP, $format: 10,000 tuples $(wall "$bin" verify --mode flit "$work/one.pcap" --tuples "$work/t10k.$format") us, 16 tuples $(wall "$bin" verify --mode flit "$work/one.pcap" --tuples "$work/t16.$format") us wall"
done
