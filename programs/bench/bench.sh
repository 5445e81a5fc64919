#!/bin/sh
# programs/bench/bench.sh — `make bench`: speed figures, measured, never asserted.
#  1. the peers' S/360 loop mix (../shared/peers/s360/bench.bin, 11 instructions
#     per iteration: L AR ST LA SR A LR SLL C MVC BCT) on mcemu and, when it is
#     installed, on Hercules in the same run: guest MIPS and the ratio;
#  2. our own programs/bench/*.asm on mcemu: MIPS and micro-instructions per
#     guest instruction;
#  3. start-up time of a one-instruction program.
# Every MIPS figure of the loop mix, ours and the peer's, is the best of
# $RUNS runs (default 5): the machine is shared and one run can be 30 % off.
# Tier 1's runs and Hercules' take turns, so a slow spell of the machine
# falls on both sides of the ratio alike.
BUILD=${BUILD:-build}
MCEMU=$BUILD/mcemu
PEERS=../shared/peers
ITER=${BENCH_ITER:-10000000}
RUNS=${BENCH_RUNS:-5}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT INT TERM

field() { sed -n "s/.*$1 *\([0-9.]*\) $2.*/\1/p" "$3" | tail -1; }
# once TIER: one run of the loop mix on mcemu at TIER, kept in $tmp/t$TIER.err
# (its stderr) and $tmp/t$TIER.ms (whole-process time) when the fastest yet.
once() {
    s=$(date +%s%N)
    "$MCEMU" run -m s360 "$tmp/bench.bin" --load 1000 --max-instructions 100000000000 --tier "$1" 2>"$tmp/run.err" >/dev/null
    e=$(date +%s%N)
    m=$(field ',' 'MIPS' "$tmp/run.err")
    if [ ! -f "$tmp/t$1.err" ] || awk -v a="${m:-0}" -v b="$(field ',' 'MIPS' "$tmp/t$1.err")" 'BEGIN { exit !(a > b) }'; then
        cp "$tmp/run.err" "$tmp/t$1.err"; echo $(( (e - s) / 1000000 )) > "$tmp/t$1.ms"
    fi
}
# herc: one run on Hercules; $herc is the best MIPS so far
herc() {
    bash "$PEERS/herc-run.sh" -i "$insns" "$tmp/bench.bin" 1000 >"$tmp/herc.out" 2>/dev/null
    m=$(sed -n 's/^MIPS=//p' "$tmp/herc.out")
    if [ -n "$m" ] && { [ -z "$herc" ] || awk -v a="$m" -v b="$herc" 'BEGIN { exit !(a > b) }'; }; then herc=$m; fi
}

echo "== mcemu benchmark ($(date -u +%Y-%m-%d), $(nproc) cores; tier 0: the micro-interpreter, tier 1: C generated from the microcode; both with the decode cache)"
if [ -f "$PEERS/s360/bench.bin" ]; then
    cp "$PEERS/s360/bench.bin" "$tmp/bench.bin"; chmod u+w "$tmp/bench.bin"
    # patch COUNT (X'1100', offset X'100' in the image) to $ITER iterations
    printf "$(awk -v v="$ITER" 'BEGIN { printf "\\%03o\\%03o\\%03o\\%03o",
        int(v / 16777216) % 256, int(v / 65536) % 256, int(v / 256) % 256, v % 256 }')" \
        | dd of="$tmp/bench.bin" bs=1 seek=256 conv=notrunc 2>/dev/null
    insns=$((ITER * 11 + 6))
    command -v hercules >/dev/null 2>&1 && have_herc=1 || have_herc=
    herc=; i=0
    while [ "$i" -lt "$RUNS" ]; do
        once 0; once 1; [ -n "$have_herc" ] && herc
        i=$((i + 1))
    done
    ours=$(field ',' 'MIPS' "$tmp/t0.err")
    upi=$(sed -n 's/.*(\([0-9.]*\) per instruction).*/\1/p' "$tmp/t0.err")
    got=$(sed -n 's/^mcemu: \([0-9]*\) instructions.*/\1/p' "$tmp/t0.err")
    echo "loop mix (peers/s360/bench.bin, $ITER iterations = $insns instructions; mcemu counted $got; best of $RUNS runs each)"
    printf '  mcemu tier 0   %8s MIPS   %s micro-instructions per instruction\n' "$ours" "$upi"
    # tier 1 (C generated from the microcode; left out by make UC_TIER1=0)
    t1=$(field ',' 'MIPS' "$tmp/t1.err")
    if grep -q 'tier 1$' "$tmp/t1.err"; then
        rss=$(command -v /usr/bin/time >/dev/null 2>&1 && /usr/bin/time -f %M "$MCEMU" run -m s360 "$tmp/bench.bin" --load 1000 \
            --max-instructions 1000 --tier 1 2>&1 >/dev/null | tail -1)
        printf '  mcemu tier 1   %8s MIPS   (whole process %s ms; %s KiB peak memory)\n' "$t1" "$(cat "$tmp/t1.ms")" "${rss:-?}"
    else
        echo "  mcemu tier 1   not built (make UC_TIER1=0 leaves it out): no figure"; t1=
    fi
    if [ -n "$have_herc" ]; then
        printf '  Hercules 3.13  %8s MIPS   (S/370 mode, same image)\n' "$herc"
        if [ -n "$herc" ] && [ -n "$ours" ]; then
            awk -v a="$ours" -v b="$herc" 'BEGIN { printf "  ratio mcemu/Hercules = %.2f (tier 0 target 0.30)\n", a / b }'
        fi
        if [ -n "$herc" ] && [ -n "$t1" ]; then
            awk -v a="$t1" -v b="$herc" 'BEGIN { printf "  ratio tier 1/Hercules = %.2f (tier 1 target 2.00)\n", a / b }'
        fi
    else
        echo "  Hercules not installed (apt-get install hercules): no comparison"
    fi
else
    echo "loop mix: $PEERS/s360/bench.bin not found: skipped"
fi

for src in programs/bench/*.asm; do
    [ -f "$src" ] || continue
    "$MCEMU" run "$src" --max-instructions 100000000000 >/dev/null 2>"$tmp/b.err"
    printf '%-28s %8s MIPS   %s micro-instructions per instruction   (%s instructions)\n' "$(basename "$src")" \
        "$(field ',' 'MIPS' "$tmp/b.err")" "$(sed -n 's/.*(\([0-9.]*\) per instruction).*/\1/p' "$tmp/b.err")" \
        "$(sed -n 's/^mcemu: \([0-9]*\) instructions.*/\1/p' "$tmp/b.err")"
done

if [ -f "$PEERS/s360/null.bin" ]; then
    s=$(date +%s%N); "$MCEMU" run -m s360 "$PEERS/s360/null.bin" --load 800 >/dev/null 2>&1; e=$(date +%s%N)
    echo "start-up: one-instruction program, whole process $(( (e - s) / 1000000 )) ms"
fi

# 4. the assembler: a generated 100,000-line program (instructions with
#    literals, a base register per block, data, LTORG), assembled with a listing.
awk 'BEGIN { n = 0; b = 0; print "BIG      CSECT"
  while (n < 100000) {
    print "         BALR  12,0"; print "         USING *,12"; n += 2
    for (i = 0; i < 150; i++) {
      printf "L%06d   L     1,=F'"'"'%d'"'"'\n", n, n % 700
      printf "         A     1,W%d_%d\n", b, i % 10
      printf "         ST    1,W%d_%d\n", b, (i + 1) % 10
      printf "         MVC   W%d_0(4),=C'"'"'AB%d'"'"'\n", b, i % 10
      n += 4 }
    printf "         B     N%d\n", b
    for (i = 0; i < 10; i++) printf "W%d_%d     DC    F'"'"'%d'"'"'\n", b, i, i
    print "         LTORG"; printf "N%d       DS    0H\n", b; n += 13; b++ }
  print "         END   BIG" }' > "$tmp/big.asm"
lines=$(wc -l < "$tmp/big.asm")
s=$(date +%s%N); "$MCEMU" asm -m s360 "$tmp/big.asm" -o "$tmp/big.bin" -l "$tmp/big.lst" 2>"$tmp/asm.err"; rc=$?; e=$(date +%s%N)
echo "assembler: $lines lines (listing and image) in $(( (e - s) / 1000000 )) ms, status $rc (target: under 1000 ms)"

# the 1401 against SIMH's i1401, on the same self-loading deck
[ -f programs/i1401/bench.sh ] && BUILD=$BUILD LIM=${BENCH_1401_LIM:-1000000} RUNS=$RUNS sh programs/i1401/bench.sh

# 5. TOS/360: the demo_asm job on mcemu and on Hercules (programs/s360/io/tape_tos_bench.sh)
BUILD=$BUILD sh programs/s360/io/tape_tos_bench.sh
