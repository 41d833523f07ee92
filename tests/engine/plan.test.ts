// Engine plan: derived kernel parameters follow the scenario (fixed-point scales, neuromodulators).
import { describe, expect, it } from 'vitest';
import { fixedPointScale, kernelParams, layoutNetwork } from '../../src/engine/plan';
import { applyPatch } from '../../src/scenario/patch';
import { shippedDocument } from '../../src/scenario/registry';
import { parseScenario } from '../../src/scenario/validate';

describe('kernel parameters', () => {
  it('the D1 factor scales NMDA and GABA_A weights and nothing else', () => {
    const base = parseScenario(shippedDocument('ei-network'));
    const d1 = parseScenario(applyPatch(shippedDocument('ei-network'), { 'modulators.dopamineD1': 1.5 }));
    const layout = layoutNetwork(base, 100);
    const [p0, p1] = [kernelParams(layout, base), kernelParams(layout, d1)];
    const weight = (p: typeof p0, i: number) => p.deliverSparse.get(i)!.weight * (i < 2 ? p.lifUpdate.get(i)!.invScaleAmpa : p.lifUpdate.get(i - 2)!.invScaleGaba);
    expect(weight(p1, 0)).toBeCloseTo(weight(p0, 0), 4); // EE, AMPA
    expect(weight(p1, 2)).toBeCloseTo(1.5 * weight(p0, 2), 3); // IE, GABA
  });

  it('fixed-point scales keep a step\'s worst-case input below 2^30', () => {
    for (const bound of [1e-3, 1, 100, 5e4, 1e7]) {
      const scale = fixedPointScale(bound);
      expect(bound * scale).toBeLessThan(2 ** 30);
      expect(scale).toBeLessThanOrEqual(2 ** 24);
      expect(bound * scale * 2 > 2 ** 30 || scale === 2 ** 24).toBe(true);
    }
  });
});
