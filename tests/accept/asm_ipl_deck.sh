#!/bin/sh
# asm_ipl_deck.sh — acceptance: `mcemu link --ipl-deck` makes a card deck
# that Hercules IPLs from a 3505 (2540-style) reader at 00C: card 1's PSW
# and CCWs read the bootstrap loader, the loader reads the program's text
# cards and loads its PSW (A22-6821, "Initial Program Loading"). Two decks
# assembled and linked at X'2000': MAIN (X'FC' bytes), then SUM on the next
# doubleword, X'2100', with TOP at X'210E'. After the disabled wait (code
# X'111'): R2 = 55 (1+...+10 by SUM), RESULT (X'2028') = 55, R3 = TOP-MAIN
# = X'10E', COPY (X'2094') = the text moved there.
# Prints PASS, or FAIL/SKIP with the reason.
MCEMU=${MCEMU:-build/mcemu}
HERCULES=${HERCULES:-hercules}
if ! command -v "$HERCULES" >/dev/null 2>&1; then
    echo "SKIP: $HERCULES is not installed"
    exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
D=tests/accept
$MCEMU asm $D/asm_ipl_main.asm -o "$tmp/main.obj" 2>"$tmp/err" &&
$MCEMU asm $D/asm_ipl_sub.asm -o "$tmp/sub.obj" 2>>"$tmp/err" &&
$MCEMU link "$tmp/main.obj" "$tmp/sub.obj" --origin 2000 --ipl-deck "$tmp/deck.bin" 2>>"$tmp/err" || {
    echo "FAIL: mcemu asm/link:"; cat "$tmp/err"; exit 0; }
cat >"$tmp/herc.cnf" <<CNF
CPUSERIAL 000360
CPUMODEL  3090
MAINSIZE  2
XPNDSIZE  0
NUMCPU    1
ARCHMODE  S/370
PANRATE   SLOW
000C      3505  $tmp/deck.bin ebcdic
CNF
cat >"$tmp/done.rc" <<RC
* PEER-STOPPED
gpr
psw
r 2028.4
r 2094.24
* PEER-END
sh sleep 0.1
quit
RC
cat >"$tmp/herc.rc" <<RC
hao tgt ^HHCCP011I
hao cmd script $tmp/done.rc
ipl 00C
pause 10
* PEER-TIMEOUT
script $tmp/done.rc
RC
(cd "$tmp" && HERCULES_RC="$tmp/herc.rc" timeout -k 5 40 "$HERCULES" -f "$tmp/herc.cnf" -d \
    </dev/null >"$tmp/log" 2>&1)
sed -n '/PEER-STOPPED/,/PEER-END/p' "$tmp/log" >"$tmp/state"
fail=""
grep -q 'PEER-STOPPED' "$tmp/state" || fail="$fail no disabled wait;"
grep -q 'PEER-TIMEOUT' "$tmp/log" && fail="$fail timeout;"
grep -q '^PSW=00020000 ..000111' "$tmp/state" || fail="$fail PSW not the wait X'111';"
grep -q 'GR02=00000037' "$tmp/state" || fail="$fail R2 not 55;"
grep -q 'GR03=0000010E' "$tmp/state" || fail="$fail R3 not TOP-MAIN X'10E';"
grep -q '^R:00002028:K:..=00000037' "$tmp/state" || fail="$fail RESULT not 55;"
grep -q '^R:00002094:K:..=E3C8C540 E3C5E7E3 40E2D7C1 D5E240E3' "$tmp/state" || fail="$fail COPY wrong;"
grep -q '^R:000020B4:K:..=C4C5C3D2 40404040' "$tmp/state" || fail="$fail COPY end wrong;"
if [ -n "$fail" ]; then
    echo "FAIL:$fail"
    cat "$tmp/state"
    exit 0
fi
echo "PASS: Hercules IPLed the deck: R2=55, the wait PSW X'111', storage as linked"
