/** The evidence chain: its check, and deleting from it (one record, or archived orders' evidence). */
import { now } from '../../store/clock';
import { deleteEvidence, verifyStoredEvidence } from '../../store/evidence-store';
import { loadSettings } from '../../store/settings';
import { pruneEvidence } from '../prune';
import type { Handlers } from '../router';

export const evidenceHandlers: Pick<Handlers, 'evidence/verify' | 'evidence/delete' | 'evidence/prune'> = {
  'evidence/verify': { from: 'page', changesData: false, handle: (_m, { db: d }) => verifyStoredEvidence(d) },
  'evidence/delete': {
    from: 'page',
    changesData: true,
    handle: async (m, { db: d }) => ({ ok: true, record: await deleteEvidence(d, m.id, now(), m.note) }),
  },
  'evidence/prune': {
    from: 'page',
    changesData: true,
    handle: async (m, { db: d }) =>
      pruneEvidence(d, { ids: m.ids, now: now(), settings: await loadSettings(), note: m.note }),
  },
};
