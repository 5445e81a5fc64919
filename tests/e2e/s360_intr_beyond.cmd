e=${TMPDIR:-/tmp}/mcemu-e2e-$$.err
for s in 8K 16K; do
    $MCEMU run programs/s360/intr/beyond.asm --storage $s 2>"$e"; echo "status $?"
    grep -v ' instructions, ' "$e"
done
rm -f "$e"
