/** The toolbar badge: how many alerts are open. */
import { browser } from 'wxt/browser';
import { now } from '../store/clock';
import type { DB } from '../store/db';
import { openAlerts } from './watch';

export async function updateBadge(d: DB): Promise<void> {
  const open = (await openAlerts(d, now())).length;
  await browser.action.setBadgeText({ text: open > 0 ? String(open) : '' });
  await browser.action.setBadgeBackgroundColor({ color: '#b91c1c' });
}
