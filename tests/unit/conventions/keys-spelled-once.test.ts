/**
 * Order and product keys are made in lib/core/keys.ts only: a template literal spelling `order:${…}`,
 * `product:${…}` or `${platform}:${orderId}` anywhere else in lib/, components/ or entrypoints/ is a second
 * spelling that can drift from the first.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '../../..');
const SPELLINGS = [/`order:\$\{/, /`product:\$\{/, /`\$\{[\w.?]*platform[^}]*\}:\$\{[\w.?]*(orderId|productId)\}`/];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(f) ? [p] : [];
  });
}

it('no order or product key is spelled outside lib/core/keys.ts', () => {
  const offenders = ['lib', 'components', 'entrypoints']
    .flatMap((d) => files(join(ROOT, d)))
    .filter((f) => !f.endsWith(join('lib', 'core', 'keys.ts')))
    .flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .map((line, i) => ({ line, at: `${relative(ROOT, f)}:${i + 1}` }))
        .filter(({ line }) => SPELLINGS.some((re) => re.test(line))),
    )
    .map(({ at, line }) => `${at}: ${line.trim()}`);
  expect(offenders).toEqual([]);
});
