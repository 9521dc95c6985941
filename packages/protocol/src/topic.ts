import { OpwireError } from './opwireError.js';

/** Longest topic or pattern accepted, in characters. */
export const MAX_TOPIC_LENGTH = 256;
/** Most segments a topic or pattern may have. */
export const MAX_TOPIC_SEGMENTS = 32;

/** Matches exactly one segment in a pattern. */
export const SINGLE_WILDCARD = '*';
/** Matches zero or more segments in a pattern. */
export const MULTI_WILDCARD = '**';

const SEGMENT = /^[A-Za-z0-9_-]+$/;
const SEPARATOR = /[.:]/;

/**
 * Splits a topic such as `data:product.updated` into its segments. `.` and `:`
 * are both separators, so `a.b` and `a:b` name the same topic.
 */
export function splitTopic(topic: string): string[] {
  return topic.split(SEPARATOR);
}

/** Why `topic` is not a valid topic, or `null` when it is. */
export function topicProblem(topic: unknown): string | null {
  return shapeProblem(topic, false);
}

/** Why `pattern` is not a valid pattern, or `null` when it is. */
export function patternProblem(pattern: unknown): string | null {
  return shapeProblem(pattern, true);
}

/** Whether `topic` is a valid topic (see {@link topicProblem}). */
export function isValidTopic(topic: unknown): topic is string {
  return topicProblem(topic) === null;
}

/** Whether `pattern` is a valid pattern (see {@link patternProblem}). */
export function isValidPattern(pattern: unknown): pattern is string {
  return patternProblem(pattern) === null;
}

/** Throws an `OpwireError` (`invalid_request`) unless `topic` is a valid topic. */
export function assertTopic(topic: unknown): asserts topic is string {
  const problem = topicProblem(topic);
  if (problem !== null) throw new OpwireError('invalid_request', `Invalid topic: ${problem}`);
}

/** Throws an `OpwireError` (`invalid_request`) unless `pattern` is a valid pattern. */
export function assertPattern(pattern: unknown): asserts pattern is string {
  const problem = patternProblem(pattern);
  if (problem !== null) throw new OpwireError('invalid_request', `Invalid pattern: ${problem}`);
}

function shapeProblem(value: unknown, wildcards: boolean): string | null {
  if (typeof value !== 'string') return 'expected a string';
  if (value.length === 0) return 'it is empty';
  if (value.length > MAX_TOPIC_LENGTH) return `it is longer than ${MAX_TOPIC_LENGTH} characters`;
  const segments = splitTopic(value);
  if (segments.length > MAX_TOPIC_SEGMENTS) {
    return `it has more than ${MAX_TOPIC_SEGMENTS} segments`;
  }
  for (const segment of segments) {
    if (segment.length === 0) return `"${value}" has an empty segment`;
    if (segment === SINGLE_WILDCARD || segment === MULTI_WILDCARD) {
      if (!wildcards)
        return `"${value}" contains a wildcard; topics name one thing, patterns match`;
      continue;
    }
    if (segment.includes('*')) {
      return `"${value}" mixes a wildcard into the segment "${segment}"; use "*" or "**" as a whole segment`;
    }
    if (!SEGMENT.test(segment)) {
      return `segment "${segment}" may only contain letters, digits, "_" and "-"`;
    }
  }
  return null;
}
