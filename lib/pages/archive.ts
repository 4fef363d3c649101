/**
 * Archive and prune the evidence of closed orders (Settings → Storage).
 *
 * An archive is a `shopwitness-bundle/2` zip (lib/core/bundle.ts) without a ticket: every evidence file of
 * the chosen orders, the whole chain (chain.json: their records and the deletion records already made for them
 * in full, every other record as hashes), the orders' page records (archive.json) and a short README, all
 * hashed into the signed manifest. So the options page's "verify a bundle" and `npm run verify` check an archive exactly like a
 * complaint bundle. The archive is verified again right after it is built, before anyone may prune.
 * Pruning what was archived is lib/background/prune.ts (it runs in the background, which needs no zip code).
 */
import {
  BundleError,
  CHAIN_PATH,
  chainFileOf,
  manifestChainOf,
  placeEvidence,
  signAndZip,
  verifyBundle,
  DEFAULT_GENERATOR,
} from '../core/bundle';
import { exportPublicJwk, keyFingerprint } from '../core/signing';
import type { DB, SnapshotRecord } from '../store/db';
import { sha256Hex } from '../core/hash';
import type { Evidence, Settings, Ticket } from '../core/model';
import { ARCHIVE_MAX_BYTES, type ArchiveErrorCode } from '../core/archive';
import type { OrderState } from '../core/storage-usage';
import { loadOrderStates } from '../store/storage-usage';
import { orderIndexKey } from '../core/keys';

export const ARCHIVE_FORMAT = 'shopwitness-archive/1';
export class ArchiveError extends Error {
  override readonly name = 'ArchiveError';
  constructor(
    readonly code: ArchiveErrorCode,
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
  }
}

export interface ArchiveInput {
  /** Order keys (`platform:orderId`, as lib/store/storage-usage.ts spells them). */
  keys: readonly string[];
  now: number;
  settings?: Partial<Settings>;
  signingKey: CryptoKeyPair;
  generator?: string;
  /** Largest total of evidence bytes accepted; ARCHIVE_MAX_BYTES unless told (tests). */
  maxBytes?: number;
}

export interface Archive {
  zip: Uint8Array;
  fileName: string;
  /** SHA-256 of the zip itself, written into the deletion records of a prune that follows. */
  sha256: string;
  /** The evidence whose bytes are in the archive: exactly what a prune may then delete. */
  evidenceIds: string[];
  evidenceBytes: number;
  orders: string[];
}

export function archiveFileName(now: number): string {
  return `shopwitness-archive-${new Date(now).toISOString().slice(0, 19).replace(/[:T]/g, '-')}.zip`;
}

const enc = new TextEncoder();
const json = (v: unknown) => enc.encode(`${JSON.stringify(v, null, 2)}\n`);

function readme(orders: OrderState[], files: number, created: string): string {
  const list = orders.map((o) => `- ${o.platform} ${o.orderId} ${o.title}`).join('\n');
  return [
    'ShopWitness 证据归档 / evidence archive',
    '',
    `创建于 / created: ${created}`,
    `订单 / orders: ${orders.length}，证据文件 / evidence files: ${files}`,
    '',
    list,
    '',
    '本归档中的每个文件都记录在 manifest.json（SHA-256），manifest 由本机密钥签名（manifest.sig.json）。',
    '用 ShopWitness 设置页的“校验证据包”或 `npm run verify -- <文件>` 校验。',
    'chain.json 是完整的证据链（这些订单的记录完整保留，其他记录只保留哈希）；archive.json 是订单的页面记录。',
    '',
    "Every file here is listed with its SHA-256 in manifest.json, signed with this install's key",
    '(manifest.sig.json). Check it with "Verify a bundle" on the ShopWitness options page or',
    "`npm run verify -- <file>`. chain.json holds the whole evidence chain (these orders' records in full,",
    "every other record as hashes only); archive.json holds the orders' page records.",
    '',
  ].join('\n');
}

interface Selected {
  live: Evidence[];
  deletions: Evidence[];
}

/** One cursor over the records: the chosen orders' evidence still stored, and deletions of theirs. */
async function selectEvidence(d: DB, keyOf: (e: Evidence) => string | null, keys: Set<string>): Promise<Selected> {
  const mine = new Map<string, Evidence>();
  const deletions: Evidence[] = [];
  let cursor = await d.transaction('evidence').store.openCursor();
  while (cursor) {
    const e = cursor.value;
    if (e.kind === 'deletion') deletions.push(e);
    else {
      const key = keyOf(e);
      if (key !== null && keys.has(key)) mine.set(e.id, e);
    }
    cursor = await cursor.continue();
  }
  const theirs = deletions.filter((r) => r.deletes !== undefined && mine.has(r.deletes));
  for (const r of theirs) mine.delete(r.deletes as string);
  return { live: [...mine.values()].sort((a, b) => a.seq - b.seq), deletions: theirs };
}

async function orderRecords(d: DB, orders: OrderState[]): Promise<{ snapshots: SnapshotRecord[]; tickets: Ticket[] }> {
  const snapshots: SnapshotRecord[] = [];
  for (const o of orders)
    snapshots.push(...(await d.getAllFromIndex('snapshots', 'byOrderKey', orderIndexKey(o.platform, o.orderId))));
  const ids = new Set(orders.map((o) => o.orderId));
  const tickets = (await d.getAll('tickets')).filter((t) => t.orderId !== undefined && ids.has(t.orderId));
  return { snapshots: snapshots.sort((a, b) => a.capturedAt - b.capturedAt), tickets };
}

/** Builds and verifies the archive of the chosen closed orders. Reads only: nothing stored changes. */
export async function buildArchive(d: DB, input: ArchiveInput): Promise<Archive> {
  const keys = new Set(input.keys);
  if (keys.size === 0) throw new ArchiveError('nothing', 'no order chosen');
  const states = await loadOrderStates(d, input.now, input.settings);
  const orders: OrderState[] = [];
  for (const key of keys) {
    const state = states.byKey.get(key);
    if (!state?.closed) throw new ArchiveError('open-order', key);
    orders.push(state);
  }
  const { live, deletions } = await selectEvidence(d, (e) => states.keyOf(e), keys);
  if (live.length === 0) throw new ArchiveError('nothing', 'the chosen orders have no stored evidence');
  const evidenceBytes = live.reduce((sum, e) => sum + e.bytes, 0);
  const maxBytes = input.maxBytes ?? ARCHIVE_MAX_BYTES;
  if (evidenceBytes > maxBytes) throw new ArchiveError('too-large', `${evidenceBytes} > ${maxBytes}`);

  const items: { record: Evidence; data: Uint8Array }[] = [];
  for (const record of live) {
    const blob = await d.get('blobs', record.id);
    if (!blob) throw new ArchiveError('missing-file', record.id);
    items.push({ record, data: blob.data });
  }
  let placed: Awaited<ReturnType<typeof placeEvidence>>;
  try {
    placed = await placeEvidence(items);
  } catch (e) {
    if (e instanceof BundleError) throw new ArchiveError('changed-file', e.message);
    throw e;
  }
  const created = new Date(input.now).toISOString();
  const generator = input.generator ?? DEFAULT_GENERATOR;
  const { snapshots, tickets } = await orderRecords(d, orders);
  const files = new Map<string, Uint8Array>();
  // The whole chain travels, the archived orders' records in full and every other one reduced to its hashes.
  const chain = await d.getAll('evidence');
  const fileOf: Record<string, string> = {};
  for (const e of placed) fileOf[e.record.id] = e.path;
  const carried = new Set([...placed.map((e) => e.record.id), ...deletions.map((r) => r.id)]);
  files.set(CHAIN_PATH, json(chainFileOf(chain, carried, fileOf)));
  for (const e of placed) files.set(e.path, e.data);
  const byOrder = new Map<string, string[]>();
  for (const e of live) {
    const key = states.keyOf(e) as string;
    byOrder.set(key, [...(byOrder.get(key) ?? []), e.id]);
  }
  files.set(
    'archive.json',
    json({
      format: ARCHIVE_FORMAT,
      created,
      generator,
      orders: orders.map((o) => ({ ...o, evidence: byOrder.get(o.key) ?? [] })),
      snapshots,
      tickets,
    }),
  );
  files.set('README.txt', enc.encode(readme(orders, placed.length, created)));
  const fingerprint = await keyFingerprint(await exportPublicJwk(input.signingKey.publicKey));
  const zip = await signAndZip(files, input.signingKey, {
    now: input.now,
    generator,
    chain: manifestChainOf(chain, fingerprint),
  });

  // Read back what will be handed to the shopper: only a verified archive may lead to a prune.
  const check = await verifyBundle(zip);
  if (!check.ok) throw new ArchiveError('not-verified', check.problems[0] ?? `signature ${check.signature}`);
  return {
    zip,
    fileName: archiveFileName(input.now),
    sha256: await sha256Hex(zip),
    evidenceIds: live.map((e) => e.id).sort(),
    evidenceBytes,
    orders: orders.map((o) => o.key),
  };
}
