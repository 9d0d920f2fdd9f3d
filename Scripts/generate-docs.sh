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
# The generated page has blank lines (mdoc warns about each) and a generic EXIT STATUS; drop
# the blank lines and write the real exit codes and the environment.
page=Docs/man/tlpcheck.1
awk '
    /^$/ { next }
    /^\.Sh "EXIT STATUS"$/ { skip = 1; next }
    skip && /^\.Ex -std$/ { skip = 0; next }
    { print }
    END {
        print ".Sh ENVIRONMENT"
        print ".Bl -tag -width NO_COLOR"
        print ".It Ev NO_COLOR"
        print "When set and not empty, the verdict is not coloured (with"
        print ".Fl -color Cm auto ,"
        print "the default)."
        print ".It Ev TERM"
        print "When"
        print ".Cm dumb ,"
        print "the verdict is not coloured."
        print ".El"
        print ".Sh EXIT STATUS"
        print ".Bl -tag -width 3n"
        print ".It 0"
        print "Every record read, decoded and written; for verify, PASS."
        print ".It 1"
        print "A record could not be decoded; for verify, a check failed or no TLP fell in a published range."
        print ".It 2"
        print "Usage error (a filter that does not parse included), a tuple or rules file that is refused, an input unusable as a whole, or an output that cannot be written."
        print ".It 130"
        print "Interrupted (SIGINT or SIGTERM)."
        print ".It 141"
        print "The reader of standard output went away."
        print ".El"
    }
' "$page" > "$page.new" && mv "$page.new" "$page"
bin=.build/debug/tlpcheck
"$bin" --generate-completion-script bash > Docs/completions/tlpcheck.bash
"$bin" --generate-completion-script zsh > Docs/completions/_tlpcheck
"$bin" --generate-completion-script fish > Docs/completions/tlpcheck.fish
TLPCHECK_WRITE_DISSECTOR_TABLES=1 swift test --filter DissectorTablesTests >/dev/null
echo "wrote Docs/man/tlpcheck.1, Docs/completions/{tlpcheck.bash,_tlpcheck,tlpcheck.fish} and the tables in Tools/wireshark/tlpcheck.lua"
