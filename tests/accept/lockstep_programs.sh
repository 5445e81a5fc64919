#!/bin/sh
# lockstep_programs.sh — every guest program in programs/ (and the
# self-modifying ones in programs/*/smc/, which also run here normally)
# under `mcemu run --lockstep`: the second CPU must never differ from the
# reference, and the output must be the expected one, printed once (the
# devices run on the reference side only). The second CPU runs tier 1 when
# it is available (lockstep_tier1.sh says whether it was), then tier 0 with
# the decode cache; the reference fetches every instruction by the
# micro-code. Prints PASS or FAIL with the programs that failed.
MCEMU=${MCEMU:-build/mcemu}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
fails=0 n=0
run_one() {   # run_one SRC EXPECTED [--lockstep]
    src=$1 want=$2; shift 2
    base=${src%.*}
    set -- run "$src" --max-instructions 50000000 "$@"
    [ -f "$base.cards" ] && set -- "$@" --reader "$base.cards"
    [ -f "$base.args" ] && set -- "$@" $(cat "$base.args")
    "$MCEMU" "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    n=$((n + 1))
    if [ $rc -ne 0 ] || ! cmp -s "$tmp/out" "$want"; then
        fails=$((fails + 1))
        echo "FAIL: $MCEMU $* (exit $rc)"
        diff "$want" "$tmp/out" | head -5
        grep -v '^mcemu: [0-9]* instructions' "$tmp/err" | head -12
    fi
}
for src in programs/*/*.asm programs/*/*.s programs/*/smc/*.asm programs/*/smc/*.s; do
    [ -f "$src" ] || continue
    want=${src%.*}.expected
    [ -f "$want" ] || continue
    case "$src" in */smc/*) run_one "$src" "$want";; esac
    for tier in 1 0; do
        run_one "$src" "$want" --lockstep --tier $tier
        if [ -s "$tmp/err" ] && ! grep -q 'lockstep: .* no difference' "$tmp/err"; then
            fails=$((fails + 1)); echo "FAIL: $src --tier $tier: no lockstep verdict"; fi
    done
done
if [ $fails -eq 0 ] && [ $n -gt 0 ]; then echo "PASS: $n runs"; else echo "FAIL: $fails of $n runs"; fi
