d=${TMPDIR:-/tmp}/mcemu-e2e-unres-$$; mkdir -p "$d"
$MCEMU asm tests/e2e/asm_link_main.asm -o "$d/main.obj" &&
$MCEMU link "$d/main.obj" -o "$d/prog.img" 2>&1 | sed "s|$d/||"; test ! -f "$d/prog.img"; rc=$?
rm -rf "$d"; exit $rc
