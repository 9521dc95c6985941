import { capacity } from './capacity.mjs';
import { clientCpu } from './clientCpu.mjs';
import { fanout } from './fanout.mjs';
import { idleConnections } from './idleConnections.mjs';
import { patternRegistry } from './patternRegistry.mjs';
import { progressStorm } from './progressStorm.mjs';
import { redisFanout } from './redisFanout.mjs';
import { resumeStorm } from './resumeStorm.mjs';

/** Every scenario, in the order of the issue; those marked `optIn` run only when named in `--only`. */
export const SCENARIOS = [
  fanout,
  progressStorm,
  idleConnections,
  patternRegistry,
  resumeStorm,
  redisFanout,
  capacity,
  clientCpu,
];
