/**
 * The options page's actions (components/options/actions.ts, OptionsActions) over the real extension.
 * Settings are written by the background (`settings/save`, which stores them in storage.sync); data reads,
 * backup, restore and deletion go straight to IndexedDB (same origin as the worker), then ask the worker to
 * re-evaluate so alarms and the badge follow the new data.
 *
 * It implements the contract structurally (lib/ never imports a view): entrypoints/options hands it to the
 * page, which typechecks the fit; the data it returns is lib/core's (lib/core/options-view.ts).
 */
import { browser } from 'wxt/browser';
import {
  MAX_BACKUP_BYTES,
  backupFileName,
  buildBackup,
  deleteAllData,
  restoreBackup,
  serializeBackup,
} from './backup-restore';
import { ArchiveError, buildArchive } from './archive';
import { backgroundNow } from './background-now';
import { optionalFeatures } from './optional-features';
import { send } from './send';
import { BUNDLE_LIMITS, failedVerify, verifyBundle, type VerifyResult } from '../core/bundle';
import { storedNow } from '../store/clock';
import { db, getMeta } from '../store/db';
import { META } from '../store/meta';
import { signingKey } from '../store/keystore';
import type { SettingsPatch } from '../core/model';
import type { RestoreResult } from '../core/backup-restore';
import type { ArchiveOutcome, OrderStorage, SaveResult, StampingView, StorageUse } from '../core/options-view';
import { pruneNote, type PruneResult } from '../core/prune';
import { loadSettings } from '../store/settings';
import { evidenceTotals, storageUsage } from '../store/storage-usage';
import { ledgerCsv } from '../core/ledger';
import { loadLedger } from './ledger';
import { clearKeptScreen } from './kept-screen';

async function reevaluate(): Promise<void> {
  try {
    await send({ type: 'alerts/evaluate' });
  } catch (e) {
    // The data change itself succeeded; the worker catches up on its next alarm.
    console.warn('ShopWitness: re-evaluation after a data change failed', e);
  }
}

function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started from the URL; give the browser a moment before letting it go.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function createOptionsActions() {
  const version = browser.runtime.getManifest().version;
  return {
    version,
    browserLanguage: browser.i18n.getUILanguage?.() ?? navigator.language,
    loadSettings,
    async saveSettings(settings: SettingsPatch): Promise<SaveResult> {
      const r = await send({ type: 'settings/save', settings });
      // The popup's kept screen is in the language it was shown in: a language saved here must not paint the other.
      if (r.ok && settings.language !== undefined) clearKeptScreen();
      return r.ok ? { ok: true, settings: r.settings } : { ok: false, error: r.error };
    },
    // Called straight from the click: nothing is awaited before permissions.request.
    requestOrigins: (origins: string[]): Promise<boolean> =>
      origins.length === 0 ? Promise.resolve(true) : browser.permissions.request({ origins }),
    async releaseOrigins(origins: string[]): Promise<void> {
      // One at a time: an origin the manifest grants outright (the test build's <all_urls>) cannot be removed, and
      // must not keep the others.
      for (const origin of origins) await browser.permissions.remove({ origins: [origin] }).catch(() => false);
    },
    async stampingStatus(origins: string[]): Promise<StampingView> {
      const d = await db();
      const [state, now, granted] = await Promise.all([
        getMeta(d, META.stamping),
        storedNow(d),
        Promise.all(
          origins.map(async (o) => [o, await browser.permissions.contains({ origins: [o] }).catch(() => false)]),
        ),
      ]);
      return { state: state ?? null, now, granted: Object.fromEntries(granted) };
    },
    ...optionalFeatures,
    async storageUse(): Promise<StorageUse> {
      const d = await db();
      const [estimate, snapshots, evidence] = await Promise.all([
        navigator.storage?.estimate?.().catch(() => null) ?? Promise.resolve(null),
        d.count('snapshots'),
        evidenceTotals(d),
      ]);
      return {
        usage: estimate?.usage ?? null,
        quota: estimate?.quota ?? null,
        snapshots,
        evidence: evidence.records,
        evidenceBytes: evidence.bytes,
      };
    },
    async orderStorage(): Promise<OrderStorage> {
      const [d, now, settings] = await Promise.all([db(), backgroundNow(), loadSettings()]);
      return { ...(await storageUsage(d, now, settings)), now };
    },
    async archive(orderKeys: string[]): Promise<ArchiveOutcome> {
      try {
        const d = await db();
        const [now, settings, key] = await Promise.all([backgroundNow(), loadSettings(), signingKey(d)]);
        const a = await buildArchive(d, {
          keys: orderKeys,
          now,
          settings,
          signingKey: key,
          generator: `ShopWitness ${version}`,
        });
        download(new Blob([a.zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' }), a.fileName);
        return {
          ok: true,
          archive: {
            fileName: a.fileName,
            bytes: a.zip.byteLength,
            sha256: a.sha256,
            evidenceIds: a.evidenceIds,
            evidenceBytes: a.evidenceBytes,
            orders: a.orders,
          },
        };
      } catch (e) {
        if (e instanceof ArchiveError) return { ok: false, error: e.code, detail: e.detail };
        return { ok: false, error: 'failed', detail: e instanceof Error ? e.message : String(e) };
      }
    },
    async prune(evidenceIds: string[], archive: { fileName: string; sha256: string } | null): Promise<PruneResult> {
      // The background appends the deletion records (the same writer as captures) and re-checks each id.
      const r = await send({ type: 'evidence/prune', ids: evidenceIds, note: pruneNote(archive) });
      if ('deleted' in r) return r;
      return { ok: false, error: 'write-failed', detail: r.error, deleted: 0, freedBytes: 0 };
    },
    async backup(): Promise<{ fileName: string; bytes: number }> {
      const now = Date.now();
      const backup = await buildBackup(await db(), {
        settings: await loadSettings(),
        now,
        generator: `ShopWitness ${version}`,
      });
      const blob = new Blob([serializeBackup(backup)], { type: 'application/json' });
      const fileName = backupFileName(now);
      download(blob, fileName);
      return { fileName, bytes: blob.size };
    },
    async exportLedger(): Promise<{ fileName: string; entries: number }> {
      const { entries } = await loadLedger();
      const fileName = `shopwitness-recovered-${new Date().toISOString().slice(0, 10)}.csv`;
      if (entries.length > 0) download(new Blob([ledgerCsv(entries)], { type: 'text/csv;charset=utf-8' }), fileName);
      return { fileName, entries: entries.length };
    },
    async restore(file: File): Promise<RestoreResult> {
      // Refused before reading: a 2 GB file should not be pulled into memory to be told it is too big.
      if (file.size > MAX_BACKUP_BYTES) return { ok: false, error: 'too-large', detail: `${file.size} bytes` };
      const r = await restoreBackup(await db(), new Uint8Array(await file.arrayBuffer()), await backgroundNow());
      // The popup's kept screen shows the data before the restore: the next open paints the restored data only.
      if (r.ok) clearKeptScreen();
      if (r.ok) await reevaluate();
      return r;
    },
    async verifyBundle(file: File): Promise<VerifyResult> {
      if (file.size > BUNDLE_LIMITS.maxTotalBytes) {
        return failedVerify(`the file is larger than ${BUNDLE_LIMITS.maxTotalBytes} bytes`);
      }
      return verifyBundle(new Uint8Array(await file.arrayBuffer()));
    },
    async deleteAll(): Promise<void> {
      // The popup's kept screen holds the first rows as they were shown: an erased list must never be painted again
      // (forgotten before the erase, and again after it in case a popup opened meanwhile kept what it read).
      clearKeptScreen();
      await deleteAllData(await db());
      clearKeptScreen();
      await reevaluate();
    },
  };
}
