// Checks what each package would publish: publint --strict and attw --pack.
import { spawnSync } from 'node:child_process';

const packages = [
  'packages/protocol',
  'packages/server-sdk',
  'packages/client-sdk',
  'packages/react-bindings',
  'packages/nest',
];

let failed = 0;
for (const dir of packages) {
  for (const [tool, args] of [
    ['publint', ['publint', '--strict', dir]],
    ['attw', ['attw', '--pack', dir, '--format', 'table-flipped']],
  ]) {
    const result = spawnSync('npx', ['--no-install', ...args], { stdio: 'inherit' });
    if (result.status !== 0) {
      console.error(`check:packages: ${tool} failed for ${dir}`);
      failed += 1;
    }
  }
}
process.exit(failed === 0 ? 0 : 1);
