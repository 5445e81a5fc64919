#!/bin/sh
# asm_ipl_mcemu.sh — acceptance: the IPL deck of asm_ipl_deck.sh (two decks
# linked at X'2000' with `mcemu link --ipl-deck`) IPLed by mcemu itself from
# a 2540 reader at 00C (mcemu run --ipl 00C --dev "00C 2540R DECK ebcdic"):
# the same end as on Hercules — the disabled wait X'111', SUM's R2 = 55
# stored at RESULT (X'2028'), R3 = TOP-MAIN = X'10E', the text moved to
# COPY (X'2094'). SKIP while mcemu run has no --ipl. Prints PASS, FAIL or SKIP.
MCEMU=${MCEMU:-build/mcemu}
if ! $MCEMU run --help 2>&1 | grep -q -- '--ipl'; then
    echo "SKIP: mcemu run has no --ipl yet"
    exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
D=tests/accept
$MCEMU asm $D/asm_ipl_main.asm -o "$tmp/main.obj" 2>"$tmp/err" &&
$MCEMU asm $D/asm_ipl_sub.asm -o "$tmp/sub.obj" 2>>"$tmp/err" &&
$MCEMU link "$tmp/main.obj" "$tmp/sub.obj" --origin 2000 --ipl-deck "$tmp/deck.bin" 2>>"$tmp/err" || {
    echo "FAIL: mcemu asm/link:"; cat "$tmp/err"; exit 0; }
timeout 60 $MCEMU run --ipl 00C --dev "00C 2540R $tmp/deck.bin ebcdic" --max-instructions 100000 \
    --trace >"$tmp/out" 2>"$tmp/trace"
fail=""
grep -q 'disabled wait state, PSW 00020000 ..000111' "$tmp/trace" || fail="$fail no wait X'111';"
grep -q 'ST .*M\[002028\]=00000037' "$tmp/trace" || fail="$fail RESULT not 55;"
grep -q 'L .*R3=0000010E' "$tmp/trace" || fail="$fail R3 not X'10E';"
grep -q 'MVC .*M\[002094\]=E3C8C540E3C5E7E340E2D7C1D5E240E3' "$tmp/trace" || fail="$fail COPY wrong;"
if [ -n "$fail" ]; then
    echo "FAIL:$fail"
    tail -5 "$tmp/trace"
    exit 0
fi
echo "PASS: mcemu IPLed the deck from 00C: the wait X'111', RESULT 55, COPY as linked"
