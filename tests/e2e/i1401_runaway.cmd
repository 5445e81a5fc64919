e=${TMPDIR:-/tmp}/mcemu-e2e-$$.err
$MCEMU run -m i1401 tests/e2e/i1401_runaway.s 2>"$e"; rc=$?
sed 's/^\(mcemu: [0-9]* instructions\),.*/\1/' "$e"; rm -f "$e"; exit $rc
