/**
 * What the options page shows and what its actions answer: the view model shared by its contract
 * (components/options/actions.ts) and its connector (lib/pages/options-connector.ts). Types only.
 */
import type { ArchiveErrorCode } from './archive';
import type { Settings } from './model';
import type { StorageUsage } from './storage-usage';
import type { StampingState } from './timestamp/schedule';

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

/** Whole-page MHTML archives: on, off (or not granted), or not possible in this browser (Firefox). */
export type ArchiveSupport = 'granted' | 'missing' | 'unsupported';

/** Trusted time in Settings: what the worker last did (meta `stamping`), at its clock, and which origins are granted. */
export interface StampingView {
  state: StampingState | null;
  now: number;
  /** By origin pattern (`originPattern(url)`): whether the host permission is granted. */
  granted: Record<string, boolean>;
}
