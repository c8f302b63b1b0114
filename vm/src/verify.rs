//! The load-time verifier: the checks that let the dispatch loop access frames and
//! tables without bounds checks.
//!
//! **Architecture Invariant:** a program that passes [`verify_program`] can only make
//! the interpreter touch memory inside its frames, its program tables and heap objects
//! of the right shape, provided the code generator's typing is right (a slot that an
//! instruction reads as a slice holds 0 or a slice). What is checked:
//!
//! - every register operand (including the implicit `a+1`, `c+1`, `c+2`, capture and
//!   `Ret` ranges) is below the function's `frame_size`;
//! - every table index (constant, string, function, type, global, method name, native)
//!   is in range, and type operands have the kind the instruction needs;
//! - every jump target, fall-through, `MapNext` skip and `Ext` word stays inside the code
//!   and never lands on an `Ext` word; the last instruction cannot fall off the end;
//! - calls: a direct callee's parameters and results fit the caller's window, natives'
//!   arguments and results too, and functions with captures are entered only through
//!   closures (`MakeClosure` creates exactly `capture_count` captures), so `LoadCapture c`
//!   with `c < capture_count` always reads a real capture;
//! - runtime type descriptors: ids in range, `ERROR_STRING_TYPE` is the runtime error
//!   type, method tables sorted by name id and naming capture-free functions with a
//!   receiver; type and function ids fit the 24-bit `aux` header field.

// One `if` per opcode arm reads better here than match guards.
#![allow(clippy::collapsible_match)]

use crate::bytecode::{Function, Native, Op, Operand, Program, RKind, ERROR_STRING_TYPE};
use crate::heap::layout::AUX_MAX;

/// Check a whole program; the error names the function and pc.
pub fn verify_program(p: &Program) -> Result<(), String> {
    if p.funcs.len() >= AUX_MAX as usize {
        return Err(format!("too many functions ({})", p.funcs.len()));
    }
    if p.types.len() >= AUX_MAX as usize {
        return Err(format!("too many types ({})", p.types.len()));
    }
    match p.types.get(ERROR_STRING_TYPE.0 as usize) {
        Some(t) if t.kind == RKind::ErrorString => {}
        _ => return Err("type 0 must be the runtime error type (RKind::ErrorString)".into()),
    }
    for (i, t) in p.types.iter().enumerate() {
        verify_type(p, t).map_err(|e| format!("type #{i} {}: {e}", t.name))?;
    }
    for (which, id) in [("init", p.init), ("main", p.main)] {
        if let Some(id) = id {
            let f = p.funcs.get(id.0 as usize).ok_or_else(|| format!("{which} function #{} out of range", id.0))?;
            if f.param_count != 0 || f.capture_count != 0 {
                return Err(format!("{which} function {} must take no arguments and captures", f.name));
            }
        }
    }
    for (i, f) in p.funcs.iter().enumerate() {
        verify_function(p, f).map_err(|e| format!("function #{i} {}: {e}", f.name))?;
    }
    Ok(())
}

fn verify_type(p: &Program, t: &crate::bytecode::RType) -> Result<(), String> {
    let ty_ok = |id: crate::bytecode::TypeId| {
        if (id.0 as usize) < p.types.len() {
            Ok(())
        } else {
            Err(format!("type id {} out of range", id.0))
        }
    };
    match &t.kind {
        RKind::Slice(e) | RKind::Pointer(e) | RKind::Array(e, _) | RKind::Chan(e) => ty_ok(*e)?,
        RKind::Map(k, v) => {
            ty_ok(*k)?;
            ty_ok(*v)?;
        }
        RKind::Struct(fields) => {
            for (_, f) in fields {
                ty_ok(*f)?;
            }
        }
        RKind::Interface(ms) => {
            for &m in ms {
                if m as usize >= p.method_names.len() {
                    return Err(format!("method name id {m} out of range"));
                }
            }
        }
        _ => {}
    }
    let mut last: Option<u32> = None;
    for &(name, func) in &t.methods {
        if name as usize >= p.method_names.len() {
            return Err(format!("method name id {name} out of range"));
        }
        if last.is_some_and(|l| l >= name) {
            return Err("methods not sorted by name id".into());
        }
        last = Some(name);
        let f = p.funcs.get(func.0 as usize).ok_or_else(|| format!("method function #{} out of range", func.0))?;
        if f.capture_count != 0 || f.param_count == 0 {
            return Err(format!("method {} must take a receiver and no captures", f.name));
        }
    }
    Ok(())
}

/// Whether control can continue to the next instruction after `op`.
fn falls_through(op: Op) -> bool {
    !matches!(op, Op::Jmp | Op::Ret | Op::Panic)
}

fn verify_function(p: &Program, f: &Function) -> Result<(), String> {
    let len = f.code.len();
    if len == 0 {
        return Err("empty code".into());
    }
    if len >= i32::MAX as usize {
        return Err("code too long".into());
    }
    if f.lines.len() != len {
        return Err(format!("line table has {} entries for {} instructions", f.lines.len(), len));
    }
    if f.ref_slots.len() != f.slot_count as usize {
        return Err(format!("slot map has {} entries for {} slots", f.ref_slots.len(), f.slot_count));
    }
    if f.param_count > f.slot_count {
        return Err("more parameters than slots".into());
    }
    let frame_size = f.frame_size();
    let window = f.window_size as usize;
    if f.result_count as usize > frame_size {
        return Err("more results than frame slots".into());
    }
    // Which pcs are Ext words belonging to the previous instruction.
    let mut is_ext = vec![false; len];
    for pc in 0..len {
        if f.code[pc].width() == 2 {
            if pc + 1 >= len || f.code[pc + 1].op != Op::Ext {
                return Err(format!("pc {pc}: {} must be followed by Ext", f.code[pc].op.name()));
            }
            is_ext[pc + 1] = true;
        }
    }
    // A target before pc 0 wrapped around (`Instr::branch_target`): `as isize` shows it.
    let target_ok = |pc: usize, t: usize| -> Result<(), String> {
        if t >= len || is_ext[t] {
            Err(format!("pc {pc}: jump target {} invalid", t as isize))
        } else {
            Ok(())
        }
    };
    if let Some(rpc) = f.recover_pc {
        target_ok(usize::MAX, rpc as usize).map_err(|_| format!("recover_pc {rpc} invalid"))?;
    }
    let mut pc = 0;
    while pc < len {
        let ins = f.code[pc];
        let e = |msg: String| format!("pc {pc} ({}): {msg}", ins.op.name());
        let reg = |v: u16| -> Result<(), String> {
            if (v as usize) < frame_size {
                Ok(())
            } else {
                Err(e(format!("register {v} outside frame of {frame_size}")))
            }
        };
        let vals = [ins.a, ins.b, ins.c];
        for (i, kind) in ins.op.operands().iter().enumerate() {
            let v = vals[i];
            let bad = |what: &str, n: usize| Err(e(format!("{what} {v} out of range ({n})")));
            match kind {
                Operand::None | Operand::Imm | Operand::Count | Operand::Imm32 => {}
                Operand::Reg => {
                    // `Ret`'s range is checked as a whole below (`Ret 0, 0` is valid in
                    // a frame without slots).
                    if ins.op != Op::Ext && ins.op != Op::Ret {
                        reg(v)?
                    }
                }
                Operand::Const if v as usize >= p.consts.len() => return bad("constant", p.consts.len()),
                Operand::Str if v as usize >= p.strings.len() => return bad("string", p.strings.len()),
                Operand::Func if v as usize >= p.funcs.len() => return bad("function", p.funcs.len()),
                Operand::Type if v as usize >= p.types.len() => return bad("type", p.types.len()),
                Operand::Global if v as usize >= p.global_refs.len() => return bad("global", p.global_refs.len()),
                Operand::Method if v as usize >= p.method_names.len() => return bad("method", p.method_names.len()),
                Operand::Native if Native::from_u16(v).is_none() => return bad("native", Native::ALL.len()),
                _ => {}
            }
        }
        if let Some(t) = ins.jump_target(pc) {
            target_ok(pc, t)?;
        }
        let callee = |id: u16| &p.funcs[id as usize];
        // A slot of the frame proper (covered by the slot map), and one that holds
        // references.
        let frame_slot = |v: u16| -> Result<(), String> {
            if v < f.slot_count {
                Ok(())
            } else {
                Err(e(format!("slot {v} is not a frame slot (outside the slot map of {})", f.slot_count)))
            }
        };
        let ref_slot = |v: u16| -> Result<(), String> {
            frame_slot(v)?;
            if f.ref_slots[v as usize] {
                Ok(())
            } else {
                Err(e(format!("operand r{v} is not a reference slot")))
            }
        };
        let type_kind = |id: u16| &p.types[id as usize].kind;
        match ins.op {
            Op::MapGet2 | Op::Assert2 | Op::StrDecodeRune | Op::MapIterInit | Op::MapNext => reg(ins.a + 1)?,
            Op::SliceStr => reg(ins.c + 1)?,
            Op::SliceSlice => {
                reg(ins.c + 2)?;
                if f.code[pc + 1].a > 1 {
                    return Err(e("Ext a must be 0 (slice) or 1 (array)".into()));
                }
            }
            Op::Assert => {
                if f.code[pc + 1].a as usize >= p.types.len() {
                    return Err(e("Ext type out of range".into()));
                }
            }
            Op::Ret => {
                if ins.a as usize + ins.b as usize > frame_size {
                    return Err(e("results outside the frame".into()));
                }
            }
            Op::LoadCapture => {
                if ins.c >= f.capture_count {
                    return Err(e(format!("capture {} of {}", ins.c, f.capture_count)));
                }
            }
            Op::MakeClosure => {
                let n = callee(ins.b).capture_count as usize;
                if n > 0 && ins.c as usize + n > frame_size {
                    return Err(e("captures outside the frame".into()));
                }
            }
            Op::LoadFunc => {
                if callee(ins.b).capture_count != 0 {
                    return Err(e("LoadFunc of a function with captures".into()));
                }
            }
            Op::Call | Op::DeferCall => {
                let g = callee(ins.a);
                if g.capture_count != 0 {
                    return Err(e(format!("direct call of {} which has captures", g.name)));
                }
                if g.param_count as usize > window || (ins.op == Op::Call && g.result_count as usize > window) {
                    return Err(e(format!("{} does not fit the call window of {window}", g.name)));
                }
            }
            Op::CallIface => {
                if window == 0 {
                    return Err(e("no call window for the receiver".into()));
                }
            }
            Op::CallNative | Op::CallNativeSpread => {
                let n = Native::from_u16(ins.a).expect("checked above");
                if ins.b as usize > window || n.result_count() > window {
                    return Err(e("native arguments or results exceed the call window".into()));
                }
                if ins.op == Op::CallNativeSpread && ins.b == 0 {
                    return Err(e("spread call without arguments".into()));
                }
            }
            Op::DivIK | Op::RemIK => {
                if ins.c == 0 {
                    return Err(e("division by constant zero".into()));
                }
            }
            Op::ShlIK | Op::ShrIK | Op::ShrUK => {
                if ins.c_i16() < 0 || ins.c_i16() >= 64 {
                    return Err(e("shift count out of 0..64".into()));
                }
            }
            Op::MakeSlice => {
                reg(ins.c + 1)?;
                if !matches!(type_kind(ins.b), RKind::Slice(_)) {
                    return Err(e("type is not a slice type".into()));
                }
            }
            Op::MakeMap => {
                if !matches!(type_kind(ins.b), RKind::Map(..)) {
                    return Err(e("type is not a map type".into()));
                }
            }
            // Blocking operations: what a parked fiber's frame must hold for the
            // collector (channels in reference slots, values and destinations inside
            // the slot map, not in the window).
            Op::MakeChan => {
                if !matches!(type_kind(ins.b), RKind::Chan(_)) {
                    return Err(e("type is not a channel type".into()));
                }
            }
            Op::ChanSend => {
                ref_slot(ins.a)?;
                frame_slot(ins.b)?;
            }
            Op::ChanRecv | Op::ChanRecv2 => {
                ref_slot(ins.b)?;
                frame_slot(ins.a)?;
                if ins.op == Op::ChanRecv2 {
                    frame_slot(ins.a + 1)?;
                }
            }
            Op::ChanClose => ref_slot(ins.a)?,
            // A parked port operation holds nothing in the heap: the value to send was
            // copied out before parking, the received one is written at resume.
            Op::PortSend => {
                frame_slot(ins.a)?;
                ref_slot(ins.b)?;
            }
            Op::PortRecv => {
                ref_slot(ins.a)?;
                frame_slot(ins.a + 1)?;
                frame_slot(ins.b)?;
            }
            Op::IslandGo => ref_slot(ins.a)?,
            Op::Go => {
                let g = callee(ins.a);
                if g.capture_count != 0 {
                    return Err(e(format!("go statement of {} which has captures", g.name)));
                }
                if g.param_count as usize > window {
                    return Err(e(format!("{} does not fit the call window of {window}", g.name)));
                }
            }
            Op::Select => {
                if ins.c > 32 {
                    return Err(e(format!("select with {} cases (at most 32)", ins.c)));
                }
                frame_slot(ins.a)?;
                frame_slot(ins.a + 1)?;
                for i in 0..ins.c {
                    ref_slot(ins.b + 2 * i)?;
                    frame_slot(ins.b + 2 * i + 1)?;
                }
                let ext = f.code[pc + 1];
                if ins.c < 32 && (ext.a as u32 | (ext.b as u32) << 16) >> ins.c != 0 {
                    return Err(e("send mask names cases beyond the count".into()));
                }
                if ext.c > 1 {
                    return Err(e("Ext c (has_default) must be 0 or 1".into()));
                }
            }
            Op::New => {
                if matches!(type_kind(ins.b), RKind::Interface(_)) {
                    return Err(e("New of an interface type".into()));
                }
            }
            _ => {}
        }
        let width = ins.width();
        if falls_through(ins.op) && pc + width >= len {
            return Err(e("control falls off the end of the code".into()));
        }
        if ins.op == Op::MapNext && pc + 2 >= len {
            return Err(e("MapNext skip target outside the code".into()));
        }
        pc += width;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bytecode::{Instr, RType};

    fn program(code: Vec<Instr>, slots: u16, window: u16) -> Program {
        let lines = vec![1; code.len()];
        let f = Function {
            name: "main.f".into(),
            code,
            lines,
            slot_count: slots,
            window_size: window,
            ref_slots: vec![false; slots as usize],
            ..Default::default()
        };
        Program {
            funcs: vec![f],
            types: vec![RType { name: "error".into(), kind: RKind::ErrorString, methods: vec![], go_size: 16 }],
            ..Default::default()
        }
    }

    #[test]
    fn accepts_a_small_function() {
        let p = program(vec![Instr::new(Op::AddIK, 0, 0, 1), Instr::new(Op::Ret, 0, 1, 0)], 1, 0);
        verify_program(&p).unwrap();
    }

    #[test]
    fn rejects_bad_operands_and_targets() {
        let cases: Vec<(Vec<Instr>, &str)> = vec![
            (vec![Instr::new(Op::AddI, 0, 1, 5), Instr::new(Op::Ret, 0, 0, 0)], "register 5"),
            (vec![Instr::new(Op::JmpLtI, 0, 0, 7), Instr::new(Op::Ret, 0, 0, 0)], "jump target"),
            (vec![Instr::new(Op::AddIK, 0, 0, 1)], "falls off"),
            (vec![Instr::new(Op::LoadConst, 0, 0, 0), Instr::new(Op::Ret, 0, 0, 0)], "constant"),
            (vec![Instr::new(Op::Ret, 1, 2, 0)], "results outside"),
            (vec![Instr::new(Op::MapGet2, 1, 0, 0), Instr::new(Op::Ret, 0, 0, 0)], "register 2"),
            (vec![Instr::new(Op::SliceSlice, 0, 0, 0), Instr::new(Op::Ret, 0, 0, 0)], "followed by Ext"),
            (vec![Instr::new(Op::DivIK, 0, 0, 0), Instr::new(Op::Ret, 0, 0, 0)], "constant zero"),
            (vec![Instr::new(Op::LoadCapture, 0, 0, 0), Instr::new(Op::Ret, 0, 0, 0)], "capture"),
            (vec![Instr::new(Op::CallNative, 6, 1, 0), Instr::new(Op::Ret, 0, 0, 0)], "window"),
        ];
        for (code, want) in cases {
            let err = verify_program(&program(code.clone(), 2, 0)).unwrap_err();
            assert!(err.contains(want), "{code:?}: {err}");
        }
    }
}
