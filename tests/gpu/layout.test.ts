// Layouts and wiring: every WGSL parameter struct matches its TS layout (names,
// types, 4-byte offsets in order), and every kernel's bindings match KERNELS.
import { describe, expect, it } from 'vitest';
import { WgslReflect } from 'wgsl_reflect';
import { CHUNK_LAYOUT, CLOCK_LAYOUT, type StructLayout } from '../../src/model/kernel-params';
import { KERNELS, READ_ONLY_ARENAS } from '../../src/engine/gpu/kernels';
import { structSize } from '../../src/engine/gpu/struct';

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
      expectMatches(spec.shader, params!.type.name, spec.params);
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
