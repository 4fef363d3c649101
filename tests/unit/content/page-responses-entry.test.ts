// @vitest-environment node
/**
 * Each main-world script (lib/core/hosts.ts PAGE_RESPONSE_SCRIPTS) runs in the page's world at document_start on
 * exactly the hosts of the isolated script it hands over to, which passes response readers to the runner; and it
 * imports nothing but lib/content/page-responses and the host lists (no extension API in the page's world).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as HOSTS from '@/lib/core/hosts';

const { PAGE_RESPONSE_SCRIPTS } = HOSTS;
const list = (name: string | undefined) => (HOSTS as unknown as Record<string, string[] | undefined>)[name ?? ''] ?? [];
/** `*://host/*` covers `*://host/<any path>`: a main-world script may run on fewer pages than its reader, never more. */
const covers = (wide: string, narrow: string) => {
  const [wh, wp] = [wide.slice(0, wide.indexOf('/', 4)), wide.slice(wide.indexOf('/', 4))];
  const [nh] = [narrow.slice(0, narrow.indexOf('/', 4))];
  return wide === narrow || (wh === nh && wp === '/*');
};

const ROOT = join(__dirname, '../../..');
const entry = (n: string) => readFileSync(join(ROOT, `entrypoints/${n}.content.ts`), 'utf8');

describe.each(Object.entries(PAGE_RESPONSE_SCRIPTS))('%s → %s', (main, isolated) => {
  const src = entry(main);
  const iso = entry(isolated);
  it('runs in the main world at document_start, on the isolated script’s pages (or fewer of them)', () => {
    expect(src).toContain("world: 'MAIN',");
    expect(src).toContain("runAt: 'document_start',");
    const mainMatches = list(/matches: (\w+),/.exec(src)?.[1]);
    const isoMatches = list(/matches: (\w+),/.exec(iso)?.[1]);
    expect(mainMatches.length).toBeGreaterThan(0);
    for (const m of mainMatches)
      expect(
        isoMatches.some((w) => covers(w, m)),
        m,
      ).toBe(true);
  });
  it('the isolated script passes response readers to the runner', () => {
    // The shop readers' runner, or the one beside a platform's 价保 page (lib/content/claim-page.ts).
    expect(iso).toMatch(/runContentScript\(\s*ctx,\s*\[[^\]]*\],\s*\[\w+|runClaimPage\(ctx, \[\w+/);
  });
  it('imports only the page-responses folder and the host lists', () => {
    const imports = [...src.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
    for (const i of imports) expect(i).toMatch(/^@\/lib\/(content\/page-responses\/|core\/hosts$)/);
  });
});
