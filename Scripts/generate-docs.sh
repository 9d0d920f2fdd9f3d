#!/usr/bin/env bash
# Regenerates the man page and the shell completions from the argument parser, so they
# always match --help, and the Wireshark dissector's tables from the Swift tables. Run after
# changing any command's options or help text, or a type, layout or message-code table.
#
#   bash Scripts/generate-docs.sh
set -euo pipefail
cd "$(dirname "$0")/.."
swift build >/dev/null
mkdir -p Docs/man Docs/completions
# The date of the last commit, so regenerating without changes gives the same page.
date=$(git log -1 --format=%cs 2>/dev/null || date +%F)
swift package generate-manual --date "$date" --output-directory Docs/man >/dev/null
bin=.build/debug/tlpcheck
"$bin" --generate-completion-script bash > Docs/completions/tlpcheck.bash
"$bin" --generate-completion-script zsh > Docs/completions/_tlpcheck
"$bin" --generate-completion-script fish > Docs/completions/tlpcheck.fish
TLPCHECK_WRITE_DISSECTOR_TABLES=1 swift test --filter DissectorTablesTests >/dev/null
echo "wrote Docs/man/tlpcheck.1, Docs/completions/{tlpcheck.bash,_tlpcheck,tlpcheck.fish} and the tables in Tools/wireshark/tlpcheck.lua"
