/** Packs a kernel parameter object into uniform bytes in its layout's field order (4 bytes a field, 16-byte size). */
import { MAX_BATCH, type StructLayout, type StructValues } from '../../model/kernel-params';

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

/**
 * Packs a batch of one kernel's parameters (shaders/common/batch.wgsl): the first
 * workgroup of each slot (MAX_BATCH u32s, unused slots 0xffffffff), then MAX_BATCH
 * slots of structSize bytes.
 */
export function packBatch<L extends StructLayout>(layout: L, slots: readonly StructValues<L>[], firstWorkgroups: readonly number[]): ArrayBuffer {
  if (slots.length > MAX_BATCH || firstWorkgroups.length !== slots.length) throw new Error(`a batch holds 1 to ${MAX_BATCH} slots, each with its first workgroup`);
  const slotBytes = structSize(layout);
  const buf = new Uint8Array(batchSize(layout));
  const first = new Uint32Array(buf.buffer, 0, MAX_BATCH).fill(0xffffffff);
  first.set(firstWorkgroups);
  slots.forEach((values, k) => buf.set(new Uint8Array(packStruct(layout, values)), 4 * MAX_BATCH + k * slotBytes));
  return buf.buffer;
}

/** Bytes of a batch uniform of this layout. */
export function batchSize(layout: StructLayout): number {
  return 4 * MAX_BATCH + MAX_BATCH * structSize(layout);
}
