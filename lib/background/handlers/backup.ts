/** Reads of everything stored: the full export (DESIGN.md public contract) and a summary with the worker's clock. */
import type { BackupExport } from '../../core/messages';
import { now } from '../../store/clock';
import { getMeta, type DB } from '../../store/db';
import { META } from '../../store/meta';
import { loadSettings } from '../../store/settings';
import type { Handlers } from '../router';

async function exportAll(d: DB): Promise<BackupExport> {
  const [snapshots, evidence, alerts, tickets, settings, captureFailures] = await Promise.all([
    d.getAll('snapshots'),
    d.getAll('evidence'),
    d.getAll('alerts'),
    d.getAll('tickets'),
    loadSettings(),
    getMeta(d, META.captureFailures),
  ]);
  return {
    format: 'shopwitness-backup/1',
    exportedAt: now(),
    snapshots,
    evidence,
    alerts,
    tickets,
    settings,
    captureFailures: captureFailures ?? [],
  };
}

export const backupHandlers: Pick<Handlers, 'backup/export' | 'state/summary'> = {
  'backup/export': { from: 'page', changesData: false, handle: (_m, { db: d }) => exportAll(d) },
  'state/summary': {
    from: 'page',
    changesData: false,
    handle: async (_m, { db: d }) => ({
      ok: true,
      now: now(),
      snapshots: await d.count('snapshots'),
      evidence: await d.count('evidence'),
    }),
  },
};
