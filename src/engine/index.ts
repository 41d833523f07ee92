/** The engine's public entry point: build an engine for a scenario on the best available backend. */
export type { AgentDrive, Engine, EngineOptions, ProbeFrame, SpikeFrame, RateFrame, StateFrame, BumpFrame, FrameListener, ParamPatch, BackendKind } from './types';
export { WebGpuUnavailableError, DeviceLostError, FuseUnavailableError, StructuralChangeError } from './errors';
export { createEngine } from './create-engine';
