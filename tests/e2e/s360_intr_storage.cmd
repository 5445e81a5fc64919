for s in 8K 64K 1M 16M; do
    $MCEMU run programs/s360/intr/storage.asm --storage $s 2>&1 | grep -v ' instructions, '
done
