/**
 * exp(x) for the CPU backend's hot loops, inlinable by V8 (Math.exp is a call
 * into C++ there, about 15 ns per neuron step on this project's VM; this is a
 * few multiply-adds). Range reduction x = k ln2 + r, |r| ≤ ln2/2, then the
 * degree-7 Taylor polynomial of e^r (Estrin's scheme), scaled by 2^k from a table: relative
 * error below 1e-8 for every finite x (the Taylor remainder is
 * (ln2/2)^8 / 8! · e^(ln2/2) ≈ 7.4e-9), a quarter of f32's half-ULP (2^-25 ≈ 3e-8).
 * The GPU path evaluates exp in f32 (WGSL allows 3 + 2|x| ULP), so this is at
 * least as accurate as the kernels it is the reference for (tests/model/exp.test.ts).
 */
const LN2_HI = 0.6931471803691238; // ln 2 split so that k · LN2_HI is exact for |k| < 2^11
const LN2_LO = 1.9082149292705877e-10;
const MIN_EXPONENT = -1022;
const MAX_EXPONENT = 1023;
/** 2^k for k in [MIN_EXPONENT, MAX_EXPONENT], normal doubles only */
const POW2 = Float64Array.from({ length: MAX_EXPONENT - MIN_EXPONENT + 1 }, (_, i) => 2 ** (i + MIN_EXPONENT));

export function expPoly(x: number): number {
  const k = Math.floor(x * Math.LOG2E + 0.5); // nearest, ties up; as wasm/lif-update.ts computes it
  // Outside the table (|x| > ~708: under- or overflow) and NaN: the library function.
  if (!(k > MIN_EXPONENT && k < MAX_EXPONENT)) return Math.exp(x);
  const r = x - k * LN2_HI - k * LN2_LO;
  // Estrin's scheme (a shorter dependency chain than Horner's, same polynomial; wasm/lif-update.ts evaluates it so too)
  const r2 = r * r;
  const r4 = r2 * r2;
  const p = 1 + r + r2 * (1 / 2 + r * (1 / 6)) + r4 * (1 / 24 + r * (1 / 120) + r2 * (1 / 720 + r * (1 / 5040)));
  return p * POW2[k - MIN_EXPONENT]!;
}
