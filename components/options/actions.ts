/**
 * What the options page may ask for: its contract. lib/pages/options-connector.ts implements it over the
 * extension (storage.sync through the background, IndexedDB, permissions), and entrypoints/options passes it
 * in, which typechecks the fit; actions.mock.ts beside this file implements it with plain objects and sample
 * data, for unit tests and for rendering the page without the extension. The data it exchanges is lib/core's.
 */
import type { RestoreResult } from '@/lib/core/backup-restore';
import type { VerifyResult } from '@/lib/core/bundle';
import type { Settings, SettingsPatch } from '@/lib/core/model';
import type {
  ArchiveOutcome,
  ArchiveSupport,
  OrderStorage,
  SaveResult,
  StampingView,
  StorageUse,
} from '@/lib/core/options-view';
import type { PruneResult } from '@/lib/core/prune';

export type {
  ArchiveDone,
  ArchiveOutcome,
  ArchiveSupport,
  OrderStorage,
  SaveResult,
  StampingView,
  StorageUse,
} from '@/lib/core/options-view';

export interface OptionsActions {
  /** The extension's version (manifest). */
  version: string;
  /** The browser's UI language, for the "follow the browser" choice. */
  browserLanguage: string;
  loadSettings(): Promise<Settings>;
  /** The fields given replace the stored ones (`timestamping` one level down); the answer is everything stored. */
  saveSettings(settings: SettingsPatch): Promise<SaveResult>;
  /**
   * Trusted time: asks for the host permissions of these origin patterns. Must be called straight from a click
   * (permissions.request needs a user gesture), before anything else is awaited.
   */
  requestOrigins(origins: string[]): Promise<boolean>;
  /** Gives back host permissions no longer needed (trusted time off, an authority removed); never throws. */
  releaseOrigins(origins: string[]): Promise<void>;
  /** What the worker last did for trusted time, and which origins are granted. */
  stampingStatus(origins: string[]): Promise<StampingView>;
  hasCapturePermission(): Promise<boolean>;
  /** Must be called straight from a click: permissions.request needs a user gesture. */
  requestCapturePermission(): Promise<boolean>;
  /** Whole-page MHTML archives (Chrome's optional pageCapture permission; Firefox: unsupported). */
  archiveSupport(): Promise<ArchiveSupport>;
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
  /** Downloads the money-recovered ledger as CSV (lib/core/ledger.ts); how many entries it held. */
  exportLedger?(): Promise<{ fileName: string; entries: number }>;
  restore(file: File): Promise<RestoreResult>;
  verifyBundle(file: File): Promise<VerifyResult>;
  deleteAll(): Promise<void>;
}
