d=${TMPDIR:-/tmp}/mcemu-e2e-lcx-$$; mkdir -p "$d"
$MCEMU asm tests/e2e/link_complex_main.asm -o "$d/main.obj" -l "$d/main.lst" &&
awk '/Relocation Dictionary/{on=1} on&&/Cross Reference/{exit} on&&NF' "$d/main.lst" &&
$MCEMU asm tests/e2e/link_complex_sub.asm -o "$d/sub.obj" &&
$MCEMU link "$d/main.obj" "$d/sub.obj" --origin 3000 --map -o "$d/prog.img" &&
$MCEMU run "$d/main.obj" "$d/sub.obj" 2>/dev/null; rc=$?
rm -rf "$d"; exit $rc
