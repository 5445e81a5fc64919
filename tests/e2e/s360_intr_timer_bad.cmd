for t in icount:0 icount: icount:-3 icount:9x fast ""; do
    $MCEMU run programs/s360/intr/timer.asm --timer "$t" 2>&1; echo "status $?"
done
