// Builds the packages in dependency order: protocol first, then the SDKs, then the bindings
// and the Nest module.
import { spawnSync } from 'node:child_process';

const order = [
  ['@opwire/protocol'],
  ['@opwire/server', '@opwire/client'],
  ['@opwire/react', '@opwire/nest'],
];

for (const group of order) {
  for (const name of group) {
    const result = spawnSync('npm', ['run', 'build', '--silent', '-w', name], { stdio: 'inherit' });
    if (result.status !== 0) {
      console.error(`build: ${name} failed`);
      process.exit(result.status ?? 1);
    }
  }
}
