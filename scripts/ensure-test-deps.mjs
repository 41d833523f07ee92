// Makes sure what `npm test` needs outside node_modules is present:
// Debian's chromium (the headless end-to-end tests, and its SwiftShader Vulkan
// driver, which gives Dawn a software WebGPU adapter for the GPU tests) and
// the Vulkan loader (libvulkan1). As root on Debian it installs them with
// apt-get; otherwise it says exactly what to install and exits non-zero.
// When everything is present it only checks a few files.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';
const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

function hasVulkanLoader() {
  const dirs = ['/usr/lib', '/lib'];
  for (const base of ['/usr/lib', '/lib']) {
    try {
      for (const d of readdirSync(base)) if (d.endsWith('-linux-gnu')) dirs.push(`${base}/${d}`);
    } catch {
      // no such directory
    }
  }
  return dirs.some((d) => existsSync(`${d}/libvulkan.so.1`));
}

/** What is missing: the Debian package and the file that shows it. */
function missing() {
  const out = [];
  for (const file of [CHROMIUM, SWIFTSHADER_ICD]) if (!existsSync(file)) out.push({ pkg: 'chromium', file });
  if (!hasVulkanLoader()) out.push({ pkg: 'libvulkan1', file: 'libvulkan.so.1' });
  return out;
}

const before = missing();
if (before.length > 0) {
  const packages = [...new Set(before.map((m) => m.pkg))].join(' ');
  const files = before.map((m) => m.file).join(', ');
  const command = `apt-get install -y ${packages}`;
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    console.log(`npm test: installing Debian's ${packages} for ${files} (about 2 minutes on a fresh machine)…`);
    try {
      execSync(`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${packages} >/dev/null`, { stdio: 'inherit' });
    } catch {
      console.error(`npm test: apt-get could not install ${packages}; install them (${command}) and run npm test again`);
      process.exit(1);
    }
    const after = missing();
    if (after.length > 0) {
      console.error(`npm test: still missing after apt-get: ${after.map((m) => m.file).join(', ')}`);
      process.exit(1);
    }
  } else {
    console.error(`npm test needs Debian's ${packages} (missing: ${files}): run  sudo ${command}`);
    process.exit(1);
  }
}
