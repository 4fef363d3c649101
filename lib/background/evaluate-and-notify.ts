/** After every change and on every alarm: evaluate the rules, keep alert state, notify, badge, next alarm. */
import { browser } from 'wxt/browser';
import { now } from '../store/clock';
import { db } from '../store/db';
import { loadSettings } from '../store/settings';
import { WATCH_ALARM } from './alarms';
import { updateBadge } from './badge';
import { notifyAlerts } from './notify';
import { runWatch } from './watch';

/** One run at a time: a run asked for during another starts after it. */
let watchRun: Promise<unknown> = Promise.resolve();

/** Evaluate, persist alert state, notify, badge, and set the next alarm from stored absolute deadlines. */
export function evaluateAndNotify(): Promise<unknown> {
  watchRun = watchRun
    .catch(() => undefined)
    .then(async () => {
      const d = await db();
      const at = now();
      const settings = await loadSettings();
      const result = await runWatch(d, at, settings);
      await notifyAlerts(result.toNotify, settings);
      await updateBadge(d);
      if (result.nextWake !== null) {
        // Alarms run on the real clock; the test build's moved clock is an offset from it.
        await browser.alarms.create(WATCH_ALARM, {
          when: Math.max(Date.now() + 1000, result.nextWake - (at - Date.now())),
        });
      } else {
        await browser.alarms.clear(WATCH_ALARM);
      }
      return result;
    });
  return watchRun;
}
