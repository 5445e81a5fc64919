#!/bin/sh
# s360_ipl_decks.sh — acceptance: the bare-metal S/360 IPL decks from the
# period in ../shared/testdata/s360 boot from a 2540 card reader at 00C
# (mcemu run --ipl 00C, raw EBCDIC cards) and type their messages on the
# 1052 console at 01F, ending in their disabled wait:
#   hello.deck     types "Hello Bare-Metal World!"
#   crd2consl.ipl  types "HAPPY TESTING FROM AN IPL CARD" (read from its data card)
# Prints PASS, or FAIL/SKIP with the reason.
MCEMU=${MCEMU:-build/mcemu}
DATA=../shared/testdata/s360
if [ ! -d "$DATA" ]; then
    echo "SKIP: $DATA is absent"
    exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
boot() {    # deck, expected console text
    if [ ! -f "$DATA/$1" ]; then
        echo "SKIP: $DATA/$1 is absent"; exit 0
    fi
    printf '00C 2540R %s ebcdic\n01F 1052\n' "$DATA/$1" >"$tmp/machine.conf"
    "$MCEMU" run --ipl 00C -c "$tmp/machine.conf" --max-instructions 1000000 \
        </dev/null >"$tmp/out" 2>"$tmp/err"
    rc=$?
    if [ $rc -ne 0 ] || [ "$(sed 's/ *$//' "$tmp/out")" != "$2" ] ||
       ! grep -q "disabled wait" "$tmp/err"; then
        echo "FAIL: $1 (exit $rc)"; cat "$tmp/out" "$tmp/err" | head -6; fail=1
    fi
}
boot hello.deck "Hello Bare-Metal World!"
boot crd2consl.ipl "HAPPY TESTING FROM AN IPL CARD"
[ $fail -eq 0 ] && echo PASS
