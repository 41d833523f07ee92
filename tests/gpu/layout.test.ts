// Layouts and wiring: every WGSL parameter struct matches its TS layout (names,
// types, 4-byte offsets in order), and every kernel's bindings match KERNELS.
import { describe, expect, it } from 'vitest';
import { WgslReflect } from 'wgsl_reflect';
import {
  CHUNK_LAYOUT, CLOCK_LAYOUT, DELIVER_DENSE_LAYOUT, FUSED_LIMITS, FUSED_SLOT_BYTES, FUSED_STEP_LAYOUT, GATHER_EXPAND_LAYOUT, GATHER_MODES_LAYOUT, LIF_UPDATE_LAYOUT, MAX_BATCH, STATE_PROBE_LAYOUT,
  type StructLayout,
} from '../../src/model/kernel-params';
import { FUSED_ARENAS, FUSED_SLOT_OFFSETS } from '../../src/engine/gpu/fused-step';
import { SHADERS } from '../../src/engine/gpu/shaders';
import { KERNELS, READ_ONLY_ARENAS } from '../../src/engine/gpu/kernels';
import { BATCHED_KERNELS, type KernelName } from '../../src/engine/plan';
import { batchSize, structSize } from '../../src/engine/gpu/struct';

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
      const reflect = new WgslReflect(spec.shader);
      const params = reflect.uniforms.find((u) => u.group === 1 && u.binding === 0);
      expect(params, 'group 1 binding 0 is the parameter uniform').toBeDefined();
      if (BATCHED_KERNELS.has(kernel as KernelName)) {
        // a batch (shaders/common/batch.wgsl, packBatch): MAX_BATCH first workgroups, then MAX_BATCH slots of structSize bytes
        // (wgsl_reflect's array strides ignore @size, so the slot size is checked on its own)
        expect(params!.type.name).toBe('Batch');
        expect(structOf(spec.shader, 'Batch').members.map((m) => [m.name, m.offset])).toEqual([['first', 0], ['slots', 4 * MAX_BATCH]]);
        const slot = structOf(spec.shader, 'BatchSlot');
        expect(slot.size, 'BatchSlot bytes').toBe(structSize(spec.params));
        expect(4 * MAX_BATCH + MAX_BATCH * slot.size).toBe(batchSize(spec.params));
        expectMatches(spec.shader, slot.members[0]!.type.name, spec.params);
      } else {
        expectMatches(spec.shader, params!.type.name, spec.params);
      }
      expectMatches(spec.shader, 'Clock', CLOCK_LAYOUT);
      expectMatches(spec.shader, 'Chunk', CHUNK_LAYOUT);
      // storage bindings 1.. are the declared arenas, read-only exactly where KERNELS says
      const storage = reflect.storage.filter((b) => b.group === 1).sort((a, b) => a.binding - b.binding);
      expect(storage.map((b) => b.binding)).toEqual(spec.arenas.map((_, k) => k + 1));
      storage.forEach((b, k) => {
        const readOnly = READ_ONLY_ARENAS.has(spec.arenas[k]!);
        expect(b.access === 'read', `${kernel} binding ${b.binding} (${spec.arenas[k]}) access`).toBe(readOnly);
      });
    });
  }
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
