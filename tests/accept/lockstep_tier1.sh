#!/bin/sh
# lockstep_tier1.sh — whether the lockstep runs (lockstep_programs.sh,
# lockstep_random.sh) compared tier 1 with tier 0, on the S/360 and the
# 1401. While tier 1 is not available for a machine the lockstep compares
# tier 0 with tier 0: that proves the comparison, not tier 1, so this prints
# SKIP. Prints PASS when both machines ran tier 1 beside tier 0 with no
# difference, FAIL on a difference.
MCEMU=${MCEMU:-build/mcemu}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
skip="" fail=0
for args in "programs/s360/primes.asm" "programs/i1401/fib.s -m i1401"; do
    $MCEMU run $args --lockstep >/dev/null 2>"$tmp/err" || { fail=1; echo "FAIL: $args"; cat "$tmp/err"; }
    if grep -q 'SKIP tier 1' "$tmp/err"; then
        skip="$skip $(grep -o 'machine [a-z0-9]*' "$tmp/err" | head -1)"
    fi
done
if [ $fail -ne 0 ]; then echo "FAIL"
elif [ -n "$skip" ]; then echo "SKIP: tier 1 is not available for$skip (lockstep compared tier 0 with tier 0)"
else echo "PASS"; fi
