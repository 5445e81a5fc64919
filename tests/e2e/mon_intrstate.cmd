T=$(mktemp -d); printf 'do tests/monitor/intrstate.mon %s\n' "$T/state" | $MCEMU monitor tests/monitor/intr.asm 2>&1 | sed "s|$T|TMP|g"; rm -rf "$T"
