d=${TMPDIR:-/tmp}/mcemu-e2e-obj-$$; mkdir -p "$d"
$MCEMU asm tests/e2e/asm_link_main.asm -o "$d/main.obj" && od -An -tx1 -v -w16 "$d/main.obj"; rc=$?
rm -rf "$d"; exit $rc
