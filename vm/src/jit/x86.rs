//! The x86-64 facts of the contract that the strategies with their own emitters
//! (template's encoder, dynasm's macros) share, defined once: the condition codes and
//! the registers of the call convention (see "The call convention" in `jit`). Numbers,
//! not encodings: each emitter spells them its own way.

/// A condition code: the low nibble of `Jcc`, `SETcc` and `CMOVcc`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Cond {
    O = 0,
    No = 1,
    /// Unsigned below (CF).
    B = 2,
    Ae = 3,
    E = 4,
    Ne = 5,
    Be = 6,
    A = 7,
    S = 8,
    Ns = 9,
    /// Parity (an unordered float compare).
    P = 10,
    Np = 11,
    /// Signed less.
    L = 12,
    Ge = 13,
    Le = 14,
    G = 15,
}

impl Cond {
    /// The opposite condition.
    pub fn inverse(self) -> Cond {
        // Conditions come in pairs differing in the low bit.
        Cond::from_bits(self as u8 ^ 1)
    }

    /// The condition with encoding `b & 15`.
    pub fn from_bits(b: u8) -> Cond {
        use Cond::*;
        [O, No, B, Ae, E, Ne, Be, A, S, Ns, P, Np, L, Ge, Le, G][(b & 15) as usize]
    }
}

/// The call convention's registers (hardware numbers): in a call entry and in the body
/// of template and dynasm code, `rbx` is the frame (slot 0), `r12` the [`JitContext`],
/// `r13` the preemption budget. Preserved across calls of compiled code (`rbx`, `r12`;
/// `r13` comes back as the budget left).
///
/// [`JitContext`]: super::JitContext
pub mod regs {
    pub const FRAME: u8 = 3;
    pub const CTX: u8 = 12;
    pub const BUDGET: u8 = 13;
}

#[cfg(test)]
mod tests {
    use super::Cond;

    #[test]
    fn inverse_pairs() {
        for b in 0..16u8 {
            let c = Cond::from_bits(b);
            assert_eq!(c as u8, b);
            assert_eq!(c.inverse().inverse(), c);
            assert_ne!(c.inverse(), c);
        }
        assert_eq!(Cond::L.inverse(), Cond::Ge);
        assert_eq!(Cond::E.inverse(), Cond::Ne);
    }
}
