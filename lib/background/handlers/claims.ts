/** A 价保 page's content script asks which lines to mark, and to open our evidence for one (lib/content/claim-page.ts). */
import { browser } from 'wxt/browser';
import { now } from '../../store/clock';
import { marksFor } from '../claims';
import type { Handlers } from '../router';

export const claimHandlers: Pick<Handlers, 'claim/marks' | 'claim/evidence'> = {
  'claim/marks': {
    from: 'content',
    changesData: false,
    async handle(m, { db: d }) {
      return { ok: true, marks: await marksFor(d, m.platform, now()) };
    },
  },
  'claim/evidence': {
    from: 'content',
    changesData: false,
    async handle(m, { db: d }) {
      // Only a record we hold, and only our own evidence page: the page can ask, it cannot choose what opens.
      const rec = await d.get('evidence', m.id);
      if (!rec || rec.kind === 'deletion') return { ok: false, error: 'no such evidence' };
      await browser.tabs.create({ url: browser.runtime.getURL(`/evidence.html#${encodeURIComponent(rec.id)}`) });
      return { ok: true };
    },
  },
};
