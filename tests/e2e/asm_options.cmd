d=${TMPDIR:-/tmp}/mcemu-e2e-opts-$$; mkdir -p "$d"
# -M: SAVE comes from the library; without it the call is an unknown operation
$MCEMU asm -m s360 tests/golden/asm/macros.asm -M tests/golden/asm/maclib -o "$d/a.bin" 2>/dev/null; echo "with -M: $?"
$MCEMU asm -m s360 tests/golden/asm/macros.asm -o "$d/b.bin" 2>&1 | grep -c ASMA057E
# -I: a COPY member found in the folder given
mkdir -p "$d/lib" && printf 'WORD     DC    F%s5%s\n' "'" "'" > "$d/lib/PART.cpy"
printf 'P        CSECT\n         USING P,15\n         L     1,WORD\n         COPY  PART\n         END\n' > "$d/p.asm"
$MCEMU asm -m s360 "$d/p.asm" -I "$d/lib" -o "$d/p.bin"; echo "with -I: $?"; od -An -tx1 "$d/p.bin"
rm -rf "$d"
