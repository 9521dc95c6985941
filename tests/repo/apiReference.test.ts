import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify, stripVTControlCharacters } from 'node:util';
import { expect, it } from 'vitest';

const run = promisify(execFile);

/** TypeDoc's output, whether it succeeded or failed (warnings are errors in typedoc.json). */
async function typedoc(args: string[]): Promise<string> {
  try {
    const { stdout, stderr } = await run('npx', ['--no-install', 'typedoc', ...args], {
      timeout: 180_000,
    });
    return stripVTControlCharacters(stdout + stderr);
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    return stripVTControlCharacters(stdout + stderr);
  }
}

// The validations are forced on here, so loosening typedoc.json cannot hide a regression.
it('builds the API reference without warnings (undocumented exports, broken links, unexported types)', async () => {
  const out = mkdtempSync(join(tmpdir(), 'opwire-api-'));
  try {
    const output = await typedoc([
      '--out',
      out,
      '--validation.notDocumented',
      'true',
      '--validation.invalidLink',
      'true',
      '--validation.notExported',
      'true',
    ]);
    const problems = output.split('\n').filter((line) => /\[(warning|error)\]/.test(line));
    expect(problems).toEqual([]);
    expect(output).toContain('html generated');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}, 200_000);
