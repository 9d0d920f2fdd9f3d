function __tlpcheck_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __tlpcheck_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __tlpcheck_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __tlpcheck_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __tlpcheck_parse_tokens -S
    set -l unparsed_tokens (__tlpcheck_tokens -pc)
    switch $unparsed_tokens[1]
    case 'tlpcheck'
        __tlpcheck_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'decode'
            __tlpcheck_parse_subcommand -r 1 'mode=' 'word-order=' 'input=' 'skip-bytes=' 'source=' 'source-name=' 'filter=' 'c/count=' 'q/quiet' 'color=' 'T/format=' 'fields=' 'o/output-file=' 'ids=' 'record-header' 'version' 'h/help'
        case 'hex'
            __tlpcheck_parse_subcommand -r 1 'mode=' 'word-order=' 'T/format=' 'version' 'h/help'
        case 'verify'
            __tlpcheck_parse_subcommand -r 1 'mode=' 'word-order=' 'input=' 'skip-bytes=' 'source=' 'source-name=' 'filter=' 'c/count=' 'q/quiet' 'color=' 'tuples=' 'bars=' 'rules=' 'T/format=' 'report-file=' 'completion-timeout=' 'allow-no-match' 'version' 'h/help'
        case 'convert'
            __tlpcheck_parse_subcommand 1 'mode=' 'word-order=' 'input=' 'skip-bytes=' 'source=' 'source-name=' 'filter=' 'c/count=' 'q/quiet' 'color=' 'o/output=' 'T/format=' 'linktype=' 'version' 'h/help'
        case 'synth'
            __tlpcheck_parse_subcommand 0 'o/output=' 'count=' 'mode=' 'tuples=' 'mismatch-rate=' 'payload=' 'seed=' 'transactions' 'T/format=' 'q/quiet' 'version' 'h/help'
        case 'stats'
            __tlpcheck_parse_subcommand -r 1 'mode=' 'word-order=' 'input=' 'skip-bytes=' 'source=' 'source-name=' 'filter=' 'c/count=' 'q/quiet' 'color=' 'T/format=' 'o/output-file=' 'completion-timeout=' 'version' 'h/help'
        case 'help'
            __tlpcheck_parse_subcommand -r 1 'version'
        end
    end
end

function __tlpcheck_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __tlpcheck_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __tlpcheck_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __tlpcheck_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__tlpcheck_tokens -p)
    if test -z "$(__tlpcheck_tokens -t)"
        set -l index (count (__tlpcheck_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'tlpcheck' -f
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck" version' -l 'version' -d 'Show the version.'
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_positional "tlpcheck" -eq 1' -fa 'decode' -d 'Decode every TLP of the captures, one record per TLP.'
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_positional "tlpcheck" -eq 1' -fa 'hex' -d 'Decode the TLP in the hex words given (or one TLP per line of standard input).'
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_positional "tlpcheck" -eq 1' -fa 'verify' -d 'Check every captured ST/PH against the tuples published through VFIO.'
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_positional "tlpcheck" -eq 1' -fa 'convert' -d 'Convert a capture to pcapng, pcap, plain hex, or an analyzer-style dump.'
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_positional "tlpcheck" -eq 1' -fa 'synth' -d 'Write a deterministic synthetic capture, optionally with injected TPH violations.'
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_positional "tlpcheck" -eq 1' -fa 'stats' -d 'Count the TLPs of the captures by type, requester and ST/PH, with TPH coverage.'
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_positional "tlpcheck" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck decode" mode' -l 'mode' -d 'Link mode: flit, non-flit, or auto (from the source when it says; otherwise non-flit, and the output says so).' -rfka 'flit non-flit auto'
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck decode" word-order' -l 'word-order' -d 'How 8-digit words map to wire bytes: wire (spec, AER, lspci), swapped (each word a little-endian integer), or auto (wire for bare hex).' -rfka 'auto wire swapped'
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck decode" input' -l 'input' -d 'Input format: auto (pcap/pcapng by magic, logs by their markers, analyzer dumps by \'->\', else hex), analyzer, hex, aer, or pcap.' -rfka 'auto analyzer hex aer pcap'
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck decode" skip-bytes' -l 'skip-bytes' -d 'Bytes of private pseudo-header to drop from the front of each pcap packet (USER0..USER15 link types).' -rfka ''
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck decode" source' -l 'source' -d 'How records name their input in \'source\': path (as given) or basename (the file name alone, for stable golden diffs).' -rfka 'path basename'
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck decode" source-name' -l 'source-name' -d 'The name records give their input in \'source\' (for every input).' -rfka ''
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck decode" filter' -l 'filter' -d 'Only records the expression accepts, e.g. \'type == MWr64 && requester == 04:00.0\' (Docs/filters.md).' -rfka ''
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck decode" c count' -s 'c' -l 'count' -d 'Stop after N records (after the filter); reading stops too.' -rfka ''
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck decode" q quiet' -l 'quiet' -s 'q' -d 'No summary, notes or progress on standard error: only errors and the verdict.'
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck decode" color' -l 'color' -d 'Colour the verdict: auto (a terminal, unless NO_COLOR is set and not empty), always, or never.' -rfka 'auto always never'
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck decode" T format' -s 'T' -l 'format' -d 'Output format: text (analyzer style), jsonl, csv, or fields (tab-separated --fields).' -rfka 'text jsonl csv fields'
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck decode" fields' -l 'fields' -d 'Record keys to write, in this order (jsonl, csv, fields), e.g. record,type,requester,ohc_b.ph (Docs/formats.md).' -rfka ''
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck decode" o output-file' -s 'o' -l 'output-file' -d 'Write to this file (through a temporary file, renamed at the end).' -rF
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck decode" ids' -l 'ids' -d 'How the text view writes IDs: analyzer (RID=4h:0h.0h, as analyzers do) or bdf (RID=04:00.0, as JSON and CSV do).' -rfka 'analyzer bdf'
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck decode" record-header' -l 'record-header' -d 'In the text view, start each record with \'# record N  SOURCE  TIME\'.'
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_positional "tlpcheck decode" -ge 1' -F
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck decode" version' -l 'version' -d 'Show the version.'
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck decode" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck hex" mode' -l 'mode' -d 'Link mode: flit, non-flit, or auto (from the source when it says; otherwise non-flit, and the output says so).' -rfka 'flit non-flit auto'
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck hex" word-order' -l 'word-order' -d 'How 8-digit words map to wire bytes: wire (spec, AER, lspci), swapped (each word a little-endian integer), or auto (wire for bare hex).' -rfka 'auto wire swapped'
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck hex" T format' -s 'T' -l 'format' -d 'Output format: text (analyzer style) or jsonl (default: text).' -rfka 'text jsonl'
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck hex" version' -l 'version' -d 'Show the version.'
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck hex" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck verify" mode' -l 'mode' -d 'Link mode: flit, non-flit, or auto (from the source when it says; otherwise non-flit, and the output says so).' -rfka 'flit non-flit auto'
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck verify" word-order' -l 'word-order' -d 'How 8-digit words map to wire bytes: wire (spec, AER, lspci), swapped (each word a little-endian integer), or auto (wire for bare hex).' -rfka 'auto wire swapped'
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck verify" input' -l 'input' -d 'Input format: auto (pcap/pcapng by magic, logs by their markers, analyzer dumps by \'->\', else hex), analyzer, hex, aer, or pcap.' -rfka 'auto analyzer hex aer pcap'
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck verify" skip-bytes' -l 'skip-bytes' -d 'Bytes of private pseudo-header to drop from the front of each pcap packet (USER0..USER15 link types).' -rfka ''
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck verify" source' -l 'source' -d 'How records name their input in \'source\': path (as given) or basename (the file name alone, for stable golden diffs).' -rfka 'path basename'
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck verify" source-name' -l 'source-name' -d 'The name records give their input in \'source\' (for every input).' -rfka ''
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck verify" filter' -l 'filter' -d 'Only records the expression accepts, e.g. \'type == MWr64 && requester == 04:00.0\' (Docs/filters.md).' -rfka ''
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck verify" c count' -s 'c' -l 'count' -d 'Stop after N records (after the filter); reading stops too.' -rfka ''
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck verify" q quiet' -l 'quiet' -s 'q' -d 'No summary, notes or progress on standard error: only errors and the verdict.'
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck verify" color' -l 'color' -d 'Colour the verdict: auto (a terminal, unless NO_COLOR is set and not empty), always, or never.' -rfka 'auto always never'
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck verify" tuples' -l 'tuples' -d 'Published tuples, YAML or JSON (Docs/rules.md).' -rF
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck verify" bars' -l 'bars' -d 'The exporter\'s BARs for tuples given as region_index and dma_ranges: its lspci -vv block or sysfs resource file (overrides the tuple file\'s bars:).' -rF
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck verify" rules' -l 'rules' -d 'Rules file: re-grades checks and adds rules (Docs/rules.md).' -rF
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck verify" T format' -s 'T' -l 'format' -d 'Report format: text, json, or junit.' -rfka 'text json junit'
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck verify" report-file' -l 'report-file' -d 'Write the report here and print a one-line summary instead.' -rfka ''
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck verify" completion-timeout' -l 'completion-timeout' -d 'A request with no completion this long after it (records with times) is completion-timeout: 50ms, 100us, 2s.' -rfka ''
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck verify" allow-no-match' -l 'allow-no-match' -d 'Pass a run in which no TLP fell in any published range (turns no-tlp-matched off).'
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_positional "tlpcheck verify" -ge 1' -F
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck verify" version' -l 'version' -d 'Show the version.'
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck verify" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck convert" mode' -l 'mode' -d 'Link mode: flit, non-flit, or auto (from the source when it says; otherwise non-flit, and the output says so).' -rfka 'flit non-flit auto'
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck convert" word-order' -l 'word-order' -d 'How 8-digit words map to wire bytes: wire (spec, AER, lspci), swapped (each word a little-endian integer), or auto (wire for bare hex).' -rfka 'auto wire swapped'
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck convert" input' -l 'input' -d 'Input format: auto (pcap/pcapng by magic, logs by their markers, analyzer dumps by \'->\', else hex), analyzer, hex, aer, or pcap.' -rfka 'auto analyzer hex aer pcap'
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck convert" skip-bytes' -l 'skip-bytes' -d 'Bytes of private pseudo-header to drop from the front of each pcap packet (USER0..USER15 link types).' -rfka ''
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck convert" source' -l 'source' -d 'How records name their input in \'source\': path (as given) or basename (the file name alone, for stable golden diffs).' -rfka 'path basename'
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck convert" source-name' -l 'source-name' -d 'The name records give their input in \'source\' (for every input).' -rfka ''
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck convert" filter' -l 'filter' -d 'Only records the expression accepts, e.g. \'type == MWr64 && requester == 04:00.0\' (Docs/filters.md).' -rfka ''
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck convert" c count' -s 'c' -l 'count' -d 'Stop after N records (after the filter); reading stops too.' -rfka ''
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck convert" q quiet' -l 'quiet' -s 'q' -d 'No summary, notes or progress on standard error: only errors and the verdict.'
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck convert" color' -l 'color' -d 'Colour the verdict: auto (a terminal, unless NO_COLOR is set and not empty), always, or never.' -rfka 'auto always never'
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck convert" o output' -l 'output' -s 'o' -d 'Output file (\'-\' for standard output).' -rF
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck convert" T format' -s 'T' -l 'format' -d 'Output format: pcapng, pcap, hex, or analyzer (default: from OUT\'s extension).' -rfka 'pcap pcapng hex analyzer'
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck convert" linktype' -l 'linktype' -d 'pcap/pcapng link type: user0..user15 (147..162; default user0, which Wireshark opens with the Lua dissector) or 125 (DLT_PCI_EXP).' -rfka ''
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_positional "tlpcheck convert" -eq 1' -F
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck convert" version' -l 'version' -d 'Show the version.'
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck convert" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck synth" o output' -l 'output' -s 'o' -d 'Output file (\'-\' for standard output).' -rF
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck synth" count' -l 'count' -d 'Number of TLPs.' -rfka ''
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck synth" mode' -l 'mode' -d 'Link mode: flit or non-flit.' -rfka 'flit non-flit'
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck synth" tuples' -l 'tuples' -d 'Tuples to aim the traffic at (YAML or JSON).' -rF
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck synth" mismatch-rate' -l 'mismatch-rate' -d 'Share of in-range requests that break one check, 0...1.' -rfka ''
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck synth" payload' -l 'payload' -d 'Payload: none (header-only capture) or full.' -rfka 'none full'
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck synth" seed' -l 'seed' -d 'Random seed: the same seed gives the same capture.' -rfka ''
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck synth" transactions' -l 'transactions' -d 'Answer reads with completions a few TLPs later (some split in two, 5% never answered) and add stray completions (1%), instead of unrelated completions.'
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck synth" T format' -s 'T' -l 'format' -d 'Output format: pcap, pcapng, analyzer, or hex (default: pcap).' -rfka 'pcap pcapng hex analyzer'
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck synth" q quiet' -l 'quiet' -s 'q' -d 'No summary or progress on standard error: only errors.'
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck synth" version' -l 'version' -d 'Show the version.'
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck synth" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck stats" mode' -l 'mode' -d 'Link mode: flit, non-flit, or auto (from the source when it says; otherwise non-flit, and the output says so).' -rfka 'flit non-flit auto'
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck stats" word-order' -l 'word-order' -d 'How 8-digit words map to wire bytes: wire (spec, AER, lspci), swapped (each word a little-endian integer), or auto (wire for bare hex).' -rfka 'auto wire swapped'
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck stats" input' -l 'input' -d 'Input format: auto (pcap/pcapng by magic, logs by their markers, analyzer dumps by \'->\', else hex), analyzer, hex, aer, or pcap.' -rfka 'auto analyzer hex aer pcap'
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck stats" skip-bytes' -l 'skip-bytes' -d 'Bytes of private pseudo-header to drop from the front of each pcap packet (USER0..USER15 link types).' -rfka ''
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck stats" source' -l 'source' -d 'How records name their input in \'source\': path (as given) or basename (the file name alone, for stable golden diffs).' -rfka 'path basename'
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck stats" source-name' -l 'source-name' -d 'The name records give their input in \'source\' (for every input).' -rfka ''
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck stats" filter' -l 'filter' -d 'Only records the expression accepts, e.g. \'type == MWr64 && requester == 04:00.0\' (Docs/filters.md).' -rfka ''
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck stats" c count' -s 'c' -l 'count' -d 'Stop after N records (after the filter); reading stops too.' -rfka ''
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck stats" q quiet' -l 'quiet' -s 'q' -d 'No summary, notes or progress on standard error: only errors and the verdict.'
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck stats" color' -l 'color' -d 'Colour the verdict: auto (a terminal, unless NO_COLOR is set and not empty), always, or never.' -rfka 'auto always never'
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck stats" T format' -s 'T' -l 'format' -d 'Output format: text or json.' -rfka 'text json'
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck stats" o output-file' -s 'o' -l 'output-file' -d 'Write to this file (through a temporary file, renamed at the end).' -rF
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck stats" completion-timeout' -l 'completion-timeout' -d 'A request with no completion this long after it (records with times) is unanswered: 50ms, 100us, 2s, 500ns.' -rfka ''
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_positional "tlpcheck stats" -ge 1' -F
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck stats" version' -l 'version' -d 'Show the version.'
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck stats" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tlpcheck' -n '__tlpcheck_should_offer_completions_for_flags_or_options "tlpcheck help" version' -l 'version' -d 'Show the version.'
