/** Typed failures the UI and CLI can explain (ARCHITECTURE.md, "Style"). */
export class WebGpuUnavailableError extends Error {
  override readonly name = 'WebGpuUnavailableError';
}

export class DeviceLostError extends Error {
  override readonly name = 'DeviceLostError';
  constructor(readonly reason: string, message: string) {
    super(message);
  }
}

/** The fused step was required (fuse: 'always') for a network that cannot run fused; reason says why. */
export class FuseUnavailableError extends Error {
  override readonly name = 'FuseUnavailableError';
  constructor(readonly reason: string) {
    super(`fuse 'always': this network does not fuse: ${reason}`);
  }
}

/** A patch touched a field that changes the network's structure; rebuild instead. */
export class StructuralChangeError extends Error {
  override readonly name = 'StructuralChangeError';
  constructor(readonly path: string) {
    super(`${path} changes the network structure: rebuild the engine to apply it`);
  }
}
