/* uc_ops.h — the micro-operation set, one row per operation.
 *
 * Vertical micro-instructions: each micro-word does exactly one thing, in a
 * defined sequential order (DESIGN.md, "The micro-engine"). This table is the
 * single source of the op enum, the op names used by listings and the monitor,
 * and the operand shape each op uses. Include it with UC_OP defined.
 *
 * Notation (see uc_machine.h for the UcWord fields):
 *   d, a, b   micro-registers u[dst], u[a], u[b]     (64-bit each)
 *   B         the second operand: imm when (flags & UC_F_IMM), else u[b]
 *   W         width in bits, 1..64; mask(W) = low W bits
 *   sx(v)     v sign-extended from bit W-1
 * Every ALU result is masked to W bits unless the row says otherwise.
 * No operation can fault or crash on any operand value: division by zero
 * gives 0, shifts of W or more give 0 (SAR: the sign), an invalid register
 * index reads 0 and ignores the write.
 *
 * LD, ST and PROBE with UC_F_ONFAULT do not fault: when the access would
 * fault, nothing is read or written and control goes to target instead.
 * STF with UC_F_IMM stores imm instead of u[a].
 *
 * Shapes: N none, DI d+imm, DA d+a, DAB d+a+B, ABI a+B(+imm), T target,
 *         AT a+target, S state/storage (aux), X special.
 */
/*    name      shape  meaning */
UC_OP(NOP,      N,   "no operation")
UC_OP(MOVI,     DI,  "d = imm & mask(W)")
UC_OP(MOV,      DA,  "d = a & mask(W)")
UC_OP(ADD,      DAB, "d = a + B")
UC_OP(SUB,      DAB, "d = a - B")
UC_OP(MUL,      DAB, "d = a * B (low 64 bits of the product, then masked)")
UC_OP(DIVU,     DAB, "d = a / B unsigned; 0 when B == 0")
UC_OP(REMU,     DAB, "d = a % B unsigned; a when B == 0")
UC_OP(DIVS,     DAB, "d = sx(a) / sx(B) truncating; 0 when B == 0; MIN/-1 = MIN")
UC_OP(REMS,     DAB, "d = sx(a) % sx(B), sign of a; a when B == 0")
UC_OP(AND,      DAB, "d = a & B")
UC_OP(OR,       DAB, "d = a | B")
UC_OP(XOR,      DAB, "d = a ^ B")
UC_OP(NOT,      DA,  "d = ~a")
UC_OP(NEG,      DA,  "d = -a")
UC_OP(SHL,      DAB, "d = a << B; 0 when B >= W")
UC_OP(SHR,      DAB, "d = (a & mask(W)) >> B; 0 when B >= W")
UC_OP(SAR,      DAB, "d = sx(a) >> B arithmetic; the sign when B >= W")
UC_OP(SEXT,     DA,  "d = sx(a), all 64 bits (not masked)")
UC_OP(EXT,      DA,  "d = (a >> imm) & mask(W)   (bit field, lsb0 position imm)")
UC_OP(INS,      DA,  "d = d with bits imm..imm+W-1 replaced by a (not masked)")
UC_OP(EQ,       DAB, "d = (a & mask(W)) == (B & mask(W))")
UC_OP(NE,       DAB, "d = (a & mask(W)) != (B & mask(W))")
UC_OP(LTU,      DAB, "d = a < B, unsigned over W bits")
UC_OP(LEU,      DAB, "d = a <= B, unsigned over W bits")
UC_OP(LTS,      DAB, "d = sx(a) < sx(B)")
UC_OP(LES,      DAB, "d = sx(a) <= sx(B)")
UC_OP(ADDV,     DAB, "d = 1 if a + B overflows as a W-bit signed add, else 0")
UC_OP(SUBV,     DAB, "d = 1 if a - B overflows as a W-bit signed subtract, else 0")
UC_OP(ADDC,     DAB, "d = carry out of bit W-1 of a + B (unsigned)")
UC_OP(SUBC,     DAB, "d = carry out of a + ~B + 1 over W bits, i.e. a >= B unsigned")
UC_OP(SEL,      DAB, "d = u[d] != 0 ? a : B  (conditional move, masked)")
UC_OP(XLAT,     DA,  "d = table[aux][a]; 0 when a is outside the table")
UC_OP(LDR,      DA,  "d = state item aux, element a (register file read)")
UC_OP(STR,      S,   "state item aux, element a = B, masked to the element width")
UC_OP(LDF,      DI,  "d = named field aux (PSW.CC ...)")
UC_OP(STF,      S,   "named field aux = a, masked to the field width")
UC_OP(LD,       DA,  "d = W bits from space aux at address a; flags: access, align")
UC_OP(ST,       S,   "store the low W bits of B to space aux at address a; flags (part: only the last u[d] units)")
UC_OP(PROBE,    S,   "check units a .. a+B-1 of space aux for access (flags); fault or nothing")
UC_OP(JMP,      T,   "goto target")
UC_OP(BZ,       AT,  "if u[a] == 0 goto target")
UC_OP(BNZ,      AT,  "if u[a] != 0 goto target")
UC_OP(CALL,     T,   "push the next micro-address, goto target (8 deep)")
UC_OP(RET,      N,   "pop a micro-address and go there")
UC_OP(DISPATCH, X,   "decode: key u[a], instruction u[b]; bind the format's fields, goto the entry")
UC_OP(EXEC,     X,   "as DISPATCH, for an instruction run by an execute instruction (EX)")
UC_OP(ENDOP,    N,   "instruction boundary: count (unless imm 1: the end of reset or boundary), test attention and irq, goto the fetch routine or the boundary routine")
UC_OP(TRAP,     X,   "enter interrupt aux with its first parameter = imm (further ones already set)")
UC_OP(STOP,     X,   "stop the engine with machine stop reason imm")
UC_OP(CALLH,    X,   "d = host helper aux (u[a] .. u[a+imm-1] as its imm arguments)")
UC_OP(CMPU,     DAB, "d = a == B ? 0 : a < B ? 1 : 2, unsigned over W bits (three-way compare)")
UC_OP(CMPS,     DAB, "d = sx(a) == sx(B) ? 0 : sx(a) < sx(B) ? 1 : 2 (three-way compare)")
UC_OP(MOVE,     X,   "for i in 0 .. B-1, left to right: unit u[d]+i of space aux = unit u[a]+i (a fetch, then a store; nokey; a fault stops it there)")
UC_OP(LDK,      DA,  "d = the storage key of the block holding address a of space aux (0 outside the storage)")
UC_OP(STK,      S,   "the storage key of the block holding address a of space aux = B (key and fetch-protection bits); nothing outside the storage")
