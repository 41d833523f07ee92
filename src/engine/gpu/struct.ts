/** Packs a kernel parameter object into uniform bytes in its layout's field order (4 bytes a field, 16-byte size). */
import type { StructLayout, StructValues } from '../../model/kernel-params';

export function structSize(layout: StructLayout): number {
  return Math.ceil((Object.keys(layout).length * 4) / 16) * 16;
}

export function packStruct<L extends StructLayout>(layout: L, values: StructValues<L>): ArrayBuffer {
  const buf = new ArrayBuffer(structSize(layout));
  const view = new DataView(buf);
  Object.entries(layout).forEach(([name, type], k) => {
    const value = values[name as keyof L];
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`struct field ${name} is ${value}`);
    if (type === 'f32') view.setFloat32(4 * k, value, true);
    else if (type === 'i32') view.setInt32(4 * k, value, true);
    else view.setUint32(4 * k, value, true);
  });
  return buf;
}
