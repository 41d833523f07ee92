// Makes sure what `npm test` needs outside node_modules is present:
// Debian's chromium (headless end-to-end tests, and its SwiftShader Vulkan
// driver, which gives Dawn a software WebGPU adapter) and the Vulkan loader.
// As root on Debian it installs them with apt-get; otherwise it says exactly what to install.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const needs = [
  ['/usr/bin/chromium', 'chromium'],
  ['/usr/lib/chromium/vk_swiftshader_icd.json', 'chromium'],
];
const hasVulkanLoader = () => {
  try {
    return execSync('ldconfig -p', { encoding: 'utf8' }).includes('libvulkan.so.1');
  } catch {
    return false;
  }
};

const missing = new Set(needs.filter(([path]) => !existsSync(path)).map(([, pkg]) => pkg));
if (!hasVulkanLoader()) missing.add('libvulkan1');

if (missing.size > 0) {
  const packages = [...missing].join(' ');
  const isRoot = process.getuid?.() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log(`npm test: installing ${packages} (Debian packages, about 2 minutes)…`);
    execSync(`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${packages} >/dev/null`, { stdio: 'inherit' });
  } else {
    console.error(`npm test needs Debian's ${packages}: run  sudo apt-get install -y ${packages}`);
    process.exit(1);
  }
}
