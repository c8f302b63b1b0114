//! Which callees a code generator may inline at a direct call: straight-line leaves
//! made of operations that cannot leave native code (no check that can fail, no helper,
//! no allocation, no call, no branch), ending in their only `Ret`. Such a body needs no
//! frame, and nothing in it can make the interpreter look for one.
//!
//! What inlining must keep is the call's preemption tick (the interpreter charges the
//! budget at every call): an inlining generator charges it too, and makes the ordinary
//! call when the budget is about to run out. `tiered` uses the same predicate: a loop
//! whose only calls are of inlinable functions is a register loop for a second tier
//! that inlines them.

use crate::bytecode::{Function, Op};

/// Largest callee (bytecode instructions) worth inlining.
const MAX_INLINE: usize = 32;

/// Whether `g` may be inlined: a leaf without captures or call window, a straight line
/// of operations a code generator emits inline and that cannot leave native code, ending
/// in its only `Ret`.
pub fn inlinable(g: &Function) -> bool {
    let Some((last, body)) = g.code.split_last() else { return false };
    g.code.len() <= MAX_INLINE
        && g.capture_count == 0
        && g.frame_size() == g.slot_count as usize
        && g.recover_pc.is_none()
        && last.op == Op::Ret
        && last.a as usize + last.b as usize <= g.slot_count as usize
        && body.iter().all(|i| cannot_leave(i.op) && !(matches!(i.op, Op::DivIK | Op::RemIK) && i.c_i16() == 0))
}

/// Operations whose translation is straight-line code with no check, helper or exit.
fn cannot_leave(op: Op) -> bool {
    use Op::*;
    matches!(
        op,
        Nop | Move
            | LoadInt
            | LoadConst
            | LoadNil
            | AddI
            | SubI
            | MulI
            | AndI
            | OrI
            | XorI
            | AndNotI
            | AddIK
            | MulIK
            | AndIK
            | ShlIK
            | ShrIK
            | DivIK
            | RemIK
            | NegI
            | NotI
            | WrapU8
            | WrapI32
            | WrapI8
            | WrapI16
            | WrapU16
            | WrapU32
            | ShrUK
            | CountU
            | LtU
            | LeU
            | UintToFloat
            | AddF
            | SubF
            | MulF
            | DivF
            | NegF
            | SqrtF
            | AbsF
            | FloorF
            | IntToFloat
            | FloatToInt
            | EqI
            | NeI
            | LtI
            | LeI
            | EqF
            | NeF
            | LtF
            | LeF
            | Not
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn func(src: &str, name: &str) -> Function {
        let p = crate::compile_source(src.as_bytes(), "inline.go").unwrap_or_else(|e| panic!("compile: {e}"));
        p.funcs.iter().find(|f| f.name == name).expect("function").clone()
    }

    #[test]
    fn straight_line_arithmetic_leaves_are_inlinable_and_nothing_else_is() {
        let src = "package main\nimport \"fmt\"\nfunc evalA(i, j int) float64 {\n\treturn 1.0 / float64((i+j)*(i+j+1)/2+i+1)\n}\n\
                   func branchy(x int) int {\n\tif x < 0 {\n\t\treturn 0\n\t}\n\treturn x\n}\n\
                   func divides(a, b int) int {\n\treturn a / b\n}\n\
                   func calls(x int) float64 {\n\treturn evalA(x, x)\n}\n\
                   func loads(p *int) int {\n\treturn *p\n}\n\
                   func main() {\n\tx := 1\n\tfmt.Println(evalA(1, 2), branchy(3), divides(4, 2), calls(1), loads(&x))\n}\n";
        assert!(inlinable(&func(src, "main.evalA")));
        for name in ["main.branchy", "main.divides", "main.calls", "main.loads", "main.main"] {
            assert!(!inlinable(&func(src, name)), "{name}");
        }
    }

    #[test]
    fn a_loop_whose_only_calls_are_inlinable_is_a_register_loop_for_tiered() {
        let src = "package main\nimport \"fmt\"\nfunc leaf(i int) int {\n\treturn i*3 + 1\n}\n\
                   func branchy(x int) int {\n\tif x < 0 {\n\t\treturn 0\n\t}\n\treturn x\n}\n\
                   func inlined(n int) int {\n\ts := 0\n\tfor i := 0; i < n; i++ {\n\t\ts += leaf(i)\n\t}\n\treturn s\n}\n\
                   func called(n int) int {\n\ts := 0\n\tfor i := 0; i < n; i++ {\n\t\ts += branchy(i)\n\t}\n\treturn s\n}\n\
                   func main() {\n\tfmt.Println(inlined(3), called(3))\n}\n";
        let p = crate::compile_source(src.as_bytes(), "inline.go").unwrap_or_else(|e| panic!("compile: {e}"));
        let promotable = |name: &str| {
            let f = p.funcs.iter().find(|f| f.name == name).expect("function");
            crate::jit::tiered::promotable(&p, f)
        };
        assert!(promotable("main.inlined"));
        assert!(!promotable("main.called"));
    }
}
