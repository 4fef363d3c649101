import en from '../../../public/_locales/en/messages.json';
import zh from '../../../public/_locales/zh_CN/messages.json';

describe('locales', () => {
  it('have the same keys in zh-CN and en, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const catalog of [en, zh])
      for (const [k, v] of Object.entries(catalog)) expect(v.message.trim(), k).not.toBe('');
  });

  it('use only the characters Chrome accepts in message names (a bad name stops the extension loading)', () => {
    for (const k of Object.keys(zh)) expect(k).toMatch(/^[A-Za-z0-9_@]+$/);
  });
});
