import { startRedisCluster } from './redisCluster.js';

const c = await startRedisCluster();
const pub = c.client();
const sub = pub.duplicate();
for (const [name, cl] of [
  ['pub', pub],
  ['sub', sub],
] as const) {
  for (const ev of [
    'node error',
    '-node',
    '+node',
    'ready',
    'error',
    'refresh',
    'end',
    'close',
    'reconnecting',
    'connect',
  ])
    cl.on(ev, (e: unknown) =>
      console.log(Date.now() % 100000, name, ev, e instanceof Error ? e.message : ''),
    );
}
let got = 0;
sub.on('pmessage', () => {
  got += 1;
});
await sub.psubscribe('x*');
await pub.set('k1', 1);
await pub.set('k2', 1);
await pub.set('k3', 1);
const timer = setInterval(() => {
  pub.publish('x1', 'm').catch((e) => console.log('pubfail', e.message));
}, 20);
await new Promise((r) => setTimeout(r, 500));
for (let i = 0; i < 3; i += 1) {
  console.log('got', got, 'killing', i);
  await c.stopNode(i);
  await new Promise((r) => setTimeout(r, 1000));
  await c.startNode(i);
  console.log('back', i, got);
  await new Promise((r) => setTimeout(r, 1500));
  console.log(
    'after',
    got,
    await Promise.all(sub.nodes('master').map((n) => n.ping().catch((e) => e.message))),
  );
}
clearInterval(timer);
pub.disconnect();
sub.disconnect();
await c.stop();
