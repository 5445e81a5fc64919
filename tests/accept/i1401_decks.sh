#!/bin/sh
# i1401_decks.sh — acceptance: the 1401 card decks from the period in
# ../shared/testdata/i1401 boot with the Load key and print what SIMH's
# i1401 prints: HelloWorld1.cd prints HELLO WORLD, lincoln.cd prints exactly
# lincoln.out. Prints PASS, or FAIL/SKIP with the reason.
MCEMU=${MCEMU:-build/mcemu}
DATA=../shared/testdata/i1401
if [ ! -d "$DATA" ]; then
    echo "SKIP: $DATA is absent"
    exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
if [ -f "$DATA/HelloWorld1.cd" ]; then
    "$MCEMU" run -m i1401 "$DATA/HelloWorld1.cd" --max-instructions 1000000 >"$tmp/hello.out" 2>"$tmp/hello.err"
    rc=$?
    if [ $rc -ne 0 ] || [ "$(cat "$tmp/hello.out")" != "HELLO WORLD" ]; then
        echo "FAIL: HelloWorld1.cd (exit $rc)"; cat "$tmp/hello.out" "$tmp/hello.err" | head -5; fail=1
    fi
else
    echo "SKIP: $DATA/HelloWorld1.cd is absent"; exit 0
fi
if [ -f "$DATA/lincoln.cd" ] && [ -f "$DATA/lincoln.out" ]; then
    "$MCEMU" run -m i1401 "$DATA/lincoln.cd" --printer "$tmp/lincoln.out" --max-instructions 10000000 >/dev/null 2>"$tmp/lincoln.err"
    rc=$?
    if [ $rc -ne 0 ] || ! cmp -s "$tmp/lincoln.out" "$DATA/lincoln.out"; then
        echo "FAIL: lincoln.cd (exit $rc)"; diff "$DATA/lincoln.out" "$tmp/lincoln.out" | head -5; cat "$tmp/lincoln.err"; fail=1
    fi
else
    echo "SKIP: $DATA/lincoln.cd or lincoln.out is absent"; exit 0
fi
[ $fail -eq 0 ] && echo PASS
