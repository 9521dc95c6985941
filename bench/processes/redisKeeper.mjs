// Runs a private redis-server for one bench run and takes it down with it:
// when the bench process goes away (even killed), this keeper kills Redis.
import { spawn } from 'node:child_process';
import { childConfig, exitWithParent, serve } from './serve.mjs';

const { port } = childConfig();
const redis = spawn(
  'redis-server',
  ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
  { stdio: ['ignore', 'pipe', 'pipe'] },
);
const stop = () => {
  if (redis.exitCode === null && redis.signalCode === null) redis.kill('SIGKILL');
};
process.on('exit', stop);
process.on('disconnect', stop);
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));
exitWithParent();
redis.on('exit', (code) => {
  console.error(`redis-server exited with code ${code}`);
  process.exit(1);
});

let output = '';
await new Promise((resolve) => {
  const onData = (/** @type {Buffer} */ chunk) => {
    output += chunk.toString();
    if (output.includes('Ready to accept connections')) {
      redis.stdout.off('data', onData);
      redis.stdout.resume();
      resolve(undefined);
    }
  };
  redis.stdout.on('data', onData);
  redis.stderr.on('data', (chunk) => process.stderr.write(chunk));
});
serve({}, { url: `redis://127.0.0.1:${port}` });
