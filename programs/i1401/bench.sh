#!/bin/sh
# programs/i1401/bench.sh — speed of the 1401 on mcemu against SIMH's i1401
# on the same self-loading deck (programs/i1401/bench.s assembled with LIM
# iterations of 7 instructions): guest MIPS of each, measured, never
# asserted. BUILD (default build), LIM (default 1000000), I1401 (SIMH binary),
# RUNS (default 5): each figure is the best of RUNS runs (the machine is shared);
# our runs and SIMH's take turns, so a slow spell falls on both alike.
BUILD=${BUILD:-build}
MCEMU=$BUILD/mcemu
LIM=${LIM:-1000000}
I1401=${I1401:-i1401}
RUNS=${RUNS:-5}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT INT TERM
lim=$(printf '%08d' "$LIM")
sed "s/^     LIM       DCW  01000000/     LIM       DCW  $lim/" programs/i1401/bench.s > "$tmp/bench.s"
"$MCEMU" asm -m i1401 "$tmp/bench.s" --object -o "$tmp/bench.cd" || exit 1
insns=$((7 * LIM + 1))
# max A B: the larger of two figures (B may be empty)
max() { if [ -z "$2" ] || awk -v a="${1:-0}" -v b="$2" 'BEGIN { exit !(a > b) }'; then echo "${1:-0}"; else echo "$2"; fi; }
echo "== IBM 1401 loop (A ZA A S MCW C BU), $LIM iterations = $insns instructions; best of $RUNS runs each"
command -v "$I1401" >/dev/null 2>&1 && have_simh=1 || have_simh=
if [ -n "$have_simh" ]; then
    printf 'set cpu 16k\nset cpu oldconversions\nattach cdr %s\n! date +%%s.%%N > %s/t0\nboot cdr\n! date +%%s.%%N > %s/t1\nshow time\nquit\n' \
        "$tmp/bench.cd" "$tmp" "$tmp" > "$tmp/run.sim"
fi
i=0; ours=; t1=; simh=
while [ "$i" -lt "$RUNS" ]; do
    "$MCEMU" run -m i1401 "$tmp/bench.cd" --max-instructions 100000000000 --tier 0 >/dev/null 2>"$tmp/ours.err"
    ours=$(max "$(sed -n 's/.*s, \([0-9.]*\) MIPS.*/\1/p' "$tmp/ours.err")" "$ours")
    "$MCEMU" run -m i1401 "$tmp/bench.cd" --max-instructions 100000000000 --tier 1 >/dev/null 2>"$tmp/t1.err"
    m=$(sed -n 's/.*s, \([0-9.]*\) MIPS, tier 1$/\1/p' "$tmp/t1.err")
    [ -n "$m" ] && t1=$(max "$m" "$t1")
    if [ -n "$have_simh" ]; then
        (cd "$tmp" && timeout 600 "$I1401" "$tmp/run.sim" </dev/null >"$tmp/simh.log" 2>&1)
        m=$(awk -v n="$insns" -v a="$(cat "$tmp/t0")" -v b="$(cat "$tmp/t1")" 'BEGIN { if (b > a) printf "%.2f", n / (b - a) / 1e6 }')
        [ -n "$m" ] && simh=$(max "$m" "$simh")
    fi
    i=$((i + 1))
done
upi=$(sed -n 's/.*(\([0-9.]*\) per instruction).*/\1/p' "$tmp/ours.err")
printf '  mcemu tier 0   %8s MIPS   %s micro-instructions per instruction\n' "$ours" "$upi"
if [ -n "$t1" ]; then printf '  mcemu tier 1   %8s MIPS\n' "$t1"; else echo "  mcemu tier 1   not built (make UC_TIER1=0 leaves it out): no figure"; fi
if [ -n "$have_simh" ]; then
    printf '  SIMH i1401     %8s MIPS   (%s)\n' "$simh" "$(grep -m1 'HALT' "$tmp/simh.log")"
    [ -n "$simh" ] && [ -n "$ours" ] && awk -v a="$ours" -v b="$simh" 'BEGIN { printf "  ratio mcemu/SIMH = %.3f\n", a / b }'
    [ -n "$simh" ] && [ -n "$t1" ] && awk -v a="$t1" -v b="$simh" 'BEGIN { printf "  ratio tier 1/SIMH = %.3f (target 3)\n", a / b }'
else
    echo "  SIMH i1401 not installed (apt-get install simh): no comparison"
fi
