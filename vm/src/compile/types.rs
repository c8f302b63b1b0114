//! The checker's type representation: interned types, so identity is `TyId` equality.
//!
//! Structural types (pointers, slices, maps, func signatures, struct and interface
//! literals) are hash-consed; every named type is a distinct entry. Untyped constant
//! kinds are types too, as in Go's checker. This module knows nothing of bytecode.

use std::collections::HashMap;

pub use crate::bytecode::IntKind;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TyId(pub u32);

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Sig {
    pub params: Vec<TyId>,
    pub results: Vec<TyId>,
    pub variadic: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FieldTy {
    pub name: String,
    pub ty: TyId,
    /// An embedded field (`struct { T; *U }`): named after its type, its fields and
    /// methods promoted to the struct.
    pub embedded: bool,
}

/// A path of field selections from a struct down through embedded fields: each step's
/// field index and the type of the field it selects.
pub type FieldPath = Vec<(usize, TyId)>;

/// A method promoted to a struct from one of its embedded fields.
#[derive(Clone, Debug)]
pub struct Promoted {
    /// The embedded field whose method it is.
    pub path: FieldPath,
    /// The method as the outer type's method set sees it (`ptr_recv`: it needs a
    /// pointer or addressable receiver).
    pub method: MethodInfo,
    /// The field is an interface: the method is called through it.
    pub via_iface: bool,
}

/// What a selector `x.name` finds through embedded fields (Go's depth rule: the
/// shallowest depth with exactly one match wins; two at that depth are ambiguous).
#[derive(Clone, Debug)]
pub enum Selection {
    /// A field: the field indices from `x`'s struct down to it, each with the type of
    /// the field it selects (embedded pointers are followed like values: a pointer to a
    /// struct is the struct's object).
    Field(FieldPath),
    /// A method of the embedded value that `path` reaches (empty: `x`'s own method):
    /// `method` is that type's method (or, for an embedded interface, `iface` is its
    /// signature).
    Method {
        path: FieldPath,
        method: Option<MethodInfo>,
        iface: Option<Sig>,
        through_ptr: bool,
    },
    Ambiguous,
    NotFound,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum TyKind {
    Int,
    Byte,
    Rune,
    /// The other integer types (`int8` ... `uintptr`).
    IntN(IntKind),
    Float,
    Bool,
    String,
    UntypedInt,
    UntypedRune,
    UntypedFloat,
    UntypedBool,
    UntypedString,
    UntypedNil,
    /// Index into `Types::named`.
    Named(u32),
    Pointer(TyId),
    /// A channel: direction (0 both, 1 send-only, 2 receive-only) and element type.
    Chan(u8, TyId),
    Slice(TyId),
    Array(u64, TyId),
    Map(TyId, TyId),
    Struct(Vec<FieldTy>),
    Func(Sig),
    /// Methods sorted by name.
    Interface(Vec<(String, Sig)>),
    /// Results of a multi-value call.
    Tuple(Vec<TyId>),
    /// `island.Port`: a port handle (a scalar; see `runtime::islands`).
    Port,
    /// Placeholder while a named type's underlying type is being resolved.
    Pending,
}

#[derive(Clone, Debug)]
pub struct MethodInfo {
    pub name: String,
    pub sig: Sig,
    pub ptr_recv: bool,
    /// Index of the function in the compiler's function list.
    pub func: u32,
}

#[derive(Clone, Debug)]
pub struct NamedInfo {
    /// Go's qualified name: `main.Point`, or `error`.
    pub name: String,
    pub underlying: TyId,
    pub methods: Vec<MethodInfo>,
}

pub struct Types {
    pub kinds: Vec<TyKind>,
    interned: HashMap<TyKind, TyId>,
    pub named: Vec<NamedInfo>,
}

pub const INT: TyId = TyId(0);
pub const BYTE: TyId = TyId(1);
pub const RUNE: TyId = TyId(2);
pub const FLOAT: TyId = TyId(3);
pub const BOOL: TyId = TyId(4);
pub const STRING: TyId = TyId(5);
pub const UNTYPED_INT: TyId = TyId(6);
pub const UNTYPED_RUNE: TyId = TyId(7);
pub const UNTYPED_FLOAT: TyId = TyId(8);
pub const UNTYPED_BOOL: TyId = TyId(9);
pub const UNTYPED_STRING: TyId = TyId(10);
pub const UNTYPED_NIL: TyId = TyId(11);
/// `interface{}`
pub const ANY: TyId = TyId(12);
/// The predeclared `error` type.
pub const ERROR: TyId = TyId(13);

/// The type of an integer kind (interned by `Types::new`, after `error`'s interface).
pub const fn int_kind_type(k: IntKind) -> TyId {
    TyId(15 + k as u32)
}

impl Types {
    pub fn new() -> Types {
        let mut t = Types { kinds: Vec::new(), interned: HashMap::new(), named: Vec::new() };
        for k in [
            TyKind::Int,
            TyKind::Byte,
            TyKind::Rune,
            TyKind::Float,
            TyKind::Bool,
            TyKind::String,
            TyKind::UntypedInt,
            TyKind::UntypedRune,
            TyKind::UntypedFloat,
            TyKind::UntypedBool,
            TyKind::UntypedString,
            TyKind::UntypedNil,
            TyKind::Interface(Vec::new()),
        ] {
            t.intern(k);
        }
        let e = t.new_named("error".into());
        let err_sig = Sig { params: vec![], results: vec![STRING], variadic: false };
        let err_iface = t.intern(TyKind::Interface(vec![("Error".into(), err_sig)]));
        t.named[0].underlying = err_iface;
        for k in IntKind::ALL {
            let id = t.intern(TyKind::IntN(k));
            assert_eq!(id, int_kind_type(k));
        }
        assert_eq!(e, ERROR);
        t
    }

    pub fn intern(&mut self, k: TyKind) -> TyId {
        if let Some(&id) = self.interned.get(&k) {
            return id;
        }
        let id = TyId(self.kinds.len() as u32);
        self.kinds.push(k.clone());
        self.interned.insert(k, id);
        id
    }

    pub fn new_named(&mut self, name: String) -> TyId {
        let idx = self.named.len() as u32;
        self.named.push(NamedInfo { name, underlying: TyId(u32::MAX), methods: Vec::new() });
        let id = TyId(self.kinds.len() as u32);
        self.kinds.push(TyKind::Named(idx));
        id
    }

    pub fn kind(&self, t: TyId) -> &TyKind {
        &self.kinds[t.0 as usize]
    }

    /// The underlying type (follows named types).
    pub fn under(&self, t: TyId) -> TyId {
        let mut t = t;
        for _ in 0..100 {
            match self.kind(t) {
                TyKind::Named(i) => {
                    let u = self.named[*i as usize].underlying;
                    if u.0 == u32::MAX {
                        return t;
                    }
                    t = u;
                }
                _ => return t,
            }
        }
        t
    }

    pub fn ukind(&self, t: TyId) -> &TyKind {
        self.kind(self.under(t))
    }

    pub fn named_info(&self, t: TyId) -> Option<&NamedInfo> {
        match self.kind(t) {
            TyKind::Named(i) => Some(&self.named[*i as usize]),
            _ => None,
        }
    }

    /// What a pointer type points to (`t` itself when it is not a pointer).
    pub fn pointee(&self, t: TyId) -> TyId {
        match self.kind(t) {
            TyKind::Pointer(e) => *e,
            _ => t,
        }
    }

    pub fn pointer(&mut self, t: TyId) -> TyId {
        self.intern(TyKind::Pointer(t))
    }
    pub fn slice(&mut self, t: TyId) -> TyId {
        self.intern(TyKind::Slice(t))
    }

    pub fn is_untyped(&self, t: TyId) -> bool {
        matches!(
            self.kind(t),
            TyKind::UntypedInt
                | TyKind::UntypedRune
                | TyKind::UntypedFloat
                | TyKind::UntypedBool
                | TyKind::UntypedString
                | TyKind::UntypedNil
        )
    }

    /// Default type of an untyped constant kind.
    pub fn default_type(&self, t: TyId) -> TyId {
        match self.kind(t) {
            TyKind::UntypedInt => INT,
            TyKind::UntypedRune => RUNE,
            TyKind::UntypedFloat => FLOAT,
            TyKind::UntypedBool => BOOL,
            TyKind::UntypedString => STRING,
            _ => t,
        }
    }

    pub fn is_integer(&self, t: TyId) -> bool {
        matches!(
            self.ukind(t),
            TyKind::Int | TyKind::Byte | TyKind::Rune | TyKind::IntN(_) | TyKind::UntypedInt | TyKind::UntypedRune
        )
    }
    /// Width in bits and signedness of a typed integer type (not untyped constants).
    pub fn int_info(&self, t: TyId) -> Option<(u32, bool)> {
        match self.ukind(t) {
            TyKind::Int => Some((64, true)),
            TyKind::Byte => Some((8, false)),
            TyKind::Rune => Some((32, true)),
            TyKind::IntN(k) => Some((k.bits(), k.signed())),
            _ => None,
        }
    }
    /// An unsigned 64-bit type (`uint`, `uint64`, `uintptr`): the one kind whose
    /// division, comparison, right shift and float conversion differ from `int`'s.
    pub fn is_u64(&self, t: TyId) -> bool {
        self.int_info(t) == Some((64, false))
    }
    pub fn is_float(&self, t: TyId) -> bool {
        matches!(self.ukind(t), TyKind::Float | TyKind::UntypedFloat)
    }
    pub fn is_numeric(&self, t: TyId) -> bool {
        self.is_integer(t) || self.is_float(t)
    }
    pub fn is_string(&self, t: TyId) -> bool {
        matches!(self.ukind(t), TyKind::String | TyKind::UntypedString)
    }
    pub fn is_bool(&self, t: TyId) -> bool {
        matches!(self.ukind(t), TyKind::Bool | TyKind::UntypedBool)
    }
    pub fn is_interface(&self, t: TyId) -> bool {
        matches!(self.ukind(t), TyKind::Interface(_))
    }
    /// Struct or array: represented by a reference to a storage object with value semantics.
    pub fn is_aggregate(&self, t: TyId) -> bool {
        matches!(self.ukind(t), TyKind::Struct(_) | TyKind::Array(..))
    }
    /// Whether a slot of this type holds a GC reference.
    pub fn is_ref(&self, t: TyId) -> bool {
        !matches!(
            self.ukind(t),
            TyKind::Int
                | TyKind::Byte
                | TyKind::Rune
                | TyKind::IntN(_)
                | TyKind::Float
                | TyKind::Bool
                | TyKind::Port
                | TyKind::UntypedInt
                | TyKind::UntypedRune
                | TyKind::UntypedFloat
                | TyKind::UntypedBool
        )
    }
    /// Pointer to a struct or array: the same reference as the pointee's storage.
    pub fn is_direct_pointer(&self, t: TyId) -> bool {
        match self.ukind(t) {
            TyKind::Pointer(e) => self.is_aggregate(*e),
            _ => false,
        }
    }

    /// Go's spelling of a type, as error messages and `%T`-like names use it.
    pub fn name(&self, t: TyId) -> String {
        match self.kind(t) {
            TyKind::Int => "int".into(),
            TyKind::Byte => "byte".into(),
            TyKind::Rune => "rune".into(),
            TyKind::IntN(k) => k.name().into(),
            TyKind::Float => "float64".into(),
            TyKind::Bool => "bool".into(),
            TyKind::String => "string".into(),
            TyKind::UntypedInt => "untyped int".into(),
            TyKind::UntypedRune => "untyped rune".into(),
            TyKind::UntypedFloat => "untyped float".into(),
            TyKind::UntypedBool => "untyped bool".into(),
            TyKind::UntypedString => "untyped string".into(),
            TyKind::UntypedNil => "untyped nil".into(),
            TyKind::Named(i) => {
                let n = &self.named[*i as usize].name;
                n.strip_prefix("main.").unwrap_or(n).to_string()
            }
            TyKind::Pointer(e) => format!("*{}", self.name(*e)),
            TyKind::Slice(e) => format!("[]{}", self.name(*e)),
            TyKind::Array(n, e) => format!("[{n}]{}", self.name(*e)),
            TyKind::Map(k, v) => format!("map[{}]{}", self.name(*k), self.name(*v)),
            TyKind::Struct(fs) => {
                let parts: Vec<String> = fs
                    .iter()
                    .map(|f| if f.embedded { self.name(f.ty) } else { format!("{} {}", f.name, self.name(f.ty)) })
                    .collect();
                format!("struct{{{}}}", parts.join("; "))
            }
            TyKind::Func(sig) => format!("func{}", self.sig_string(sig)),
            TyKind::Chan(d, e) => format!("{}{}", ["chan ", "chan<- ", "<-chan "][*d as usize % 3], self.name(*e)),
            TyKind::Interface(ms) => {
                if ms.is_empty() {
                    "interface{}".into()
                } else {
                    let parts: Vec<String> = ms.iter().map(|(n, s)| format!("{n}{}", self.sig_string(s))).collect();
                    format!("interface{{{}}}", parts.join("; "))
                }
            }
            TyKind::Tuple(ts) => {
                let parts: Vec<String> = ts.iter().map(|t| self.name(*t)).collect();
                format!("({})", parts.join(", "))
            }
            TyKind::Pending => "invalid type".into(),
            TyKind::Port => "island.Port".into(),
        }
    }

    /// The runtime (reflect) name: `main.Point`, `[]int`, `uint8`, `int32`, `interface {}`.
    pub fn runtime_name(&self, t: TyId) -> String {
        match self.kind(t) {
            TyKind::Byte => "uint8".into(),
            TyKind::Rune => "int32".into(),
            TyKind::Named(i) => self.named[*i as usize].name.clone(),
            TyKind::Pointer(e) => format!("*{}", self.runtime_name(*e)),
            TyKind::Slice(e) => format!("[]{}", self.runtime_name(*e)),
            TyKind::Array(n, e) => format!("[{n}]{}", self.runtime_name(*e)),
            TyKind::Map(k, v) => format!("map[{}]{}", self.runtime_name(*k), self.runtime_name(*v)),
            TyKind::Interface(ms) if ms.is_empty() => "interface {}".into(),
            TyKind::Func(sig) => {
                let ps: Vec<String> = sig.params.iter().map(|p| self.runtime_name(*p)).collect();
                let rs: Vec<String> = sig.results.iter().map(|p| self.runtime_name(*p)).collect();
                let r = match rs.len() {
                    0 => String::new(),
                    1 => format!(" {}", rs[0]),
                    _ => format!(" ({})", rs.join(", ")),
                };
                format!("func({}){r}", ps.join(", "))
            }
            _ => self.name(t),
        }
    }

    pub fn sig_string(&self, sig: &Sig) -> String {
        let ps: Vec<String> = sig
            .params
            .iter()
            .enumerate()
            .map(|(i, p)| {
                if sig.variadic && i + 1 == sig.params.len() {
                    match self.kind(*p) {
                        TyKind::Slice(e) => format!("...{}", self.name(*e)),
                        _ => self.name(*p),
                    }
                } else {
                    self.name(*p)
                }
            })
            .collect();
        let rs: Vec<String> = sig.results.iter().map(|p| self.name(*p)).collect();
        let r = match rs.len() {
            0 => String::new(),
            1 => format!(" {}", rs[0]),
            _ => format!(" ({})", rs.join(", ")),
        };
        format!("({}){r}", ps.join(", "))
    }

    /// Method set lookup: (method info, declared on pointer receiver) for `t` or `*t`.
    pub fn find_method(&self, t: TyId, name: &str) -> Option<MethodInfo> {
        let base = match self.kind(t) {
            TyKind::Pointer(e) => *e,
            _ => t,
        };
        let info = self.named_info(base)?;
        info.methods.iter().find(|m| m.name == name).cloned()
    }

    /// Resolve `x.name` for `x` of type `t` (or `*t`): a field or a method, direct or
    /// promoted through embedded fields.
    pub fn select(&self, t: TyId, name: &str) -> Selection {
        let base = match self.kind(t) {
            TyKind::Pointer(e) => *e,
            _ => t,
        };
        // Breadth-first over embedded fields: (type reached, path, reached through a pointer).
        let mut level: Vec<(TyId, FieldPath, bool)> = vec![(base, Vec::new(), false)];
        let mut seen: Vec<TyId> = Vec::new();
        for _ in 0..16 {
            let mut found: Vec<Selection> = Vec::new();
            let mut next = Vec::new();
            for (ty, path, through_ptr) in &level {
                if seen.contains(ty) {
                    continue;
                }
                seen.push(*ty);
                if !path.is_empty() {
                    if let Some(ms) = self.iface_methods(*ty) {
                        if let Some((_, sig)) = ms.iter().find(|m| m.0 == name) {
                            found.push(Selection::Method {
                                path: path.clone(),
                                method: None,
                                iface: Some(sig.clone()),
                                through_ptr: *through_ptr,
                            });
                        }
                        continue;
                    }
                }
                if let Some(info) = self.named_info(*ty) {
                    if let Some(m) = info.methods.iter().find(|m| m.name == name) {
                        found.push(Selection::Method {
                            path: path.clone(),
                            method: Some(m.clone()),
                            iface: None,
                            through_ptr: *through_ptr,
                        });
                    }
                }
                if let TyKind::Struct(fs) = self.ukind(*ty) {
                    for (i, f) in fs.iter().enumerate() {
                        let mut p = path.clone();
                        p.push((i, f.ty));
                        if f.name == name {
                            found.push(Selection::Field(p.clone()));
                        }
                        if f.embedded {
                            let (inner, ptr) = match self.kind(f.ty) {
                                TyKind::Pointer(e) => (*e, true),
                                _ => (f.ty, false),
                            };
                            next.push((inner, p, *through_ptr || ptr));
                        }
                    }
                }
            }
            match found.len() {
                0 => {}
                1 => return found.pop().expect("one"),
                _ => return Selection::Ambiguous,
            }
            if next.is_empty() {
                break;
            }
            level = next;
        }
        Selection::NotFound
    }

    /// A method promoted to `t` through embedded fields, as the method set sees it:
    /// `ptr_recv` says it needs a pointer (or addressable) receiver, which is the case
    /// for a pointer method reached through embedded values only.
    pub fn promoted_method(&self, t: TyId, name: &str) -> Option<Promoted> {
        match self.select(t, name) {
            Selection::Method { path, method, iface, through_ptr } if !path.is_empty() => {
                let (sig, ptr_recv, func) = match (method, iface) {
                    (Some(m), _) => (m.sig.clone(), m.ptr_recv && !through_ptr, m.func),
                    (None, Some(sig)) => (sig, false, u32::MAX),
                    _ => return None,
                };
                let via_iface = func == u32::MAX;
                Some(Promoted { path, method: MethodInfo { name: name.to_string(), sig, ptr_recv, func }, via_iface })
            }
            _ => None,
        }
    }

    /// The names of the methods of the types embedded in `t`'s struct, at any depth
    /// (candidates for promotion; `promoted_method` decides which are promoted).
    pub fn embedded_method_names(&self, t: TyId) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        let mut work = vec![(t, 0)];
        while let Some((ty, depth)) = work.pop() {
            let ty = match self.kind(ty) {
                TyKind::Pointer(e) => *e,
                _ => ty,
            };
            if depth > 0 {
                if let Some(ms) = self.iface_methods(ty) {
                    names.extend(ms.iter().map(|m| m.0.clone()));
                    continue;
                }
                if let Some(info) = self.named_info(ty) {
                    names.extend(info.methods.iter().map(|m| m.name.clone()));
                }
            }
            if let TyKind::Struct(fs) = self.ukind(ty) {
                if depth < 16 {
                    work.extend(fs.iter().filter(|f| f.embedded).map(|f| (f.ty, depth + 1)));
                }
            }
        }
        names.sort();
        names.dedup();
        names
    }

    /// The interface method set of `t` if it is an interface.
    pub fn iface_methods(&self, t: TyId) -> Option<&Vec<(String, Sig)>> {
        match self.ukind(t) {
            TyKind::Interface(ms) => Some(ms),
            _ => None,
        }
    }

    /// Does `t` implement interface `iface`? Returns the first missing method on failure,
    /// with a flag saying it exists with a pointer receiver.
    pub fn missing_method(&self, t: TyId, iface: TyId) -> Option<(String, bool)> {
        let ms = self.iface_methods(iface)?.clone();
        if let Some(have) = self.iface_methods(t) {
            for (n, s) in &ms {
                if !have.iter().any(|(hn, hs)| hn == n && hs == s) {
                    return Some((n.clone(), false));
                }
            }
            return None;
        }
        let is_ptr = matches!(self.kind(t), TyKind::Pointer(_));
        for (n, s) in &ms {
            let found = self.find_method(t, n).or_else(|| self.promoted_method(t, n).map(|p| p.method));
            match found {
                Some(m) if &m.sig == s => {
                    if m.ptr_recv && !is_ptr {
                        return Some((n.clone(), true));
                    }
                }
                _ => return Some((n.clone(), false)),
            }
        }
        None
    }

    /// Size in bytes of a Go value of this type on amd64 (for append growth).
    pub fn go_size(&self, t: TyId) -> u64 {
        match self.ukind(t) {
            TyKind::Byte | TyKind::Bool => 1,
            TyKind::Rune => 4,
            TyKind::IntN(k) => k.bits() as u64 / 8,
            TyKind::Int | TyKind::Float | TyKind::Pointer(_) | TyKind::Map(..) | TyKind::Func(_) | TyKind::Chan(..) => {
                8
            }
            TyKind::String | TyKind::Interface(_) => 16,
            TyKind::Slice(_) => 24,
            TyKind::Array(n, e) => n.saturating_mul(self.go_size(*e)),
            TyKind::Struct(fs) => {
                let fs = fs.clone();
                let mut off = 0u64;
                let mut max_align = 1;
                for f in &fs {
                    let a = self.go_align(f.ty);
                    max_align = max_align.max(a);
                    off = off.div_ceil(a) * a + self.go_size(f.ty);
                }
                off.div_ceil(max_align) * max_align
            }
            _ => 8,
        }
    }

    fn go_align(&self, t: TyId) -> u64 {
        match self.ukind(t) {
            TyKind::Byte | TyKind::Bool => 1,
            TyKind::Rune => 4,
            TyKind::IntN(k) => k.bits() as u64 / 8,
            TyKind::Array(_, e) => self.go_align(*e),
            TyKind::Struct(fs) => fs.iter().map(|f| self.go_align(f.ty)).max().unwrap_or(1),
            _ => 8,
        }
    }

    /// Whether values of this type may be compared with `==`.
    pub fn comparable(&self, t: TyId) -> bool {
        match self.ukind(t) {
            TyKind::Slice(_) | TyKind::Map(..) | TyKind::Func(_) => false,
            TyKind::Struct(fs) => fs.iter().all(|f| self.comparable(f.ty)),
            TyKind::Array(_, e) => self.comparable(*e),
            _ => true,
        }
    }
}

impl Default for Types {
    fn default() -> Self {
        Types::new()
    }
}
