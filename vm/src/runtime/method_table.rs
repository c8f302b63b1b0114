//! Interface method dispatch: which function implements method `name` for dynamic type
//! `ty`, answered by one indexed load. Built once per VM from the program's method
//! lists: a row for every method name some `CallIface` calls, holding per type id the
//! implementing function's id or [`NO_METHOD`]. The interpreter's `CallIface` and every
//! strategy's use the same rows (native code embeds a row's address and indexes it
//! with the receiver's type id), so a call site costs the same whether it has seen one
//! receiver type or twenty: there is no cache to miss.
//!
//! Size: (method names called through interfaces) × (types) × 4 bytes, a few KiB for
//! the workloads. The table holds function and type ids, never references.

use crate::bytecode::{FuncId, Op, Program};

/// A row's entry for a type without the method.
pub const NO_METHOD: u32 = u32::MAX;

/// The dispatch rows of one program (see the module doc).
pub struct MethodTable {
    /// Row-major: `rows[row * types + ty]`.
    rows: Box<[u32]>,
    /// Per method name: its row, or `NO_METHOD` (no `CallIface` calls it).
    row_of: Box<[u32]>,
    types: usize,
}

impl MethodTable {
    /// The rows for every method name a `CallIface` of `program` calls.
    pub fn build(program: &Program) -> MethodTable {
        let types = program.types.len();
        let mut row_of = vec![NO_METHOD; program.method_names.len()].into_boxed_slice();
        let mut rows = 0u32;
        for ins in program.funcs.iter().flat_map(|f| &f.code) {
            if ins.op == Op::CallIface {
                let r = &mut row_of[ins.a as usize];
                if *r == NO_METHOD {
                    *r = rows;
                    rows += 1;
                }
            }
        }
        let mut table = vec![NO_METHOD; rows as usize * types].into_boxed_slice();
        for (ty, t) in program.types.iter().enumerate() {
            for &(name, func) in &t.methods {
                if let Some(&r) = row_of.get(name as usize).filter(|r| **r != NO_METHOD) {
                    table[r as usize * types + ty] = func.0;
                }
            }
        }
        MethodTable { rows: table, row_of, types }
    }

    /// The function implementing method `name` for dynamic type `ty`; None when the
    /// type has no such method (which a type-correct program never asks) or no
    /// `CallIface` calls `name`.
    #[inline]
    pub fn lookup(&self, ty: u32, name: u32) -> Option<FuncId> {
        let row = *self.row_of.get(name as usize)?;
        if row == NO_METHOD || ty as usize >= self.types {
            return None;
        }
        let f = self.rows[row as usize * self.types + ty as usize];
        (f != NO_METHOD).then_some(FuncId(f))
    }

    /// The address of method `name`'s row, for native code: entry `ty` (a `u32`) is
    /// the function id or [`NO_METHOD`]. Valid as long as the table (the VM) lives; null
    /// when no `CallIface` calls `name`.
    pub fn row_address(&self, name: u32) -> *const u32 {
        match self.row_of.get(name as usize) {
            Some(&r) if r != NO_METHOD => self.rows[r as usize * self.types..].as_ptr(),
            _ => std::ptr::null(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_receiver_type_finds_its_method_and_others_find_none() {
        let src = "package main\nimport \"fmt\"\ntype S interface{ Area() int; Name() string }\n\
            type Sq struct{ s int }\ntype Re struct{ w, h int }\ntype Odd struct{}\n\
            func (q Sq) Area() int { return q.s * q.s }\nfunc (q Sq) Name() string { return \"sq\" }\n\
            func (r *Re) Area() int { return r.w * r.h }\nfunc (r *Re) Name() string { return \"re\" }\n\
            func (Odd) Other() int { return 0 }\n\
            func main() {\n\tfor _, s := range []S{Sq{2}, &Re{2, 3}} {\n\t\tfmt.Println(s.Area())\n\t}\n\tfmt.Println(Odd{}.Other())\n}\n";
        let p = crate::compile_source(src.as_bytes(), "t.go").unwrap();
        let t = MethodTable::build(&p);
        let name = |n: &str| p.method_names.iter().position(|m| m == n).unwrap() as u32;
        let ty = |n: &str| p.types.iter().position(|t| t.name == n).unwrap() as u32;
        let area = name("Area");
        let sq = t.lookup(ty("main.Sq"), area).unwrap();
        assert_eq!(p.func(sq).name, "main.Sq.Area");
        let re = t.lookup(ty("*main.Re"), area).unwrap();
        assert_eq!(p.func(re).name, "main.(*Re).Area");
        assert_eq!(t.lookup(ty("main.Odd"), area), None);
        assert_eq!(t.lookup(ty("main.Sq"), u32::MAX), None);
        // Name is never called through the interface: no row (and no lookup).
        assert!(t.row_address(name("Name")).is_null());
        assert_eq!(t.lookup(ty("main.Sq"), name("Name")), None);
        // Native code's view: the row indexed by the type id.
        let row = t.row_address(area);
        // SAFETY: the row has one entry per type.
        let entry = unsafe { *row.add(ty("main.Sq") as usize) };
        assert_eq!(entry, sq.0);
    }
}
