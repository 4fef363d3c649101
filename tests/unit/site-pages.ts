/** Every page fixture of tests/fixtures/sites with the URL and time its .expected.json gives, for unit tests. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const FIXTURES = join(__dirname, '../fixtures/sites');

export interface SitePage {
  /** "<platform>/<file>.html" */
  name: string;
  html: string;
  url: string;
  now: number;
}

export function sitePages(): SitePage[] {
  return readdirSync(FIXTURES).flatMap((p) =>
    readdirSync(join(FIXTURES, p))
      .filter((f) => f.endsWith('.html'))
      .map((f) => ({
        name: `${p}/${f}`,
        html: readFileSync(join(FIXTURES, p, f), 'utf8'),
        ...(JSON.parse(readFileSync(join(FIXTURES, p, f.replace(/\.html$/, '.expected.json')), 'utf8')) as {
          url: string;
          now: number;
        }),
      })),
  );
}
