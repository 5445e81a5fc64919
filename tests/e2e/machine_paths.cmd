u=${TMPDIR:-/tmp}/mcemu-e2e-$$.ucode
$MCEMU run -m isa/machines/assist.isa programs/s360/hello.asm 2>/dev/null &&
$MCEMU isac isa/machines/assist.isa -o "$u" &&
$MCEMU run -m "$u" programs/s360/hello.asm 2>/dev/null; rc=$?
rm -f "$u"; exit $rc
