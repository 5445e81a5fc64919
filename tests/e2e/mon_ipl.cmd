T=$(mktemp -d); printf 'do tests/monitor/ipl.mon tests/monitor/ipl.deck %s\n' "$T/print.txt" | $MCEMU monitor 2>&1 | sed "s|$T|TMP|g"; rm -rf "$T"
