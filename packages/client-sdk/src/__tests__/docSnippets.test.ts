import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compileScript, compileTemplate, parse } from '@vue/compiler-sfc';
import { compile } from 'svelte/compiler';
import { describe, expect, it } from 'vitest';

const docs = ['../../../../docs/client.md', '../../README.md'].map((path) => ({
  path,
  text: readFileSync(fileURLToPath(new URL(path, import.meta.url)), 'utf8'),
}));

/** The fenced blocks of one language in a markdown text. */
function blocks(text: string, language: string): string[] {
  const found: string[] = [];
  const fence = new RegExp(`^\`\`\`${language}\\s*\\n([\\s\\S]*?)^\`\`\`\\s*$`, 'gm');
  for (const match of text.matchAll(fence)) found.push(match[1] ?? '');
  return found;
}

const svelte = docs.flatMap(({ path, text }) =>
  blocks(text, 'svelte').map((code) => ({ path, code })),
);
const vue = docs.flatMap(({ path, text }) => blocks(text, 'vue').map((code) => ({ path, code })));

describe('framework snippets in the docs', () => {
  it('has a Svelte and a Vue snippet', () => {
    expect(svelte.length).toBeGreaterThan(0);
    expect(vue.length).toBeGreaterThan(0);
  });

  it.each(svelte.map((snippet, i) => [i + 1, snippet] as const))(
    'Svelte snippet %i compiles without warnings',
    (_i, { code }) => {
      const result = compile(code, { filename: 'Snippet.svelte' });
      expect(result.warnings.map((warning) => warning.message)).toEqual([]);
      expect(result.js.code).toContain('operation');
    },
  );

  it.each(vue.map((snippet, i) => [i + 1, snippet] as const))(
    'Vue snippet %i compiles',
    (_i, { code }) => {
      const { descriptor, errors } = parse(code, { filename: 'Snippet.vue' });
      expect(errors).toEqual([]);
      const script = compileScript(descriptor, { id: 'snippet' });
      const template = compileTemplate({
        source: descriptor.template?.content ?? '',
        filename: 'Snippet.vue',
        id: 'snippet',
        compilerOptions: script.bindings === undefined ? {} : { bindingMetadata: script.bindings },
      });
      expect(template.errors).toEqual([]);
      expect(script.content).toContain('subscribe');
    },
  );
});
