// A load generator of the capacity scenario: its block of clients against one
// server node, and what they receive.

import { openCapacityClients, receiveCapacity } from '../client/capacityClients.mjs';
import { CAPACITY_TENANTS, capacityTenantOf } from '../client/capacityIdentity.mjs';
import { cpuMsSince } from '../lib/clock.mjs';
import { childConfig, exitWithParent, serve } from './serve.mjs';

exitWithParent();
const config = childConfig();
const flavor =
  config.flavor === 'raw'
    ? (await import('../client/rawAuthClient.mjs')).rawAuthClient
    : (await import('../client/opwireClient.mjs')).opwireClient;
const sdk = config.flavor === 'raw' ? null : (await import('../client/sdkClient.mjs')).sdkClient;
/** @type {import('../client/capacityClients.mjs').CapacityClient[]} */
let clients = [];
/** @type {ReturnType<typeof receiveCapacity> | undefined} */
let receiver;

serve(
  {
    async connect(plan) {
      const opened = await openCapacityClients(flavor, sdk, { ...plan, sdkEvery: config.sdkEvery });
      clients = opened.clients;
      receiver = receiveCapacity(clients, flavor, sdk, {
        tenantOf: capacityTenantOf,
        tenants: CAPACITY_TENANTS,
      });
      return {
        ms: opened.ms,
        count: clients.length,
        sdk: clients.filter((client) => client.sdk).length,
        failed: opened.failed,
        retried: opened.retried,
      };
    },
    expect: ({ from, to }) => receiver?.expect(from, to),
    settled: ({ stallMs }) => receiver?.settled(stallMs),
    cpu: () => cpuMsSince({ user: 0, system: 0 }),
    memory: () => process.memoryUsage(),
  },
  { pid: process.pid },
);
