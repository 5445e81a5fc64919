e=${TMPDIR:-/tmp}/mcemu-e2e-$$.err
$MCEMU run programs/s360/intr/timer.asm --timer host 2>"$e"; rc=$?
grep -v ' instructions, ' "$e"; rm -f "$e"; exit $rc
