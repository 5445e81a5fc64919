#!/bin/sh
# s360_herc_decimal.sh — acceptance: an extra oracle for the decimal,
# editing and translating instructions. A program of random cases (fixed
# seed; SEED=N for others, CASES=N for more) is generated: AP SP ZAP CP MP
# DP PACK UNPK MVO MVN MVZ ED EDMK CVB CVD TR TRT on random valid operands
# (overlapping fields included), each case's CC and registers stored next
# to its fields. It runs on Hercules (S/370 mode runs this problem-state
# code as S/360 does; ../shared/peers/herc-run.sh) and on mcemu -m s360,
# and the data area must be identical. Exception cases are left to the
# unit tests (test_s360_decimal). Prints PASS, or FAIL/SKIP with the reason.
MCEMU=${MCEMU:-build/mcemu}
PEERS=../shared/peers
SEED=${SEED:-360}
CASES=${CASES:-300}
if [ ! -x "$PEERS/herc-run.sh" ]; then echo "SKIP: $PEERS/herc-run.sh is absent"; exit 0; fi
command -v "${HERCULES:-hercules}" >/dev/null 2>&1 || { echo "SKIP: hercules is not installed"; exit 0; }
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 is absent"; exit 0; }
tmp=$(mktemp -d)
[ -n "${KEEP:-}" ] && echo "tmp=$tmp" >&2 || trap 'rm -rf "$tmp"' EXIT INT TERM

python3 - "$SEED" "$CASES" >"$tmp/prog.asm" <<'PY'
import random, sys
rnd = random.Random(int(sys.argv[1]))
ncases = int(sys.argv[2])
DATA = 0x40000                         # above any program
code, data = [], []
here = 128                             # offset in the data area (0-119: bank bases)
bank = -1                              # R12 = X'40000' + bank * 4096
def alloc(n, align=1):
    global here
    here = (here + align - 1) // align * align
    a = here; here += n; return a
def put(off, bs):
    data.append((off, bytes(bs)))
def packed(ndig, v, sign):
    s = str(abs(v)).rjust(ndig, '0')
    nib = [int(c) for c in s] + [sign]
    return bytes(nib[i] * 16 + nib[i + 1] for i in range(0, len(nib), 2))
def rval(nbytes, lead=0):
    nd = 2 * nbytes - 1 - 2 * lead
    k = rnd.choice([1, 2, 3, nd, nd, nd])
    k = max(0, min(k, nd))
    return rnd.randrange(10 ** k) if k else 0
def rsign():
    return rnd.choice([0xA, 0xB, 0xC, 0xD, 0xE, 0xF, 0xC, 0xD])
def rlen(lo=1, hi=16):
    return rnd.choice([lo, lo, min(hi, lo + 1), rnd.randint(lo, hi), hi])
def D(off):                            # displacement from R12
    return off - bank * 4096
def cc_store():
    o = alloc(1)
    code.append("         BALR  1,0"); code.append("         SRL   1,28")
    code.append("         STC   1,%d(0,12)" % D(o))
def ss2(mn, a, l1, b, l2):
    code.append("         %-5s %d(%d,12),%d(%d,12)" % (mn, D(a), l1, D(b), l2))
def ss1(mn, a, l, b):
    code.append("         %-5s %d(%d,12),%d(12)" % (mn, D(a), l, D(b)))
for case in range(ncases):
    if bank < 0 or here - bank * 4096 > 4096 - 400:
        if bank >= 0: here = (bank + 1) * 4096
        bank += 1
        if bank == 30: break
        code.append("         L     12,%d(0,11)" % (4 * bank))
    kind = rnd.choice("AP SP ZAP CP MP DP PACK UNPK MVO MVN MVZ ED EDMK CVB CVD TR TRT".split())
    if kind in ("AP", "SP", "ZAP", "CP"):
        l1, l2 = rlen(), rlen()
        a = alloc(l1); put(a, packed(2 * l1 - 1, rval(l1), rsign()))
        if rnd.random() < 0.15 and kind != "CP":
            ss2(kind, a, l1, a, l1)      # rightmost bytes coincide
        else:
            b = alloc(l2); put(b, packed(2 * l2 - 1, rval(l2), rsign()))
            ss2(kind, a, l1, b, l2)
        cc_store()
    elif kind in ("MP", "DP"):
        while True:
            l2 = rnd.randint(1, 8); l1 = rnd.randint(l2 + 1, 16)
            v2 = rval(l2) or 1
            if kind == "MP":
                v1 = rval(l1, lead=l2); break
            v1 = rval(l1)
            if v1 // v2 < 10 ** (2 * (l1 - l2) - 1): break
        a = alloc(l1); put(a, packed(2 * l1 - 1, v1, rsign()))
        b = alloc(l2); put(b, packed(2 * l2 - 1, v2, rsign()))
        ss2(kind, a, l1, b, l2)
    elif kind in ("PACK", "UNPK", "MVO"):
        l1, l2 = rlen(), rlen()
        a = alloc(l1); put(a, [rnd.randrange(256) for _ in range(l1)])
        if rnd.random() < 0.2:
            ss2(kind, a, l1, a, l1)
        else:
            b = alloc(l2); put(b, [rnd.randrange(256) for _ in range(l2)])
            ss2(kind, a, l1, b, l2)
    elif kind in ("MVN", "MVZ"):
        n = rlen(1, 32)
        a = alloc(n + 1); put(a, [rnd.randrange(256) for _ in range(n + 1)])
        if rnd.random() < 0.3:
            ss1(kind, a + 1, n, a)       # one byte to the right
        else:
            b = alloc(n); put(b, [rnd.randrange(256) for _ in range(n)])
            ss1(kind, a, n, b)
    elif kind in ("ED", "EDMK"):
        n = rnd.randint(1, 24)
        pat = [rnd.choice([0x40, 0x5C])] + [rnd.choice([0x20, 0x20, 0x20, 0x21, 0x22, 0x4B, 0x6B, 0xC3, 0x40]) for _ in range(n - 1)]
        a = alloc(n); put(a, pat)
        src = []
        for _ in range(n):
            lo = rnd.randrange(10) if rnd.random() < 0.8 else rnd.choice([0xA, 0xB, 0xC, 0xD, 0xE, 0xF])
            src.append(rnd.choice([0, rnd.randrange(10)]) * 16 + lo)
        b = alloc(n); put(b, src)
        r = alloc(4, 4)
        code.append("         L     1,%d(0,12)" % D(r)); put(r, b"\xAB\xCD\xEF\x01")
        ss1(kind, a, n, b)
        cc_store()
        code.append("         ST    1,%d(0,12)" % D(r))
    elif kind == "CVB":
        d = alloc(8, 8); v = rnd.randrange(-2 ** 31, 2 ** 31) // rnd.choice([1, 1000, 10 ** 7])
        put(d, packed(15, v, 0xD if v < 0 else rnd.choice([0xA, 0xC, 0xE, 0xF])))
        r = alloc(4, 4)
        code.append("         CVB   3,%d(0,12)" % D(d))
        code.append("         ST    3,%d(0,12)" % D(r))
    elif kind == "CVD":
        w = alloc(4, 4); put(w, rnd.randrange(2 ** 32).to_bytes(4, "big") if rnd.random() < 0.7 else rnd.randrange(1000).to_bytes(4, "big"))
        d = alloc(8, 8)
        code.append("         L     3,%d(0,12)" % D(w))
        code.append("         CVD   3,%d(0,12)" % D(d))
    elif kind in ("TR", "TRT"):
        t = alloc(256)
        if kind == "TR":
            put(t, [rnd.randrange(256) for _ in range(256)])
        else:
            put(t, [rnd.randrange(1, 256) if rnd.random() < 0.05 else 0 for _ in range(256)])
        n = rlen(1, 40)
        a = alloc(n); put(a, [rnd.randrange(256) for _ in range(n)])
        r = alloc(8, 4)
        code.append("         LM    1,2,%d(12)" % D(r)); put(r, b"\x11\x22\x33\x44\x55\x66\x77\x88")
        ss1(kind, a, n, t)
        if kind == "TRT":
            cc_store()
            code.append("         STM   1,2,%d(12)" % D(r))
put(0, b"".join((DATA + 4096 * i).to_bytes(4, "big") for i in range(30)))
done = 120; put(done, bytes.fromhex("0002000000000000"))
print("PROG     CSECT")
print("         LA    11,2048(0,0)")
for i in range(7): print("         AR    11,11")
print("*        R11 = X'40000'")
for l in code: print(l)
print("         LPSW  %d(11)" % done)
print("         ORG   PROG+X'%X'" % (DATA - 0x1000))
here2 = 0
for off, bs in sorted(data):
    if off > here2: print("         DS    %dX" % (off - here2))
    for i in range(0, len(bs), 16):
        print("         DC    X'%s'" % bs[i:i + 16].hex().upper())
    here2 = off + len(bs)
print("         DS    %dX" % max(1, (here - here2)))
print("DATALEN  EQU   %d" % here)
print("         END   PROG")
PY
. "$(dirname "$0")/s360_herc_compare.inc"
