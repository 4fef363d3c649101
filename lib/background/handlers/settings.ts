/**
 * Settings are written here (storage.sync), validated whole. A custom time-stamping authority's root certificate is
 * also read fully (pkijs, lib/core/timestamp/certificate.ts) before it can become the root its tokens are checked
 * against; a change to trusted time is acted on at once (turned on: the chain head is stamped now).
 */
import { readRootCertificate } from '../../core/timestamp/certificate';
import { saveSettings } from '../../store/settings';
import type { Handlers } from '../router';
import { stamper } from '../timestamping';

export const settingsHandlers: Pick<Handlers, 'settings/save'> = {
  'settings/save': {
    from: 'page',
    changesData: true,
    handle: async (m) => {
      for (const a of m.settings.timestamping?.authorities ?? []) {
        if (a.rootPem === undefined) continue;
        const root = await readRootCertificate(a.rootPem);
        if (!root.ok) throw new Error(`timestamping.authorities: the root certificate of ${a.name} is ${root.reason}`);
      }
      const settings = await saveSettings(m.settings);
      if (m.settings.timestamping) void stamper().kick();
      return { ok: true, settings };
    },
  },
};
