# i1401_randprog.awk — a random 1401 Autocoder program for the comparisons with
# SIMH i1401 (i1401_simh_random.sh, i1401_simh_lockstep.sh): decimal and
# character fields in the print area (201-320), random A, S, ZA, ZS, MCW,
# LCA, MN, MZ, SW, C, MCS, MA, M, MCE and branches, SAR/SBR, print, halt.
# Usage: awk -v seed=N [-v nmin=MIN -v nspan=SPAN] -f i1401_randprog.awk
# (MIN + a random 0..SPAN-1 random instructions; default 8 and 10)
# The known SIMH 3.8.1 differences (divide, overflow on a one-position
# field, MA carry, B on overflow) are kept out; see ../shared/peers/README.md.
BEGIN {
        srand(seed);
        digits = "0123456789"; signs = "0123456789?ABCDEFGHI!JKLMNOPQR";
        chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,-*$&/";
        print "               ORG  400";
        # fields: start (high-order), length; units position = start + len - 1
        p = 201; nf = 0;
        while (p < 300) {
            # 2 or more: on a 1-position B field SIMH 3.8 gives no overflow
            # for a carry (SIMH fixed that in 2015; A24-3067 and we do)
            # a quarter of them 8 to 20 long: the moves, adds and compares
            # go eight positions at a time (i1401.isa) where no word mark is
            len = rand() < 0.25 ? 8 + int(rand() * 13) : 2 + int(rand() * 6);
            nf++; fs[nf] = p; fl[nf] = len; num[nf] = rand() < 0.7; ctl[nf] = "";
            sg[nf] = int(rand() * 30); zoned[nf] = num[nf] && sg[nf] >= 10;
            if (!num[nf] && rand() < 0.6) {
                for (j = 0; j < len; j++)
                    ctl[nf] = ctl[nf] substr("    0,.&CR-*$", 1 + int(rand() * 13), 1);
            }
            p += len + int(rand() * 2);
        }
        print "     START     NOP";
        nops = (nmin == "" ? 8 : nmin) + int(rand() * (nspan == "" ? 10 : nspan));
        for (i = 0; i < nops; i++) {
            lab = sprintf("L%d", i);
            tgt = sprintf("L%d", i + 2 <= nops ? i + 2 : nops);
            r = int(rand() * 19);
            # D is left out: SIMH 3.8 has the divide that SIMH revised in
            # 2010 (word marks in the quotient, a non-zero zero field)
            if (r == 14) { i--; continue }
            op = substr("A    S    ZA   ZS   MCW  LCA  MN   MZ   SW   C    MCS  MA   M    MCE  D    B    BWZ  BBE  BCE  ", r * 5 + 1, 5);
            a = 1 + int(rand() * nf); b = 1 + int(rand() * nf);
            au = fs[a] + fl[a] - 1; bu = fs[b] + fl[b] - 1;
            # MA on digit fields only: SIMH counts index tags and invalid
            # digits in its carry test (the B-register step), see README
            if (op ~ /^MA/) { if (fl[a] < 3 || fl[b] < 3 || !num[a] || !num[b]) { i--; continue } }
            # M: the B field holds the multiplier left of a product area
            # one longer than the multiplicand; MCE: a control word;
            # D: a zero field one longer than the divisor (cleared first:
            # SIMH 3.8 divides differently when it is not zero), then a
            # dividend whose units position has a sign zone
            if (op ~ /^M  /) { if (!num[a] || !num[b] || fl[b] < fl[a] + 2) { i--; continue } }
            if (op ~ /^MCE/) { if (!num[a] || ctl[b] == "") { i--; continue } }
            if (op ~ /^D  /) {
                if (!num[a] || !num[b] || !zoned[b] || fl[b] < fl[a] + 2) { i--; continue }
                z = ""; for (j = 0; j <= fl[a]; j++) z = z "0";
                printf "     %-10sMCW  @%s@,%d\n", lab, z, fs[b] + fl[a];
                printf "               D    %d,%d\n", au, fs[b] + fl[a] + 1; continue
            }
            if (op ~ /^B  /) {
                # not on overflow (Z): SIMH 3.8 sets it in fewer cases than
                # A24-3067 says (SIMH fixed it in 2015), see README
                printf "     %-10sB    %s,%s\n", lab, tgt, substr("S/TU", 1 + int(rand() * 4), 1); continue
            }
            if (op ~ /^(BWZ|BBE|BCE)/) {
                d = substr("123BKSJA?0", 1 + int(rand() * 10), 1);
                printf "     %-10s%s%s,%d,%s\n", lab, (op ~ /^BCE/) ? "B    " : op, tgt, bu, d; continue
            }
            form = rand();
            # M only in the 7-character form: its 4- and 1-character forms
            # make the multiplicand the product field (A = B), which A24-3067
            # does not define; SIMH 3.8.1 and we go astray differently
            if (op ~ /^M  /) form = 1;
            if (i > 0 && form < 0.15 && op !~ /^(LCA|MCS|MA)/)
                printf "     %-10s%s\n", lab, op;
            else if (form < 0.3)
                printf "     %-10s%s%d\n", lab, op, bu;
            else
                printf "     %-10s%s%d,%d\n", lab, op, au, bu;
        }
        printf "     %-10sNOP\n", sprintf("L%d", nops);
        print "               SAR  326";
        print "               SBR  329";
        print "               W";
        print "               W    )";
        print "               H";
        print "               DCW  @.@";          # a word mark ends the H
        # the data: word mark on each field high-order position
        for (f = 1; f <= nf; f++) {
            s = "";
            numeric = num[f];
            if (ctl[f] != "") {
                printf "               ORG  %d\n", fs[f];
                printf "               DCW  @%s@\n", ctl[f];
                continue;
            }
            for (j = 1; j < fl[f]; j++)
                s = s (numeric ? substr(digits, 1 + int(rand() * 10), 1) : substr(chars, 1 + int(rand() * length(chars)), 1));
            s = s (numeric ? substr(signs, 1 + sg[f], 1) : substr(chars, 1 + int(rand() * length(chars)), 1));
            printf "               ORG  %d\n", fs[f];
            printf "               DCW  @%s@\n", s;
        }
        print "               END  START";
}
