/** The price element the shopper picked on a site (lib/content/picker.ts), in storage.local `userSelectors` by host. */
import { browser } from 'wxt/browser';
import { UserSelectorsSchema } from '../core/messages';

async function storedSelectors(): Promise<Record<string, string>> {
  const raw = (await browser.storage.local.get('userSelectors')).userSelectors;
  const parsed = UserSelectorsSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : {};
}

/** The price element the shopper picked on the site of this page URL, if any. */
export async function storedSelector(pageUrl: string | undefined): Promise<string | null> {
  let host = '';
  try {
    host = new URL(pageUrl ?? '').hostname;
  } catch {
    return null;
  }
  const all = await storedSelectors();
  return Object.hasOwn(all, host) ? (all[host] ?? null) : null;
}

/** Remembers the price element the shopper picked on a site. */
export async function rememberSelector(host: string, selector: string): Promise<void> {
  const all = await storedSelectors();
  all[host] = selector;
  await browser.storage.local.set({ userSelectors: all });
}
