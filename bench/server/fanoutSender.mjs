import { now } from '../lib/clock.mjs';

/**
 * Sends `events` timestamped events round-robin over `rooms`, as fast as
 * delivery allows: at most `windowEvents` events are out that not every
 * recipient has yet. The load generator reports completed events (`credit`),
 * which opens the window further.
 *
 * Variant `emit` sends plain events (`send`); variant `progress` reports
 * progress of one operation per room, each event carrying the timestamp in
 * its details.
 *
 * @param {import('./flavor.mjs').ServerFlavor} flavor
 * @param {{ variant: 'emit' | 'progress', rooms: string[], events: number, windowEvents: number }} plan
 */
export function startFanout(flavor, plan) {
  const { rooms, events, windowEvents } = plan;
  const send =
    plan.variant === 'progress' ? progressSender(flavor, plan) : emitSender(flavor, rooms);
  let sent = 0;
  let allowed = Math.min(events, windowEvents);

  const pump = () => {
    while (sent < allowed) {
      send(sent, { i: sent, t: now() });
      sent += 1;
    }
  };
  pump();

  return {
    /** @param {{ completed: number }} credit */
    credit({ completed }) {
      allowed = Math.min(events, completed + windowEvents);
      pump();
    },
    get sent() {
      return sent;
    },
  };
}

/**
 * @param {import('./flavor.mjs').ServerFlavor} flavor
 * @param {string[]} rooms
 * @returns {(index: number, payload: { i: number, t: number }) => void}
 */
function emitSender(flavor, rooms) {
  return (index, payload) => flavor.send(rooms[index % rooms.length] ?? '', 'bench.tick', payload);
}

/**
 * @param {import('./flavor.mjs').ServerFlavor} flavor
 * @param {{ rooms: string[], events: number }} plan
 * @returns {(index: number, payload: { i: number, t: number }) => void}
 */
function progressSender(flavor, { rooms, events }) {
  const operations = rooms.map((room, k) => flavor.operation(room, `fanout-${k}`));
  return (index, payload) =>
    operations[index % operations.length]?.progress(Math.floor((index * 100) / events), payload);
}
