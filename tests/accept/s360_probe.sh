#!/bin/sh
# s360_probe.sh — acceptance: the peers' S/360 correctness probe
# (../shared/peers/s360/probe.bin, assembled from probe.s) runs to its
# disabled wait, and the registers, PSW and storage match what Hercules
# gave, as recorded in the "Expected" comment at the bottom of probe.s.
# The expectations are read from that comment and checked with `assert`
# in a headless monitor script. Prints PASS, or FAIL/SKIP with the reason.
MCEMU=${MCEMU:-build/mcemu}
DIR=../shared/peers/s360
if [ ! -f "$DIR/probe.bin" ] || [ ! -f "$DIR/probe.s" ]; then
    echo "SKIP: $DIR/probe.bin or probe.s is absent"
    exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
# The expectation lines: "*   PSW  000200000000 0000 ...", "*   R0=... R1=...",
# "*   storage: P1(1138)=0012000C ...", "*            EXDST(1173)=C'HELLO!..'".
sed -n '/^\* Expected/,$p' "$DIR/probe.s" >"$tmp/expected"
{
    echo "go"
    awk '
        $2 == "PSW" { printf "assert PSW == %s%s\n", $3, $4; next }
        {
            for (i = 2; i <= NF; i++) {
                f = $i
                if (f ~ /^R[0-9]+=[0-9A-Fa-f]+$/) {
                    split(f, p, "="); printf "assert GR%s == %s\n", substr(p[1], 2), p[2]
                } else if (f ~ /^[A-Z0-9]+\([0-9A-Fa-f]+\)=/) {
                    a = f; sub(/^[A-Z0-9]+\(/, "", a); sub(/\).*/, "", a)
                    v = f; sub(/^[^=]*=/, "", v)
                    if (v ~ /^C\047/) n = length(v) - 3; else n = length(v) / 2
                    printf "assert M[%s:%d] == %s\n", a, n, v
                }
            }
        }' "$tmp/expected"
} >"$tmp/probe.mon"
count=$(grep -c '^assert' "$tmp/probe.mon")
if [ "$count" -lt 17 ]; then
    echo "FAIL: only $count expectations found in $DIR/probe.s"; exit 0
fi
"$MCEMU" monitor -m s360 "$DIR/probe.bin" --load 1000 -x "$tmp/probe.mon" >"$tmp/out" 2>&1
rc=$?
if [ $rc -ne 0 ]; then
    echo "FAIL: probe.bin (monitor exit $rc)"; cat "$tmp/out" | tail -8; exit 0
fi
echo PASS
