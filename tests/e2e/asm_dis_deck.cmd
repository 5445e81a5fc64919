d=${TMPDIR:-/tmp}/mcemu-e2e-disdeck-$$; mkdir -p "$d"
$MCEMU asm tests/e2e/asm_link_main.asm -o "$d/main.obj" && $MCEMU dis "$d/main.obj" --origin 1000 --length 48; rc=$?
rm -rf "$d"; exit $rc
