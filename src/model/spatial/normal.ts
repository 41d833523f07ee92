/**
 * The standard normal distribution function and its inverse, to double
 * precision: the agent maps its Rayleigh-distributed speed to a normal
 * variable and back every step (RatInABox utils.rayleigh_to_normal /
 * normal_to_rayleigh, which use scipy.stats.norm), so the pair must be exact
 * inverses or the speed would drift.
 */

const LN_SQRT_2PI = 0.9189385332046728; // ln √(2π)

/**
 * Φ(x) by Marsaglia's Taylor series, Φ(x) = ½ + φ(x) (x + x³/3 + x⁵/(3·5) + …)
 * (G. Marsaglia 2004, J Stat Softw 11(4)); absolute error ~1e-16 for |x| < 8,
 * saturated to 0 or 1 beyond (where Φ differs from them by < 1e-15).
 */
export function normalCdf(x: number): number {
  if (x < -8) return 0;
  if (x > 8) return 1;
  const q = x * x;
  let s = x, t = 0, b = x, i = 1;
  while (s !== t) {
    t = s;
    i += 2;
    b *= q / i;
    s = t + b;
  }
  return 0.5 + s * Math.exp(-0.5 * q - LN_SQRT_2PI);
}

/**
 * Φ⁻¹(p) for p ∈ (0, 1): P. J. Acklam's rational approximation (relative
 * error < 1.15e-9) refined by one Halley step against `normalCdf`, which makes
 * it the inverse of `normalCdf` to ~1e-15.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile: p must lie in (0, 1), got ${p}`);
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const pLow = 0.02425;
  let x: number;
  if (p < pLow || p > 1 - pLow) {
    const q = Math.sqrt(-2 * Math.log(p < pLow ? p : 1 - p));
    const v = (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
    x = p < pLow ? v : -v;
  } else {
    const q = p - 0.5, r = q * q;
    x = ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
      (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
  }
  const e = normalCdf(x) - p;
  const u = e * Math.exp(0.5 * x * x + LN_SQRT_2PI);
  return x - u / (1 + 0.5 * x * u);
}
