//! Register bytecode: the instruction set, functions, programs and the disassembler.
//!
//! # Why the encoding is the way it is
//!
//! Every instruction is one fixed 8-byte word: a 16-bit opcode and three 16-bit operands
//! `a`, `b`, `c`. Fixed width means the interpreter fetches with one aligned load and
//! decodes with shifts, never with a variable-length walk, and a JIT can translate
//! instruction *i* without decoding *i-1*. Operands are usually frame slot numbers (a
//! function may have up to 65 535 slots); some are small immediates (`i16`), indices
//! into the program's constant, string, function or type tables, or branch offsets.
//!
//! The set is shaped for the dispatch loop, the hot path of the interpreter:
//! - *Specialised ops*: the code generator knows every operand's static type, so there
//!   is an `AddI` (int) and an `AddF` (float64) instead of one `Add` that tests tags.
//! - *Constants in operands*: `AddIK a, b, k` adds an `i16` immediate, `JmpLtIK` compares
//!   with one; a typical loop body needs no constant loads.
//! - *Fused compare-and-branch*: `JmpLtI a, b, off` replaces a compare, a bool slot
//!   and a conditional jump; `IncJmpLtI i, n, off` is a whole `for i := ..; i < n; i++`
//!   back edge in one dispatch.
//! - *Rare work out of line*: an op that needs more than three operands is followed by
//!   one `Ext` word holding the rest; the interpreter reads it and skips it.
//!
//! # Values and frames
//!
//! Every value occupies exactly one 64-bit slot. Scalars (`int`, `byte`, `rune`, `bool`,
//! `float64`) are stored inline (`byte` normalised to 0..=255, `rune` sign-extended from
//! 32 bits, `bool` 0 or 1, `float64` as its IEEE bits). Everything else is a *GC
//! reference*: the address of a heap object, or 0 for nil; see `heap` for the layouts.
//! Strings are references too (nil is the empty string); structs and arrays are
//! references to their storage object, so `&s` of a struct variable is the reference
//! itself and assignment to a struct variable copies *into* the object (`CopyInto`).
//!
//! A function's frame is `slot_count` slots: parameters first (`0..param_count`), then
//! locals and temporaries. Each slot holds either references or scalars for the whole
//! function: `Function::ref_slots` is the precise slot map the collector uses.
//!
//! Calls use a *window* just above the frame: the caller writes the arguments to slots
//! `slot_count ..` and executes `Call`; the callee's frame begins exactly there, so the
//! arguments are already its parameters. `Ret a, n` copies the results to the callee's
//! slots `0..n`, which are the caller's window, and the caller moves them out. The
//! window is not part of the caller's slot map: code generation guarantees that no
//! safepoint occurs while a reference lives only in the window (arguments are moved in
//! right before the call, results moved out right after it).
//!
//! # Blocking
//!
//! Operations flagged `BLOCK` (channel send and receive, select) may find that they
//! cannot complete. They never spin: the running goroutine (a fiber with its own VM
//! stack) records the operation in the channel's wait queue and *parks*; its resume pc
//! is the instruction after the blocking one (after its `Ext` word). The goroutine that
//! later completes the operation (a receiver taking a parked sender's value, a sender
//! handing a value to a parked receiver, a `close`) writes the results into the parked
//! fiber's frame slots and makes it runnable; when the scheduler resumes it, execution
//! simply continues after the instruction. A JIT implements the same contract: its
//! helper returns "must block" with the resume pc, and native code is re-entered there
//! (or the interpreter continues there). Port operations (`PortSend`, `PortRecv`)
//! follow the contract too, except that the waking is done by the parked fiber's own
//! island when it polls its ports (`runtime::islands`): a received value is written
//! into the parked frame's slots just before the fiber resumes.
//!
//! In this listing `[x]` is the operand decoded as a register, `k` as a signed 16-bit
//! immediate, `off` as a branch offset relative to the *next* instruction.

use std::fmt::Write as _;

/// Index of a function in [`Program::funcs`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FuncId(pub u32);

/// Index of a runtime type in [`Program::types`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeId(pub u32);

/// How an operand is decoded; drives the disassembler, the verifier and code patching.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operand {
    /// Unused.
    None,
    /// A frame slot.
    Reg,
    /// A signed 16-bit immediate.
    Imm,
    /// An index into `Program::consts`.
    Const,
    /// An index into `Program::strings`.
    Str,
    /// A function id.
    Func,
    /// A type id.
    Type,
    /// A global slot.
    Global,
    /// A method-name id (`Program::method_names`).
    Method,
    /// A native function id ([`Native`]).
    Native,
    /// A count or field index (unsigned 16-bit).
    Count,
    /// A 16-bit branch offset (in `c`).
    Jump16,
    /// A 32-bit branch offset spread over `b` (low half) and `c` (high half).
    Jump32,
    /// A 32-bit immediate spread over `b` (low half) and `c` (high half).
    Imm32,
}

macro_rules! opcodes {
    ($( $(#[doc = $doc:literal])* $name:ident ($a:ident, $b:ident, $c:ident) $($flag:ident)|* ;)*) => {
        /// Every bytecode instruction. See each variant for its semantics.
        #[repr(u16)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Op { $( $(#[doc = $doc])* $name, )* }

        /// Number of opcodes.
        pub const OP_COUNT: usize = [$(Op::$name),*].len();

        impl Op {
            /// Every opcode, in encoding order.
            pub const ALL: [Op; OP_COUNT] = [$(Op::$name),*];

            /// The opcode's mnemonic, as the disassembler prints it.
            pub fn name(self) -> &'static str {
                match self { $(Op::$name => stringify!($name),)* }
            }

            /// How the `a`, `b` and `c` operands are decoded.
            pub fn operands(self) -> [Operand; 3] {
                match self { $(Op::$name => [Operand::$a, Operand::$b, Operand::$c],)* }
            }

            /// Static facts about the opcode (for JITs and the verifier): a table
            /// lookup, cheap enough for the out-of-line paths of native code.
            #[inline(always)]
            pub fn flags(self) -> OpFlags {
                const FLAGS: [OpFlags; OP_COUNT] = [$(OpFlags::NONE $(.with(OpFlags::$flag))*,)*];
                FLAGS[self as usize]
            }
        }
    };
}

/// Static facts about an opcode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OpFlags(u8);

impl OpFlags {
    pub const NONE: OpFlags = OpFlags(0);
    /// May allocate, so may collect: a safepoint.
    pub const ALLOC: OpFlags = OpFlags(1);
    /// May raise a Go panic.
    pub const PANIC: OpFlags = OpFlags(2);
    /// Transfers control (jump, branch, return, call).
    pub const BRANCH: OpFlags = OpFlags(4);
    /// Calls bytecode or native code (a safepoint).
    pub const CALL: OpFlags = OpFlags(8);
    /// Followed by one `Ext` word carrying more operands.
    pub const EXT: OpFlags = OpFlags(16);
    /// May block: the fiber parks and later resumes *after* the instruction (and its
    /// `Ext` word) with the operation complete (see "Blocking" in the module doc).
    pub const BLOCK: OpFlags = OpFlags(32);

    pub const fn with(self, other: OpFlags) -> OpFlags {
        OpFlags(self.0 | other.0)
    }
    pub const fn contains(self, other: OpFlags) -> bool {
        self.0 & other.0 == other.0
    }
}

opcodes! {
    /// No operation.
    Nop(None, None, None);
    /// Extra operands of the preceding instruction; never executed on its own.
    Ext(Count, Count, Count);

    // ---- moves and constants ----
    /// `[a] = [b]`
    Move(Reg, Reg, None);
    /// `[a] = sign-extended 32-bit immediate (b | c << 16)`
    LoadInt(Reg, Imm32, None);
    /// `[a] = consts[b]` (raw 64 bits: an int or a float64's bits)
    LoadConst(Reg, Const, None);
    /// `[a] = the string constant strings[b]` (a reference)
    LoadStr(Reg, Str, None) ALLOC;
    /// `[a] = 0` (nil, false, 0)
    LoadNil(Reg, None, None);
    /// `[a] = a closure object for function b with no captures`
    LoadFunc(Reg, Func, None) ALLOC;
    /// `[a] = globals[b]`
    GetGlobal(Reg, Global, None);
    /// `globals[a] = [b]`
    SetGlobal(Global, Reg, None);

    // ---- int arithmetic (64-bit, wrapping) ----
    /// `[a] = [b] + [c]`
    AddI(Reg, Reg, Reg);
    /// `[a] = [b] - [c]`
    SubI(Reg, Reg, Reg);
    /// `[a] = [b] * [c]`
    MulI(Reg, Reg, Reg);
    /// `[a] = [b] / [c]`, truncated; panics `integer divide by zero`; MinInt / -1 = MinInt
    DivI(Reg, Reg, Reg) PANIC;
    /// `[a] = [b] % [c]`, sign of the dividend; panics `integer divide by zero`
    RemI(Reg, Reg, Reg) PANIC;
    /// `[a] = [b] & [c]`
    AndI(Reg, Reg, Reg);
    /// `[a] = [b] | [c]`
    OrI(Reg, Reg, Reg);
    /// `[a] = [b] ^ [c]`
    XorI(Reg, Reg, Reg);
    /// `[a] = [b] &^ [c]`
    AndNotI(Reg, Reg, Reg);
    /// `[a] = [b] << [c]`; counts >= 64 give 0; a negative count panics `negative shift amount`
    ShlI(Reg, Reg, Reg) PANIC;
    /// `[a] = [b] >> [c]` (arithmetic); counts >= 64 give 0 or -1; negative count panics
    ShrI(Reg, Reg, Reg) PANIC;
    /// `[a] = [b] + k`
    AddIK(Reg, Reg, Imm);
    /// `[a] = [b] * k`
    MulIK(Reg, Reg, Imm);
    /// `[a] = [b] & k`
    AndIK(Reg, Reg, Imm);
    /// `[a] = [b] << k` (0 <= k < 64)
    ShlIK(Reg, Reg, Imm);
    /// `[a] = [b] >> k` (arithmetic, 0 <= k < 64)
    ShrIK(Reg, Reg, Imm);
    /// `[a] = [b] / k` (k != 0, truncated, wrapping)
    DivIK(Reg, Reg, Imm);
    /// `[a] = [b] % k` (k != 0)
    RemIK(Reg, Reg, Imm);
    /// `[a] = -[b]`
    NegI(Reg, Reg, None);
    /// `[a] = ^[b]`
    NotI(Reg, Reg, None);
    /// `[a] = [b] & 0xff` (result of byte arithmetic)
    WrapU8(Reg, Reg, None);
    /// `[a] = [b]` truncated to 32 bits and sign-extended (result of rune arithmetic)
    WrapI32(Reg, Reg, None);
    /// `[a] = [b]` truncated to 8 bits and sign-extended (int8)
    WrapI8(Reg, Reg, None);
    /// `[a] = [b]` truncated to 16 bits and sign-extended (int16)
    WrapI16(Reg, Reg, None);
    /// `[a] = [b] & 0xffff` (uint16)
    WrapU16(Reg, Reg, None);
    /// `[a] = [b] & 0xffff_ffff` (uint32)
    WrapU32(Reg, Reg, None);

    // ---- 64-bit unsigned arithmetic (uint, uint64, uintptr; narrower unsigned
    // values are zero-extended, so the signed operations serve them)
    /// `[a] = [b] / [c]` unsigned; panics `integer divide by zero`
    DivU(Reg, Reg, Reg) PANIC;
    /// `[a] = [b] % [c]` unsigned; panics `integer divide by zero`
    RemU(Reg, Reg, Reg) PANIC;
    /// `[a] = [b] >> [c]` (logical); counts >= 64 give 0; a negative count panics
    ShrU(Reg, Reg, Reg) PANIC;
    /// `[a] = [b] >> k` (logical, 0 <= k < 64)
    ShrUK(Reg, Reg, Imm);
    /// `[a] = min([b], 64)` with `[b]` unsigned: a shift count of an unsigned 64-bit
    /// type, which the shifts must not read as negative
    CountU(Reg, Reg, None);
    /// `[a] = [b] < [c]` (unsigned)
    LtU(Reg, Reg, Reg);
    /// `[a] = [b] <= [c]` (unsigned)
    LeU(Reg, Reg, Reg);
    /// `[a] = float64([b])` for an unsigned 64-bit `[b]`
    UintToFloat(Reg, Reg, None);
    /// `[a] = uint64([b])` (float to unsigned, truncated, as amd64 converts: values
    /// from 2^63 up by subtracting 2^63 first; NaN and out of range give 2^63)
    FloatToUint(Reg, Reg, None);

    // ---- float64 arithmetic (IEEE) ----
    /// `[a] = [b] + [c]`
    AddF(Reg, Reg, Reg);
    /// `[a] = [b] - [c]`
    SubF(Reg, Reg, Reg);
    /// `[a] = [b] * [c]`
    MulF(Reg, Reg, Reg);
    /// `[a] = [b] / [c]` (division by zero gives ±Inf or NaN, no panic)
    DivF(Reg, Reg, Reg);
    /// `[a] = -[b]`
    NegF(Reg, Reg, None);
    /// `[a] = math.Sqrt([b])`
    SqrtF(Reg, Reg, None);
    /// `[a] = math.Abs([b])`
    AbsF(Reg, Reg, None);
    /// `[a] = math.Floor([b])`
    FloorF(Reg, Reg, None);
    /// `[a] = float64([b])` (int to float)
    IntToFloat(Reg, Reg, None);
    /// `[a] = int([b])` (float to int, truncated; NaN and out of range give MinInt, as on amd64)
    FloatToInt(Reg, Reg, None);

    // ---- comparisons producing a bool (0 or 1) ----
    /// `[a] = [b] == [c]` (ints, bools, bytes, runes, and reference identity: pointers, nil)
    EqI(Reg, Reg, Reg);
    /// `[a] = [b] != [c]`
    NeI(Reg, Reg, Reg);
    /// `[a] = [b] < [c]` (signed)
    LtI(Reg, Reg, Reg);
    /// `[a] = [b] <= [c]`
    LeI(Reg, Reg, Reg);
    /// `[a] = [b] == [c]` (float64)
    EqF(Reg, Reg, Reg);
    /// `[a] = [b] != [c]` (true for NaN)
    NeF(Reg, Reg, Reg);
    /// `[a] = [b] < [c]`
    LtF(Reg, Reg, Reg);
    /// `[a] = [b] <= [c]`
    LeF(Reg, Reg, Reg);
    /// `[a] = [b] == [c]` (strings, by content)
    EqStr(Reg, Reg, Reg);
    /// `[a] = [b] < [c]` (strings, bytewise)
    LtStr(Reg, Reg, Reg);
    /// `[a] = [b] <= [c]`
    LeStr(Reg, Reg, Reg);
    /// `[a] = !([b] != 0)` (bool not)
    Not(Reg, Reg, None);
    /// `[a] = [b] == [c]` for two interface values: same dynamic type and equal payloads;
    /// panics `runtime error: comparing uncomparable type T` for slices, maps, funcs
    EqIface(Reg, Reg, Reg) PANIC;
    /// `[a] = [b] == [c]` for two struct or array objects: field by field, deep
    EqAgg(Reg, Reg, Reg) PANIC;

    // ---- branches (offsets relative to the next instruction) ----
    /// `pc += off32`
    Jmp(None, Jump32, Jump32) BRANCH;
    /// `if [a] != 0 { pc += off32 }`
    JmpTrue(Reg, Jump32, Jump32) BRANCH;
    /// `if [a] == 0 { pc += off32 }`
    JmpFalse(Reg, Jump32, Jump32) BRANCH;
    /// `if [a] < [b] { pc += off }` (ints)
    JmpLtI(Reg, Reg, Jump16) BRANCH;
    /// `if [a] <= [b] { pc += off }`
    JmpLeI(Reg, Reg, Jump16) BRANCH;
    /// `if [a] == [b] { pc += off }`
    JmpEqI(Reg, Reg, Jump16) BRANCH;
    /// `if [a] != [b] { pc += off }`
    JmpNeI(Reg, Reg, Jump16) BRANCH;
    /// `if [a] < k { pc += off }`
    JmpLtIK(Reg, Imm, Jump16) BRANCH;
    /// `if [a] <= k { pc += off }`
    JmpLeIK(Reg, Imm, Jump16) BRANCH;
    /// `if [a] > k { pc += off }`
    JmpGtIK(Reg, Imm, Jump16) BRANCH;
    /// `if [a] >= k { pc += off }`
    JmpGeIK(Reg, Imm, Jump16) BRANCH;
    /// `if [a] == k { pc += off }`
    JmpEqIK(Reg, Imm, Jump16) BRANCH;
    /// `if [a] != k { pc += off }`
    JmpNeIK(Reg, Imm, Jump16) BRANCH;
    /// `[a] += 1; if [a] < [b] { pc += off }` (the back edge of a counted loop)
    IncJmpLtI(Reg, Reg, Jump16) BRANCH;
    /// `[a] += 1; if [a] <= [b] { pc += off }`
    IncJmpLeI(Reg, Reg, Jump16) BRANCH;

    // ---- strings ----
    /// `[a] = [b] + [c]` (concatenation)
    Concat(Reg, Reg, Reg) ALLOC;
    /// `[a] = len([b])`
    StrLen(Reg, Reg, None);
    /// `[a] = [b][[c]]` (a byte); panics `index out of range [i] with length n`
    StrIndex(Reg, Reg, Reg) PANIC;
    /// `[a] = [b][[c] : [c+1]]`; `[c+1] == -1` means "to the end"; panics as Go does
    SliceStr(Reg, Reg, Reg) ALLOC | PANIC;
    /// Decode the UTF-8 rune of string `[b]` at byte index `[c]`: `[a]` = the rune
    /// (U+FFFD for an invalid encoding), `[a+1]` = its width in bytes (at least 1)
    StrDecodeRune(Reg, Reg, Reg);
    /// `[a] = string([b])` for a byte slice
    StrFromBytes(Reg, Reg, None) ALLOC;
    /// `[a] = []byte([b])` for a string
    BytesFromStr(Reg, Reg, None) ALLOC;
    /// `[a] = string(rune([b]))` (invalid code points give "\uFFFD")
    StrFromRune(Reg, Reg, None) ALLOC;
    /// `[a] = strconv.Itoa([b])`
    Itoa(Reg, Reg, None) ALLOC;

    // ---- arrays, slices ----
    /// `[a] = a new zeroed object of type b` (a struct, an array, or a box); nested
    /// struct and array components are allocated too
    New(Reg, Type, None) ALLOC;
    /// `[a] = make([]T, [c], [c+1])` where b is the slice type; `[c+1] == -1` means cap = len;
    /// panics `makeslice: len out of range` / `makeslice: cap out of range`
    MakeSlice(Reg, Type, Reg) ALLOC | PANIC;
    /// `[a] = [b][[c]]` for an array object; panics on a bad index
    ArrayGet(Reg, Reg, Reg) PANIC;
    /// `[a][[b]] = [c]` for an array of scalars
    ArraySet(Reg, Reg, Reg) PANIC;
    /// `[a][[b]] = [c]` for an array of references (calls the write barrier)
    ArraySetR(Reg, Reg, Reg) PANIC;
    /// `[a] = [b][[c]]` for a slice; panics `index out of range [i] with length n`
    SliceGet(Reg, Reg, Reg) PANIC;
    /// `[a][[b]] = [c]` for a slice of scalars
    SliceSet(Reg, Reg, Reg) PANIC;
    /// `[a][[b]] = [c]` for a slice of references (calls the write barrier)
    SliceSetR(Reg, Reg, Reg) PANIC;
    /// `[a] = len([b])` for a slice (nil: 0)
    SliceLen(Reg, Reg, None);
    /// `[a] = cap([b])` for a slice (nil: 0)
    SliceCap(Reg, Reg, None);
    /// `[a] = [b][[c] : [c+1] : [c+2]]` for a slice (`[b]`) or an array object (`[b]`,
    /// when the `Ext` word's `a` is 1); `[c+1] == -1`: hi = len; `[c+2] == -1`: max = cap
    /// (and the two-index panic messages). Followed by `Ext(is_array, 0, 0)`.
    SliceSlice(Reg, Reg, Reg) ALLOC | PANIC | EXT;
    /// `[a] = append([a], [b])`, element type c (the slice grows as Go 1.19's growslice)
    Append(Reg, Reg, Type) ALLOC;
    /// `[a] = append([a], [b]...)` for a slice `[b]` of element type c
    AppendSlice(Reg, Reg, Type) ALLOC;
    /// `[a] = append([a], [b]...)` for a byte slice `[a]` and a string `[b]`
    AppendStr(Reg, Reg, None) ALLOC;
    /// `[a] = copy([b], [c])` for two slices
    CopySlice(Reg, Reg, Reg);
    /// `[a] = copy([b], [c])` for a byte slice and a string
    CopyStr(Reg, Reg, Reg);

    // ---- structs, boxes, aggregates ----
    /// `[a] = [b].field[c]`; panics `invalid memory address or nil pointer dereference`
    GetField(Reg, Reg, Count) PANIC;
    /// `[a].field[b] = [c]` (scalar field); nil check
    SetField(Reg, Count, Reg) PANIC;
    /// `[a].field[b] = [c]` (reference field, calls the write barrier); nil check
    SetFieldR(Reg, Count, Reg) PANIC;
    /// `[a] = *[b]` for a box (pointer to a non-aggregate); nil check
    BoxGet(Reg, Reg, None) PANIC;
    /// `*[a] = [b]` for a box of a scalar; nil check
    BoxSet(Reg, Reg, None) PANIC;
    /// `*[a] = [b]` for a box of a reference (calls the write barrier); nil check
    BoxSetR(Reg, Reg, None) PANIC;
    /// `[a] = a new box holding [b]`; c is the box's pointer type
    BoxNew(Reg, Reg, Type) ALLOC;
    /// `[a] = a deep copy of the struct or array object [b]` (nested aggregates copied)
    Clone(Reg, Reg, None) ALLOC | PANIC;
    /// Copy the contents of aggregate `[b]` into the existing aggregate `[a]` (deep, in
    /// place: nested aggregates of `[a]` are overwritten, not replaced); nil check on `[a]`
    CopyInto(Reg, Reg, None) PANIC;

    // ---- maps ----
    /// `[a] = make(map[K]V)`, b the map type
    MakeMap(Reg, Type, None) ALLOC;
    /// `[a] = [b][[c]]`, or 0 when absent (the code generator fixes up aggregate zero values)
    MapGet(Reg, Reg, Reg);
    /// `[a], [a+1] = [b][[c]]` with the comma-ok bool in `[a+1]`
    MapGet2(Reg, Reg, Reg);
    /// `[a][[b]] = [c]`; panics `assignment to entry in nil map`
    MapSet(Reg, Reg, Reg) ALLOC | PANIC;
    /// `delete([a], [b])`
    MapDelete(Reg, Reg, None);
    /// `[a] = len([b])` for a map
    MapLen(Reg, Reg, None);
    /// Start iterating map `[b]`: `[a]` = the map (a reference), `[a+1]` = 0 (position)
    MapIterInit(Reg, Reg, None);
    /// Advance the iterator in `[a]`,`[a+1]`: if an entry remains, `[b]` = key,
    /// `[c]` = value, and the next instruction is *skipped*; else fall through to it
    /// (normally a `Jmp` out of the loop)
    MapNext(Reg, Reg, Reg) BRANCH;

    // ---- interfaces ----
    /// `[a] = interface value of dynamic type c holding [b]`
    ToIface(Reg, Reg, Type) ALLOC;
    /// `[a] = the payload of interface [b]` (unchecked: the code generator has checked the type)
    IfaceData(Reg, Reg, None);
    /// `[a] = interface [b] has dynamic type c` (c concrete) or implements c (c an
    /// interface type); nil gives false
    IfaceIs(Reg, Reg, Type);
    /// `[a] = [b].(c)`: payload if the dynamic type is c (concrete), or `[b]` itself if it
    /// implements c (interface); else panics `interface conversion: ...`. Followed by
    /// `Ext(static interface type id, 0, 0)` for the message.
    Assert(Reg, Reg, Type) PANIC | EXT;
    /// `[a], [a+1] = [b].(c)` comma-ok form; on failure `[a]` = 0 and `[a+1]` = false
    Assert2(Reg, Reg, Type);

    // ---- calls ----
    /// Call function a; arguments are in the window (`slot_count ..`), results come back there
    Call(Func, None, None) CALL | BRANCH | ALLOC | PANIC;
    /// Call the closure in `[a]`; nil panics
    CallClosure(Reg, None, None) CALL | BRANCH | ALLOC | PANIC;
    /// Call method a of the interface value `[b]`: the window holds the receiver's
    /// payload in slot 0 and the arguments after it; nil panics
    CallIface(Method, Reg, None) CALL | BRANCH | ALLOC | PANIC;
    /// Call native a with b arguments in the window; results come back there
    CallNative(Native, Count, None) CALL | ALLOC | PANIC;
    /// Like `CallNative`, but the last of the b arguments is a slice to spread (`f(xs...)`)
    CallNativeSpread(Native, Count, None) CALL | ALLOC | PANIC;
    /// Return: copy slots `[a .. a+b)` to `[0 .. b)` and pop the frame
    Ret(Reg, Count, None) BRANCH;
    /// `[a] = capture c of the running closure` (captures are boxes)
    LoadCapture(Reg, None, Count);
    /// `[a] = a closure of function b capturing [c .. c + captures(b))`
    MakeClosure(Reg, Func, Reg) ALLOC;

    // ---- defer, panic, recover ----
    /// Defer a call of function a; its arguments are in the window (copied now)
    DeferCall(Func, None, None) ALLOC;
    /// Defer a call of the closure `[a]`; its arguments are in the window (copied now)
    DeferClosure(Reg, None, None) ALLOC;
    /// Run this frame's deferred calls, last first; continue after them
    RunDefers(None, None, None) CALL | ALLOC | PANIC;
    /// `panic([a])` where `[a]` is an interface value
    Panic(Reg, None, None) PANIC | BRANCH;
    /// `[a] = recover()`
    Recover(Reg, None, None);

    // ---- goroutines and channels ----
    /// `go f(...)`: start a goroutine running function a; its arguments are in the window
    /// (copied to the new goroutine's stack now)
    Go(Func, None, None) ALLOC;
    /// `go c(...)` for the closure in `[a]` (nil panics when the goroutine would start, as
    /// Go does: `go of nil func value`)
    GoClosure(Reg, None, None) ALLOC | PANIC;
    /// `[a] = make(chan T, [c])`, b the channel type; a negative size panics
    /// `makechan: size out of range`
    MakeChan(Reg, Type, Reg) ALLOC | PANIC;
    /// Send `[b]` on channel `[a]`; a nil channel blocks forever; a closed one panics
    /// `send on closed channel`
    ChanSend(Reg, Reg, None) BLOCK | PANIC | ALLOC;
    /// `[a] = <-[b]`; a closed, drained channel gives 0 (the code generator fixes up
    /// aggregate zero values); nil blocks forever
    ChanRecv(Reg, Reg, None) BLOCK | ALLOC;
    /// `[a], [a+1] = <-[b]` with the comma-ok bool in `[a+1]`
    ChanRecv2(Reg, Reg, None) BLOCK | ALLOC;
    /// `close([a])`; panics `close of nil channel` / `close of closed channel`
    ChanClose(Reg, None, None) PANIC;
    /// `[a] = len([b])` for a channel (nil: 0)
    ChanLen(Reg, Reg, None);
    /// `[a] = cap([b])` for a channel (nil: 0)
    ChanCap(Reg, Reg, None);
    /// `select` over c cases described by the slot pairs `[b+2i]` (the channel) and
    /// `[b+2i+1]` (for a send case the value to send, for a receive case where the
    /// received value is written). Followed by `Ext(send_mask_lo, send_mask_hi,
    /// has_default)`: bit i of the 32-bit mask says case i sends. When several cases are
    /// ready one is chosen at random (seedable); with none ready it takes the default
    /// (`[a]` = -1) or blocks until one is. Afterwards `[a]` = the chosen case index and,
    /// for a receive, `[a+1]` = the comma-ok bool. Sending on a closed channel panics.
    Select(Reg, Reg, Count) BLOCK | PANIC | ALLOC | EXT;

    // ---- islands and ports (see `runtime::islands`)
    /// `island.Go(f, p)`: start a new island (an isolated VM on its own OS thread) running
    /// the capture-less closure `[a]` with the port `[b]` as its argument; a closure with
    /// captures panics, nil is Go's `go of nil func value`
    IslandGo(Reg, Reg, None) PANIC;
    /// `[a] = island.NewPort([b])`: a new port (a handle, not a reference) with buffer
    /// capacity `[b]`; a negative capacity panics `makechan: size out of range`
    PortNew(Reg, Reg, None) PANIC;
    /// `[a].Send([b])`: deep-copy the interface value `[b]` into port `[a]`; blocks while
    /// the port's buffer is full (unbuffered: until a receiver takes it); a closed port
    /// panics `send on closed channel`; a nil port blocks forever
    PortSend(Reg, Reg, None) BLOCK | PANIC;
    /// `[a], [a+1] = [b].Recv()`: the next value (a copy in this island's heap) and true,
    /// or nil and false once the port is closed and drained; a nil port blocks forever
    PortRecv(Reg, Reg, None) BLOCK | ALLOC;
    /// `[a].Close()`; panics `close of nil channel` / `close of closed channel`
    PortClose(Reg, None, None) PANIC;
}

/// An instruction: opcode plus three 16-bit operands.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
#[repr(C, align(8))]
pub struct Instr {
    pub op: Op,
    pub a: u16,
    pub b: u16,
    pub c: u16,
}

impl Instr {
    pub const fn new(op: Op, a: u16, b: u16, c: u16) -> Instr {
        Instr { op, a, b, c }
    }
    /// `b | c << 16` as a signed 32-bit value (Jump32 and Imm32 operands).
    #[inline(always)]
    pub fn bc_i32(self) -> i32 {
        (self.b as u32 | (self.c as u32) << 16) as i32
    }
    /// Build an instruction whose `b`,`c` hold a 32-bit value.
    pub fn with_i32(op: Op, a: u16, v: i32) -> Instr {
        let v = v as u32;
        Instr { op, a, b: v as u16, c: (v >> 16) as u16 }
    }
    /// `b` as a signed 16-bit immediate.
    #[inline(always)]
    pub fn b_i16(self) -> i16 {
        self.b as i16
    }
    /// `c` as a signed 16-bit immediate or branch offset.
    #[inline(always)]
    pub fn c_i16(self) -> i16 {
        self.c as i16
    }

    /// The instruction's width in code words: 2 for an `EXT` op (its `Ext` word
    /// follows it), else 1. The next instruction is at `pc + width`.
    #[inline(always)]
    pub fn width(self) -> usize {
        1 + self.op.flags().contains(OpFlags::EXT) as usize
    }

    /// The pc a branch at `pc` jumps to: `pc + 1` plus the jump operand (`Jump16`: `c`;
    /// `Jump32`: `b | c << 16`). Meaningful for an op with a jump operand (see
    /// [`Instr::jump_target`]); a target before pc 0 wraps around (`as isize` shows it).
    #[inline]
    pub fn branch_target(self, pc: usize) -> usize {
        let off = match self.op.operands()[2] {
            Operand::Jump16 => self.c_i16() as i64,
            _ => self.bc_i32() as i64,
        };
        (pc as i64 + 1 + off) as usize
    }

    /// The pc a jump or conditional branch at `pc` goes to (the ops with a jump
    /// operand); `None` for every other op: calls, returns, panics and `MapNext` (which
    /// skips one instruction) included. A target at or before `pc` makes the branch a
    /// loop's back edge and the target its header.
    #[inline]
    pub fn jump_target(self, pc: usize) -> Option<usize> {
        matches!(self.op.operands()[2], Operand::Jump16 | Operand::Jump32).then(|| self.branch_target(pc))
    }
}

impl std::fmt::Debug for Instr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {} {} {}", self.op.name(), self.a, self.b, self.c)
    }
}

/// Native (Rust-implemented) library functions reachable through `CallNative`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u16)]
pub enum Native {
    /// `fmt.Println(args ...interface{})`: prints; no results used
    Println,
    /// `fmt.Print(args ...interface{})`
    Print,
    /// `fmt.Printf(format string, args ...interface{})`
    Printf,
    /// `fmt.Sprintf(format string, args ...interface{}) string`
    Sprintf,
    /// `fmt.Sprint(args ...interface{}) string`
    Sprint,
    /// `fmt.Sprintln(args ...interface{}) string`
    Sprintln,
    /// `strconv.Atoi(s string) (int, error)`
    Atoi,
    /// The builtin `print(args...)`: each operand (an interface holding a boolean,
    /// number or string) in the runtime's own format, to stderr
    BuiltinPrint,
    /// The builtin `println(args...)`: as `print`, operands separated by spaces, then a
    /// newline
    BuiltinPrintln,
    /// `os.write(fd int, b []byte) int`: write to the VM's stdout (1) or stderr (2);
    /// the bytes written
    OsWrite,
    /// `os.read(fd int, b []byte) int`: read from the VM's stdin (0) into `b`; the
    /// bytes read, 0 at the end of input
    OsRead,
    /// `os.argCount() int`: how many command-line arguments (`os.Args`, program name
    /// included)
    OsArgCount,
    /// `os.arg(i int) string`: command-line argument `i`
    OsArg,
    /// `os.exit(code int)`: end the program now with exit status `code`
    OsExit,
    /// `strconv.parseFloat(s string) (float64, int)`: the value and 0, or a status
    /// (1: syntax error, 2: out of range, with the value ±Inf)
    ParseFloat,
    /// `sort.sliceLen(x interface{}) int`: the length of the slice in `x`; panics as
    /// Go's reflect does when `x` holds no slice
    SortSliceLen,
    /// `sort.sliceSwap(x interface{}, i, j int)`: swap elements `i` and `j` of the
    /// slice in `x` (indices checked by the caller)
    SortSliceSwap,
    /// `math.f1(fn int, x float64) float64`: the one-operand function `fn` of
    /// [`MathFn`] (sin, exp, log...)
    MathF1,
    /// `math.f2(fn int, x, y float64) float64`: the two-operand function `fn` (pow,
    /// atan2, hypot, mod)
    MathF2,
    /// `math.Float64bits(f float64) uint64`
    Float64Bits,
    /// `math.Float64frombits(b uint64) float64`
    Float64FromBits,
}

/// The functions behind `math.f1` and `math.f2`, numbered as `vm/src/stdlib/math.go`
/// numbers them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MathFn {
    Sin,
    Cos,
    Tan,
    Asin,
    Acos,
    Atan,
    Sinh,
    Cosh,
    Tanh,
    Exp,
    Exp2,
    Expm1,
    Log,
    Log2,
    Log10,
    Log1p,
    Cbrt,
    Pow,
    Atan2,
    Hypot,
    Mod,
}

impl MathFn {
    pub const ALL: [MathFn; 21] = [
        MathFn::Sin,
        MathFn::Cos,
        MathFn::Tan,
        MathFn::Asin,
        MathFn::Acos,
        MathFn::Atan,
        MathFn::Sinh,
        MathFn::Cosh,
        MathFn::Tanh,
        MathFn::Exp,
        MathFn::Exp2,
        MathFn::Expm1,
        MathFn::Log,
        MathFn::Log2,
        MathFn::Log10,
        MathFn::Log1p,
        MathFn::Cbrt,
        MathFn::Pow,
        MathFn::Atan2,
        MathFn::Hypot,
        MathFn::Mod,
    ];
}

impl Native {
    pub const ALL: [Native; 21] = [
        Native::Println,
        Native::Print,
        Native::Printf,
        Native::Sprintf,
        Native::Sprint,
        Native::Sprintln,
        Native::Atoi,
        Native::BuiltinPrint,
        Native::BuiltinPrintln,
        Native::OsWrite,
        Native::OsRead,
        Native::OsArgCount,
        Native::OsArg,
        Native::OsExit,
        Native::ParseFloat,
        Native::SortSliceLen,
        Native::SortSliceSwap,
        Native::MathF1,
        Native::MathF2,
        Native::Float64Bits,
        Native::Float64FromBits,
    ];
    pub fn from_u16(v: u16) -> Option<Native> {
        Native::ALL.get(v as usize).copied()
    }
    /// The Go name; the natives of library packages written in Go (`vm/src/stdlib`)
    /// are found by it: a function declared there without a body is this native.
    pub fn name(self) -> &'static str {
        match self {
            Native::Println => "fmt.Println",
            Native::Print => "fmt.Print",
            Native::Printf => "fmt.Printf",
            Native::Sprintf => "fmt.Sprintf",
            Native::Sprint => "fmt.Sprint",
            Native::Sprintln => "fmt.Sprintln",
            Native::Atoi => "strconv.Atoi",
            Native::BuiltinPrint => "print",
            Native::BuiltinPrintln => "println",
            Native::OsWrite => "os.write",
            Native::OsRead => "os.read",
            Native::OsArgCount => "os.argCount",
            Native::OsArg => "os.arg",
            Native::OsExit => "os.exit",
            Native::ParseFloat => "strconv.parseFloat",
            Native::SortSliceLen => "sort.sliceLen",
            Native::SortSliceSwap => "sort.sliceSwap",
            Native::MathF1 => "math.f1",
            Native::MathF2 => "math.f2",
            Native::Float64Bits => "math.Float64bits",
            Native::Float64FromBits => "math.Float64frombits",
        }
    }
    /// How many results the native writes to the call window.
    pub fn result_count(self) -> usize {
        match self {
            Native::Println | Native::Print | Native::Printf => 0,
            Native::BuiltinPrint | Native::BuiltinPrintln | Native::OsExit | Native::SortSliceSwap => 0,
            Native::Sprintf | Native::Sprint | Native::Sprintln => 1,
            Native::OsWrite | Native::OsRead | Native::OsArgCount | Native::OsArg | Native::SortSliceLen => 1,
            Native::MathF1 | Native::MathF2 | Native::Float64Bits | Native::Float64FromBits => 1,
            Native::Atoi | Native::ParseFloat => 2,
        }
    }
    /// Whether argument `i` is a GC reference (the rest are scalars, never rooted).
    pub fn arg_is_ref(self, i: usize) -> bool {
        match self {
            Native::OsWrite | Native::OsRead => i == 1,
            Native::OsArg | Native::OsExit => false,
            Native::MathF1 | Native::MathF2 | Native::Float64Bits | Native::Float64FromBits => false,
            Native::SortSliceSwap => i == 0,
            _ => true,
        }
    }
}

/// The integer types besides `int`, `byte` (`uint8`) and `rune` (`int32`), which have
/// kinds of their own. Every integer value is held in a 64-bit word, sign-extended
/// (signed types) or zero-extended (unsigned ones) from its width; `uint64` values are
/// their bit pattern.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IntKind {
    Int8,
    Int16,
    Int64,
    Uint,
    Uint16,
    Uint32,
    Uint64,
    Uintptr,
}

impl IntKind {
    pub const ALL: [IntKind; 8] = [
        IntKind::Int8,
        IntKind::Int16,
        IntKind::Int64,
        IntKind::Uint,
        IntKind::Uint16,
        IntKind::Uint32,
        IntKind::Uint64,
        IntKind::Uintptr,
    ];
    /// Go's name of the type.
    pub fn name(self) -> &'static str {
        match self {
            IntKind::Int8 => "int8",
            IntKind::Int16 => "int16",
            IntKind::Int64 => "int64",
            IntKind::Uint => "uint",
            IntKind::Uint16 => "uint16",
            IntKind::Uint32 => "uint32",
            IntKind::Uint64 => "uint64",
            IntKind::Uintptr => "uintptr",
        }
    }
    pub fn bits(self) -> u32 {
        match self {
            IntKind::Int8 => 8,
            IntKind::Int16 | IntKind::Uint16 => 16,
            IntKind::Uint32 => 32,
            _ => 64,
        }
    }
    pub fn signed(self) -> bool {
        matches!(self, IntKind::Int8 | IntKind::Int16 | IntKind::Int64)
    }
}

/// A compiled function.
#[derive(Clone, Debug, Default)]
pub struct Function {
    /// Go-style name: `main.fib`, `main.(*Stack).Push`, `main.main.func1`.
    pub name: String,
    pub code: Vec<Instr>,
    /// Source line of each instruction (same length as `code`).
    pub lines: Vec<u32>,
    /// Parameters (receiver first for methods) occupy slots `0..param_count`.
    pub param_count: u16,
    pub result_count: u16,
    /// Frame slots, parameters included; the call window starts here.
    pub slot_count: u16,
    /// Slots above `slot_count` used as call window (max arguments/results of any call).
    pub window_size: u16,
    /// The precise slot map: `ref_slots[i]` says slot i holds GC references.
    pub ref_slots: Vec<bool>,
    /// Captured variables (boxes) of a closure function.
    pub capture_count: u16,
    /// Where execution continues in this frame after a deferred call recovered a panic:
    /// code that runs the remaining defers and returns the (named) results.
    pub recover_pc: Option<u32>,
}

impl Function {
    /// Slots the frame needs on the stack: its own plus its call window.
    pub fn frame_size(&self) -> usize {
        self.slot_count as usize + self.window_size as usize
    }

    /// The non-parameter slots that hold references: all a new frame must zero for
    /// the collector (it reads only reference slots). A scalar local is always written
    /// before it is read (the compiler initialises every variable and defines every
    /// temporary before use), so its stale contents are never seen.
    pub fn local_ref_slots(&self) -> Vec<u16> {
        (self.param_count..self.slot_count)
            .filter(|&i| self.ref_slots.get(i as usize).copied().unwrap_or(false))
            .collect()
    }
}

/// Runtime type descriptors: what `fmt`, interfaces, zero values and the collector need.
#[derive(Clone, Debug, PartialEq)]
pub struct RType {
    /// Go's type string: `int`, `main.Point`, `*main.Node`, `[]string`, `map[string]int`.
    pub name: String,
    pub kind: RKind,
    /// Methods by name id, sorted by name id: the function takes the receiver's
    /// representation (for a `*T` type, methods of `T` appear through generated wrappers).
    pub methods: Vec<(u32, FuncId)>,
    /// Size of a value of this type in Go (amd64), for append's capacity growth.
    pub go_size: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub enum RKind {
    Int,
    Byte,
    Rune,
    /// One of the other integer types.
    IntN(IntKind),
    Float,
    Bool,
    String,
    Slice(TypeId),
    Array(TypeId, u32),
    Map(TypeId, TypeId),
    /// Field names and types.
    Struct(Vec<(String, TypeId)>),
    /// A pointer; to a struct or array it is the object's reference, otherwise a box.
    Pointer(TypeId),
    Func,
    /// An interface type and its method-name ids (sorted).
    Interface(Vec<u32>),
    /// A channel of the given element type.
    Chan(TypeId),
    /// The runtime's own error type (runtime errors, strconv errors): the payload is a
    /// string and `Error()` returns it.
    ErrorString,
}

impl RKind {
    /// Whether values of this kind are GC references.
    pub fn is_ref(&self) -> bool {
        !matches!(self, RKind::Int | RKind::Byte | RKind::Rune | RKind::IntN(_) | RKind::Float | RKind::Bool)
    }
}

/// The type id every program reserves for runtime error values ([`RKind::ErrorString`]).
pub const ERROR_STRING_TYPE: TypeId = TypeId(0);

/// A loaded program: everything the interpreter and the JITs need.
#[derive(Clone, Debug, Default)]
pub struct Program {
    /// The source file name, for messages.
    pub file: String,
    pub funcs: Vec<Function>,
    pub consts: Vec<u64>,
    pub strings: Vec<Vec<u8>>,
    pub types: Vec<RType>,
    pub method_names: Vec<String>,
    /// Global slots and which of them hold references.
    pub global_refs: Vec<bool>,
    /// Runs package-level variable initialisers and `init` functions.
    pub init: Option<FuncId>,
    pub main: Option<FuncId>,
}

impl Program {
    pub fn func(&self, id: FuncId) -> &Function {
        &self.funcs[id.0 as usize]
    }
    pub fn func_by_name(&self, name: &str) -> Option<FuncId> {
        self.funcs.iter().position(|f| f.name == name).map(|i| FuncId(i as u32))
    }
    pub fn rtype(&self, id: TypeId) -> &RType {
        &self.types[id.0 as usize]
    }

    /// A readable listing of every function (`harness run --dump-bytecode`).
    pub fn disassemble(&self) -> String {
        let mut out = String::new();
        for (i, f) in self.funcs.iter().enumerate() {
            out.push_str(&self.disassemble_function(FuncId(i as u32)));
            let _ = f;
            out.push('\n');
        }
        out
    }

    pub fn disassemble_function(&self, id: FuncId) -> String {
        let f = self.func(id);
        let mut out = String::new();
        let refs: Vec<String> = (0..f.slot_count as usize)
            .filter(|&s| f.ref_slots.get(s).copied().unwrap_or(false))
            .map(|s| format!("r{s}"))
            .collect();
        let _ = writeln!(
            out,
            "func #{} {}  params={} results={} slots={} window={} captures={}{}",
            id.0,
            f.name,
            f.param_count,
            f.result_count,
            f.slot_count,
            f.window_size,
            f.capture_count,
            f.recover_pc.map(|p| format!(" recover_pc={p}")).unwrap_or_default()
        );
        let _ = writeln!(out, "  refs: {}", if refs.is_empty() { "-".into() } else { refs.join(" ") });
        let mut last_line = 0;
        for (pc, ins) in f.code.iter().enumerate() {
            let line = f.lines.get(pc).copied().unwrap_or(0);
            let line_col = if line != last_line { format!("{line:>4}") } else { "    ".into() };
            last_line = line;
            let _ = writeln!(out, "  {line_col} {pc:>5}  {}", self.format_instr(f, pc, *ins));
        }
        out
    }

    /// Instruction `pc` of `f` as the listing prints it (`LtI r2, r0, r1`).
    pub fn format_instr(&self, f: &Function, pc: usize, ins: Instr) -> String {
        let mut s = format!("{:<14}", ins.op.name());
        let kinds = ins.op.operands();
        let vals = [ins.a, ins.b, ins.c];
        let mut parts: Vec<String> = Vec::new();
        for i in 0..3 {
            let v = vals[i];
            let p = match kinds[i] {
                Operand::None => continue,
                Operand::Reg => {
                    if v >= f.slot_count && ins.op != Op::Ext {
                        format!("w{}", v - f.slot_count)
                    } else {
                        format!("r{v}")
                    }
                }
                Operand::Imm => format!("{}", v as i16),
                Operand::Count => format!("{v}"),
                Operand::Const => {
                    let raw = self.consts.get(v as usize).copied().unwrap_or(0);
                    format!("k{v}({} | {})", raw as i64, f64::from_bits(raw))
                }
                Operand::Str => {
                    let text = self.strings.get(v as usize).map(|b| String::from_utf8_lossy(b).into_owned());
                    format!("s{v}{:?}", text.unwrap_or_default())
                }
                Operand::Func => {
                    format!("#{v} {}", self.funcs.get(v as usize).map(|f| f.name.as_str()).unwrap_or("?"))
                }
                Operand::Type => {
                    format!("t{v} {}", self.types.get(v as usize).map(|t| t.name.as_str()).unwrap_or("?"))
                }
                Operand::Global => format!("g{v}"),
                Operand::Method => {
                    format!(".{}", self.method_names.get(v as usize).map(|s| s.as_str()).unwrap_or("?"))
                }
                Operand::Native => Native::from_u16(v).map(|n| n.name().to_string()).unwrap_or("?".into()),
                Operand::Jump16 => format!("-> {}", ins.branch_target(pc) as isize),
                Operand::Jump32 => {
                    if i == 2 {
                        continue;
                    }
                    format!("-> {}", ins.branch_target(pc) as isize)
                }
                Operand::Imm32 => {
                    if i == 2 {
                        continue;
                    }
                    format!("{}", ins.bc_i32())
                }
            };
            parts.push(p);
        }
        s.push_str(&parts.join(", "));
        s.trim_end().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_follow_the_ext_flag() {
        for op in Op::ALL {
            let w = Instr::new(op, 0, 0, 0).width();
            assert_eq!(w, if op.flags().contains(OpFlags::EXT) { 2 } else { 1 }, "{}", op.name());
        }
        assert_eq!(Instr::new(Op::Select, 0, 0, 0).width(), 2);
        assert_eq!(Instr::new(Op::AddI, 0, 0, 0).width(), 1);
    }

    #[test]
    fn branch_targets_decode_both_offset_forms() {
        // Jump16: `c` is the offset from the next instruction.
        assert_eq!(Instr::new(Op::JmpLtI, 0, 1, 5).branch_target(10), 16);
        assert_eq!(Instr::new(Op::JmpLtI, 0, 1, (-4i16) as u16).branch_target(10), 7);
        assert_eq!(Instr::new(Op::IncJmpLeI, 0, 1, (-11i16) as u16).branch_target(10), 0);
        // Jump32: `b | c << 16`.
        assert_eq!(Instr::with_i32(Op::Jmp, 0, 70_000).branch_target(3), 70_004);
        assert_eq!(Instr::with_i32(Op::JmpFalse, 2, -4).branch_target(3), 0);
        // Before pc 0: wraps, `as isize` shows it.
        assert_eq!(Instr::with_i32(Op::Jmp, 0, -9).branch_target(3) as isize, -5);
    }

    /// `jump_target` is `Some` exactly for the branches that are neither calls, nor
    /// returns, panics or `MapNext` (the rule `jit::blocks` used before), and then it is
    /// the branch target.
    #[test]
    fn jump_targets_are_the_non_call_branches() {
        for op in Op::ALL {
            let ins = Instr::new(op, 0, 2, 3);
            let jumps = op.flags().contains(OpFlags::BRANCH)
                && !matches!(op, Op::Call | Op::CallClosure | Op::CallIface | Op::Ret | Op::Panic | Op::MapNext);
            assert_eq!(ins.jump_target(5), jumps.then(|| ins.branch_target(5)), "{}", op.name());
        }
        assert_eq!(Instr::new(Op::JmpEqIK, 0, 1, 2).jump_target(5), Some(8));
        assert_eq!(Instr::new(Op::MapNext, 0, 1, 2).jump_target(5), None);
        assert_eq!(Instr::new(Op::Call, 0, 0, 0).jump_target(5), None);
    }
}
