for s in 4K 8191 17M 16777217 9000 2049K 0 abc 1G; do
    $MCEMU run programs/s360/intr/storage.asm --storage "$s" 2>&1; echo "status $?"
done
