// Client CPU per delivered message, one series per process: a real server sends its packets
// to a recorder socket, then the same packets are handed to every receiving client (raw
// socket.io-client sockets or real @opwire/client instances) and the CPU time of delivering
// them is measured. Each series runs in a process of its own, as each page runs one client.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { SOCKET_EVENTS } from '@opwire/protocol';
import { openClients } from '../client/openClients.mjs';
import { opwireClient } from '../client/opwireClient.mjs';
import { recordPackets, replayPackets, withManager } from '../client/packetReplay.mjs';
import { rawClient } from '../client/rawClient.mjs';
import { sdkClient } from '../client/sdkClient.mjs';
import { cpuMsSince, now } from '../lib/clock.mjs';
import { createFlavor } from '../server/flavor.mjs';
import { childConfig, exitWithParent, serve } from './serve.mjs';

exitWithParent();
/** @type {{ series: string, clients: number, messages: number, warmupMessages: number }} */
const { series, clients, messages, warmupMessages } = childConfig();
const total = warmupMessages + messages;
const ROOM = 'bench:cpu';
const RECORDER_ROOM = 'bench:rec';

/** @param {'raw' | 'opwire'} name */
async function startServer(name) {
  const httpServer = createServer();
  const flavor = await createFlavor(name, httpServer, { progressIntervalMs: 0 });
  await new Promise((resolve) => httpServer.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (httpServer.address());
  return { flavor, url: `http://127.0.0.1:${port}` };
}

/** Counts deliveries heard by handlers and resolves when a given count is reached. */
function deliveryCounter() {
  let delivered = 0;
  let target = Number.POSITIVE_INFINITY;
  /** @type {() => void} */
  let reached = () => {};
  return {
    hear() {
      delivered += 1;
      if (delivered === target) reached();
    },
    /** @param {number} count deliveries to wait for, counted from now */
    until(count) {
      target = delivered + count;
      return new Promise((resolve) => {
        reached = () => resolve(undefined);
      });
    },
  };
}

const counter = deliveryCounter();
/** Hears what the fan-out's receivers hear: a `{ i, t }` tick, as itself or in `details`. */
const handler = (/** @type {string} */ topic, /** @type {any} */ payload) => {
  const tick = topic === 'bench.tick' ? payload : payload?.details;
  if (typeof tick?.i === 'number') counter.hear();
};

/**
 * @param {import('../client/clientFlavor.mjs').ClientFlavor} flavor
 * @param {string} url
 * @param {number} firstIndex
 * @param {number} count
 * @param {string} room
 */
async function openBare(flavor, url, firstIndex, count, room) {
  const opened = await openClients(flavor, { url, count, firstIndex, group: 0, concurrency: 20 });
  for (const client of opened.clients) await flavor.join(client.socket, room);
  return opened.clients.map((client) => client.socket);
}

/**
 * The `total` packets the server sends to a recorder socket of its own while `send` runs,
 * of those that pass `keep`.
 * @param {import('../client/clientFlavor.mjs').ClientFlavor} flavor
 * @param {string} url
 * @param {(data: string) => boolean} keep
 * @param {() => void} send
 */
async function record(flavor, url, keep, send) {
  const [socket] = await openBare(flavor, url, clients, 1, RECORDER_ROOM);
  const recorded = recordPackets(/** @type {any} */ (socket).io, total, keep);
  send();
  const packets = await recorded;
  socket.disconnect();
  return packets;
}

const tick = (/** @type {number} */ i) => ({ i, t: now() });
/** @param {import('../server/flavor.mjs').ServerFlavor} flavor */
const sendTicks = (flavor) => () => {
  for (let i = 0; i < total; i += 1) flavor.send(RECORDER_ROOM, 'bench.tick', tick(i));
};
/** @param {import('../server/flavor.mjs').ServerFlavor} flavor @param {string} id */
const sendProgress = (flavor, id) => () => {
  const op = flavor.operation(RECORDER_ROOM, id);
  for (let i = 0; i < total; i += 1) op.progress((i % 100) + 0.5, tick(i));
};

/** Raw sockets of the hand-written server, each listening per event. */
async function rawSeries(/** @type {boolean} */ progress) {
  const raw = await startServer('raw');
  const sockets = await openBare(rawClient, raw.url, 0, clients, ROOM);
  for (const socket of sockets) rawClient.listen(socket, handler);
  const packets = progress
    ? await record(
        rawClient,
        raw.url,
        (data) => data.includes('"operation.progress"'),
        sendProgress(raw.flavor, randomUUID()),
      )
    : await record(
        rawClient,
        raw.url,
        (data) => data.includes('"bench.tick"'),
        sendTicks(raw.flavor),
      );
  return { managers: sockets.map((socket) => socket.io), packets };
}

/**
 * The progress frames of an operation the clients heard start: another operation's frames
 * (recorded apart, so the clients do not hear them live), renamed to it. Both ids are UUIDs,
 * so the packets keep their length; their seqs run 2, 3, … after the start.
 * @param {Awaited<ReturnType<typeof startServer>>} opwire
 * @param {() => Promise<void>} heardStart  Resolves once every client heard the start.
 */
async function followedProgress(opwire, heardStart) {
  const followedId = randomUUID();
  const started = heardStart();
  opwire.flavor.operation(ROOM, followedId);
  await started;
  const recordedId = randomUUID();
  const packets = await record(
    opwireClient,
    opwire.url,
    (data) => data.startsWith(`2["${SOCKET_EVENTS.operation}",[1,`),
    sendProgress(opwire.flavor, recordedId),
  );
  return packets.map((packet) => packet.replace(recordedId, followedId));
}

/** Bare socket.io-client sockets reading opwire's progress frames, without @opwire/client. */
async function bareFrames() {
  const opwire = await startServer('opwire');
  const sockets = await openBare(opwireClient, opwire.url, 0, clients, ROOM);
  const heard = sockets.map(
    (socket) =>
      new Promise((resolve) => {
        socket.on(SOCKET_EVENTS.operation, (/** @type {any} */ frame) => {
          if (frame[0] === 0) resolve(undefined);
          else handler('operation.progress', { details: frame[7] });
        });
      }),
  );
  const packets = await followedProgress(opwire, async () => {
    await Promise.all(heard);
  });
  return { managers: sockets.map((socket) => socket.io), packets };
}

/** Real `createOpwireClient` instances hearing events through `subscribe()`. */
async function sdkSeries(/** @type {boolean} */ progress) {
  const opwire = await startServer('opwire');
  /** @type {any[]} */
  const managers = [];
  /** @type {import('@opwire/client').OpwireClient[]} */
  const opened = [];
  for (let index = 0; index < clients; index += 1) {
    const { value, manager } = await withManager(() => sdkClient.open(opwire.url, index));
    await sdkClient.join(value.socket, ROOM);
    sdkClient.listen(value.socket, handler);
    managers.push(manager);
    opened.push(value.socket);
  }
  const heardStart = async () => {
    await Promise.all(
      opened.map(
        (client) =>
          new Promise((resolve) => {
            const stop = client.subscribe('operation.started', () => {
              stop();
              resolve(undefined);
            });
          }),
      ),
    );
  };
  const packets = progress
    ? await followedProgress(opwire, heardStart)
    : await record(
        opwireClient,
        opwire.url,
        (data) => data.includes('"bench.tick"'),
        sendTicks(opwire.flavor),
      );
  return { managers, packets };
}

/** @type {Record<string, () => Promise<{ managers: any[], packets: string[] }>>} */
const SERIES = {
  raw: () => rawSeries(false),
  'raw progress': () => rawSeries(true),
  'bare frames': bareFrames,
  'sdk emit': () => sdkSeries(false),
  'sdk progress': () => sdkSeries(true),
};

const setUp = SERIES[series];
if (setUp === undefined) throw new Error(`unknown client CPU series "${series}"`);
const { managers, packets } = await setUp();

/** Replays `list` to every client and resolves once every packet reached every client. */
async function deliver(/** @type {string[]} */ list) {
  const delivered = counter.until(list.length * managers.length);
  await replayPackets(managers, list);
  await delivered;
}

serve(
  {
    async measure() {
      await deliver(packets.slice(0, warmupMessages));
      // What setting up and warming up left behind is collected before the clock starts.
      /** @type {any} */ (globalThis).gc?.();
      const cpuStart = process.cpuUsage();
      await deliver(packets.slice(warmupMessages));
      const cpuMs = cpuMsSince(cpuStart);
      const bytes = packets.reduce((sum, packet) => sum + Buffer.byteLength(packet), 0);
      return {
        cpuPerThousand: (cpuMs * 1_000) / (messages * managers.length),
        packetBytes: bytes / packets.length,
      };
    },
  },
  null,
);
