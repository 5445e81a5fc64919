#!/bin/sh
# s360_herc_float.sh — acceptance: Hercules as an oracle for hexadecimal
# floating point. Random cases (fixed seed; SEED=N, CASES=N) of LER LDR LTER
# LTDR LCER LCDR LNER LNDR LPER LPDR AER ADR AUR AWR SER SDR SUR SWR CER CDR
# MER MDR DER DDR and the RX forms AE AD AU AW SE SD SU SW CE CD ME MD DE DD,
# on normalized, unnormalized and zero operands whose characteristics keep
# every result in range (exponent overflow and underflow, and a zero
# divisor, are left to the unit tests; the masks are zero, so a zero sum is
# a true zero on both). HER and HDR are left out: System/370 normalizes
# their result, System/360 does not. The registers and CC of every case are
# stored and the data areas of Hercules (S/370 mode) and mcemu -m s360 must
# be identical. Prints PASS, or FAIL/SKIP with the reason.
MCEMU=${MCEMU:-build/mcemu}
PEERS=../shared/peers
SEED=${SEED:-360}
CASES=${CASES:-400}
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
def D(off):
    return off - bank * 4096
def rfloat(short):
    nd = 6 if short else 14
    s = rnd.randrange(2)
    c = rnd.randint(0x38, 0x48)
    k = rnd.random()
    if k < 0.08:
        f = 0
    else:
        f = rnd.randrange(16 ** nd)
        if k < 0.5:
            f |= rnd.randint(1, 15) << (4 * (nd - 1))         # normalized
        elif k < 0.6:
            f = rnd.randint(1, 15) << (4 * (nd - 1))          # one digit
        elif k < 0.7:
            f = (16 ** nd - 1) - rnd.randrange(16)            # all F's
    w = (s << 63) | (c << 56) | (f << (56 - 4 * nd))
    if short:
        w |= rnd.randrange(2 ** 32)                           # an ignored right half
    return w
RR = {"LER": 0x38, "LDR": 0x28, "LTER": 0x32, "LTDR": 0x22, "LCER": 0x33, "LCDR": 0x23,
      "LNER": 0x31, "LNDR": 0x21, "LPER": 0x30, "LPDR": 0x20, "AER": 0x3A, "ADR": 0x2A,
      "AUR": 0x3E, "AWR": 0x2E, "SER": 0x3B, "SDR": 0x2B, "SUR": 0x3F, "SWR": 0x2F,
      "CER": 0x39, "CDR": 0x29, "MER": 0x3C, "MDR": 0x2C, "DER": 0x3D, "DDR": 0x2D}
RX = ["AE", "AD", "AU", "AW", "SE", "SD", "SU", "SW", "CE", "CD", "ME", "MD", "DE", "DD"]
for case in range(ncases):
    if bank < 0 or here - bank * 4096 > 4096 - 100:
        if bank >= 0: here = (bank + 1) * 4096
        bank += 1
        if bank == 30: break
        code.append("         L     12,%d(0,11)" % (4 * bank))
    rx = rnd.random() < 0.35
    mn = rnd.choice(RX) if rx else rnd.choice(sorted(RR))
    short = mn[-1] in "E" or mn[-2:] in ("ER",) or mn in ("AU", "SU", "AUR", "SUR")
    x = rfloat(short); y = rfloat(short)
    if mn[0] == "D":
        yf = (y >> 32) & 0xFFFFFF if short else y & ((1 << 56) - 1)
        if yf == 0: y |= 1 << (52 if not short else 52)      # a nonzero divisor
    a = alloc(8, 8); put(a, x.to_bytes(8, "big"))
    b = alloc(8, 8); put(b, y.to_bytes(8, "big"))
    r = alloc(9, 8)
    code.append("         LD    2,%d(0,12)" % D(a))
    if rx:
        code.append("         %-5s 2,%d(0,12)" % (mn, D(b)))
    else:
        code.append("         LD    4,%d(0,12)" % D(b))
        code.append("         %-5s 2,4" % mn)
    code.append("         BALR  1,0")
    code.append("         SRL   1,28")
    code.append("         STD   2,%d(0,12)" % D(r))
    code.append("         STC   1,%d(0,12)" % D(r + 8))
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
