T=$(mktemp -d); $MCEMU asm -m i1401 programs/i1401/fib.s -o "$T/fib.bin" && $MCEMU dis -m i1401 "$T/fib.bin" --origin 190 | head -14; rm -rf "$T"
