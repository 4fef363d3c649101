/**
 * What the options page may ask for. lib/options-connector.ts implements it over the extension
 * (storage.sync through the background, IndexedDB, permissions); tests implement it with plain objects.
 */
import type { RestoreResult } from '@/lib/backup-restore';
import type { VerifyResult } from '@/lib/bundle';
import type { Settings } from '@/lib/model';

export interface StorageUse {
  /** navigator.storage.estimate(); null when the browser does not say. */
  usage: number | null;
  quota: number | null;
  snapshots: number;
  evidence: number;
  /** Sum of the evidence records' byte sizes. */
  evidenceBytes: number;
}

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
  /** Builds the backup and starts its download. */
  backup(): Promise<{ fileName: string; bytes: number }>;
  restore(file: File): Promise<RestoreResult>;
  verifyBundle(file: File): Promise<VerifyResult>;
  deleteAll(): Promise<void>;
}
