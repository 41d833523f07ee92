// Environment for Dawn in Node: SwiftShader's Vulkan driver when no other ICD is chosen.
// Imported first by vitest.config.ts and the CLI entry points, before `webgpu` loads.
import { existsSync } from 'node:fs';

const swiftshader = '/usr/lib/chromium/vk_swiftshader_icd.json';
if (!process.env.VK_ICD_FILENAMES && !process.env.VK_DRIVER_FILES && existsSync(swiftshader) && !existsSync('/dev/nvidia0')) {
  process.env.VK_ICD_FILENAMES = swiftshader;
}
process.env.XDG_RUNTIME_DIR ??= '/tmp';
