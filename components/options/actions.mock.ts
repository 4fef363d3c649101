/**
 * OptionsActions as a plain object with sample data: no extension, no database, no downloads. For unit tests of
 * the options page, and for rendering it anywhere else (`<OptionsApp actions={createOptionsActionsMock()} />`).
 *
 * Reads answer from the sample given (SAMPLE_STORAGE_USE and SAMPLE_ORDER_STORAGE unless told). Archive and prune
 * behave like the real ones on that sample: an archive holds the chosen orders' evidence, and pruning removes the
 * orders whose evidence it deleted, so the table reloads without them. What the page asks to be done is recorded
 * in `calls` (`request`, `archive-pref:on`, `archive:<keys>`, `prune:<ids>`, `backup`, `restore:<file>`,
 * `verify:<file>`, `deleteAll`, `origins:<patterns>`, `release:<patterns>`); settings changes, in `saved` (the
 * settings answered are the sample's with every change applied, as the background does). `overrides` replace any member.
 */
import { DEFAULT_SETTINGS, type Settings, type SettingsPatch } from '@/lib/core/model';
import type { StampingState } from '@/lib/core/timestamp/schedule';
import type { OrderUsage } from '@/lib/core/storage-usage';
import type { OptionsActions, OrderStorage, StorageUse } from './actions';

export interface OptionsActionsMock extends OptionsActions {
  /** What the page asked to be done, in order. */
  calls: string[];
  /** Every settings change saveSettings was given, in order. */
  saved: SettingsPatch[];
}

export interface OptionsSample {
  settings?: Settings;
  use?: StorageUse;
  storage?: OrderStorage;
  /** What the worker last did for trusted time (meta `stamping`). */
  stamping?: StampingState;
  /** Host permissions the browser answers a request with (default: granted). */
  grantOrigins?: boolean;
}

const DAY = 86_400_000;
const MB = 1024 * 1024;
/** The sample's clock: the background's `now` of SAMPLE_ORDER_STORAGE. */
export const SAMPLE_NOW = Date.UTC(2026, 11, 31);

export const SAMPLE_STORAGE_USE: StorageUse = {
  usage: 5 * MB,
  quota: 2 * 1024 ** 3,
  snapshots: 12,
  evidence: 3,
  evidenceBytes: 1536,
};

/** One order's storage row with sample values (closed, 100 days quiet before `now`), `fields` on top. */
export const orderUsage = (
  fields: Partial<OrderUsage> & Pick<OrderUsage, 'key' | 'orderId'>,
  now = SAMPLE_NOW,
): OrderUsage => ({
  platform: 'jd',
  title: `商品 ${fields.orderId}`,
  lastActivity: now - 100 * DAY,
  closed: true,
  openReasons: [],
  evidence: 2,
  bytes: 2048,
  ids: [`ev-${fields.orderId}-1`, `ev-${fields.orderId}-2`],
  ...fields,
});

/** Evidence totals of some orders plus the evidence linked to none. */
export function orderStorageOf(now: number, orders: OrderUsage[], other = { evidence: 1, bytes: 512 }): OrderStorage {
  return {
    now,
    orders,
    other,
    total: {
      evidence: orders.reduce((s, o) => s + o.evidence, other.evidence),
      bytes: orders.reduce((s, o) => s + o.bytes, other.bytes),
    },
    deleted: 0,
  };
}

/** A large closed order, an open one, and a small closed one from last week. */
export const SAMPLE_ORDER_STORAGE: OrderStorage = orderStorageOf(SAMPLE_NOW, [
  orderUsage({
    key: 'jd:301234567890',
    orderId: '301234567890',
    title: '小熊电热水壶 1.7L',
    bytes: 3 * MB,
    evidence: 3,
  }),
  orderUsage({
    key: 'taobao:2026120112345',
    platform: 'taobao',
    orderId: '2026120112345',
    title: '棉麻四件套',
    closed: false,
    openReasons: ['window-open', 'open-alert'],
    bytes: MB,
  }),
  orderUsage({ key: 'jd:301299990000', orderId: '301299990000', lastActivity: SAMPLE_NOW - 5 * DAY, bytes: 4096 }),
]);

export function createOptionsActionsMock(
  sample: OptionsSample = {},
  overrides: Partial<OptionsActions> = {},
): OptionsActionsMock {
  const calls: string[] = [];
  const saved: SettingsPatch[] = [];
  let settings: Settings = sample.settings ?? DEFAULT_SETTINGS;
  const granted = new Set<string>();
  let storage = sample.storage ?? SAMPLE_ORDER_STORAGE;
  const holding = (ids: readonly string[]) => storage.orders.filter((o) => o.ids.some((id) => ids.includes(id)));
  return {
    calls,
    saved,
    version: '0.1.0',
    browserLanguage: 'zh-CN',
    loadSettings: async () => settings,
    async saveSettings(s) {
      saved.push(s);
      settings = { ...settings, ...s, timestamping: { ...settings.timestamping, ...s.timestamping } };
      return { ok: true, settings };
    },
    async requestOrigins(origins) {
      calls.push(`origins:${origins.join(',')}`);
      if (sample.grantOrigins === false) return false;
      for (const o of origins) granted.add(o);
      return true;
    },
    async releaseOrigins(origins) {
      calls.push(`release:${origins.join(',')}`);
      for (const o of origins) granted.delete(o);
    },
    stampingStatus: async (origins) => ({
      state: sample.stamping ?? null,
      now: SAMPLE_NOW,
      granted: Object.fromEntries(origins.map((o) => [o, granted.has(o)])),
    }),
    hasCapturePermission: async () => false,
    requestCapturePermission: async () => (calls.push('request'), true),
    archiveSupport: async () => 'missing',
    setArchive: async (on) => (calls.push(`archive-pref:${on ? 'on' : 'off'}`), true),
    storageUse: async () => sample.use ?? SAMPLE_STORAGE_USE,
    orderStorage: async () => storage,
    async archive(keys) {
      calls.push(`archive:${keys.join(',')}`);
      const orders = storage.orders.filter((o) => keys.includes(o.key));
      if (orders.length === 0) return { ok: false, error: 'nothing', detail: '' };
      const evidenceBytes = orders.reduce((s, o) => s + o.bytes, 0);
      return {
        ok: true,
        archive: {
          fileName: `shopwitness-archive-${new Date(storage.now).toISOString().slice(0, 10)}.zip`,
          // The records, the manifest and its signature beside the files.
          bytes: evidenceBytes + 900,
          // A stand-in: no zip is built.
          sha256: 'ab'.repeat(32),
          evidenceIds: orders.flatMap((o) => o.ids),
          evidenceBytes,
          orders: keys,
        },
      };
    },
    async prune(ids) {
      calls.push(`prune:${ids.join(',')}`);
      const gone = holding(ids);
      const freedBytes = gone.reduce((s, o) => s + o.bytes, 0);
      const left = storage.orders.filter((o) => !gone.includes(o));
      storage = { ...orderStorageOf(storage.now, left, storage.other), deleted: storage.deleted + ids.length };
      return { ok: true, deleted: ids.length, skipped: 0, freedBytes };
    },
    backup: async () => (calls.push('backup'), { fileName: 'shopwitness-backup.json', bytes: 2048 }),
    restore: async (file) => (
      calls.push(`restore:${file.name}`),
      {
        ok: true,
        added: { snapshots: 1, evidence: 0, alerts: 0, tickets: 0 },
        kept: { snapshots: 0, evidence: 0, alerts: 0, tickets: 0 },
      }
    ),
    verifyBundle: async (file) => (
      calls.push(`verify:${file.name}`),
      {
        ok: true,
        format: 'shopwitness-bundle/2',
        keyFingerprint: 'a'.repeat(64),
        files: [],
        signature: 'valid',
        problems: [],
        notes: [],
        chain: { records: 3, full: 3, reduced: 0, head: { seq: 2, recordHash: 'b'.repeat(64) }, keyPinnedAt: 0 },
        trustedTimes: [],
        cited: [],
        covered: false,
      }
    ),
    deleteAll: async () => void calls.push('deleteAll'),
    ...overrides,
  };
}
