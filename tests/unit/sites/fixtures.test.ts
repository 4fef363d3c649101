/**
 * Every fixture page in tests/fixtures/sites/<platform>/<name>.html runs through extractPage and must
 * give the snapshot in <name>.expected.json (fields listed there; arrays compared element by element).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractAll, extractPage } from '@/lib/sites';
import { PageSnapshotSchema } from '@/lib/core/model';

const ROOT = join(__dirname, '../../fixtures/sites');

interface Expected {
  url: string;
  now: number;
  snapshot: Record<string, unknown> | null;
  all?: Record<string, unknown>[];
}

const cases = readdirSync(ROOT).flatMap((platform) =>
  readdirSync(join(ROOT, platform))
    .filter((f) => f.endsWith('.html'))
    .map((f) => {
      const base = join(ROOT, platform, f.replace(/\.html$/, ''));
      const expected = JSON.parse(readFileSync(`${base}.expected.json`, 'utf8')) as Expected;
      return { name: `${platform}/${f}`, html: readFileSync(`${base}.html`, 'utf8'), expected };
    }),
);

describe('site fixtures', () => {
  it('has fixtures', () => expect(cases.length).toBeGreaterThan(15));

  it.each(cases)('$name', ({ html, expected }) => {
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const got = extractPage(doc, expected.url, expected.now);
    if (expected.snapshot === null) {
      expect(got).toBeNull();
      return;
    }
    expect(got).toMatchObject(expected.snapshot);
    expect(PageSnapshotSchema.safeParse(got).success).toBe(true);
    if (expected.all) {
      const every = extractAll(doc, expected.url, expected.now);
      expect(every).toMatchObject(expected.all);
      for (const s of every) expect(PageSnapshotSchema.safeParse(s).success).toBe(true);
    }
  });
});
