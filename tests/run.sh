#!/bin/sh
# tests/run.sh — runs every test and ends with one line "N passed, N failed"
# (", N skipped" when some were skipped). Called by `make test` with BUILD set.
#   1. cmocka unit tests: $BUILD/tests/test_*  (each case counts)
#   2. guest programs: programs/*/NAME.{asm,s} with NAME.expected (stdout),
#      NAME.cards (reader input) and NAME.args (extra run options) when present
#   3. command goldens: tests/e2e/NAME.cmd (a shell command line; $MCEMU is
#      the binary) with NAME.out (expected stdout), NAME.err (expected stderr,
#      optional) and NAME.status (expected exit status, default 0)
#   4. acceptance runs with ../shared/testdata: tests/accept/*.sh (each prints
#      PASS, FAIL or SKIP reasons; skipped when the data is absent)
BUILD=${BUILD:-build}
# The sanitizer build compiles tier 1's generated C at -O0 (clang's ASan at
# -O1 takes too long on it), where UndefinedBehaviorSanitizer gives each
# checked operation of the one large function its own stack slot: about
# 10 MB of frame for the 1401, over the usual 8 MB stack. Raise the limit.
[ "$(ulimit -s)" = unlimited ] || [ "$(ulimit -s)" -ge 65536 ] || ulimit -s 65536 2>/dev/null || true
MCEMU=$(pwd)/$BUILD/mcemu
export MCEMU BUILD
pass=0 fail=0 skip=0
failed=""
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

ok()   { pass=$((pass + 1)); }
bad()  { fail=$((fail + 1)); failed="$failed
  $1"; echo "FAIL: $1"; }

# 1. unit tests
for t in "$BUILD"/tests/test_*; do
    [ -x "$t" ] || continue
    name=$(basename "$t")
    out="$tmp/$name.out"
    timeout 300 "$t" >"$out" 2>&1
    rc=$?
    p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$out" | awk '{s+=$1} END {print s+0}')
    f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$out" | awk '{s+=$1} END {print s+0}')
    s=$(sed -n 's/^\[  SKIPPED \] \([0-9]*\) test.*/\1/p' "$out" | awk '{s+=$1} END {print s+0}')
    pass=$((pass + p)); skip=$((skip + s))
    if [ "$f" -gt 0 ] || { [ $rc -ne 0 ] && [ "$f" -eq 0 ]; } || [ $((p + f + s)) -eq 0 ]; then
        [ "$f" -gt 0 ] || f=1
        fail=$((fail + f))
        failed="$failed
  $name (exit $rc)"
        echo "FAIL: $name (exit $rc)"; grep -E '^\[  (FAILED|ERROR)|error|Assert|Sanitizer|runtime error' "$out" | head -20
    fi
done

# 2. guest programs
for src in programs/*/*.asm programs/*/*.s; do
    [ -f "$src" ] || continue
    base=${src%.*}
    [ -f "$base.expected" ] || continue
    set -- run "$src" --max-instructions 50000000
    [ -f "$base.cards" ] && set -- "$@" --reader "$base.cards"
    [ -f "$base.args" ] && set -- "$@" $(cat "$base.args")
    timeout 120 "$MCEMU" "$@" >"$tmp/prog.out" 2>"$tmp/prog.err"
    rc=$?
    if [ $rc -eq 0 ] && cmp -s "$tmp/prog.out" "$base.expected"; then ok; else
        bad "$src (exit $rc)"; diff "$base.expected" "$tmp/prog.out" | head -10; tail -3 "$tmp/prog.err"; fi
done

# 3. command goldens
for cmd in tests/e2e/*.cmd; do
    [ -f "$cmd" ] || continue
    base=${cmd%.cmd}
    want=0; [ -f "$base.status" ] && want=$(cat "$base.status")
    timeout 120 sh -c "$(cat "$cmd")" >"$tmp/e2e.out" 2>"$tmp/e2e.err"
    rc=$?
    good=1
    [ "$rc" -eq "$want" ] || good=0
    [ -f "$base.out" ] && ! cmp -s "$tmp/e2e.out" "$base.out" && good=0
    [ -f "$base.err" ] && ! cmp -s "$tmp/e2e.err" "$base.err" && good=0
    if [ $good -eq 1 ]; then ok; else
        bad "$cmd (exit $rc, want $want)"
        [ -f "$base.out" ] && diff "$base.out" "$tmp/e2e.out" | head -10
        [ -f "$base.err" ] && diff "$base.err" "$tmp/e2e.err" | head -10
    fi
done

# 4. acceptance runs with the period software in ../shared/testdata
for acc in tests/accept/*.sh; do
    [ -f "$acc" ] || continue
    res=$(sh "$acc" 2>&1)
    case "$res" in
        *SKIP*) skip=$((skip + 1)); echo "skipped: $acc: $(echo "$res" | grep SKIP | head -1)";;
        *PASS*) ok;;
        *) bad "$acc"; echo "$res" | tail -10;;
    esac
done

[ -n "$failed" ] && printf 'failed:%s\n' "$failed"
if [ $skip -gt 0 ]; then
    echo "$pass passed, $fail failed, $skip skipped"
else
    echo "$pass passed, $fail failed"
fi
[ $fail -eq 0 ]
