/**
 * What a restore answers: lib/pages/backup-restore.ts restores a backup file, the options page says the
 * result in words.
 */

export type RestoreError =
  | 'too-large'
  | 'not-json'
  | 'forbidden-key'
  | 'wrong-format'
  | 'invalid'
  | 'bad-blob'
  | 'hash-mismatch'
  | 'chain-broken'
  | 'chain-conflict'
  | 'time-order'
  | 'future'
  | 'bad-url'
  | 'bad-type'
  | 'write-failed';

export interface RestoreCounts {
  snapshots: number;
  evidence: number;
  alerts: number;
  tickets: number;
}

export type RestoreResult =
  { ok: true; added: RestoreCounts; kept: RestoreCounts } | { ok: false; error: RestoreError; detail: string };
