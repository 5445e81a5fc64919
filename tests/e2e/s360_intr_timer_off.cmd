e=${TMPDIR:-/tmp}/mcemu-e2e-$$.err
$MCEMU run programs/s360/intr/timer.asm --timer off 2>"$e"; rc=$?
sed 's/^\(mcemu: [0-9]* instructions\),.*/\1/' "$e"; rm -f "$e"; exit $rc
