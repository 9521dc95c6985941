// Starts an example as a real child process and finds the URL it prints.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { freePort } from '@opwire/test-kit/freePort';
import { examplePath } from './paths.js';

export interface ExampleProcess {
  /** The base URL the process printed, e.g. http://127.0.0.1:40123 ('' for a worker). */
  readonly url: string;
  readonly port: number;
  /** Everything the process printed so far. */
  output(): string;
  /** SIGTERM, then SIGKILL if it does not exit within 5 s. */
  stop(): Promise<void>;
  /** SIGKILL at once, as a crash would. */
  kill(): Promise<void>;
}

export interface StartOptions {
  /** Folder under `examples/`. */
  example: string;
  /** Arguments to `node`, e.g. ['--import', 'tsx', 'src/server.ts']. */
  args: string[];
  env?: Record<string, string>;
  /** What the process prints once it is ready; a first capture group starting with `http` is its URL. */
  ready?: RegExp;
  /** Port to use; a free one by default. */
  port?: number;
}

/** Starts `node …args` in the example's folder with PORT set and waits until it says it listens. */
export async function startExample(options: StartOptions): Promise<ExampleProcess> {
  const port = options.port ?? (await freePort());
  const child = spawn(process.execPath, options.args, {
    cwd: examplePath(options.example),
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = options.ready ?? /listening on (http:\/\/\S+)/;
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match) resolve(match[1]?.startsWith('http') ? match[1] : '');
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code, signal) =>
      reject(
        new Error(`${options.example} exited (${code ?? signal}) before it was ready:\n${output}`),
      ),
    );
    child.once('error', reject);
  });
  return {
    url: url.replace(/\/$/, ''),
    port,
    output: () => output,
    stop: () => stopChild(child),
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    },
  };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
