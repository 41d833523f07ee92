// Engine plan: derived kernel parameters follow the scenario (fixed-point scales, neuromodulators, live patches),
// and the dispatches the parameters select.
import { describe, expect, it } from 'vitest';
import { activeDispatches, dispatchPhases, fixedPointScale, kernelParams, layoutNetwork, MAX_PHASE_MEMBERS, PHASE_STAGES, PROBE_KERNELS, SLOW_KERNELS } from '../../src/engine/plan';
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

  it('a live patch of a projection (weight, rule parameters) reaches its kernels through the layout built before it', () => {
    const doc = shippedDocument('place-map-formation');
    const layout = layoutNetwork(parseScenario(doc), 100);
    const patched = parseScenario(applyPatch(doc, { 'projections.GP.weight': 3.84, 'projections.GP.plasticity.etaP': 2, 'projections.GP.plasticity.gain': 0.5 }));
    const [p0, p1] = [kernelParams(layout, parseScenario(doc)), kernelParams(layout, patched)];
    const gp = layout.projections.findIndex((pr) => pr.spec.id === 'GP');
    // the delivered weight in pA per unit efficacy (fixed-point weight × the accumulator's inverse scale)
    const weight = (p: typeof p0) => p.deliverPlastic.get(gp)!.weightScale * p.lifUpdate.get(layout.projections[gp]!.post.index)!.invScaleAmpa;
    expect(weight(p1)).toBeCloseTo(weight(p0) / 2, 9);
    expect(p1.plasticity.get(gp)!.gammaP).toBeCloseTo(2 * patched.dt, 12);
    expect(p1.plasticity.get(gp)!.gain).toBe(0.5);
  });
});

describe('the dispatches the parameters select', () => {
  const doc = shippedDocument('place-map-formation');
  const layout = layoutNetwork(parseScenario(doc), 100);
  const running = (patch: Record<string, number>) => {
    const active = activeDispatches(layout, kernelParams(layout, parseScenario(applyPatch(doc, patch))));
    return layout.dispatches.filter((_, k) => active[k]).map((d) => d.kernel);
  };

  it('place-map-formation (etaP = etaD = 0) updates the inputs of cells that spiked instead of sweeping its 10^7 synapses', () => {
    expect(layout.dispatches.filter((d) => d.kernel === 'plasticityEvents').map((d) => d.label)).toEqual([
      'plasticityEvents GP (nmdaHebbian), the inputs of the cells that spiked, in place of the sweep while etaP = etaD = 0',
    ]);
    expect(running({})).toContain('plasticityEvents');
    expect(running({})).not.toContain('plasticity');
    expect(running({}).length, 'everything else runs').toBe(layout.dispatches.length - 1);
  });

  it('etaP or etaD > 0 (live) brings back the sweep', () => {
    for (const patch of [{ 'projections.GP.plasticity.etaP': 1 }, { 'projections.GP.plasticity.etaD': 0.2 }] as Record<string, number>[]) {
      expect(running(patch)).toContain('plasticity');
      expect(running(patch)).not.toContain('plasticityEvents');
    }
  });

  it('a probe of the calcium signal c keeps the sweep (every synapse\'s c every step), without an event-driven form', () => {
    const probed = applyPatch(doc, {});
    (probed as { probes: unknown[] }).probes.push({ id: 'c', kind: 'synapse', projection: 'GP', variable: 'c', indices: [0] });
    const l = layoutNetwork(parseScenario(probed), 100);
    expect(l.dispatches.map((d) => d.kernel)).not.toContain('plasticityEvents');
    expect(activeDispatches(l, kernelParams(l, parseScenario(probed))).every(Boolean)).toBe(true);
  });
});

describe('the step as the GPU encodes it (dispatchPhases)', () => {
  it('place-map-formation: 4 dispatches a step for the plan\'s 11 (the deliveries, the population updates, the trace sides, the rule and the rate map as one each); 5 with the sweep', () => {
    const s = parseScenario(shippedDocument('place-map-formation'));
    const layout = layoutNetwork(s, 100);
    const labels = (phases: number[][]) => phases.filter(([k]) => !('everySteps' in layout.dispatches[k!]!)).map((b) => b.map((k) => layout.dispatches[k]!.label.split(' (')[0]));
    const head = [['deliverPlastic GP', 'deliverSparse PI', 'deliverDense FF', 'deliverDense IP'], ['gridUpdate G', 'lifUpdate P', 'lifUpdate I'], ['traceUpdate GP', 'traceUpdate GP']];
    expect(labels(dispatchPhases(layout, activeDispatches(layout, kernelParams(layout, s))))).toEqual([...head, ['plasticityEvents GP', 'mapAccumulate mapsP']]);
    // a live etaP > 0 needs the sweep, a kernel of its own, and the rate map runs alone
    const swept = parseScenario(applyPatch(shippedDocument('place-map-formation'), { 'projections.GP.plasticity.etaP': 0.01 }));
    expect(labels(dispatchPhases(layout, activeDispatches(layout, kernelParams(layout, swept))))).toEqual([...head, ['plasticity GP'], ['mapAccumulate mapsP']]);
  });

  it('working-memory-ring: 3 dispatches a step for the plan\'s 8 (deliveries with the Fourier modes, the expansions into E and I, the LIF updates)', () => {
    const s = parseScenario(shippedDocument('working-memory-ring'));
    const layout = layoutNetwork(s, 100);
    expect(dispatchPhases(layout, activeDispatches(layout, kernelParams(layout, s))).map((b) => b.map((k) => layout.dispatches[k]!.label.split(' (')[0]))).toEqual([
      ['deliverDense IE', 'deliverDense II', 'gatherModes EE', 'gatherModes EI'], ['gatherExpand EE', 'gatherExpand EI'], ['lifUpdate E', 'lifUpdate I'],
    ]);
  });

  it('ltp-ltd-balance: 4 dispatches a step for the plan\'s 30 (spike sources and LIF populations updated together, the four rules\' sweeps together)', () => {
    const s = parseScenario(shippedDocument('ltp-ltd-balance'));
    const layout = layoutNetwork(s, 100);
    const everyStep = (k: number) => !('everySteps' in layout.dispatches[k]!);
    const phases = dispatchPhases(layout, activeDispatches(layout, kernelParams(layout, s))).filter(([k]) => everyStep(k!));
    expect(layout.dispatches.filter((_, k) => everyStep(k))).toHaveLength(30);
    expect(phases.map((b) => [...new Set(b.map((k) => layout.dispatches[k]!.kernel))])).toEqual([
      ['deliverPlastic', 'deliverSparse'], ['sourceUpdate', 'lifUpdate'], ['traceUpdate'], ['plasticity'],
    ]);
  });

  it('keeps gathers into one population in phases of their own (they add into one input)', () => {
    const doc = shippedDocument('working-memory-ring') as { projections: { id: string; to: string }[] };
    // a second NMDA projection into E: its gather adds to EE's
    doc.projections.push({ ...structuredClone(doc.projections.find((p) => p.id === 'EE')!), id: 'EE2' });
    const s = parseScenario(doc);
    const layout = layoutNetwork(s, 100);
    const gathers = dispatchPhases(layout, activeDispatches(layout, kernelParams(layout, s))).filter((b) => layout.dispatches[b[0]!]!.kernel === 'gatherExpand');
    expect(gathers.map((b) => b.map((k) => layout.dispatches[k]!.label.split(' (')[0]))).toEqual([['gatherExpand EE', 'gatherExpand EI'], ['gatherExpand EE2']]);
    expect(layout.projections.find((p) => p.spec.id === 'EE2')!.accumulate).toBe(true);
  });

  it('joins only consecutive dispatches of one stage, at most MAX_PHASE_MEMBERS, and keeps the plan\'s order', () => {
    const doc = shippedDocument('ei-network') as { populations: { id: string }[] };
    // more LIF populations in a row than a phase holds
    const many = structuredClone(doc);
    many.populations.push(...Array.from({ length: MAX_PHASE_MEMBERS }, (_, k) => ({ ...structuredClone(doc.populations[0]!), id: `extra${k}` })));
    const layout = layoutNetwork(parseScenario(many), 100);
    const phases = dispatchPhases(layout, layout.dispatches.map(() => true));
    expect(phases.flat()).toEqual(layout.dispatches.map((_, k) => k));
    for (const b of phases) {
      const kernels = b.map((k) => layout.dispatches[k]!.kernel);
      expect(b.length === 1 || kernels.every((k) => PHASE_STAGES[k] !== undefined && PHASE_STAGES[k] === PHASE_STAGES[kernels[0]!])).toBe(true);
      expect(b.length).toBeLessThanOrEqual(MAX_PHASE_MEMBERS);
      expect(b.every((k, m) => m === 0 || k === b[m - 1]! + 1)).toBe(true);
    }
    expect(phases.filter((b) => layout.dispatches[b[0]!]!.kernel === 'lifUpdate').map((b) => b.length)).toEqual([MAX_PHASE_MEMBERS, layout.populations.length - MAX_PHASE_MEMBERS]);
  });

  it('a stage\'s kernels agree on the fast-forward\'s and the probes\' filters (the backend filters a phase by its first member)', () => {
    const byStage = new Map<string, string[]>();
    for (const [kernel, stage] of Object.entries(PHASE_STAGES)) byStage.set(stage, [...(byStage.get(stage) ?? []), kernel]);
    for (const kernels of byStage.values()) {
      for (const set of [SLOW_KERNELS, PROBE_KERNELS] as ReadonlySet<string>[]) expect(new Set(kernels.map((k) => set.has(k))).size).toBe(1);
      // the sweep (10^7 invocations in the place map) shares a phase only with other sweeps
      if (kernels.includes('plasticity')) expect(kernels).toEqual(['plasticity']);
    }
  });
});
