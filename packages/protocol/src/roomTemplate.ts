import { idProblem } from './ids.js';
import { OpwireError } from './opwireError.js';
import { parseRoom } from './rooms.js';

const PARAM = /^\{([A-Za-z_][A-Za-z0-9_]*)\}$/;

/** A compiled custom room template, from {@link compileRoomTemplate}. */
export interface RoomTemplate {
  /** The template as written, such as `chat:{chatId}`. */
  readonly template: string;
  /** Names of the `{param}` parts, in order. */
  readonly params: readonly string[];
  /** The params when `room` fits the template, else `null`. */
  match(room: string): Record<string, string> | null;
  /** The room name for these params; throws `invalid_request` for a bad value. */
  format(params: Readonly<Record<string, string>>): string;
}

type Part = { literal: string } | { param: string };

/**
 * Compiles a custom room template such as `chat:{chatId}` or
 * `project:{projectId}:board:{boardId}`. Parts are separated by `:`; a part is
 * a literal or a whole `{param}`. Templates may not shadow built-in rooms.
 */
export function compileRoomTemplate(template: string): RoomTemplate {
  const parts: Part[] = template.split(':').map((part) => {
    const param = PARAM.exec(part);
    if (param?.[1] !== undefined) return { param: param[1] };
    const problem = idProblem(part);
    if (problem !== null || part.includes('{') || part.includes('}')) {
      throw new OpwireError(
        'invalid_option',
        `Invalid room template "${template}": each part is a literal or a whole {param} (${problem ?? 'stray brace'})`,
      );
    }
    return { literal: part };
  });
  const params = parts.flatMap((part) => ('param' in part ? [part.param] : []));
  if (new Set(params).size !== params.length) {
    throw new OpwireError('invalid_option', `Room template "${template}" repeats a param name`);
  }
  if (params.length === 0) {
    throw new OpwireError('invalid_option', `Room template "${template}" has no {param}`);
  }
  const sample = parts.map((part) => ('param' in part ? 'x' : part.literal)).join(':');
  if (parseRoom(sample)?.kind !== 'custom') {
    throw new OpwireError(
      'invalid_option',
      `Room template "${template}" collides with a built-in room (user, tenant, operation, platform)`,
    );
  }

  return {
    template,
    params,
    match(room) {
      if (parseRoom(room)?.kind !== 'custom') return null;
      const values = room.split(':');
      if (values.length !== parts.length) return null;
      const result: Record<string, string> = Object.create(null);
      for (const [index, part] of parts.entries()) {
        const value = values[index] as string;
        if ('param' in part) result[part.param] = value;
        else if (part.literal !== value) return null;
      }
      return result;
    },
    format(values) {
      return parts
        .map((part) => {
          if (!('param' in part)) return part.literal;
          const value = values[part.param];
          const problem = idProblem(value);
          if (problem !== null) {
            throw new OpwireError(
              'invalid_request',
              `Invalid value for {${part.param}}: ${problem}`,
            );
          }
          return value as string;
        })
        .join(':');
    },
  };
}
