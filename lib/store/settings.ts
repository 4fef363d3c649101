/** Settings live in storage.sync (they follow the shopper between browsers); data stays local. */
import { browser } from 'wxt/browser';
import { SettingsSchema, DEFAULT_SETTINGS, type Settings, type SettingsPatch } from '../core/model';
import { SETTINGS_KEY, storedSettings } from './settings-raw';

export { storedSettings };

/** Settings from what storage.sync holds under `settings` (another device or version may have written it). */
export function settingsFrom(raw: unknown): Settings {
  const parsed = SettingsSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

export async function loadSettings(): Promise<Settings> {
  return settingsFrom(await storedSettings());
}

/** The fields given replace the stored ones; `timestamping` is merged one level down (its fields given replace). */
export async function saveSettings(patch: SettingsPatch): Promise<Settings> {
  const current = await loadSettings();
  const next = SettingsSchema.parse({
    ...current,
    ...patch,
    timestamping: { ...current.timestamping, ...patch.timestamping },
  });
  await browser.storage.sync.set({ [SETTINGS_KEY]: next });
  return next;
}
