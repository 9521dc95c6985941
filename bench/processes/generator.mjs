// The load generator: every bench client, in one process of its own.
import { clientFlavor } from '../client/clientFlavor.mjs';
import { receiveFanout } from '../client/fanoutReceiver.mjs';
import { openClients } from '../client/openClients.mjs';
import { followForResume } from '../client/resumeFollower.mjs';
import { followStorm } from '../client/stormFollower.mjs';
import { childConfig, emitToParent, exitWithParent, serve } from './serve.mjs';

exitWithParent();
const flavor = await clientFlavor(childConfig().flavor);
/** @type {import('../client/openClients.mjs').BenchClient[]} */
const clients = [];
/** @type {ReturnType<typeof receiveFanout> | undefined} */
let fanout;
/** @type {ReturnType<typeof followStorm> | undefined} */
let storm;
/** @type {ReturnType<typeof followForResume> | undefined} */
let resume;

serve(
  {
    async connect(plan) {
      const opened = await openClients(flavor, { ...plan, firstIndex: clients.length });
      clients.push(...opened.clients);
      return { ms: opened.ms, count: opened.clients.length };
    },
    async join({ prefix, roomCount }) {
      await Promise.all(clients.map((c, k) => flavor.join(c.socket, `${prefix}${k % roomCount}`)));
    },
    'fanout.expect'(plan) {
      fanout = receiveFanout(clients, flavor, {
        ...plan,
        onCredit: (completed) => emitToParent('credit', { completed }),
        onWarm: () => emitToParent('warm', null),
      });
    },
    async 'fanout.result'() {
      await fanout?.done;
      return fanout?.result();
    },
    'storm.follow'({ calls }) {
      storm = followStorm(clients, flavor, { calls });
    },
    async 'storm.result'() {
      await storm?.done;
      return storm?.result();
    },
    'resume.follow'() {
      resume = followForResume(clients, flavor);
    },
    'resume.reached': ({ seq }) => resume?.reached(seq),
    'resume.drop': () => resume?.dropAll(),
    'resume.reconnect': ({ finalSeq, stallMs }) => resume?.reconnectAll(finalSeq, stallMs),
  },
  { pid: process.pid },
);
