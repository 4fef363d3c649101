/** Settings live in storage.sync (they follow the shopper between browsers); data stays local. */
import { browser } from 'wxt/browser';
import { SettingsSchema, DEFAULT_SETTINGS, type Settings } from './model';

const KEY = 'settings';

export async function loadSettings(): Promise<Settings> {
  try {
    const raw = (await browser.storage.sync.get(KEY))[KEY];
    const parsed = SettingsSchema.safeParse(raw ?? {});
    return parsed.success ? parsed.data : DEFAULT_SETTINGS;
  } catch {
    return DEFAULT_SETTINGS;
  }
}

export async function saveSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = SettingsSchema.parse({ ...(await loadSettings()), ...patch });
  await browser.storage.sync.set({ [KEY]: next });
  return next;
}
