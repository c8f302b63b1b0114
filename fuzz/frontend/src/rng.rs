//! The fuzzer's only source of randomness (`vm::rng`'s SplitMix64), so a run is
//! reproducible from its seed.

pub struct Rng(vm::rng::SplitMix64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(vm::rng::SplitMix64::new(seed))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0.next_u64()
    }

    /// Uniform in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }

    /// True with probability 1/n.
    pub fn chance(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }
}
