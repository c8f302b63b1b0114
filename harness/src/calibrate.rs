//! The calibration loop: a fixed piece of native work the harness times before each
//! workload, so a run carries its own measure of machine speed. The gate divides
//! times by it to compare runs made on machines (or under loads) of different speed; see
//! `gate`. The work is shaped like an interpreter's loop (an unpredictable eight-way
//! dispatch, dependent loads from a small table in L1, integer arithmetic), so it slows
//! down with what slows the VM down: a busy sibling hyperthread, a lower clock, a
//! slower machine. It is native Rust, independent of the VM, so a change in the VM never
//! changes the yardstick.

use std::hint::black_box;
use std::time::Instant;

/// Version of the calibration loop (its work, table and step counts). Times in
/// calibration units are comparable only between runs of the same version: change this
/// whenever `work`, `TABLE`, `STEPS` or `CELL_STEPS` changes.
pub const VERSION: u32 = 2;

/// Table size: 2 Ki entries (16 KiB, inside L1 data cache with the VM's hot state).
const TABLE: usize = 1 << 11;
/// Steps per timing (about 15 ms on the machines seen so far).
const STEPS: usize = 3_000_000;

/// Steps of the short sample a cell takes after each call of run(n) (about 5 ms).
pub const CELL_STEPS: usize = 1_000_000;

/// The calibration loop's table, made once.
pub struct Calibrator {
    table: Vec<u64>,
}

impl Default for Calibrator {
    fn default() -> Self {
        let mut table = vec![0u64; TABLE];
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        for slot in table.iter_mut() {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            *slot = x;
        }
        Calibrator { table }
    }
}

impl Calibrator {
    /// Run `steps` steps; (wall ns, CPU ns of this thread).
    pub fn sample(&mut self, steps: usize) -> (u64, u64) {
        let cpu_start = crate::sys::cpu_time_ns(false);
        let start = Instant::now();
        black_box(work(black_box(&mut self.table), steps));
        let wall = start.elapsed().as_nanos() as u64;
        (wall, crate::sys::cpu_time_ns(false).saturating_sub(cpu_start))
    }
}

/// Time the calibration loop `repeats` times and return the fastest wall time in
/// nanoseconds (the fastest is the one least disturbed by other processes). The harness does this before each workload; each
/// cell also takes a short sample (`CELL_STEPS`) after every call of run(n), which is
/// what the gate pairs with that call.
pub fn calibrate(repeats: usize) -> u64 {
    let mut calibrator = Calibrator::default();
    (0..repeats.max(1)).map(|_| calibrator.sample(STEPS).0).min().unwrap_or(0)
}

fn work(table: &mut [u64], steps: usize) -> u64 {
    let mask = table.len() - 1;
    let mut index = 0usize;
    let mut acc = 0u64;
    for step in 0..steps {
        let v = table[index];
        // An unpredictable eight-way dispatch, as an interpreter's loop does.
        acc = match v >> 61 {
            0 => acc.wrapping_add(v >> 3),
            1 => acc ^ v.rotate_left(7),
            2 => acc.wrapping_mul(v | 1),
            3 => acc.wrapping_sub(v.rotate_right(11)),
            4 => acc ^ (v >> 17),
            5 => acc.wrapping_add(v.count_ones() as u64),
            6 => acc.rotate_left((v & 63) as u32),
            _ => acc.wrapping_add(step as u64),
        };
        table[index] = v.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(acc | 1);
        index = (v as usize ^ acc as usize) & mask;
    }
    acc
}

#[cfg(test)]
mod tests {
    #[test]
    fn calibration_takes_measurable_time() {
        assert!(super::calibrate(1) > 100_000);
        let (wall, cpu) = super::Calibrator::default().sample(super::CELL_STEPS);
        assert!(wall > 100_000 && cpu > 100_000, "{wall} {cpu}");
    }
}
