import { describe, expect, it } from 'vitest';
import { unguardedApis } from '../../../build/android-compat';

describe('unguardedApis: what Firefox for Android lacks, read from browser-compat-data', () => {
  it('flags a namespace Android lacks, under either of its names', () => {
    const apis = unguardedApis(
      'b.contextMenus.create({id:`x`});b.menus.remove(`x`);b.commands.onCommand.addListener(f);b.windows.getAll()',
      'x.js',
    ).map((p) => p.api);
    expect(apis).toEqual(['contextMenus.create', 'menus.remove', 'commands.onCommand', 'windows.getAll']);
  });

  it('flags a member Android lacks in a namespace it has', () => {
    expect(unguardedApis('b.notifications.onButtonClicked.addListener(f)', 'x.js')).toMatchObject([
      { api: 'notifications.onButtonClicked', missing: 'member' },
    ]);
  });

  it('accepts the same uses behind a feature check, and what Android has', () => {
    const js = [
      'b.contextMenus?.create({});',
      'const c=b.commands;c?.onCommand.addListener(f);',
      'b.notifications.onButtonClicked?.addListener(f);b.notifications?.onButtonClicked.addListener(f);',
      'b.tabs.captureVisibleTab(w);b.alarms.create(`a`,{});b.runtime.getPlatformInfo();b.action.setBadgeText({});',
    ].join('');
    expect(unguardedApis(js, 'x.js')).toEqual([]);
  });

  it('ignores what only looks like an API (Object.prototype, a local array)', () => {
    expect(
      unguardedApis('Object.prototype.hasOwnProperty.call(o,k);x.commands.length;x.constructor.name', 'x.js'),
    ).toEqual([]);
  });
});
