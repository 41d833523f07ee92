// Layouts and wiring: every WGSL parameter struct matches its TS layout (names,
// types, 4-byte offsets in order), every kernel's bindings match KERNELS, and a phase's
// uniform matches its host packing.
import { describe, expect, it } from 'vitest';
import { WgslReflect } from 'wgsl_reflect';
import {
  ARENA_NAMES, CHUNK_LAYOUT, CLOCK_LAYOUT, DELIVER_DENSE_LAYOUT, FUSED_LIMITS, FUSED_SLOT_BYTES, FUSED_STEP_LAYOUT, GATHER_EXPAND_LAYOUT, GATHER_MODES_LAYOUT, LIF_UPDATE_LAYOUT, STATE_PROBE_LAYOUT,
  type StructLayout,
} from '../../src/model/kernel-params';
import { FUSED_ARENAS, FUSED_SLOT_OFFSETS } from '../../src/engine/gpu/fused-step';
import { SHADERS } from '../../src/engine/gpu/shaders';
import { KERNELS, READ_ONLY_ARENAS } from '../../src/engine/gpu/kernels';
import { activeDispatches, dispatchPhases, type KernelName, kernelParams, layoutNetwork, PHASE_STAGES } from '../../src/engine/plan';
import { packPhase, phaseArenas, phaseOffsets, phaseShader } from '../../src/engine/gpu/phase';
import { structSize } from '../../src/engine/gpu/struct';
import { shippedDocument, shippedIds } from '../../src/scenario/registry';
import { parseScenario } from '../../src/scenario/validate';

function structOf(code: string, name: string) {
  const s = new WgslReflect(code).structs.find((x) => x.name === name);
  if (!s) throw new Error(`no struct ${name}`);
  return s;
}

function expectMatches(code: string, structName: string, layout: StructLayout) {
  const s = structOf(code, structName);
  expect(s.members.map((m) => m.name)).toEqual(Object.keys(layout));
  s.members.forEach((m, k) => {
    expect(m.type.name, `${structName}.${m.name}`).toBe(Object.values(layout)[k]);
    expect(m.offset, `${structName}.${m.name} offset`).toBe(4 * k);
  });
  expect(structSize(layout)).toBeGreaterThanOrEqual(s.size);
}

describe('WGSL structs match the TS layouts', () => {
  for (const [kernel, spec] of Object.entries(KERNELS)) {
    it(kernel, () => {
      // a phase kernel alone in its phase (src/engine/gpu/phase.ts)
      const code = 'shader' in spec ? spec.shader : phaseShader([{ kernel: kernel as KernelName, workgroups: 1 }]);
      const reflect = new WgslReflect(code);
      const params = reflect.uniforms.find((u) => u.group === 1 && u.binding === 0);
      expect(params, 'group 1 binding 0 is the parameter uniform').toBeDefined();
      if ('phase' in spec) {
        expect(params!.type.name).toBe('PhaseParams');
        expect(structOf(code, 'PhaseParams').members.map((m) => [m.type.name, m.offset])).toEqual([[spec.phase.struct, 0]]);
        expectMatches(code, spec.phase.struct, spec.params);
      } else {
        expectMatches(code, params!.type.name, spec.params);
      }
      expectMatches(code, 'Clock', CLOCK_LAYOUT);
      expectMatches(code, 'Chunk', CHUNK_LAYOUT);
      // storage bindings: a kernel of its own module declares its arenas at 1.., read-only exactly where KERNELS says;
      // a phase declares every arena at its fixed binding (the next test)
      const storage = reflect.storage.filter((b) => b.group === 1).sort((a, b) => a.binding - b.binding);
      const declared = 'phase' in spec ? ARENA_NAMES : spec.arenas;
      expect(storage.map((b) => b.binding)).toEqual(declared.map((_, k) => k + 1));
      if ('phase' in spec) expect(storage.map((b) => b.name)).toEqual(ARENA_NAMES);
      storage.forEach((b, k) => {
        const readOnly = READ_ONLY_ARENAS.has(declared[k]!);
        expect(b.access === 'read', `${kernel} binding ${b.binding} (${declared[k]}) access`).toBe(readOnly);
      });
      // the entry points the backend dispatches: main, or the kernel's passes in order
      const entries = reflect.entry.compute.map((e) => e.name);
      expect(entries).toEqual('shader' in spec && spec.passes ? [...spec.passes] : ['main']);
    });
  }
});

describe('phases (src/engine/gpu/phase.ts)', () => {
  it('every shipped scenario\'s phases: the module\'s parameter offsets are the host\'s, one member after another', () => {
    let multi = 0;
    for (const id of shippedIds()) {
      const scenario = parseScenario(shippedDocument(id));
      const layout = layoutNetwork(scenario, 100);
      for (const members of dispatchPhases(layout, activeDispatches(layout, kernelParams(layout, scenario)))) {
        const kernels = members.map((k) => layout.dispatches[k]!.kernel);
        if (!('phase' in KERNELS[kernels[0]!])) continue;
        multi += members.length > 1 ? 1 : 0;
        const code = phaseShader(kernels.map((kernel) => ({ kernel, workgroups: 3 })));
        const fields = structOf(code, 'PhaseParams').members;
        const offsets = phaseOffsets(kernels);
        expect(fields.map((m) => [m.type.name, m.offset]), id).toEqual(kernels.map((k, m) => [(KERNELS[k] as { phase: { struct: string } }).phase.struct, offsets[m]]));
        // the uniform buffer holds the last member's struct, and packPhase fills it
        expect(offsets.at(-1)).toBe(fields.at(-1)!.offset + structSize(KERNELS[kernels.at(-1)!].params));
        const values = kernels.map((k) => Object.fromEntries(Object.keys(KERNELS[k].params).map((f) => [f, 1])));
        expect(packPhase(kernels, values).byteLength).toBe(offsets.at(-1));
      }
    }
    expect(multi).toBeGreaterThan(0);
  });

  it('each stage\'s kernels are phase kernels that bind at most 8 arenas together (the default storage-buffer limit)', () => {
    const byStage = new Map<string, KernelName[]>();
    for (const [kernel, stage] of Object.entries(PHASE_STAGES)) byStage.set(stage, [...(byStage.get(stage) ?? []), kernel as KernelName]);
    for (const kernels of byStage.values()) {
      for (const k of kernels) expect('phase' in KERNELS[k], k).toBe(true);
      expect(phaseArenas(kernels).length).toBeLessThanOrEqual(8);
    }
  });
});

describe('the fused step matches its host packing', () => {
  const code = SHADERS.fusedStep;
  const reflect = new WgslReflect(code);

  it('header, slot sizes and slot array offsets', () => {
    expectMatches(code, 'FusedStepParams', FUSED_STEP_LAYOUT);
    expectMatches(code, 'Chunk', CHUNK_LAYOUT);
    const slots = { lif: ['LifSlot', LIF_UPDATE_LAYOUT], dense: ['DenseSlot', DELIVER_DENSE_LAYOUT], modes: ['ModesSlot', GATHER_MODES_LAYOUT], expand: ['ExpandSlot', GATHER_EXPAND_LAYOUT], probes: ['ProbeSlot', STATE_PROBE_LAYOUT] } as const;
    for (const [kind, [name, layout]] of Object.entries(slots)) {
      expect(structOf(code, name).size, `${name} bytes`).toBe(FUSED_SLOT_BYTES[kind as keyof typeof FUSED_SLOT_BYTES]);
      expect(structSize(layout), `${name} holds its kernel's parameters`).toBeLessThanOrEqual(FUSED_SLOT_BYTES[kind as keyof typeof FUSED_SLOT_BYTES]);
    }
    // the dense slot's fixed-point weight sits right after its 32 bytes of parameters
    expect(structOf(code, 'DenseSlot').members.map((m) => [m.name, m.offset])).toEqual([['q', 0], ['weight', 32]]);
    // FusedSlots: the arrays one after another, each MAX_… slots of the reflected slot size
    // (wgsl_reflect's own array strides ignore @size, so the offsets are summed here; the GPU tests prove them in use)
    const members = structOf(code, 'FusedSlots').members;
    const count = (m: (typeof members)[number]) => (m.type as unknown as { count: number }).count;
    expect(members.map(count)).toEqual([FUSED_LIMITS.MAX_FUSED_POPULATIONS, FUSED_LIMITS.MAX_FUSED_DELIVERIES, FUSED_LIMITS.MAX_FUSED_GATHERS, FUSED_LIMITS.MAX_FUSED_GATHERS, FUSED_LIMITS.MAX_FUSED_PROBES]);
    let at = 0;
    const offsets = members.map((m) => {
      const slot = Object.values(slots).find(([name]) => name === (m.type as unknown as { format?: { name: string } }).format?.name)!;
      const entry = [m.name, at] as const;
      at += structOf(code, slot[0]).size * count(m);
      return entry;
    });
    expect(offsets).toEqual(Object.entries(FUSED_SLOT_OFFSETS).filter(([k]) => k !== 'total'));
    expect(at).toBe(FUSED_SLOT_OFFSETS.total);
  });

  it('bindings', () => {
    const storage = reflect.storage.filter((b) => b.group === 1).sort((a, b) => a.binding - b.binding);
    expect(storage.map((b) => b.binding)).toEqual(FUSED_ARENAS.map((_, k) => k + 1));
    storage.forEach((b, k) => expect(b.access === 'read', `binding ${b.binding} (${FUSED_ARENAS[k]}) access`).toBe(READ_ONLY_ARENAS.has(FUSED_ARENAS[k]!)));
    const uniforms = reflect.uniforms.filter((u) => u.group === 1).map((u) => [u.binding, u.type.name]);
    expect(uniforms).toEqual([[0, 'FusedStepParams'], [FUSED_ARENAS.length + 1, 'FusedSlots']]);
  });
});
