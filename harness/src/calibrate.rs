//! The calibration loop: a fixed piece of native work the harness times before each
//! workload, so a run carries its own measure of machine speed. The gate divides
//! times by it to compare runs made on machines (or under loads) of different speed; see
//! `gate`. The work mixes what an interpreter does (dependent loads from a table that
//! fits in L2, unpredictable branches, integer arithmetic), so it slows down with the
//! same things that slow the VM down.

use std::hint::black_box;
use std::time::Instant;

/// Table size: 32 Ki entries (256 KiB).
const TABLE: usize = 1 << 15;
/// Steps per timing (about 15 ms on the machines seen so far).
const STEPS: usize = 3_000_000;

/// Time the calibration loop `repeats` times and return the fastest wall time and the
/// smallest CPU time of this thread, in nanoseconds (the fastest is the one least
/// disturbed by other processes).
pub fn calibrate(repeats: usize) -> (u64, u64) {
    let mut table = vec![0u64; TABLE];
    let mut x = 0x9e37_79b9_7f4a_7c15u64;
    for slot in table.iter_mut() {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        *slot = x;
    }
    let mut best = (u64::MAX, u64::MAX);
    for _ in 0..repeats.max(1) {
        let cpu_start = crate::sys::cpu_time_ns(false);
        let start = Instant::now();
        black_box(work(black_box(&mut table)));
        let wall = start.elapsed().as_nanos() as u64;
        let cpu = crate::sys::cpu_time_ns(false).saturating_sub(cpu_start);
        best = (best.0.min(wall), best.1.min(cpu));
    }
    best
}

fn work(table: &mut [u64]) -> u64 {
    let mask = table.len() - 1;
    let mut index = 0usize;
    let mut acc = 0u64;
    for step in 0..STEPS {
        let v = table[index];
        acc = if v & 1 == 0 { acc.wrapping_add(v >> 3) } else { acc ^ v.rotate_left(7) };
        table[index] = v.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(step as u64);
        index = (v as usize ^ acc as usize) & mask;
    }
    acc
}

#[cfg(test)]
mod tests {
    #[test]
    fn calibration_takes_measurable_time() {
        let (wall, cpu) = super::calibrate(1);
        assert!(wall > 100_000 && cpu > 100_000, "{wall} {cpu}");
    }
}
