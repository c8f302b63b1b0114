//! The float64 functions of package `math` that are natives (`math.f1`, `math.f2`),
//! computed the way Go 1.19 computes them on amd64, so results agree to the bit.
//!
//! Go's math package is Go code (Cephes and FreeBSD msun algorithms) except a few
//! functions written in amd64 assembly: `Exp` (with a fused multiply-add variant that
//! Go picks at run time when the CPU has AVX and FMA, so Go's own `Exp` differs between
//! CPUs), `Log` and `Hypot`. This module implements those same algorithms: the same
//! argument reduction, polynomial coefficients and order of operations (the
//! coefficients are published facts; Go cites their sources), written with all the
//! digits Go's sources give them so that they round to the same float64s.
//!
//! What stays on the platform's libm, and may differ from Go in the last bit:
//! `Expm1` and `Log1p` (Go's FreeBSD-derived versions are long; they agreed with libm
//! on 999 of 1000 random arguments each).

#![allow(clippy::excessive_precision)] // constants as published, rounded by the compiler

use crate::bytecode::MathFn;

/// `f(x)`, or `f(x, y)` for the two-operand functions.
pub(crate) fn call(f: MathFn, x: f64, y: f64) -> f64 {
    match f {
        MathFn::Sin => sin(x),
        MathFn::Cos => cos(x),
        MathFn::Tan => tan(x),
        MathFn::Asin => asin(x),
        MathFn::Acos => FRAC_PI_2 - asin(x),
        MathFn::Atan => atan(x),
        MathFn::Sinh => sinh(x),
        MathFn::Cosh => cosh(x),
        MathFn::Tanh => tanh(x),
        MathFn::Exp => exp(x),
        MathFn::Exp2 => exp2(x),
        MathFn::Expm1 => x.exp_m1(),
        MathFn::Log => log(x),
        MathFn::Log2 => log2(x),
        // Go's constant 1/Ln10, rounded once (a division at run time may round twice).
        MathFn::Log10 => log(x) * std::f64::consts::LOG10_E,
        MathFn::Log1p => x.ln_1p(),
        MathFn::Cbrt => cbrt(x),
        MathFn::Pow => pow(x, y),
        MathFn::Atan2 => atan2(x, y),
        MathFn::Hypot => hypot(x, y),
        MathFn::Mod => x % y,
    }
}

const PI: f64 = std::f64::consts::PI;
const FRAC_PI_2: f64 = std::f64::consts::FRAC_PI_2;
const FRAC_PI_4: f64 = std::f64::consts::FRAC_PI_4;

// ---- sin, cos, tan (Cephes; Cody–Waite reduction by pi/4 in three parts)

const PI4A: f64 = 7.85398125648498535156e-1;
const PI4B: f64 = 3.77489470793079817668e-8;
const PI4C: f64 = 2.69515142907905952645e-15;
/// From here the reduction is Payne–Hanek's (`trig_reduce`).
const REDUCE_THRESHOLD: f64 = (1u64 << 29) as f64;

/// The bits of 4/pi, 64 to a word, from the binary point (the first word holds the
/// integer part).
const M_PI4: [u64; 20] = [
    0x0000000000000001,
    0x45f306dc9c882a53,
    0xf84eafa3ea69bb81,
    0xb6c52b3278872083,
    0xfca2c757bd778ac3,
    0x6e48dc74849ba5c0,
    0x0c925dd413a32439,
    0xfc3bd63962534e7d,
    0xd1046bea5d768909,
    0xd338e04d68befc82,
    0x7323ac7306a673e9,
    0x3908bf177bf25076,
    0x3ff12fffbc0b301f,
    0xde5e2316b414da3e,
    0xda6cfd9e4f96136e,
    0x9e8c7ecd3cbfd45a,
    0xea4f758fd7cbe2f6,
    0x7a0e73ef14a525d4,
    0xd7f6bf623f1aba10,
    0xac06608df8f6d757,
];

/// Go's shifts: a count of 64 or more gives 0.
fn shl(x: u64, n: u32) -> u64 {
    x.checked_shl(n).unwrap_or(0)
}
fn shr(x: u64, n: u32) -> u64 {
    x.checked_shr(n).unwrap_or(0)
}

/// Payne–Hanek reduction of a large `x` (>= 2^29): the octant and the angle within
/// it, from x times the bits of 4/pi that matter at x's exponent.
fn trig_reduce(x: f64) -> (u64, f64) {
    if x < FRAC_PI_4 {
        return (0, x);
    }
    let mut ix = x.to_bits();
    let exp = ((ix >> 52) & 0x7FF) as i64 - 1023 - 52;
    ix &= !(0x7FF << 52);
    ix |= 1 << 52;
    let (digit, bitshift) = (((exp + 61) / 64) as usize, ((exp + 61) % 64) as u32);
    let z0 = shl(M_PI4[digit], bitshift) | shr(M_PI4[digit + 1], 64 - bitshift);
    let z1 = shl(M_PI4[digit + 1], bitshift) | shr(M_PI4[digit + 2], 64 - bitshift);
    let z2 = shl(M_PI4[digit + 2], bitshift) | shr(M_PI4[digit + 3], 64 - bitshift);
    let z2hi = ((z2 as u128 * ix as u128) >> 64) as u64;
    let z1full = z1 as u128 * ix as u128;
    let (z1hi, z1lo) = ((z1full >> 64) as u64, z1full as u64);
    let z0lo = z0.wrapping_mul(ix);
    let (lo, carry) = z1lo.overflowing_add(z2hi);
    let hi = z0lo.wrapping_add(z1hi).wrapping_add(carry as u64);
    let j = hi >> 61;
    let mut hi = (hi << 3) | (lo >> 61);
    let lz = hi.leading_zeros();
    let e = 1023 - (lz as u64 + 1);
    hi = shl(hi, lz + 1) | shr(lo, 64 - (lz + 1));
    hi >>= 64 - 52;
    hi |= e << 52;
    let mut z = f64::from_bits(hi);
    let mut j = j;
    if j & 1 == 1 {
        j += 1;
        j &= 7;
        z -= 1.0;
    }
    (j, z * FRAC_PI_4)
}

const SIN: [f64; 6] = [
    1.58962301576546568060e-10,
    -2.50507477628578072866e-8,
    2.75573136213857245213e-6,
    -1.98412698295895385996e-4,
    8.33333333332211858878e-3,
    -1.66666666666666307295e-1,
];
const COS: [f64; 6] = [
    -1.13585365213876817300e-11,
    2.08757008419747316778e-9,
    -2.75573141792967388112e-7,
    2.48015872888517045348e-5,
    -1.38888888888730564116e-3,
    4.16666666666665929218e-2,
];

/// The octant `j` (0..7 after `& 7` where the caller wants it) and the reduced angle.
fn reduce(x: f64) -> (u64, f64) {
    if x >= REDUCE_THRESHOLD {
        return trig_reduce(x);
    }
    let mut j = (x * (4.0 / PI)) as u64;
    let mut y = j as f64;
    if j & 1 == 1 {
        j += 1;
        y += 1.0;
    }
    (j, ((x - y * PI4A) - y * PI4B) - y * PI4C)
}

fn sin_poly(z: f64, zz: f64) -> f64 {
    z + z * zz * (((((SIN[0] * zz + SIN[1]) * zz + SIN[2]) * zz + SIN[3]) * zz + SIN[4]) * zz + SIN[5])
}

fn cos_poly(zz: f64) -> f64 {
    1.0 - 0.5 * zz + zz * zz * (((((COS[0] * zz + COS[1]) * zz + COS[2]) * zz + COS[3]) * zz + COS[4]) * zz + COS[5])
}

fn sin(x: f64) -> f64 {
    if x == 0.0 || x.is_nan() {
        return x;
    }
    if x.is_infinite() {
        return f64::NAN;
    }
    let (mut x, mut sign) = (x, false);
    if x < 0.0 {
        x = -x;
        sign = true;
    }
    let (j, z) = reduce(x);
    let mut j = j & 7;
    if j > 3 {
        sign = !sign;
        j -= 4;
    }
    let zz = z * z;
    let y = if j == 1 || j == 2 { cos_poly(zz) } else { sin_poly(z, zz) };
    if sign {
        -y
    } else {
        y
    }
}

fn cos(x: f64) -> f64 {
    if x.is_nan() || x.is_infinite() {
        return f64::NAN;
    }
    let x = x.abs();
    let (j, z) = reduce(x);
    let mut j = j & 7;
    let mut sign = false;
    if j > 3 {
        j -= 4;
        sign = !sign;
    }
    if j > 1 {
        sign = !sign;
    }
    let zz = z * z;
    let y = if j == 1 || j == 2 { sin_poly(z, zz) } else { cos_poly(zz) };
    if sign {
        -y
    } else {
        y
    }
}

const TAN_P: [f64; 3] = [-1.30936939181383777646e4, 1.15351664838587416140e6, -1.79565251976484877988e7];
const TAN_Q: [f64; 5] =
    [1.0, 1.36812963470692954678e4, -1.32089234440210967447e6, 2.50083801823357915839e7, -5.38695755929454629881e7];

fn tan(x: f64) -> f64 {
    if x == 0.0 || x.is_nan() {
        return x;
    }
    if x.is_infinite() {
        return f64::NAN;
    }
    let (mut x, mut sign) = (x, false);
    if x < 0.0 {
        x = -x;
        sign = true;
    }
    let (j, z) = reduce(x);
    let zz = z * z;
    let mut y = if zz > 1e-14 {
        z + z
            * (zz * ((TAN_P[0] * zz + TAN_P[1]) * zz + TAN_P[2])
                / ((((zz + TAN_Q[1]) * zz + TAN_Q[2]) * zz + TAN_Q[3]) * zz + TAN_Q[4]))
    } else {
        z
    };
    if j & 2 == 2 {
        y = -1.0 / y;
    }
    if sign {
        y = -y;
    }
    y
}

// ---- atan, asin, atan2 (Cephes)

fn xatan(x: f64) -> f64 {
    const P: [f64; 5] = [
        -8.750608600031904122785e-01,
        -1.615753718733365076637e+01,
        -7.500855792314704667340e+01,
        -1.228866684490136173410e+02,
        -6.485021904942025371773e+01,
    ];
    const Q: [f64; 5] = [
        2.485846490142306297962e+01,
        1.650270098316988542046e+02,
        4.328810604912902668951e+02,
        4.853903996359136964868e+02,
        1.945506571482613964425e+02,
    ];
    let z = x * x;
    let z = z * ((((P[0] * z + P[1]) * z + P[2]) * z + P[3]) * z + P[4])
        / (((((z + Q[0]) * z + Q[1]) * z + Q[2]) * z + Q[3]) * z + Q[4]);
    x * z + x
}

fn satan(x: f64) -> f64 {
    const MOREBITS: f64 = 6.123233995736765886130e-17;
    const TAN3PIO8: f64 = 2.41421356237309504880;
    if x <= 0.66 {
        return xatan(x);
    }
    if x > TAN3PIO8 {
        return FRAC_PI_2 - xatan(1.0 / x) + MOREBITS;
    }
    FRAC_PI_4 + xatan((x - 1.0) / (x + 1.0)) + 0.5 * MOREBITS
}

fn atan(x: f64) -> f64 {
    if x == 0.0 {
        x
    } else if x > 0.0 {
        satan(x)
    } else {
        -satan(-x)
    }
}

fn asin(x: f64) -> f64 {
    if x == 0.0 {
        return x;
    }
    let (mut x, mut sign) = (x, false);
    if x < 0.0 {
        x = -x;
        sign = true;
    }
    if x > 1.0 {
        return f64::NAN;
    }
    let mut temp = (1.0 - x * x).sqrt();
    temp = if x > 0.7 { FRAC_PI_2 - satan(temp / x) } else { satan(x / temp) };
    if sign {
        -temp
    } else {
        temp
    }
}

fn atan2(y: f64, x: f64) -> f64 {
    if y.is_nan() || x.is_nan() {
        return f64::NAN;
    }
    if y == 0.0 {
        return if x >= 0.0 && !x.is_sign_negative() { 0f64.copysign(y) } else { PI.copysign(y) };
    }
    if x == 0.0 {
        return FRAC_PI_2.copysign(y);
    }
    if x.is_infinite() {
        return if x > 0.0 {
            if y.is_infinite() {
                FRAC_PI_4.copysign(y)
            } else {
                0f64.copysign(y)
            }
        } else if y.is_infinite() {
            // Go's constant 3*Pi/4, rounded once.
            2.35619449019234492884698253745962716314787704953132936573120844_f64.copysign(y)
        } else {
            PI.copysign(y)
        };
    }
    if y.is_infinite() {
        return FRAC_PI_2.copysign(y);
    }
    let q = atan(y / x);
    if x < 0.0 {
        if q <= 0.0 {
            return q + PI;
        }
        return q - PI;
    }
    q
}

// ---- exp and log: Go's amd64 assembly

/// Whether Go would take `Exp`'s fused multiply-add path on this CPU (its `useFMA`:
/// AVX and FMA).
fn use_fma() -> bool {
    static FMA: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *FMA.get_or_init(|| std::arch::is_x86_feature_detected!("avx") && std::arch::is_x86_feature_detected!("fma"))
}

fn exp(x: f64) -> f64 {
    const LOG2E: f64 = std::f64::consts::LOG2_E; // Go's LOG2E rounds to the same float64
    const LN2U: f64 = 0.69314718055966295651160180568695068359375;
    const LN2L: f64 = 0.28235290563031577122588448175013436025525412068e-12;
    const OVERFLOW: f64 = 7.09782712893384e+02;
    // The Taylor coefficients 1/2, 1/3! .. 1/8!, then 1, as the assembly's table holds them.
    const T: [f64; 8] = [
        0.5,
        1.6666666666666666667e-1,
        4.1666666666666666667e-2,
        8.3333333333333333333e-3,
        1.3888888888888888889e-3,
        1.9841269841269841270e-4,
        2.4801587301587301587e-5,
        1.0,
    ];
    let bits = x.to_bits();
    if bits & !(1 << 63) >= 0x7FF0_0000_0000_0000 {
        // -Inf gives 0; NaN and +Inf themselves.
        return if bits == 0xFFF0_0000_0000_0000 { 0.0 } else { x };
    }
    if x > OVERFLOW {
        return f64::INFINITY;
    }
    // CVTSD2SL: round to nearest even; out of range, the "indefinite" i32::MIN.
    let t = x * LOG2E;
    let k: i32 = if (-2147483648.0..2147483648.0).contains(&t) { t.round_ties_even() as i32 } else { i32::MIN };
    let kf = k as f64;
    let mut r;
    if use_fma() {
        r = (-kf).mul_add(LN2U, x);
        r = (-kf).mul_add(LN2L, r);
        r *= 0.0625;
        let mut p = T[6];
        for c in [T[5], T[4], T[3], T[2], T[1], T[0], T[7]] {
            p = p.mul_add(r, c);
        }
        r *= p;
        for _ in 0..3 {
            let s = r + 2.0;
            r *= s;
        }
        let s = r + 2.0;
        r = r.mul_add(s, 1.0);
    } else {
        r = x - kf * LN2U;
        r -= kf * LN2L;
        r *= 0.0625;
        let mut p = T[6];
        for c in [T[5], T[4], T[3], T[2], T[1], T[0], T[7]] {
            p = p * r + c;
        }
        r *= p;
        for _ in 0..4 {
            let s = 2.0 + r;
            r *= s;
        }
        r += 1.0;
    }
    // r * 2^k, through the biased exponent as the assembly builds it.
    let e = k.wrapping_add(0x3FF);
    if e <= 0 {
        if e < -52 {
            return 0.0;
        }
        let scaled = r * f64::from_bits(((e + 0x3FE) as u64) << 52);
        return scaled * f64::from_bits(1 << 52);
    }
    if e >= 0x7FF {
        return f64::INFINITY;
    }
    r * f64::from_bits((e as u64) << 52)
}

fn log(x: f64) -> f64 {
    const HSQRT2: f64 = std::f64::consts::FRAC_1_SQRT_2; // Go's HSqrt2 rounds to the same float64
    const LN2HI: f64 = 6.93147180369123816490e-01;
    const LN2LO: f64 = 1.90821492927058770002e-10;
    const L: [f64; 7] = [
        6.666666666666735130e-1,
        3.999999999940941908e-1,
        2.857142874366239149e-1,
        2.222219843214978396e-1,
        1.818357216161805012e-1,
        1.531383769920937332e-1,
        1.479819860511658591e-1,
    ];
    let bits = x.to_bits();
    if bits & !(1 << 63) == 0 {
        return f64::NEG_INFINITY;
    }
    if (bits as i64) < 0 {
        return f64::from_bits(0x7FF8_0000_0000_0001);
    }
    if bits >= 0x7FF0_0000_0000_0000 {
        return x;
    }
    // Frexp without normalising subnormals, as the assembly does.
    let mut f1 = f64::from_bits((bits & 0x000F_FFFF_FFFF_FFFF) | 0x3FE0_0000_0000_0000);
    let mut k = (((bits >> 52) & 0x7FF) as i32 - 0x3FE) as f64;
    // CMPSD not-less-than: f1 <= sqrt(2)/2 (the Go comment says <).
    if f1 <= HSQRT2 {
        k -= 1.0;
        f1 *= 2.0;
    }
    let f = f1 - 1.0;
    let s = f / (2.0 + f);
    let s2 = s * s;
    let s4 = s2 * s2;
    let t1 = s2 * (((L[6] * s4 + L[4]) * s4 + L[2]) * s4 + L[0]);
    let t2 = s4 * ((L[5] * s4 + L[3]) * s4 + L[1]);
    let r = t1 + t2;
    let hfsq = 0.5 * f * f;
    k * LN2HI - ((hfsq - (s * (hfsq + r) + k * LN2LO)) - f)
}

/// Go's `exp2` (pure Go on amd64): `2^x` through `expmulti`.
fn exp2(x: f64) -> f64 {
    const LN2HI: f64 = 6.93147180369123816490e-01;
    const LN2LO: f64 = 1.90821492927058770002e-10;
    const OVERFLOW: f64 = 1.0239999999999999e+03;
    const UNDERFLOW: f64 = -1.0740e+03;
    const P: [f64; 5] = [
        1.66666666666666657415e-01,
        -2.77777777770155933842e-03,
        6.61375632143793436117e-05,
        -1.65339022054652515390e-06,
        4.13813679705723846039e-08,
    ];
    if x.is_nan() || x == f64::INFINITY {
        return x;
    }
    if x == f64::NEG_INFINITY || x < UNDERFLOW {
        return 0.0;
    }
    if x > OVERFLOW {
        return f64::INFINITY;
    }
    let k = if x > 0.0 {
        float_to_i64(x + 0.5)
    } else if x < 0.0 {
        float_to_i64(x - 0.5)
    } else {
        0
    };
    let t = x - k as f64;
    let hi = t * LN2HI;
    let lo = -t * LN2LO;
    let r = hi - lo;
    let tt = r * r;
    let c = r - tt * (P[0] + tt * (P[1] + tt * (P[2] + tt * (P[3] + tt * P[4]))));
    let y = 1.0 - ((lo - (r * c) / (2.0 - c)) - hi);
    ldexp(y, k)
}

fn hypot(p: f64, q: f64) -> f64 {
    let (p, q) = (p.abs(), q.abs());
    if p.is_infinite() || q.is_infinite() {
        return f64::INFINITY;
    }
    if p.is_nan() || q.is_nan() {
        return f64::from_bits(0x7FF8_0000_0000_0001);
    }
    if p == 0.0 && q == 0.0 {
        return 0.0;
    }
    let (big, small) = if p > q { (p, q) } else { (q, p) };
    let r = small / big;
    big * (1.0 + r * r).sqrt()
}

// ---- built on exp and log (Go code)

/// Go's `Frexp`: `f = frac * 2^exp`, `frac` in [0.5, 1).
fn frexp(f: f64) -> (f64, i32) {
    if f == 0.0 || f.is_infinite() || f.is_nan() {
        return (f, 0);
    }
    let (f, mut e) = if f.abs() < f64::MIN_POSITIVE { (f * (1u64 << 52) as f64, -52) } else { (f, 0) };
    let x = f.to_bits();
    e += ((x >> 52) & 0x7FF) as i32 - 1023 + 1;
    let x = (x & !(0x7FF << 52)) | (1022 << 52);
    (f64::from_bits(x), e)
}

/// Go's `Ldexp`: `frac * 2^exp`.
fn ldexp(frac: f64, exp: i64) -> f64 {
    if frac == 0.0 || frac.is_infinite() || frac.is_nan() {
        return frac;
    }
    let (frac, e) = if frac.abs() < f64::MIN_POSITIVE { (frac * (1u64 << 52) as f64, -52) } else { (frac, 0) };
    let mut exp = exp + e;
    let x = frac.to_bits();
    exp += ((x >> 52) & 0x7FF) as i64 - 1023;
    if exp < -1075 {
        return 0f64.copysign(frac);
    }
    if exp > 1023 {
        return if frac < 0.0 { f64::NEG_INFINITY } else { f64::INFINITY };
    }
    let mut m = 1.0;
    if exp < -1022 {
        exp += 53;
        m = 1.0 / (1u64 << 53) as f64;
    }
    let x = (x & !(0x7FF << 52)) | (((exp + 1023) as u64) << 52);
    m * f64::from_bits(x)
}

/// Go's `Modf`: integer and fractional parts with `f`'s sign.
fn modf(f: f64) -> (f64, f64) {
    if f < 1.0 {
        if f < 0.0 {
            let (i, fr) = modf(-f);
            return (-i, -fr);
        }
        if f == 0.0 {
            return (f, f);
        }
        return (0.0, f);
    }
    let mut x = f.to_bits();
    let e = ((x >> 52) & 0x7FF).wrapping_sub(1023);
    if e < 64 - 12 {
        x &= !((1u64 << (64 - 12 - e)) - 1);
    }
    let i = f64::from_bits(x);
    (i, f - i)
}

fn is_odd_int(x: f64) -> bool {
    let (xi, xf) = modf(x);
    xf == 0.0 && (float_to_i64(xi) & 1) == 1
}

/// Go's `int64(f)` on amd64 (out of range: MinInt64).
fn float_to_i64(f: f64) -> i64 {
    crate::interp::float_to_int(f)
}

fn pow(x: f64, y: f64) -> f64 {
    if y == 0.0 || x == 1.0 {
        return 1.0;
    }
    if y == 1.0 {
        return x;
    }
    if x.is_nan() || y.is_nan() {
        return f64::NAN;
    }
    if x == 0.0 {
        if y < 0.0 {
            return if is_odd_int(y) { f64::INFINITY.copysign(x) } else { f64::INFINITY };
        }
        if y > 0.0 {
            return if is_odd_int(y) { x } else { 0.0 };
        }
    }
    if y.is_infinite() {
        return if x == -1.0 {
            1.0
        } else if (x.abs() < 1.0) == (y > 0.0) {
            0.0
        } else {
            f64::INFINITY
        };
    }
    if x.is_infinite() {
        if x < 0.0 {
            return pow(1.0 / x, -y);
        }
        if y < 0.0 {
            return 0.0;
        }
        if y > 0.0 {
            return f64::INFINITY;
        }
    }
    if y == 0.5 {
        return x.sqrt();
    }
    if y == -0.5 {
        return 1.0 / x.sqrt();
    }
    let (mut yi, mut yf) = modf(y.abs());
    if yf != 0.0 && x < 0.0 {
        return f64::NAN;
    }
    if yi >= 9.223_372_036_854_775_808e18 {
        return if x == -1.0 {
            1.0
        } else if (x.abs() < 1.0) == (y > 0.0) {
            0.0
        } else {
            f64::INFINITY
        };
    }
    let mut a1 = 1.0;
    let mut ae: i64 = 0;
    if yf != 0.0 {
        if yf > 0.5 {
            yf -= 1.0;
            yi += 1.0;
        }
        a1 = exp(yf * log(x));
    }
    let (mut x1, xe) = frexp(x);
    let mut xe = xe as i64;
    let mut i = float_to_i64(yi);
    while i != 0 {
        if !(-(1 << 12)..=1 << 12).contains(&xe) {
            ae += xe;
            break;
        }
        if i & 1 == 1 {
            a1 *= x1;
            ae += xe;
        }
        x1 *= x1;
        xe <<= 1;
        if x1 < 0.5 {
            x1 += x1;
            xe -= 1;
        }
        i >>= 1;
    }
    if y < 0.0 {
        a1 = 1.0 / a1;
        ae = -ae;
    }
    ldexp(a1, ae)
}

fn log2(x: f64) -> f64 {
    let (frac, e) = frexp(x);
    if frac == 0.5 {
        return (e - 1) as f64;
    }
    log(frac) * std::f64::consts::LOG2_E + e as f64
}

fn sinh(x: f64) -> f64 {
    const P: [f64; 4] = [
        -0.6307673640497716991184787251e+6,
        -0.8991272022039509355398013511e+5,
        -0.2894211355989563807284660366e+4,
        -0.2630563213397497062819489e+2,
    ];
    const Q: [f64; 3] =
        [-0.6307673640497716991212077277e+6, 0.1521517378790019070696485176e+5, -0.173678953558233699533450911e+3];
    let (mut x, mut sign) = (x, false);
    if x < 0.0 {
        x = -x;
        sign = true;
    }
    let temp = if x > 21.0 {
        exp(x) * 0.5
    } else if x > 0.5 {
        let ex = exp(x);
        (ex - 1.0 / ex) * 0.5
    } else {
        let sq = x * x;
        (((P[3] * sq + P[2]) * sq + P[1]) * sq + P[0]) * x / (((sq + Q[2]) * sq + Q[1]) * sq + Q[0])
    };
    if sign {
        -temp
    } else {
        temp
    }
}

fn cosh(x: f64) -> f64 {
    let x = x.abs();
    if x > 21.0 {
        return exp(x) * 0.5;
    }
    let ex = exp(x);
    (ex + 1.0 / ex) * 0.5
}

fn tanh(x: f64) -> f64 {
    const MAXLOG: f64 = 8.8029691931113054295988e+01;
    const P: [f64; 3] = [-9.64399179425052238628e-1, -9.92877231001918586564e1, -1.61468768441708447952e3];
    const Q: [f64; 3] = [1.12811678491632931402e2, 2.23548839060100448583e3, 4.84406305325125486048e3];
    let z = x.abs();
    if z > 0.5 * MAXLOG {
        return if x < 0.0 { -1.0 } else { 1.0 };
    }
    if z >= 0.625 {
        let s = exp(2.0 * z);
        let z = 1.0 - 2.0 / (s + 1.0);
        return if x < 0.0 { -z } else { z };
    }
    if x == 0.0 {
        return x;
    }
    let s = x * x;
    x + x * s * ((P[0] * s + P[1]) * s + P[2]) / (((s + Q[0]) * s + Q[1]) * s + Q[2])
}

fn cbrt(x: f64) -> f64 {
    const B1: u64 = 715_094_163;
    const B2: u64 = 696_219_795;
    const C: f64 = 5.42857142857142815906e-01;
    const D: f64 = -7.05306122448979611050e-01;
    const E: f64 = 1.41428571428571436819e+00;
    const F: f64 = 1.60714285714285720630e+00;
    const G: f64 = 3.57142857142857150787e-01;
    if x == 0.0 || x.is_nan() || x.is_infinite() {
        return x;
    }
    let (mut x, mut sign) = (x, false);
    if x < 0.0 {
        x = -x;
        sign = true;
    }
    let mut t = f64::from_bits(x.to_bits() / 3 + (B1 << 32));
    if x < f64::MIN_POSITIVE {
        t = (1u64 << 54) as f64;
        t *= x;
        t = f64::from_bits(t.to_bits() / 3 + (B2 << 32));
    }
    let mut r = t * t / x;
    let mut s = C + r * t;
    t *= G + F / (s + E + D / s);
    t = f64::from_bits((t.to_bits() & (0xF_FFFF_FFFC << 28)) + (1 << 30));
    s = t * t;
    r = x / s;
    let w = t + t;
    r = (r - t) / (w + r);
    t += t * r;
    if sign {
        -t
    } else {
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn special_cases_are_go_s() {
        assert_eq!(exp(f64::NEG_INFINITY), 0.0);
        assert_eq!(exp(1000.0), f64::INFINITY);
        assert_eq!(exp(-1000.0), 0.0);
        assert_eq!(exp(0.0), 1.0);
        assert_eq!(log(0.0), f64::NEG_INFINITY);
        assert!(log(-1.0).is_nan());
        assert_eq!(log(1.0), 0.0);
        assert_eq!(pow(2.0, 10.0), 1024.0);
        assert!(pow(-8.0, 1.0 / 3.0).is_nan());
        assert_eq!(cbrt(27.0), 3.0);
        assert_eq!(hypot(3.0, 4.0), 5.0);
        assert_eq!(sin(0.0), 0.0);
        assert!(sin(f64::INFINITY).is_nan());
        assert_eq!(frexp(8.0), (0.5, 4));
        assert_eq!(ldexp(0.5, 4), 8.0);
        assert_eq!(modf(-3.25), (-3.0, -0.25));
    }
}
