/**
 * WebGPU in Node through Dawn's `webgpu` package (tests, CLI, benchmark).
 * Never imported by browser code.
 *
 * Dawn bug (TOOLCHAIN.md): if the object returned by create() is garbage
 * collected, later calls crash at random, so one instance is kept reachable
 * for the whole process. Without a GPU, point Vulkan at SwiftShader before
 * this module loads: VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json
 * (scripts/gpu-env.mjs does this for npm scripts).
 */
import { create, globals } from 'webgpu';

let instance: GPU | undefined;

export function nodeGpu(): GPU {
  if (!instance) {
    Object.assign(globalThis, globals);
    instance = create([]) as GPU;
    (globalThis as { __engramDawn?: GPU }).__engramDawn = instance;
  }
  return instance;
}
