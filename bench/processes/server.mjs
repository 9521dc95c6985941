// A bench server node: raw Socket.IO or opwire on an HTTP server on 127.0.0.1
// (or on the loopback address the parent names).
import { createServer } from 'node:http';
import { cpuMsSince } from '../lib/clock.mjs';
import { capacityTask } from '../server/capacityTask.mjs';
import { startFanout } from '../server/fanoutSender.mjs';
import { createFlavor } from '../server/flavor.mjs';
import { settledMemory } from '../server/memoryProbe.mjs';
import { startProgressStorm } from '../server/progressStorm.mjs';
import { resumeTask } from '../server/resumeTask.mjs';
import { childConfig, exitWithParent, serve } from './serve.mjs';

exitWithParent();
const config = childConfig();
const httpServer = createServer();
const flavor = await createFlavor(config.flavor, httpServer, config);
await new Promise((resolve) =>
  httpServer.listen(0, config.host ?? '127.0.0.1', () => resolve(undefined)),
);
const address = /** @type {import('node:net').AddressInfo} */ (httpServer.address());

/** @type {ReturnType<typeof startFanout> | undefined} */
let fanout;
/** @type {ReturnType<typeof startProgressStorm> | undefined} */
let storm;
const resume = resumeTask(flavor);
const capacity = config.capacity ? capacityTask(flavor, config.capacity) : null;

serve(
  {
    connections: () => flavor.connections(),
    'redis.commands': () => flavor.redisCommands(),
    cpu: () => cpuMsSince({ user: 0, system: 0 }),
    memory: () => settledMemory(),
    'fanout.start': (plan) => {
      fanout = startFanout(flavor, plan);
    },
    credit: (credit) => fanout?.credit(credit),
    'fanout.sent': () => fanout?.sent,
    'storm.start': (plan) => {
      storm = startProgressStorm(flavor, plan);
      return { startedAt: storm.startedAt };
    },
    'storm.finished': () => storm?.finished,
    'resume.start': (args) => resume.start(args),
    'resume.miss': (args) => resume.miss(args),
    'capacity.prepare': () => capacity?.prepare(),
    'capacity.send': (plan) => capacity?.send(plan),
    close: async () => {
      await flavor.close();
      httpServer.close();
    },
  },
  { host: address.address, port: address.port, path: flavor.path },
);
