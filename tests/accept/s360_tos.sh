#!/bin/sh
# s360_tos.sh — acceptance: IBM's TOS/360 (../shared/testdata/s360, see its
# README) boots from tape and runs two job streams, its printer output equal
# to what Hercules 3.13 printed (compared after removing CRs, form feeds and
# trailing blanks).
#
# The machine: system residence tape sysres_ms.tap on 0C0 (read-only: TOS
# refuses an unprotected SYSRES), scratch tapes on 0C1-0C6 (new, empty AWS
# files), the job stream on the reader 00A, the printer on 00B, the console
# 1052 on 01F. IPL from 0C0; the console script answers the IPL statements
# (SET DATE, then an empty line).
#   1. dserv.jcl writes tape marks on the scratch tapes, prints the
#      directories; at the end of the job stream TOS asks for the reader
#      (1L02A) and the operator typed the four ASSGN statements and START that
#      Hercules' listing shows; the run ends when TOS, having printed
#      1L03D INVALID STATEMENT, waits for the operator again (a `stop` in the
#      script would end it at the console read, before that last line
#      reaches the printer).
#   2. demo_asm.jcl, on the same scratch tapes: assembles, links and runs a
#      program writing 2,000 records to tape, sorts them with the tape sort,
#      prints them; the run ends at the console question 8001D IS IT EOF.
#   3. programs/s360/io/tape_tos_fortran.jcl: FORTRAN compile, link, run;
#      the expected listing printed by Hercules 3.13 (this machine, AWS copy
#      of sysres_ms.tap); the run ends when TOS waits for the reader.
# The machine matches the Hercules run that printed the expected files: 2 MB
# of storage (the tape sort prints the storage it found, MFS) and an
# interval timer stepping every 100,000 instructions (a 30 MIPS model: the
# job times TOS prints come from the timer, and Hercules ran each job in
# under a second, printing 00.00.00).
# Prints PASS, or FAIL/SKIP with the reason. TOS_KEEP=DIR keeps the files.
MCEMU=${MCEMU:-build/mcemu}
DATA=../shared/testdata/s360
LIMIT=${TOS_MAX_INSNS:-100000000}
OPTS=${TOS_OPTS:---storage 2M --timer icount:100000}
for f in sysres_ms.tap dserv.jcl dserv.expected.txt demo_asm.jcl demo_asm.expected.txt; do
    if [ ! -f "$DATA/$f" ]; then
        echo "SKIP: $DATA/$f is absent (TOS/360 acceptance needs ../shared/testdata)"
        exit 0
    fi
done
if ! "$MCEMU" run --help 2>&1 | grep -q -e '--ipl'; then
    echo "SKIP: $MCEMU has no --ipl (the channels are not built in)"
    exit 0
fi
if [ -n "$TOS_KEEP" ]; then tmp=$TOS_KEEP; mkdir -p "$tmp"; rm -f "$tmp"/scr*.aws
else tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT INT TERM; fi

norm() { tr -d '\r\f' < "$1" | sed 's/[ 	]*$//'; }

# run NAME [waits]: the job $JCL/NAME.jcl with the console script $tmp/NAME.script
# ("waits": the run ends when the guest waits for console input after the
# script's last line, which mcemu reports with exit status 1)
run() {
    cat > "$tmp/$1.conf" <<EOF
# TOS/360 on a Model 30 (as ../shared/testdata/README.md describes it)
00A 1442  $JCL/$1.jcl ascii
00B 1403  $tmp/$1.print
01F 1052
0C0 2400  $DATA/sysres_ms.tap ro
0C1 2400  $tmp/scr1.aws
0C2 2400  $tmp/scr2.aws
0C3 2400  $tmp/scr3.aws
0C4 2400  $tmp/scr4.aws
0C5 2400  $tmp/scr5.aws
0C6 2400  $tmp/scr6.aws
EOF
    timeout 120 "$MCEMU" run -c "$tmp/$1.conf" --ipl 0C0 --console-script "$tmp/$1.script" $OPTS \
        --max-instructions "$LIMIT" >"$tmp/$1.console" 2>"$tmp/$1.err" </dev/null
    rc=$?
    # dserv ends with TOS waiting for the operator's next statement
    [ $rc -eq 1 ] && [ "$2" = waits ] && grep -q 'the console script has ended' "$tmp/$1.err" && rc=0
    norm "$JCL/$1.expected.txt" > "$tmp/$1.want"
    if [ -f "$tmp/$1.print" ]; then norm "$tmp/$1.print" > "$tmp/$1.got"; else : > "$tmp/$1.got"; fi
    if [ $rc -ne 0 ] || ! cmp -s "$tmp/$1.want" "$tmp/$1.got"; then
        echo "FAIL: TOS/360 $1.jcl (exit $rc; printer output differs from $1.expected.txt:" \
             "$(wc -l < "$tmp/$1.got") lines of $(wc -l < "$tmp/$1.want"))"
        diff "$tmp/$1.want" "$tmp/$1.got" | head -8
        echo "-- console:"; tail -6 "$tmp/$1.console"
        echo "-- stderr:"; tail -4 "$tmp/$1.err"
        fail=1
    fi
}

fail=0
JCL=$DATA
cat > "$tmp/dserv.script" <<'EOF'
SET DATE=01/01/70,CLOCK=00/00/00

expect 1L02A
ASSGN SYSLST,X'00B'
ASSGN SYSRDR,X'00A'
ASSGN SYSIPT,X'00A'
ASSGN SYSLOG,X'01F'
START
EOF
run dserv waits
cat > "$tmp/demo_asm.script" <<'EOF'
SET DATE=01/01/70,CLOCK=00/00/00

expect 8001D IS IT EOF
stop
EOF
run demo_asm
# 3. a FORTRAN job of ours (compile, link edit, run), its listing as
#    Hercules 3.13 printed it with the same machine and tapes
JCL=programs/s360/io
printf 'SET DATE=01/01/70,CLOCK=00/00/00\n\n' > "$tmp/tape_tos_fortran.script"
run tape_tos_fortran waits
[ $fail -eq 0 ] && echo PASS
exit 0
