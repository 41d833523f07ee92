// Header words of the spike lists and spike records in their arenas (src/model/kernel-params.ts:
// SPIKE_HEADER, RECORD_HEADER). Prepended to every step kernel by src/engine/gpu/shaders.ts.
const SPIKE_HEADER = 4u;
const RECORD_HEADER = 4u;
