import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SHOP_MATCHES } from '@/lib/core/hosts';
import type { BackupExport } from '@/lib/core/messages';
import type { SnapshotRecord } from '@/lib/core/stored';
import { ROOT } from './paths';

const SITES = resolve(ROOT, 'tests/fixtures/sites');

/** Fields compared in a real browser: what a price-protection claim rests on (dates and items are unit-tested). */
const KEY_FIELDS = ['kind', 'platform', 'productId', 'orderId', 'trackingNumber', 'title', 'price', 'paid'] as const;

export interface SiteCase {
  /** "<platform>/<name>" */
  name: string;
  platform: string;
  url: string;
  html: string;
  kind: string;
  /** The field that identifies the snapshot: productId, orderId or trackingNumber. */
  idField: 'productId' | 'orderId' | 'trackingNumber';
  id: string;
  /** The expected snapshot, reduced to KEY_FIELDS. */
  expected: Record<string, unknown>;
}

const ID_FIELD = { product: 'productId', order: 'orderId', logistics: 'trackingNumber' } as const;

/** Hosts the content script runs on, from the same list the manifest uses. */
export function contentScriptRunsOn(url: string): boolean {
  const host = new URL(url).hostname;
  return SHOP_MATCHES.some((pattern) => {
    const domain = /^\*:\/\/\*\.([^/]+)\/\*$/.exec(pattern)?.[1];
    return domain !== undefined && (host === domain || host.endsWith(`.${domain}`));
  });
}

/** Fixtures with a non-null expected snapshot on a host the content script covers. */
export function siteCases(): SiteCase[] {
  return readdirSync(SITES)
    .sort()
    .flatMap((platform) =>
      readdirSync(join(SITES, platform))
        .filter((f) => f.endsWith('.html'))
        .sort()
        .flatMap((f): SiteCase[] => {
          const base = join(SITES, platform, f.replace(/\.html$/, ''));
          const { url, snapshot } = JSON.parse(readFileSync(`${base}.expected.json`, 'utf8')) as {
            url: string;
            snapshot: Record<string, unknown> | null;
          };
          if (!snapshot || !contentScriptRunsOn(url)) return [];
          const kind = snapshot.kind as keyof typeof ID_FIELD;
          const idField = ID_FIELD[kind];
          const expected = Object.fromEntries(KEY_FIELDS.filter((k) => k in snapshot).map((k) => [k, snapshot[k]]));
          return [
            {
              name: `${platform}/${f.replace(/\.html$/, '')}`,
              platform,
              url,
              html: readFileSync(`${base}.html`, 'utf8'),
              kind,
              idField,
              id: String(snapshot[idField]),
              expected,
            },
          ];
        }),
    );
}

/**
 * The stored snapshot this fixture page produced: same kind, id and page URL. When the page changes its
 * price by script, the last one recorded for it.
 */
export function snapshotFor(c: SiteCase, snapshots: SnapshotRecord[]): SnapshotRecord | undefined {
  return snapshots.filter((s) => s.kind === c.kind && idOf(s, c.idField) === c.id && s.url === c.url).at(-1);
}

function idOf(s: SnapshotRecord, field: SiteCase['idField']): unknown {
  const ids: Partial<Record<SiteCase['idField'], unknown>> = s;
  return ids[field];
}

/** Waits (bounded) until the background's export (`backupExport`) holds the case's snapshot with its expected fields. */
export async function expectStored(c: SiteCase, backupExport: () => Promise<BackupExport>): Promise<void> {
  await expect
    .poll(async () => snapshotFor(c, (await backupExport()).snapshots), { timeout: 15_000, interval: 250 })
    .toMatchObject(c.expected);
}
