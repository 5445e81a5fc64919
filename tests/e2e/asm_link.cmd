d=${TMPDIR:-/tmp}/mcemu-e2e-link-$$; mkdir -p "$d"
$MCEMU asm tests/e2e/asm_link_main.asm -o "$d/main.obj" &&
$MCEMU asm tests/e2e/asm_link_sub.asm -o "$d/sub.obj" &&
$MCEMU link "$d/main.obj" "$d/sub.obj" --origin 2000 --map -o "$d/prog.img" &&
$MCEMU run "$d/main.obj" "$d/sub.obj" 2>/dev/null; rc=$?
rm -rf "$d"; exit $rc
