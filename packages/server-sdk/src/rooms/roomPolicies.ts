import {
  compileRoomTemplate,
  type Principal,
  parseRoom,
  type RoomTemplate,
} from '@opwire/protocol';
import { principalRooms } from './principalRooms.js';

/** What a room policy is asked. */
export interface RoomPolicyContext {
  /** Who asks to join. */
  principal: Principal;
  /** The room name asked for, e.g. `chat:42`. */
  room: string;
  /** The template's `{param}` values taken from the room name. */
  params: Readonly<Record<string, string>>;
}

/** Decides whether a principal may be in a custom room. */
export type RoomPolicy = (context: RoomPolicyContext) => boolean | Promise<boolean>;

export type RoomDecision =
  | { allowed: true }
  | { allowed: false; code: 'forbidden' | 'invalid_request' | 'not_found'; reason: string };

/**
 * Membership rules for built-in rooms and the application's custom room
 * templates. Operation rooms are decided by the caller, which knows the
 * operation's audience.
 */
export class RoomPolicies {
  readonly #templates: Array<{ template: RoomTemplate; policy: RoomPolicy }>;
  readonly #platformRole: string;

  constructor(policies: Readonly<Record<string, RoomPolicy>>, platformRole: string) {
    this.#templates = Object.entries(policies).map(([template, policy]) => ({
      template: compileRoomTemplate(template),
      policy,
    }));
    this.#platformRole = platformRole;
  }

  /**
   * Whether `principal` belongs in `room`, operation rooms excepted. A policy
   * that throws counts as a refusal; the error is handed to `onPolicyError`.
   */
  async decide(
    principal: Principal,
    room: string,
    onPolicyError: (error: unknown, room: string) => void,
  ): Promise<RoomDecision> {
    const parsed = parseRoom(room);
    if (parsed === null)
      return { allowed: false, code: 'invalid_request', reason: 'malformed room name' };
    if (parsed.kind === 'operation') {
      return {
        allowed: false,
        code: 'not_found',
        reason: 'operation rooms are decided by audience',
      };
    }
    if (parsed.kind !== 'custom') {
      return principalRooms(principal, this.#platformRole).includes(room)
        ? { allowed: true }
        : { allowed: false, code: 'forbidden', reason: 'not a member of this built-in room' };
    }
    for (const { template, policy } of this.#templates) {
      const params = template.match(room);
      if (params === null) continue;
      try {
        if ((await policy({ principal, room, params })) === true) return { allowed: true };
      } catch (error) {
        onPolicyError(error, room);
      }
      return {
        allowed: false,
        code: 'forbidden',
        reason: `the policy for ${template.template} refused`,
      };
    }
    return { allowed: false, code: 'forbidden', reason: 'no room policy matches this room' };
  }
}
