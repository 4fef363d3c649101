// @vitest-environment node
/** The READMEs stay true: the permission tables match the manifest's list, every command named exists. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { permissionsTable } from '../../../scripts/permissions-table';

const ROOT = join(__dirname, '../../..');
const read = (f: string) => readFileSync(join(ROOT, f), 'utf8');
const scripts = Object.keys((JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts);

describe.each([
  ['README.md', 'zh-CN'],
  ['README.en.md', 'en'],
] as const)('%s', (file, lang) => {
  const text = read(file);

  it('holds the permission table made from lib/core/permissions.ts', () => {
    expect(text).toContain(permissionsTable(lang));
  });

  it('gives exactly two set-up commands: build, and every test', () => {
    const commands = text.split('\n').filter((l) => /^ {4}\S/.test(l));
    expect(commands.map((c) => c.trim())).toEqual(['npm install && npm run build', 'npm test']);
  });

  it('names only npm scripts that exist', () => {
    const named = [...text.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]!);
    expect(named.filter((n) => !scripts.includes(n))).toEqual([]);
  });
});
