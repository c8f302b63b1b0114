//! The strategy registry: the strategies this process can run, by name. `vm` names no
//! implementation but its own interpreter: a code generator registers itself (each
//! strategy crate's `register()`: a name, a description, a colour for the report, the
//! [`Capabilities`] it offers, and a factory), and a tiered pair is registered as a
//! [`Kind::Tiered`] composite over two registered names (the harness registers
//! `tiered`, template then cranelift-regmap, and any pair `--tiers A,B` asks for).
//! Everything that lists strategies (the harness, the report, the fuzzer, the tests)
//! takes the list from [`strategies`].
//!
//! The registry holds descriptions only; a VM makes its own generators from them
//! ([`super::Jit::for_strategy`]), so islands get theirs.

use super::{Strategy, StrategyFactory};

/// The interpreter's name, the one strategy `vm` registers itself.
pub const INTERP: &str = "interp";

/// What a code generator offers to a tiered pair.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Capabilities(u32);

impl Capabilities {
    pub const NONE: Capabilities = Capabilities(0);
    /// It can compile a first tier: with [`super::CompileEnv::tier_counters`] set, its
    /// code counts calls (on entry) and back edges down towards the second tier, calls
    /// `helpers::jit_tier_up` at zero, and enters the second tier's code at a loop header
    /// (OSR). Required of the first tier of every pair.
    pub const TIER_COUNTDOWNS: Capabilities = Capabilities(1);
    /// With [`super::CompileEnv::anchor_frames`] set, its code stores SP and FP in the
    /// context before every helper call, so a stack-map walk can start in its frames.
    /// Required of a first tier below a second tier with [`Capabilities::STACK_MAPS`].
    pub const FRAME_ANCHORS: Capabilities = Capabilities(2);
    /// Its code keeps GC references in native frames, found through stack maps by a
    /// walk anchored at helper calls (`cranelift-regmap`).
    pub const STACK_MAPS: Capabilities = Capabilities(4);

    pub const fn union(self, other: Capabilities) -> Capabilities {
        Capabilities(self.0 | other.0)
    }

    pub const fn contains(self, other: Capabilities) -> bool {
        self.0 & other.0 == other.0
    }
}

/// How a registered strategy runs code.
#[derive(Clone, Copy, Debug)]
pub enum Kind {
    /// The interpreter alone.
    Interp,
    /// A code generator, made per VM by its factory.
    Generator(StrategyFactory),
    /// Two registered generators: `first` compiles what gets hot, `second` recompiles
    /// what stays hot (`jit::tiered`).
    Tiered { first: &'static str, second: &'static str },
}

/// One registered strategy.
#[derive(Clone, Copy, Debug)]
pub struct StrategyInfo {
    /// The name used everywhere (CLI, JSON, reports).
    pub name: &'static str,
    /// What it is, in a line (the report's legend).
    pub description: &'static str,
    /// Its colour in the report's charts (`#rrggbb`).
    pub colour: &'static str,
    pub capabilities: Capabilities,
    pub kind: Kind,
}

static REGISTRY: std::sync::Mutex<Vec<StrategyInfo>> = std::sync::Mutex::new(Vec::new());

fn registry() -> std::sync::MutexGuard<'static, Vec<StrategyInfo>> {
    let mut reg = REGISTRY.lock().unwrap_or_else(|e| e.into_inner());
    if reg.is_empty() {
        reg.push(StrategyInfo {
            name: INTERP,
            description: "the reference interpreter: register bytecode, one match per instruction",
            colour: "#7f7f7f",
            capabilities: Capabilities::NONE,
            kind: Kind::Interp,
        });
    }
    reg
}

/// Make `info` available to every VM of this process (replacing one of the same name;
/// otherwise after those registered before it, which is the order reports list them).
pub fn register(info: StrategyInfo) {
    let mut reg = registry();
    match reg.iter_mut().find(|s| s.name == info.name) {
        Some(s) => *s = info,
        None => reg.push(info),
    }
}

/// Register the tiered pair `first` then `second` as strategy `name`, after checking
/// that both are registered generators and that `first` offers what `second` needs;
/// the error says what is missing.
pub fn register_tiered(name: &'static str, first: &'static str, second: &'static str) -> Result<(), String> {
    let (a, b) = (generator(first)?, generator(second)?);
    if !a.capabilities.contains(Capabilities::TIER_COUNTDOWNS) {
        return Err(format!(
            "{first} cannot be the first tier of {name}: its code has no tier-up countdowns \
             (strategies that offer them: {})",
            offering(Capabilities::TIER_COUNTDOWNS).join(", ")
        ));
    }
    if b.capabilities.contains(Capabilities::STACK_MAPS) && !a.capabilities.contains(Capabilities::FRAME_ANCHORS) {
        return Err(format!(
            "{first} cannot be the first tier below {second}: {second} keeps references in native frames \
             (stack maps) and {first}'s code does not anchor the frame walk at helper calls"
        ));
    }
    register(StrategyInfo {
        name,
        description: "a tiered pair: the first generator compiles what gets hot, the second what stays hot",
        colour: mix(a.colour, b.colour),
        capabilities: Capabilities::NONE,
        kind: Kind::Tiered { first: a.name, second: b.name },
    });
    Ok(())
}

/// The colour halfway between two `#rrggbb` colours (a pair's, between its tiers'), so
/// it differs from both. Leaked: one short string per registered pair, for the process.
fn mix(a: &str, b: &str) -> &'static str {
    let channel = |c: &str, i: usize| c.get(1 + 2 * i..3 + 2 * i).and_then(|h| u8::from_str_radix(h, 16).ok());
    let mixed: String = (0..3)
        .map(|i| match (channel(a, i), channel(b, i)) {
            (Some(x), Some(y)) => format!("{:02x}", (u16::from(x) + u16::from(y)) / 2),
            _ => "80".to_string(),
        })
        .collect();
    Box::leak(format!("#{mixed}").into_boxed_str())
}

/// The registered code generator `name` (not the interpreter, not a pair).
fn generator(name: &str) -> Result<StrategyInfo, String> {
    match strategy(name) {
        Some(s @ StrategyInfo { kind: Kind::Generator(_), .. }) => Ok(s),
        Some(_) => Err(format!("{name} is not a code generator")),
        None => Err(format!("strategy {name} is not available in this build (available: {})", names().join(", "))),
    }
}

/// The names of the generators offering `c`.
fn offering(c: Capabilities) -> Vec<&'static str> {
    strategies()
        .into_iter()
        .filter(|s| s.capabilities.contains(c) && matches!(s.kind, Kind::Generator(_)))
        .map(|s| s.name)
        .collect()
}

/// Every registered strategy, the interpreter first, then in registration order.
pub fn strategies() -> Vec<StrategyInfo> {
    registry().clone()
}

/// Their names.
pub fn names() -> Vec<&'static str> {
    strategies().into_iter().map(|s| s.name).collect()
}

/// The registered strategy called `name`.
pub fn strategy(name: &str) -> Option<StrategyInfo> {
    registry().iter().find(|s| s.name == name).copied()
}

/// A fresh code generator of the registered generator `name`.
pub(crate) fn make_generator(name: &str) -> Result<Box<dyn Strategy>, String> {
    match generator(name)?.kind {
        Kind::Generator(make) => make(),
        _ => unreachable!("generator() returns generators"),
    }
}
