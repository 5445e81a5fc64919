e=${TMPDIR:-/tmp}/mcemu-e2e-$$.err
for s in 8K 64K 1M 16M; do
    $MCEMU run programs/s360/intr/storage.asm --storage $s 2>"$e"; echo "status $?"
    grep -v ' instructions, ' "$e"
done
rm -f "$e"
