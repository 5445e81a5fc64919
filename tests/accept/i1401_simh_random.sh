#!/bin/sh
# i1401_simh_random.sh — random 1401 programs run here and on SIMH's i1401
# (the comparison oracle, ../shared/peers; Debian package simh): each
# program lays out decimal and character fields in the print area
# (201-320), runs random A, S, ZA, ZS, MCW, LCA, MN, MZ, SW, C, MCS, MA, M,
# MCE (random control words) and branches (on indicators, BCE, BWZ, BBE)
# in their 7-, 4- and chained 1-character forms, stores the A- and
# B-address registers (SAR, SBR), prints the area and its word marks, and
# halts (the generator: i1401_randprog.awk). The printer output must be the
# same. Prints PASS, or FAIL/SKIP.
# RANDOM_PROGRAMS (default 40) and RANDOM_SEED choose the programs.
MCEMU=${MCEMU:-build/mcemu}
I1401=${I1401:-i1401}
N=${RANDOM_PROGRAMS:-40}
SEED=${RANDOM_SEED:-1401}
if ! command -v "$I1401" >/dev/null 2>&1; then
    echo "SKIP: SIMH i1401 is not installed"
    exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
k=0
while [ $k -lt "$N" ]; do
    k=$((k + 1))
    awk -v seed=$((SEED + k)) -f "$(dirname "$0")/i1401_randprog.awk" > "$tmp/r.s"
    "$MCEMU" asm -m i1401 "$tmp/r.s" --object -o "$tmp/r.cd" 2>"$tmp/asm.err" || { echo "FAIL: program $k does not assemble"; cat "$tmp/asm.err" | head -5; fail=1; continue; }
    "$MCEMU" run -m i1401 "$tmp/r.cd" --max-instructions 100000 >"$tmp/ours.out" 2>"$tmp/ours.err"
    printf 'set cpu 16k\nset cpu oldconversions\nattach cdr %s\nattach lpt %s\nboot cdr\nquit\n' \
        "$tmp/r.cd" "$tmp/simh.out" > "$tmp/run.sim"
    rm -f "$tmp/simh.out"
    (cd "$tmp" && timeout 20 "$I1401" "$tmp/run.sim" </dev/null >"$tmp/simh.log" 2>&1)
    if ! grep -q "HALT instruction" "$tmp/simh.log"; then
        # SIMH stopped on an error (address wrap ...): both must fail
        if grep -q "halt," "$tmp/ours.err"; then
            echo "FAIL: program $k: SIMH stopped ($(grep -i 'IS:' "$tmp/simh.log" | head -1)), we halted"; fail=1
            cp "$tmp/r.s" "$tmp/../i1401_random_fail_$k.s" 2>/dev/null
        fi
        continue
    fi
    if ! cmp -s "$tmp/ours.out" "$tmp/simh.out"; then
        echo "FAIL: program $k differs from SIMH (seed $((SEED + k)))"
        diff "$tmp/simh.out" "$tmp/ours.out" | head -6
        fail=1
    fi
done
[ $fail -eq 0 ] && echo PASS
