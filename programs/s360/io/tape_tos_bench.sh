#!/bin/sh
# tape_tos_bench.sh — `make bench`, TOS/360 part: the demo_asm job of
# ../shared/testdata/s360 (assemble, link, write 2,000 records to tape, tape
# sort, print) on mcemu and, when it is installed, on Hercules 3.13 in the
# same run. Figures are measured, never asserted.
#   mcemu:    the whole run: IPL from 0C0, the IPL statements, the job, to the
#             console question 8001D IS IT EOF (wall seconds, guest
#             instructions);
#   Hercules: from the empty line that ends the IPL statements to 8001D (its
#             IPL and start-up are left out, which favours Hercules); the same
#             tapes, sysres_ms.tap copied to AWS (Hercules 3.13 reads no
#             SIMH .tap) by programs/s360/io/tapecopy.c.
# Both printers' output is compared with demo_asm.expected.txt; the machines
# are configured as in tests/accept/s360_tos.sh (2 MB, the same devices).
BUILD=${BUILD:-build}
MCEMU=${MCEMU:-$BUILD/mcemu}
DATA=../shared/testdata/s360
CC=${CC:-cc}
if [ ! -f "$DATA/sysres_ms.tap" ] || [ ! -f "$DATA/demo_asm.jcl" ]; then
    echo "TOS/360 demo_asm: $DATA absent: skipped"; exit 0
fi
DATA=$(cd "$DATA" && pwd)          # Hercules runs in its own folder
w=$(mktemp -d); trap 'rm -rf "$w"' EXIT INT TERM
norm() { tr -d '\r\f' < "$1" | sed 's/[ 	]*$//'; }
norm "$DATA/demo_asm.expected.txt" > "$w/want"
# scratch tapes: two tape marks each (as dserv.jcl leaves them)
scratch() { for i in 1 2 3 4 5; do printf '\0\0\0\0\100\0\0\0\0\0\100\0' > "$w/scr$i.aws"; done; }
same() { norm "$1" | cmp -s - "$w/want" && echo "printer output as expected" || echo "PRINTER OUTPUT DIFFERS"; }

# --- mcemu
scratch
cat > "$w/m.conf" <<EOF
00A 1442  $DATA/demo_asm.jcl ascii
00B 1403  $w/m.print
01F 1052
0C0 2400  $DATA/sysres_ms.tap ro
0C1 2400  $w/scr1.aws
0C2 2400  $w/scr2.aws
0C3 2400  $w/scr3.aws
0C4 2400  $w/scr4.aws
0C5 2400  $w/scr5.aws
EOF
printf 'SET DATE=01/01/70,CLOCK=00/00/00\n\nexpect 8001D IS IT EOF\nstop\n' > "$w/m.script"
s=$(date +%s%N)
timeout 600 "$MCEMU" run -c "$w/m.conf" --ipl 0C0 --console-script "$w/m.script" \
    --storage 2M --timer icount:100000 --max-instructions 2000000000 >"$w/m.console" 2>"$w/m.err" </dev/null
e=$(date +%s%N)
insns=$(sed -n 's/^mcemu: \([0-9]*\) instructions.*/\1/p' "$w/m.err" | tail -1)
mwall=$(awk -v a="$s" -v b="$e" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
echo "TOS/360 demo_asm job (IPL from tape, assemble, link, 2,000 records to tape, tape sort, print)"
printf '  mcemu          %7s s wall for IPL and job  %s instructions  %s\n' "$mwall" \
    "${insns:-?}" "$( [ -f "$w/m.print" ] && same "$w/m.print" || echo 'no printer output')"

# --- Hercules
if ! command -v hercules >/dev/null 2>&1; then
    echo "  Hercules not installed (apt-get install hercules): no comparison"; exit 0
fi
if ! $CC -std=c11 -O2 -D_POSIX_C_SOURCE=200809L -I. -o "$w/tapecopy" programs/s360/io/tapecopy.c \
        emulator/emu_tapeimg.c 2>"$w/cc.err" || ! "$w/tapecopy" "$DATA/sysres_ms.tap" "$w/sysres.aws" aws; then
    echo "  Hercules: cannot convert the tape:"; cat "$w/cc.err"; exit 0
fi
cat > "$w/h.cnf" <<EOF
CPUSERIAL 000611
CPUMODEL  2030
MAINSIZE  2
NUMCPU    1
ARCHMODE  S/370
PANRATE   SLOW
000A      1442  $DATA/demo_asm.jcl ascii trunc eof
000B      1403  $w/h.print
001F      1052-C noprompt
00C0      3420  $w/sysres.aws ro
00C1      3420  $w/scr1.aws
00C2      3420  $w/scr2.aws
00C3      3420  $w/scr3.aws
00C4      3420  $w/scr4.aws
00C5      3420  $w/scr5.aws
EOF
printf 'sh date +%%s.%%N > %s/t0\n/\n' "$w" > "$w/ready.rc"
printf 'sh date +%%s.%%N > %s/t1\nsh sleep 0.2\nquit\n' "$w" > "$w/done.rc"
# the IPL statement is typed after a pause (TOS reads the console only after
# its IPL); the time runs from READY FOR COMMUNICATIONS to 8001D
cat > "$w/h.rc" <<EOF
hao tgt READY FOR COMMUNICATIONS
hao cmd script $w/ready.rc
hao tgt 8001D IS IT EOF
hao cmd script $w/done.rc
ipl 0C0
pause 2
/SET DATE=01/01/70,CLOCK=00/00/00
pause 60
quit
EOF
# Hercules' job time varies from run to run (its console and device threads
# poll): the best of three runs
best="" runs=0 ok=""
for run in 1 2 3; do
    scratch; rm -f "$w/t0" "$w/t1" "$w/h.print"
    ( cd "$w" && HERCULES_RC="$w/h.rc" timeout 90 hercules -f "$w/h.cnf" -d </dev/null >"$w/h.log" 2>&1 )
    [ -f "$w/t0" ] && [ -f "$w/t1" ] || continue
    runs=$((runs + 1))
    t=$(awk -v a="$(cat "$w/t0")" -v b="$(cat "$w/t1")" 'BEGIN { printf "%.3f", b - a }')
    best=$(awk -v a="$best" -v b="$t" 'BEGIN { print (a == "" || b < a) ? b : a }')
    ok=$( [ -f "$w/h.print" ] && same "$w/h.print" || echo 'no printer output')
done
if [ -n "$best" ]; then
    printf '  Hercules 3.13  %7s s wall for the job alone, best of %d runs (S/370 mode, same tapes)  %s\n' \
        "$best" "$runs" "$ok"
    awk -v a="$mwall" -v b="$best" 'BEGIN { if (b > 0) printf "  ratio mcemu/Hercules wall time = %.1f\n", a / b }'
else
    echo "  Hercules did not reach 8001D IS IT EOF (log: last console lines)"
    grep -v '^HHC' "$w/h.log" | tail -5
fi
