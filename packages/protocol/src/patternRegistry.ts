import { assertPattern, MULTI_WILDCARD, SINGLE_WILDCARD, splitTopic } from './topic.js';

interface TrieNode<T> {
  literal: Map<string, TrieNode<T>>;
  single: TrieNode<T> | undefined;
  multi: TrieNode<T> | undefined;
  values: Set<T>;
  /** Reached through a `**` edge: it may swallow any number of further segments. */
  swallows: boolean;
}

function createNode<T>(swallows = false): TrieNode<T> {
  return { literal: new Map(), single: undefined, multi: undefined, values: new Set(), swallows };
}

/**
 * Holds values under topic patterns and finds every value whose pattern
 * matches a topic. Patterns live in a trie walked segment by segment, so a
 * match only visits branches that can still match: its cost grows with the
 * topic's length and the number of live wildcard branches, not with the
 * number of registered patterns.
 */
export class PatternRegistry<T> {
  readonly #root: TrieNode<T> = createNode();
  #size = 0;

  /** Number of (pattern, value) pairs registered. */
  get size(): number {
    return this.#size;
  }

  /**
   * Registers `value` under `pattern`. Adding the same pair twice keeps one.
   * Throws an `OpwireError` (`invalid_request`) for an invalid pattern.
   */
  add(pattern: string, value: T): void {
    assertPattern(pattern);
    let node = this.#root;
    for (const segment of splitTopic(pattern)) node = child(node, segment);
    if (!node.values.has(value)) {
      node.values.add(value);
      this.#size += 1;
    }
  }

  /** Removes one (pattern, value) pair; returns whether it was there. */
  remove(pattern: string, value: T): boolean {
    assertPattern(pattern);
    const path: Array<[TrieNode<T>, string]> = [];
    let node: TrieNode<T> | undefined = this.#root;
    for (const segment of splitTopic(pattern)) {
      path.push([node, segment]);
      node = existingChild(node, segment);
      if (node === undefined) return false;
    }
    if (!node.values.delete(value)) return false;
    this.#size -= 1;
    prune(node, path);
    return true;
  }

  /** Every value whose pattern matches `topic`, each once. */
  match(topic: string): T[] {
    const found = new Set<T>();
    const segments = splitTopic(topic);
    let active = closure([this.#root]);
    for (const segment of segments) {
      const next: TrieNode<T>[] = [];
      for (const node of active) {
        const literal = node.literal.get(segment);
        if (literal) next.push(literal);
        if (node.single) next.push(node.single);
        if (node.swallows) next.push(node);
      }
      if (next.length === 0) return [];
      active = closure(next);
    }
    for (const node of active) for (const value of node.values) found.add(value);
    return [...found];
  }

  /** Whether any registered pattern matches `topic`. */
  matches(topic: string): boolean {
    return this.match(topic).length > 0;
  }

  /** Removes every pattern and value. */
  clear(): void {
    const root = this.#root;
    root.literal.clear();
    root.single = undefined;
    root.multi = undefined;
    root.values.clear();
    this.#size = 0;
  }
}

/** Adds the nodes reachable by letting a `**` match zero segments. */
function closure<T>(nodes: TrieNode<T>[]): Set<TrieNode<T>> {
  const result = new Set<TrieNode<T>>();
  const stack = [...nodes];
  while (stack.length > 0) {
    const node = stack.pop() as TrieNode<T>;
    if (result.has(node)) continue;
    result.add(node);
    if (node.multi) stack.push(node.multi);
  }
  return result;
}

function child<T>(node: TrieNode<T>, segment: string): TrieNode<T> {
  if (segment === SINGLE_WILDCARD) {
    node.single ??= createNode();
    return node.single;
  }
  if (segment === MULTI_WILDCARD) {
    node.multi ??= createNode(true);
    return node.multi;
  }
  let next = node.literal.get(segment);
  if (!next) {
    next = createNode();
    node.literal.set(segment, next);
  }
  return next;
}

function existingChild<T>(node: TrieNode<T>, segment: string): TrieNode<T> | undefined {
  if (segment === SINGLE_WILDCARD) return node.single;
  if (segment === MULTI_WILDCARD) return node.multi;
  return node.literal.get(segment);
}

function isEmpty<T>(node: TrieNode<T>): boolean {
  return (
    node.values.size === 0 &&
    node.literal.size === 0 &&
    node.single === undefined &&
    node.multi === undefined
  );
}

function prune<T>(leaf: TrieNode<T>, path: Array<[TrieNode<T>, string]>): void {
  let node = leaf;
  for (let i = path.length - 1; i >= 0 && isEmpty(node); i -= 1) {
    const [parent, segment] = path[i] as [TrieNode<T>, string];
    if (segment === SINGLE_WILDCARD) parent.single = undefined;
    else if (segment === MULTI_WILDCARD) parent.multi = undefined;
    else parent.literal.delete(segment);
    node = parent;
  }
}
