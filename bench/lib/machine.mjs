import { spawnSync } from 'node:child_process';
import { cpus, loadavg, release, totalmem } from 'node:os';

/** The machine a run happened on, for the top of the report. */
export function machineInfo() {
  const cores = cpus();
  return {
    cores: cores.length,
    cpu: cores[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${process.platform} ${release()}`,
    openFiles: openFilesLimit(),
    loadAverage: loadavg().map((value) => Math.round(value * 100) / 100),
  };
}

/** The soft limit on open files that child processes inherit. */
export function openFilesLimit() {
  const result = spawnSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : 'unknown';
}
