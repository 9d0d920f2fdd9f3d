#!/usr/bin/env bash
# Builds one libFuzzer target (with AddressSanitizer) and runs it for SECONDS, seeded from
# Fixtures/. Crashes and timeouts land in Fuzz/artifacts/TARGET/; each one becomes a file in
# Fixtures/malformed/ and a fix (Docs/reliability.md).
#
#   bash Scripts/fuzz.sh decoder 60        # targets: decoder, text-readers, pcap, config
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: fuzz.sh decoder|text-readers|pcap|config SECONDS}
seconds=${2:-60}
case "$target" in
    decoder) product=FuzzDecoder; seeds=(Fixtures/cocotb/nfm-vectors.jsonl) ;;
    text-readers) product=FuzzTextReaders; seeds=(Fixtures/seed Fixtures/logs Fixtures/verify) ;;
    pcap) product=FuzzPcap; seeds=(Fixtures/pcap) ;;
    config) product=FuzzConfig; seeds=(Fixtures/seed/tuples.yaml Fixtures/verify/tuples.yaml) ;;
    *) echo "unknown target $target" >&2; exit 2 ;;
esac
bash Scripts/install-deps.sh
(cd Fuzz && swift build -c release --sanitize fuzzer --sanitize address --product "$product" >/dev/null)
corpus=Fuzz/corpus/$target
artifacts=Fuzz/artifacts/$target
mkdir -p "$corpus" "$artifacts"
for seed in "${seeds[@]}"; do
    if [ -d "$seed" ]; then cp -n "$seed"/* "$corpus"/ 2>/dev/null || true; else cp -n "$seed" "$corpus"/ 2>/dev/null || true; fi
done
if [ "$target" = decoder ]; then
    # One TLP's bytes per seed file, from the cocotb vectors and the seed capture.
    python3 - "$corpus" <<'PY'
import json, sys, pathlib
out = pathlib.Path(sys.argv[1])
for i, line in enumerate(open('Fixtures/cocotb/nfm-vectors.jsonl')):
    if i % 25 == 0:
        (out / f'cocotb-{i}').write_bytes(bytes.fromhex(json.loads(line)['bytes']))
(out / 'seed').write_bytes(bytes.fromhex('60020008040000f0000020e0060008000000f090'))
PY
    rm -f "$corpus/nfm-vectors.jsonl"
fi
# The Swift backtracer would hold a crashed process open; libFuzzer and ASan report instead.
SWIFT_BACKTRACE=enable=no "Fuzz/.build/release/$product" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$artifacts/" "$corpus" 2>&1 | tee "Fuzz/artifacts/$target.log" | grep -E "^(Done|#[0-9]+ +DONE|==|SUMMARY|artifact_prefix)" || true
