/**
 * Sizes of every scenario per mode (scenario 6 uses scenario 1's). In the
 * progress storm both sides run `sharedCalls`; opwire alone also runs the
 * issue's `calls`, once with the event loop turning every `slice` calls and
 * once paced (1 ms pause every `pacedSlice` calls) so the job lasts seconds.
 * `full` follows the issue where this machine allows; `quick` keeps
 * `npm run bench` well under three minutes even on a busy machine; `tiny` only
 * proves the scripts still work (the smoke test).
 *
 * `capacity` (scenario 7) runs only with `--only=capacity`; `--connections`
 * and `--nodes` override its sizes. `full` is the issue's 100,000.
 */
export const SIZES = {
  tiny: {
    runs: 1,
    fanout: { clients: 20, messages: 400, warmupMessages: 100, windowMessages: 100 },
    clientCpu: { clients: 5, messages: 200, warmupMessages: 100 },
    storm: { clients: 5, sharedCalls: 1_000, calls: 20_000, slice: 1_000, pacedSlice: 5_000 },
    idle: { connections: 40 },
    patterns: { patterns: 1_000, topics: 200, minMs: 30 },
    resume: { clients: 20, missed: 50 },
    capacity: {
      connections: 300,
      nodes: 2,
      concurrency: 20,
      eventsPerSecond: 20,
      events: 40,
      warmEvents: 10,
      idleSeconds: 2,
      sdkEvery: 10,
    },
  },
  quick: {
    runs: 3,
    fanout: { clients: 100, messages: 20_000, warmupMessages: 20_000, windowMessages: 1_000 },
    clientCpu: { clients: 100, messages: 2_000, warmupMessages: 1_000 },
    storm: { clients: 100, sharedCalls: 1_000, calls: 1_000_000, slice: 1_000, pacedSlice: 1_000 },
    idle: { connections: 500 },
    patterns: { patterns: 10_000, topics: 1_000, minMs: 300 },
    resume: { clients: 200, missed: 50 },
    capacity: {
      connections: 10_000,
      nodes: 6,
      concurrency: 50,
      eventsPerSecond: 20,
      events: 200,
      warmEvents: 50,
      idleSeconds: 10,
      sdkEvery: 50,
    },
  },
  full: {
    runs: 5,
    fanout: { clients: 1_000, messages: 400_000, warmupMessages: 50_000, windowMessages: 1_000 },
    clientCpu: { clients: 1_000, messages: 2_000, warmupMessages: 1_000 },
    storm: { clients: 100, sharedCalls: 20_000, calls: 1_000_000, slice: 1_000, pacedSlice: 250 },
    idle: { connections: 10_000 },
    patterns: { patterns: 10_000, topics: 5_000, minMs: 2_000 },
    resume: { clients: 2_000, missed: 50 },
    capacity: {
      connections: 100_000,
      nodes: 6,
      concurrency: 50,
      eventsPerSecond: 20,
      events: 400,
      warmEvents: 100,
      idleSeconds: 10,
      sdkEvery: 50,
    },
  },
};

/** @typedef {keyof typeof SIZES} Mode */
/** @typedef {(typeof SIZES)['full']} Sizes */
