//! A tiny text assembler for hand-written test programs (test-only).
//!
//! ```text
//! func main.fib params=1 results=1 slots=2 window=1 refs= recover=@label captures=0
//!     JmpGeIK r0 2 @rec          ; operands follow Op::operands()
//!     Ret r0 1
//! rec:
//!     AddIK w0 r0 -1             ; wN = window slot N (slot_count + N)
//!     Call main.fib              ; functions by name, types as t:NAME,
//!     ...                        ; strings "..", constants k:INT / kf:FLOAT,
//! ```                            ; globals gN, methods .Name, natives by name.

use crate::bytecode::{FuncId, Function, Instr, Native, Op, Operand, Program, RKind, RType, TypeId};
use std::collections::HashMap;

pub struct Asm {
    pub program: Program,
    methods: Vec<(TypeId, String, String)>,
}

impl Asm {
    pub fn new() -> Asm {
        let mut program = Program { file: "test.go".into(), ..Default::default() };
        program.types.push(RType {
            name: "runtime.Error".into(),
            kind: RKind::ErrorString,
            methods: vec![],
            go_size: 16,
        });
        Asm { program, methods: Vec::new() }
    }

    /// Add a runtime type (names must be unique).
    pub fn ty(&mut self, name: &str, kind: RKind, go_size: u32) -> TypeId {
        assert!(self.type_id(name).is_none(), "duplicate type {name}");
        self.program.types.push(RType { name: name.into(), kind, methods: vec![], go_size });
        TypeId(self.program.types.len() as u32 - 1)
    }

    pub fn type_id(&self, name: &str) -> Option<TypeId> {
        self.program.types.iter().position(|t| t.name == name).map(|i| TypeId(i as u32))
    }

    pub fn method_id(&mut self, name: &str) -> u32 {
        match self.program.method_names.iter().position(|m| m == name) {
            Some(i) => i as u32,
            None => {
                self.program.method_names.push(name.into());
                self.program.method_names.len() as u32 - 1
            }
        }
    }

    /// Give type `ty` method `name` implemented by function `func` (resolved in `build`).
    pub fn method(&mut self, ty: TypeId, name: &str, func: &str) {
        self.method_id(name);
        self.methods.push((ty, name.into(), func.into()));
    }

    pub fn globals(&mut self, refs: &[bool]) {
        self.program.global_refs = refs.to_vec();
    }

    /// Assemble every `func` in `text`.
    pub fn source(&mut self, text: &str) {
        // Pass 1: function names (calls may refer forward).
        let first = self.program.funcs.len();
        let mut names: HashMap<String, u32> =
            self.program.funcs.iter().enumerate().map(|(i, f)| (f.name.clone(), i as u32)).collect();
        let mut n = first;
        for line in text.lines() {
            let line = strip(line);
            if let Some(rest) = line.strip_prefix("func ") {
                let name = rest.split_whitespace().next().expect("func name");
                names.insert(name.into(), n as u32);
                n += 1;
            }
        }
        // Pass 2: bodies.
        let mut cur: Option<FuncText> = None;
        for line in text.lines() {
            let line = strip(line);
            if line.is_empty() {
                continue;
            }
            if line.starts_with("func ") {
                if let Some(f) = cur.take() {
                    let func = self.finish(f, &names);
                    self.program.funcs.push(func);
                }
                cur = Some(FuncText::header(line));
            } else {
                cur.as_mut().expect("instruction outside func").lines.push(line.to_string());
            }
        }
        if let Some(f) = cur.take() {
            let func = self.finish(f, &names);
            self.program.funcs.push(func);
        }
    }

    fn finish(&mut self, f: FuncText, names: &HashMap<String, u32>) -> Function {
        // Labels: pcs of `name:` lines.
        let mut labels: HashMap<String, usize> = HashMap::new();
        let mut pc = 0;
        for l in &f.lines {
            if let Some(label) = l.strip_suffix(':') {
                labels.insert(label.to_string(), pc);
            } else {
                pc += 1;
            }
        }
        let mut code = Vec::new();
        for l in &f.lines {
            if l.ends_with(':') {
                continue;
            }
            let pc = code.len();
            let toks: Vec<&str> = tokens(l);
            let op = *Op::ALL.iter().find(|o| o.name() == toks[0]).unwrap_or_else(|| panic!("unknown op {}", toks[0]));
            let mut vals = [0u16; 3];
            let mut t = 1;
            for (i, kind) in op.operands().iter().enumerate() {
                let tok = |t: usize| *toks.get(t).unwrap_or_else(|| panic!("missing operand in `{l}`"));
                match kind {
                    Operand::None => {}
                    Operand::Reg => {
                        let s = tok(t);
                        vals[i] = if let Some(r) = s.strip_prefix('r') {
                            r.parse().unwrap()
                        } else if let Some(w) = s.strip_prefix('w') {
                            f.slots + w.parse::<u16>().unwrap()
                        } else {
                            s.parse().unwrap()
                        };
                        t += 1;
                    }
                    Operand::Imm | Operand::Count => {
                        vals[i] = tok(t).parse::<i32>().unwrap_or_else(|_| panic!("number in `{l}`")) as u16;
                        t += 1;
                    }
                    Operand::Imm32 => {
                        if i == 1 {
                            let v: i64 = tok(t).parse().unwrap();
                            vals[1] = v as u32 as u16;
                            vals[2] = ((v as u32) >> 16) as u16;
                            t += 1;
                        }
                    }
                    Operand::Jump16 | Operand::Jump32 => {
                        if *kind == Operand::Jump32 && i == 2 {
                            continue;
                        }
                        let label = tok(t).strip_prefix('@').expect("@label");
                        let target = *labels.get(label).unwrap_or_else(|| panic!("no label {label}"));
                        let off = target as i64 - (pc as i64 + 1);
                        if *kind == Operand::Jump16 {
                            vals[2] = off as i16 as u16;
                        } else {
                            vals[1] = off as u32 as u16;
                            vals[2] = ((off as u32) >> 16) as u16;
                        }
                        t += 1;
                    }
                    Operand::Const => {
                        let s = tok(t);
                        let v = if let Some(x) = s.strip_prefix("kf:") {
                            x.parse::<f64>().unwrap().to_bits()
                        } else {
                            s.strip_prefix("k:").expect("k:INT").parse::<i64>().unwrap() as u64
                        };
                        self.program.consts.push(v);
                        vals[i] = self.program.consts.len() as u16 - 1;
                        t += 1;
                    }
                    Operand::Str => {
                        let s = tok(t);
                        let text = s.strip_prefix('"').and_then(|s| s.strip_suffix('"')).expect("\"string\"");
                        let text = text.replace("\\n", "\n");
                        self.program.strings.push(text.into_bytes());
                        vals[i] = self.program.strings.len() as u16 - 1;
                        t += 1;
                    }
                    Operand::Func => {
                        let s = tok(t);
                        vals[i] = *names.get(s).unwrap_or_else(|| panic!("no function {s}")) as u16;
                        t += 1;
                    }
                    Operand::Type => {
                        // `_` stands for a space in type names (`t:[]interface_{}`).
                        let s = tok(t).strip_prefix("t:").expect("t:TYPE").replace('_', " ");
                        vals[i] = self.type_id(&s).unwrap_or_else(|| panic!("no type {s}")).0 as u16;
                        t += 1;
                    }
                    Operand::Global => {
                        vals[i] = tok(t).strip_prefix('g').expect("gN").parse().unwrap();
                        t += 1;
                    }
                    Operand::Method => {
                        let s = tok(t).strip_prefix('.').expect(".Method");
                        vals[i] = self.method_id(s) as u16;
                        t += 1;
                    }
                    Operand::Native => {
                        let s = tok(t);
                        let n = Native::ALL.iter().position(|n| n.name().ends_with(&format!(".{s}"))).expect("native");
                        vals[i] = n as u16;
                        t += 1;
                    }
                }
            }
            assert_eq!(t, toks.len(), "extra operands in `{l}`");
            code.push(Instr::new(op, vals[0], vals[1], vals[2]));
        }
        let mut ref_slots = vec![false; f.slots as usize];
        for &r in &f.refs {
            ref_slots[r as usize] = true;
        }
        Function {
            name: f.name,
            lines: (1..=code.len() as u32).collect(),
            code,
            param_count: f.params,
            result_count: f.results,
            slot_count: f.slots,
            window_size: f.window,
            ref_slots,
            capture_count: f.captures,
            recover_pc: f.recover.map(|l| *labels.get(&l).unwrap_or_else(|| panic!("no label {l}")) as u32),
        }
    }

    /// The finished program (`main.main` and `main.init` become main and init).
    pub fn build(mut self) -> Program {
        for (ty, name, func) in std::mem::take(&mut self.methods) {
            let mid = self.method_id(&name);
            let fid = self.program.func_by_name(&func).unwrap_or_else(|| panic!("no function {func}"));
            self.program.types[ty.0 as usize].methods.push((mid, fid));
        }
        for t in &mut self.program.types {
            t.methods.sort();
        }
        self.program.main = self.program.func_by_name("main.main");
        self.program.init = self.program.func_by_name("main.init");
        self.program
    }
}

struct FuncText {
    name: String,
    params: u16,
    results: u16,
    slots: u16,
    window: u16,
    captures: u16,
    refs: Vec<u16>,
    recover: Option<String>,
    lines: Vec<String>,
}

impl FuncText {
    fn header(line: &str) -> FuncText {
        let mut it = line.split_whitespace().skip(1);
        let name = it.next().unwrap().to_string();
        let mut f = FuncText {
            name,
            params: 0,
            results: 0,
            slots: 0,
            window: 0,
            captures: 0,
            refs: vec![],
            recover: None,
            lines: vec![],
        };
        for kv in it {
            let (k, v) = kv.split_once('=').expect("key=value");
            match k {
                "params" => f.params = v.parse().unwrap(),
                "results" => f.results = v.parse().unwrap(),
                "slots" => f.slots = v.parse().unwrap(),
                "window" => f.window = v.parse().unwrap(),
                "captures" => f.captures = v.parse().unwrap(),
                "refs" => f.refs = v.split(',').filter(|s| !s.is_empty()).map(|s| s.parse().unwrap()).collect(),
                "recover" => f.recover = Some(v.strip_prefix('@').unwrap().to_string()),
                _ => panic!("unknown key {k}"),
            }
        }
        f
    }
}

fn strip(line: &str) -> &str {
    // Comments start with ';' outside of string literals.
    let mut in_str = false;
    for (i, c) in line.char_indices() {
        match c {
            '"' => in_str = !in_str,
            ';' if !in_str => return line[..i].trim(),
            _ => {}
        }
    }
    line.trim()
}

/// Split on whitespace, keeping "quoted strings" (with spaces) whole.
fn tokens(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = line.trim();
    while !rest.is_empty() {
        if rest.starts_with('"') {
            let end = rest[1..].find('"').expect("closing quote") + 2;
            out.push(&rest[..end]);
            rest = rest[end..].trim_start();
        } else {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            out.push(&rest[..end]);
            rest = rest[end..].trim_start();
        }
    }
    out
}

/// Common types most tests want.
pub fn basic_types(a: &mut Asm) {
    a.ty("int", RKind::Int, 8);
    a.ty("uint8", RKind::Byte, 1);
    a.ty("int32", RKind::Rune, 4);
    a.ty("float64", RKind::Float, 8);
    a.ty("bool", RKind::Bool, 1);
    a.ty("string", RKind::String, 16);
    let e = a.ty("interface {}", RKind::Interface(vec![]), 16);
    let int = a.type_id("int").unwrap();
    let s = a.type_id("string").unwrap();
    let byte = a.type_id("uint8").unwrap();
    a.ty("[]int", RKind::Slice(int), 24);
    a.ty("[]string", RKind::Slice(s), 24);
    a.ty("[]uint8", RKind::Slice(byte), 24);
    a.ty("[]interface {}", RKind::Slice(e), 24);
    a.ty("map[int]int", RKind::Map(int, int), 8);
    a.ty("map[string]int", RKind::Map(s, int), 8);
    a.ty("*int", RKind::Pointer(int), 8);
    a.ty("func()", RKind::Func, 8);
}

pub fn func_id(p: &Program, name: &str) -> FuncId {
    p.func_by_name(name).unwrap_or_else(|| panic!("no function {name}"))
}

/// A stdout that tests can read back after the run.
#[derive(Clone, Default)]
pub struct SharedOut(pub std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl SharedOut {
    /// Everything written so far.
    pub fn bytes(&self) -> Vec<u8> {
        self.0.lock().expect("output lock").clone()
    }
}

impl std::io::Write for SharedOut {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("output lock").extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
