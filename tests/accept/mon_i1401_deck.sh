#!/bin/sh
# mon_i1401_deck.sh — acceptance: the monitor on the period 1401 deck
# ../shared/testdata/i1401/HelloWorld1.cd. The Load key reads the first card
# into 001-080 with a word mark at 001 (A24-3067 "Load"); its instructions
# are SW (set word mark) 008,015 / SW 022,026 / SW 030,037 ..., so after one
# step the monitor shows the word marks set at 008 and 015 with backticks,
# decimal addresses and Autocoder operands. Prints PASS, FAIL or SKIP.
MCEMU=${MCEMU:-build/mcemu}
DECK=../shared/testdata/i1401/HelloWorld1.cd
if [ ! -f "$DECK" ]; then
    echo "SKIP: $DECK is absent"
    exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
cat >"$tmp/s.mon" <<'MON'
dis 1 1
step
x/c 1 15
dis 1 2
assert IS == 8
MON
"$MCEMU" monitor -m i1401 "$DECK" -x "$tmp/s.mon" >"$tmp/out" 2>&1
rc=$?
cat >"$tmp/want" <<'WANT'
00001              `,008015     SW    008,015
00008              `,022026     SW    022,026
00001  C'`,008015`,022026`,'
00001              `,008015     SW    008,015
00008              `,022026     SW    022,026
WANT
if [ $rc -ne 0 ] || ! cmp -s "$tmp/out" "$tmp/want"; then
    echo "FAIL: the monitor on $DECK (exit $rc)"
    diff "$tmp/want" "$tmp/out" | head -10
    exit 0
fi
echo PASS
