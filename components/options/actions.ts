/**
 * What the options page may ask for. lib/pages/options-connector.ts implements it over the extension
 * (storage.sync through the background, IndexedDB, permissions); tests implement it with plain objects.
 */
import type { RestoreResult } from '@/lib/pages/backup-restore';
import type { VerifyResult } from '@/lib/core/bundle';
import type { ArchiveErrorCode } from '@/lib/pages/archive';
import type { Settings } from '@/lib/core/model';
import type { PruneResult } from '@/lib/background/prune';
import type { StorageUsage } from '@/lib/store/storage-usage';

export interface StorageUse {
  /** navigator.storage.estimate(); null when the browser does not say. */
  usage: number | null;
  quota: number | null;
  snapshots: number;
  evidence: number;
  /** Sum of the byte sizes of evidence still stored (pruned or deleted evidence counts for nothing). */
  evidenceBytes: number;
}

/** Usage per order at the background's clock (`now`, for "closed more than N days ago"). */
export type OrderStorage = StorageUsage & { now: number };

export interface ArchiveDone {
  fileName: string;
  /** Size of the zip handed to the browser's download. */
  bytes: number;
  sha256: string;
  /** The evidence in the archive: what "delete archived evidence" removes, nothing else. */
  evidenceIds: string[];
  evidenceBytes: number;
  orders: string[];
}

export type ArchiveOutcome =
  { ok: true; archive: ArchiveDone } | { ok: false; error: ArchiveErrorCode | 'failed'; detail: string };

export type SaveResult = { ok: true; settings: Settings } | { ok: false; error: string };

export interface OptionsActions {
  /** The extension's version (manifest). */
  version: string;
  /** The browser's UI language, for the "follow the browser" choice. */
  browserLanguage: string;
  loadSettings(): Promise<Settings>;
  saveSettings(settings: Settings): Promise<SaveResult>;
  hasCapturePermission(): Promise<boolean>;
  /** Must be called straight from a click: permissions.request needs a user gesture. */
  requestCapturePermission(): Promise<boolean>;
  /** Whole-page MHTML archives (Chrome's optional pageCapture permission; Firefox: unsupported). */
  archiveSupport(): Promise<'granted' | 'missing' | 'unsupported'>;
  /** Must be called straight from a click, like requestCapturePermission. */
  setArchive(on: boolean): Promise<boolean>;
  storageUse(): Promise<StorageUse>;
  orderStorage(): Promise<OrderStorage>;
  /** Builds, verifies and downloads an archive of closed orders' evidence (lib/pages/archive.ts). */
  archive(orderKeys: string[]): Promise<ArchiveOutcome>;
  /** Deletes evidence bytes through the background; `archive` null means pruned without one (confirmed twice). */
  prune(evidenceIds: string[], archive: { fileName: string; sha256: string } | null): Promise<PruneResult>;
  /** Builds the backup and starts its download. */
  backup(): Promise<{ fileName: string; bytes: number }>;
  restore(file: File): Promise<RestoreResult>;
  verifyBundle(file: File): Promise<VerifyResult>;
  deleteAll(): Promise<void>;
}
