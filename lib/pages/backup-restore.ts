/**
 * Full backup and restore of everything in IndexedDB: records AND evidence bytes.
 * Runs in the options page, straight on the database (same origin as the worker).
 *
 * Restore is all-or-nothing:
 * 1. Everything is checked before anything is written: size (≤ 500 MB), JSON, no prototype keys
 *    (`__proto__`, `constructor`, `prototype`), the format tag, every record against its zod schema,
 *    every blob's SHA-256 against its evidence record, and the evidence hash chain itself.
 * 2. A valid backup is merged in ONE readwrite transaction over every store: existing ids are kept,
 *    new ones added. Any failure inside aborts the transaction, so nothing changes.
 *
 * The evidence chain decision: `seq` is a unique index and each record carries its predecessor's hash,
 * so two installs' chains cannot be interleaved. Evidence is merged only when the chains agree — every
 * `seq` present on both sides holds the same record (same id and record hash). That covers restoring
 * into an empty store and restoring this install's own (older or newer) backup. A backup whose chain
 * diverges from the local one (another install, or data captured after the backup on another branch)
 * is refused as a whole with `chain-conflict`: the shopper can delete all data first and restore then.
 *
 * Settings are in the backup for completeness but are not applied on restore: they live in
 * storage.sync and follow the shopper already. The signing key (a non-extractable CryptoKey) is never
 * exported; a restored install signs new bundles with its own key.
 */
import { VIEW_KEY } from '../store/popup-view';
import { META, META_KEPT_ON_DELETE } from '../store/meta';
import { z } from 'zod';
import type { AlertRecord, BlobRecord, DB, SnapshotRecord } from '../store/db';
import { getMeta } from '../store/db';
import { toSnapshotRecord } from '../store/db';
import { CHAIN_MIME, EMPTY_SHA256, sealRecord, verifyChain, type EvidenceDraft } from '../core/evidence-chain';
import { isEvidenceType } from '../core/attachments';
import { newId, pinAfter } from '../store/evidence-store';
import { sha256Hex } from '../core/hash';
import {
  AlertSchema,
  EvidenceSchema,
  LogisticsSnapshotSchema,
  OrderSnapshotSchema,
  ProductSnapshotSchema,
  SettingsSchema,
  TicketSchema,
  type Evidence,
  type PageSnapshot,
  type Settings,
  type Ticket,
} from '../core/model';
import { base64ToBytes, bytesToBase64, exportPublicJwk, keyFingerprint } from '../core/signing';
import type { RestoreCounts, RestoreError, RestoreResult } from '../core/backup-restore';

export const BACKUP_FORMAT = 'shopwitness-full-backup/1';
export const MAX_BACKUP_BYTES = 500 * 1024 * 1024;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const StoredExtra = { id: z.number().int().positive(), tabTitle: z.string().max(500).optional() };
const BackupSnapshotSchema = z.discriminatedUnion('kind', [
  ProductSnapshotSchema.extend(StoredExtra),
  OrderSnapshotSchema.extend(StoredExtra),
  LogisticsSnapshotSchema.extend(StoredExtra),
]);

const AlertRecordSchema = z.object({
  id: z.string().min(1).max(500),
  alert: AlertSchema,
  firstSeenAt: z.number().int().nonnegative(),
  lastSeenAt: z.number().int().nonnegative(),
  notifiedAt: z.number().int().nonnegative().optional(),
  dismissedAt: z.number().int().nonnegative().optional(),
  snoozedUntil: z.number().int().nonnegative().optional(),
  active: z.boolean(),
});

const BlobEntrySchema = z.object({
  id: z.string().min(1).max(100),
  mime: z.string().max(100),
  data: z.string(),
});

export const BackupSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  exportedAt: z.number().int().nonnegative(),
  generator: z.string().max(200).optional(),
  snapshots: z.array(BackupSnapshotSchema),
  evidence: z.array(EvidenceSchema),
  blobs: z.array(BlobEntrySchema),
  alerts: z.array(AlertRecordSchema),
  tickets: z.array(TicketSchema),
  /** Meta worth keeping: the shopper's own decisions. Caches, clocks and the signing key are not. */
  meta: z.object({ unwatchedOrders: z.array(z.string().max(300)).max(100_000).optional() }),
  settings: SettingsSchema.optional(),
});
export type Backup = z.infer<typeof BackupSchema>;

export interface BackupOptions {
  settings?: Settings;
  now?: number;
  generator?: string;
}

/** Reads every store in one transaction, so the backup is one consistent moment. */
export async function buildBackup(d: DB, opts: BackupOptions = {}): Promise<Backup> {
  const tx = d.transaction(['snapshots', 'evidence', 'blobs', 'alerts', 'tickets', 'meta'], 'readonly');
  const [snapshots, evidence, blobs, alerts, tickets, unwatched] = await Promise.all([
    tx.objectStore('snapshots').getAll(),
    tx.objectStore('evidence').getAll(),
    tx.objectStore('blobs').getAll(),
    tx.objectStore('alerts').getAll(),
    tx.objectStore('tickets').getAll(),
    tx.objectStore('meta').get(META.unwatchedOrders),
  ]);
  await tx.done;
  return {
    format: BACKUP_FORMAT,
    exportedAt: opts.now ?? Date.now(),
    ...(opts.generator ? { generator: opts.generator } : {}),
    snapshots: snapshots.map(stripIndexFields),
    evidence: evidence.sort((a, b) => a.seq - b.seq),
    blobs: blobs.map((b) => ({ id: b.id, mime: b.mime, data: bytesToBase64(b.data) })),
    alerts,
    tickets,
    meta: Array.isArray(unwatched?.value)
      ? { unwatchedOrders: unwatched.value.filter((v): v is string => typeof v === 'string') }
      : {},
    ...(opts.settings ? { settings: opts.settings } : {}),
  };
}

/** `key`/`orderKey` are derived, so they are rebuilt on restore rather than trusted from a file. */
function stripIndexFields(s: SnapshotRecord): Backup['snapshots'][number] {
  const { key: _key, orderKey: _orderKey, ...rest } = s;
  return rest as Backup['snapshots'][number];
}

export function backupFileName(now: number): string {
  return `shopwitness-backup-${new Date(now).toISOString().slice(0, 19).replace(/[:T]/g, '-')}.json`;
}

export function serializeBackup(b: Backup): string {
  return JSON.stringify(b);
}

const fail = (error: RestoreError, detail: string): RestoreResult & { ok: false } => ({ ok: false, error, detail });

/** Parses without ever creating an object with a prototype-shaped own key. */
function parseJsonSafely(text: string): { ok: true; value: unknown } | { ok: false; forbidden?: string } {
  let forbidden: string | undefined;
  try {
    const value: unknown = JSON.parse(text, (key, v: unknown) => {
      if (FORBIDDEN_KEYS.has(key)) forbidden ??= key;
      return v;
    });
    return forbidden ? { ok: false, forbidden } : { ok: true, value };
  } catch {
    return { ok: false };
  }
}

interface Checked {
  backup: Backup;
  blobs: BlobRecord[];
  /** SHA-256 of the backup file as read: the restore record names it. */
  sha256: string;
}

/** A record may be up to this far in the future of the worker's clock (two machines' clocks differ a little). */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;

function isHttpUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

/** Every fact a restore refuses that the schema cannot say: URLs, types, times. Null when all is well. */
function refuseContent(backup: Backup, now: number): (RestoreResult & { ok: false }) | null {
  const latest = now + FUTURE_TOLERANCE_MS;
  for (const s of backup.snapshots) {
    if (!isHttpUrl(s.url)) return fail('bad-url', `page record ${s.id}: ${s.url.slice(0, 80)}`);
    if (s.capturedAt > latest) return fail('future', `page record ${s.id}: ${new Date(s.capturedAt).toISOString()}`);
  }
  for (const b of backup.blobs) {
    if (!isEvidenceType(b.mime)) return fail('bad-type', `${b.id}: ${b.mime.slice(0, 80)}`);
  }
  let prev: Evidence | null = null;
  for (const e of [...backup.evidence].sort((a, b) => a.seq - b.seq)) {
    if (e.url !== undefined && !isHttpUrl(e.url)) return fail('bad-url', `evidence ${e.id}: ${e.url.slice(0, 80)}`);
    if (!isEvidenceType(e.mime)) return fail('bad-type', `evidence ${e.id}: ${e.mime.slice(0, 80)}`);
    if (e.capturedAt > latest) return fail('future', `evidence ${e.id}: ${new Date(e.capturedAt).toISOString()}`);
    // Restored segments inside the backup keep their own older times; the chain check orders those.
    if (!e.restoredFrom) {
      if (prev && e.capturedAt < prev.capturedAt) {
        return fail(
          'time-order',
          `evidence ${e.id} (#${e.seq}, ${new Date(e.capturedAt).toISOString()}) is dated before ${prev.id} (#${prev.seq}, ${new Date(prev.capturedAt).toISOString()})`,
        );
      }
      prev = e;
    }
  }
  return null;
}

/** Every check that needs no database: shape, bytes, hashes, chain, URLs, types and times. */
export async function checkBackup(
  bytes: Uint8Array,
  now: number = Date.now(),
): Promise<{ ok: true; checked: Checked } | (RestoreResult & { ok: false })> {
  if (bytes.byteLength > MAX_BACKUP_BYTES) return fail('too-large', `${bytes.byteLength} bytes`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail('not-json', 'not UTF-8 text');
  }
  const parsed = parseJsonSafely(text);
  if (!parsed.ok)
    return parsed.forbidden ? fail('forbidden-key', parsed.forbidden) : fail('not-json', 'JSON.parse failed');
  const format = (parsed.value as { format?: unknown } | null)?.format;
  if (typeof parsed.value !== 'object' || parsed.value === null || format !== BACKUP_FORMAT) {
    return fail('wrong-format', typeof format === 'string' ? format.slice(0, 80) : String(typeof format));
  }
  const r = BackupSchema.safeParse(parsed.value);
  if (!r.success) {
    const issue = r.error.issues[0];
    return fail('invalid', issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid');
  }
  const backup = r.data;
  const dup = firstDuplicate([
    ...backup.snapshots.map((s) => `snapshot ${s.id}`),
    ...backup.evidence.map((e) => `evidence ${e.id}`),
    ...backup.evidence.map((e) => `seq ${e.seq}`),
    ...backup.blobs.map((b) => `blob ${b.id}`),
    ...backup.alerts.map((a) => `alert ${a.id}`),
    ...backup.tickets.map((t) => `ticket ${t.id}`),
  ]);
  if (dup) return fail('invalid', `${dup} appears twice`);
  const refused = refuseContent(backup, now);
  if (refused) return refused;
  const records = new Map(backup.evidence.map((e) => [e.id, e]));
  const blobs: BlobRecord[] = [];
  for (const b of backup.blobs) {
    const record = records.get(b.id);
    if (!record) return fail('bad-blob', `${b.id}: no evidence record for this file`);
    const data = base64ToBytes(b.data);
    if (!data) return fail('bad-blob', `${b.id}: not base64`);
    if (data.byteLength !== record.bytes || (await sha256Hex(data)) !== record.sha256) {
      return fail('hash-mismatch', b.id);
    }
    blobs.push({ id: b.id, data, mime: b.mime });
  }
  const byId = new Map(blobs.map((b) => [b.id, b.data]));
  const chain = await verifyChain(backup.evidence, async (id) => byId.get(id) ?? null, keyFingerprint);
  if (!chain.ok) {
    const p = chain.problems[0]!;
    const error = /time goes backwards|dated after the restore/.test(p.reason) ? 'time-order' : 'chain-broken';
    return fail(error, `${p.evidenceId}: ${p.reason}`);
  }
  return { ok: true, checked: { backup, blobs, sha256: await sha256Hex(bytes) } };
}

function firstDuplicate(keys: string[]): string | null {
  const seen = new Set<string>();
  for (const k of keys) {
    if (seen.has(k)) return k;
    seen.add(k);
  }
  return null;
}

/**
 * Validates fully, then appends in one transaction. Never throws; on any failure nothing is written.
 * `now` is the worker's clock (records dated after it are refused; the restore record carries it).
 */
export async function restoreBackup(d: DB, bytes: Uint8Array, now: number = Date.now()): Promise<RestoreResult> {
  const c = await checkBackup(bytes, now);
  if (!c.ok) return c;
  try {
    for (let attempt = 0; ; attempt++) {
      const r = await merge(d, c.checked, now);
      if (r !== 'tail-moved') return r;
      if (attempt >= 5) return fail('chain-conflict', 'the evidence chain kept changing during the restore');
      await new Promise((res) => setTimeout(res, 20 * (attempt + 1)));
    }
  } catch (e) {
    return fail('write-failed', e instanceof Error ? e.message : String(e));
  }
}

/** The records of the backup's chain that pin its key are not copied: the restore record names that key. */
const NOT_COPIED: ReadonlySet<Evidence['kind']> = new Set(['chain-start', 'chain-rule']);

interface Plan {
  tail: Evidence | null;
  sealed: Evidence[];
  added: RestoreCounts;
  kept: RestoreCounts;
}

/**
 * Decides outside any transaction (sealing needs WebCrypto, which would end one): what is new, and the records
 * that append it — the key pin when the chain needs one, the restore record, then the restored records in time
 * order, each keeping its id, fields and time and saying where it stood in the backup's chain.
 */
async function plan(d: DB, { backup, sha256 }: Checked, now: number): Promise<Plan> {
  const added: RestoreCounts = { snapshots: 0, evidence: 0, alerts: 0, tickets: 0 };
  const kept: RestoreCounts = { snapshots: 0, evidence: 0, alerts: 0, tickets: 0 };
  const rtx = d.transaction(['evidence', 'snapshots', 'alerts', 'tickets'], 'readonly');
  const [ids, alertIds, ticketIds, tailCursor] = await Promise.all([
    rtx.objectStore('evidence').getAllKeys(),
    rtx.objectStore('alerts').getAllKeys(),
    rtx.objectStore('tickets').getAllKeys(),
    rtx.objectStore('evidence').index('bySeq').openCursor(null, 'prev'),
  ]);
  const tail = tailCursor?.value ?? null;
  const snapStore = rtx.objectStore('snapshots');
  for (const s of backup.snapshots) {
    const existing = await snapStore.get(s.id);
    const { id: _id, tabTitle, ...page } = s;
    const record = toSnapshotRecord(page as PageSnapshot, tabTitle);
    if (existing && existing.key === record.key && existing.capturedAt === record.capturedAt) kept.snapshots++;
    else added.snapshots++;
  }
  await rtx.done;
  const have = new Set<string>(ids.map(String));
  const fresh = backup.evidence
    .filter((e) => !NOT_COPIED.has(e.kind))
    .filter((e) => {
      if (have.has(e.id)) kept.evidence++;
      return !have.has(e.id);
    })
    .sort((a, b) => a.capturedAt - b.capturedAt || a.seq - b.seq);
  added.evidence = fresh.length;
  for (const a of backup.alerts) (alertIds.map(String).includes(a.id) ? kept : added).alerts++;
  for (const t of backup.tickets) (ticketIds.map(String).includes(t.id) ? kept : added).tickets++;
  const sealed: Evidence[] = [];
  if (added.evidence + added.snapshots + added.alerts + added.tickets === 0) return { tail, sealed, added, kept };
  const pin = await pinAfter(d, tail, now);
  if (pin) sealed.push(pin);
  let last = pin ?? tail!;
  const newest = Math.max(now, last.capturedAt, ...fresh.map((e) => e.capturedAt));
  const backupKey = backup.evidence.find((e) => NOT_COPIED.has(e.kind) && e.keyFingerprint)?.keyFingerprint;
  const restore: EvidenceDraft = {
    kind: 'restore',
    capturedAt: newest,
    mime: CHAIN_MIME,
    bytes: 0,
    sha256: EMPTY_SHA256,
    restore: { backupSha256: sha256, ...added, ...(backupKey ? { keyFingerprint: backupKey } : {}) },
    ...(backup.generator ? { note: `${backup.generator}, exported ${new Date(backup.exportedAt).toISOString()}` } : {}),
  };
  last = await sealRecord(restore, newId(newest), last);
  sealed.push(last);
  for (const e of fresh) {
    const { id, seq, prevHash: _p, fieldsHash: _f, recordHash, restoredFrom: _r, ...fields } = e;
    last = await sealRecord({ ...fields, restoredFrom: { seq, recordHash } }, id, last);
    sealed.push(last);
  }
  return { tail, sealed, added, kept };
}

async function merge(d: DB, checked: Checked, now: number): Promise<RestoreResult | 'tail-moved'> {
  const { backup, blobs } = checked;
  const { tail, sealed, added, kept } = await plan(d, checked, now);
  const tx = d.transaction(['snapshots', 'evidence', 'blobs', 'alerts', 'tickets', 'meta'], 'readwrite', {
    durability: 'strict',
  });
  // Only IndexedDB requests are awaited below (no crypto, no I/O), so the transaction stays alive.
  const work = (async () => {
    const evStore = tx.objectStore('evidence');
    const now = (await evStore.index('bySeq').openCursor(null, 'prev'))?.value ?? null;
    if ((now?.recordHash ?? null) !== (tail?.recordHash ?? null)) throw new TailMoved();
    const blobOf = new Map(blobs.map((b) => [b.id, b]));
    for (const e of sealed) {
      await evStore.add(e);
      const blob = blobOf.get(e.id);
      if (blob) await tx.objectStore('blobs').put(blob);
    }
    const counted: RestoreCounts = { snapshots: 0, evidence: 0, alerts: 0, tickets: 0 };
    await mergeSnapshots(tx.objectStore('snapshots'), backup.snapshots, counted, counted);
    // Restored snapshots may take ids below the newest one, which the popup's kept view does not notice.
    await tx.objectStore('meta').delete(VIEW_KEY);
    for (const a of backup.alerts)
      await addIfNew(tx.objectStore('alerts'), a as AlertRecord, 'alerts', counted, counted);
    for (const t of backup.tickets) await addIfNew(tx.objectStore('tickets'), t as Ticket, 'tickets', counted, counted);
    if (backup.meta.unwatchedOrders?.length) {
      const meta = tx.objectStore('meta');
      const prev = (await meta.get(META.unwatchedOrders))?.value;
      const union = new Set([...(Array.isArray(prev) ? prev : []), ...backup.meta.unwatchedOrders]);
      await meta.put({ key: META.unwatchedOrders, value: [...union] });
    }
  })();
  try {
    await work;
  } catch (e) {
    try {
      tx.abort();
    } catch {
      // already finished or aborted
    }
    await tx.done.catch(() => undefined);
    if (e instanceof TailMoved || (e instanceof Error && e.name === 'ConstraintError')) return 'tail-moved';
    throw e;
  }
  await tx.done;
  return { ok: true, added, kept };
}

class TailMoved extends Error {}

interface KeyedStore<V> {
  get(key: string): Promise<V | undefined>;
  add(value: V): Promise<unknown>;
}

async function addIfNew<V extends { id: string }>(
  store: KeyedStore<V>,
  value: V,
  what: 'alerts' | 'tickets',
  added: RestoreCounts,
  kept: RestoreCounts,
) {
  if (await store.get(value.id)) kept[what]++;
  else {
    await store.add(value);
    added[what]++;
  }
}

interface SnapshotStore {
  get(key: number): Promise<SnapshotRecord | undefined>;
  add(value: SnapshotRecord): Promise<unknown>;
}

/**
 * A snapshot keeps its id when that id is free (evidence links to it by id). The same id holding the
 * same page at the same moment is the same snapshot (kept); a different one gets a new id.
 */
async function mergeSnapshots(
  store: SnapshotStore,
  snapshots: Backup['snapshots'],
  added: RestoreCounts,
  kept: RestoreCounts,
) {
  for (const s of snapshots) {
    const { id, tabTitle, ...page } = s;
    const record = toSnapshotRecord(page as PageSnapshot, tabTitle);
    const existing = await store.get(id);
    if (!existing) {
      await store.add({ ...record, id });
      added.snapshots++;
    } else if (existing.key === record.key && existing.capturedAt === record.capturedAt) {
      kept.snapshots++;
    } else {
      await store.add(record);
      added.snapshots++;
    }
  }
}

/** Meta kept by "delete all data": none (lib/store/meta.ts says why). */
export { META_KEPT_ON_DELETE };

/**
 * Clears every record, evidence file, alert, ticket and meta entry (the signing key and every clock offset
 * included) in one strict transaction: all or nothing. The next record starts a new chain with a new key and
 * names the deleted key's fingerprint, so a shopper cannot quietly swap one history for another.
 */
export async function deleteAllData(d: DB): Promise<void> {
  const oldKey = await getMeta(d, META.signingKey);
  const oldFingerprint = oldKey?.publicKey ? await keyFingerprint(await exportPublicJwk(oldKey.publicKey)) : undefined;
  const previous = oldFingerprint ?? (await getMeta(d, META.previousKeyFingerprint));
  const tx = d.transaction(['snapshots', 'evidence', 'blobs', 'alerts', 'tickets', 'meta'], 'readwrite', {
    durability: 'strict',
  });
  const meta = tx.objectStore('meta');
  const metaKeys = await meta.getAllKeys();
  await Promise.all([
    tx.objectStore('snapshots').clear(),
    tx.objectStore('evidence').clear(),
    tx.objectStore('blobs').clear(),
    tx.objectStore('alerts').clear(),
    tx.objectStore('tickets').clear(),
    ...metaKeys.filter((k) => !META_KEPT_ON_DELETE.includes(k)).map((k) => meta.delete(k)),
  ]);
  if (previous) await meta.put({ key: META.previousKeyFingerprint, value: previous });
  await tx.done;
}
