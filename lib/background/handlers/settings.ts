/** Settings are written here (storage.sync), validated whole. */
import { saveSettings } from '../../store/settings';
import type { Handlers } from '../router';

export const settingsHandlers: Pick<Handlers, 'settings/save'> = {
  'settings/save': {
    from: 'page',
    changesData: true,
    handle: async (m) => ({ ok: true, settings: await saveSettings(m.settings) }),
  },
};
