#!/bin/sh
# lockstep_random.sh — random programs generated from the descriptions
# (mcemu run --random-program SEED: every instruction kind, operands in a
# data area, branches forward and backward; emulator/emu_randprog.c) run
# under --lockstep on the S/360 and the 1401: 30 fixed seeds per machine
# and one new seed per run, printed so that a failure can be reproduced:
#   mcemu run --random-program SEED:prog.asm -m s360 --lockstep ...
# A run may end any way the program makes it end (halt, program check,
# instruction limit): what must not happen is a difference between the two
# CPUs, or a program the machine's own assembler rejects. Prints PASS or
# FAIL. The second CPU runs tier 1 (whether it did: see lockstep_tier1.sh),
# then tier 0 with the decode cache (--tier 0), against the reference: the
# micro-interpreter fetching every instruction by the micro-code.
MCEMU=${MCEMU:-build/mcemu}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
extra=$(( $(date +%s) % 1000000 + 1000 ))
echo "lockstep_random: seeds 1-30 and $extra"
fails=0 n=0
for machine in s360 i1401; do
    case $machine in
        s360) opts="--timer icount:97" ;;
        *) opts="" ;;
    esac
    for tier in 1 0; do
    for seed in $(seq 1 30) $extra; do
        n=$((n + 1))
        timeout 60 "$MCEMU" run --random-program "$seed" -m $machine --lockstep --tier $tier \
            --max-instructions 20000 $opts >/dev/null 2>"$tmp/err"
        if grep -q 'differ after instruction' "$tmp/err"; then
            fails=$((fails + 1))
            echo "FAIL: $machine seed $seed: $MCEMU run --random-program $seed -m $machine --lockstep --tier $tier --max-instructions 20000 $opts"
            sed -n '/differ after/,$p' "$tmp/err" | head -20
        elif ! grep -q -e 'no difference' -e 'not compared' "$tmp/err"; then
            fails=$((fails + 1))
            echo "FAIL: $machine seed $seed: no lockstep verdict"
            head -10 "$tmp/err"
        fi
    done
    done
done
if [ $fails -eq 0 ]; then echo "PASS: $n random programs"; else echo "FAIL: $fails of $n random programs"; fi
