/**
 * Public tracking pages (lib/sites/tracking.ts): the real kuaidi100, Cainiao and 17TRACK answers of
 * tests/fixtures/responses (TRACKING-SOURCE.md) read into logistics snapshots, kuaidi100 state codes over the
 * newest line, "nothing found" kept as a parcel without events, and the kuaidi100 link "查物流" opens.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readResponse } from '@/lib/sites';
import {
  carrierFromKuaidi100,
  kuaidi100Stage,
  kuaidi100Url,
  read17track,
  readKuaidi100,
  trackingNumberOfPage,
  trackingPage,
} from '@/lib/sites/tracking';
import { keptUrl } from '@/lib/content/page-responses/urls';
import { CARRIERS, LogisticsSnapshotSchema, type LogisticsSnapshot } from '@/lib/core/model';

const DIR = join(__dirname, '../../fixtures/responses');
const json = (p: string): unknown => JSON.parse(readFileSync(join(DIR, p), 'utf8'));
const NOW = Date.UTC(2026, 11, 6);
const K100 = 'https://m.kuaidi100.com/app/query/?nu=807209844896&com=yuantong';
const one = (s: unknown[]): LogisticsSnapshot => {
  expect(s).toHaveLength(1);
  return LogisticsSnapshotSchema.parse(s[0]);
};

describe('kuaidi100 /query', () => {
  it('reads the real YTO answer oldest first, China time, state 5 (派件) kept as read', () => {
    const s = one(readResponse('https://m.kuaidi100.com/query', json('kuaidi100/query-yuantong-2016.json'), K100, NOW));
    expect(s).toMatchObject({ kind: 'logistics', trackingNumber: '807209844896', carrier: 'YTO', state: '5' });
    expect(s.platform).toBeUndefined();
    expect(s.url).toBe('https://m.kuaidi100.com/app/query/?com=yuantong&nu=807209844896');
    expect(s.events.at(-1)).toMatchObject({ at: Date.UTC(2016, 5, 17, 0, 37, 12), stage: 'delivering' });
    expect(s.events[0]!.at).toBeLessThan(s.events.at(-1)!.at);
    expect(s.events.map((e) => e.stage)).toContain('transit');
  });

  it('keeps a "nothing found" answer as the page number with no events, state not-found', () => {
    const s = one(readKuaidi100(json('kuaidi100/query-no-result-2017.json'), new URL(K100), NOW));
    expect(s).toMatchObject({ trackingNumber: '807209844896', events: [], state: 'not-found', carrier: 'YTO' });
  });

  it('gives nothing for a wrong-phone answer (408), another number than the page’s, or junk', () => {
    const page = new URL(K100);
    expect(readKuaidi100({ status: '408', message: '验证码错误', data: [] }, page, NOW)).toEqual([]);
    expect(
      readKuaidi100({ status: '200', nu: 'YT999', data: [{ ftime: '2026-01-01 10:00', context: 'x' }] }, page, NOW),
    ).toEqual([]);
    for (const junk of [null, 1, 'x', [], { data: 'x' }])
      expect(readKuaidi100(junk, new URL('https://m.kuaidi100.com/app/query/'), NOW)).toEqual([]);
  });

  it('never keeps the phone digits the page URL may carry', () => {
    const body = {
      status: '200',
      state: '0',
      nu: 'SF1234567890123',
      com: 'shunfeng',
      data: [{ ftime: '2026-11-01 10:00:00', context: '【深圳】已揽收' }],
    };
    const s = one(
      readKuaidi100(body, new URL('https://m.kuaidi100.com/app/query/?nu=SF1234567890123&phone=1234'), NOW),
    );
    expect(JSON.stringify(s)).not.toContain('1234&');
    expect(s.url).not.toContain('phone');
  });

  it.each([
    ['0', null],
    ['1', null],
    ['2', 'exception'],
    ['3', 'delivered'],
    ['4', 'returning'],
    ['5', null],
    ['6', 'returning'],
    ['7', null],
    ['8', null],
    ['12', null],
    ['14', 'exception'],
    ['202', 'exception'],
    ['205', 'exception'],
    ['301', 'delivered'],
    ['x', null],
    [undefined, null],
  ])('state %s → newest event %s', (state, stage) => {
    expect(kuaidi100Stage(state)).toBe(stage);
  });

  it.each([
    ['2', 'exception'],
    ['14', 'exception'],
    ['4', 'returning'],
  ] as const)(
    'a 疑难/拒签/退签 state (%s) makes the newest event a problem: delivery-exception follows',
    (state, stage) => {
      const body = {
        status: '200',
        state,
        nu: '807209844896',
        data: [
          { ftime: '2026-11-02 10:00:00', context: '【重庆】快件已到达' },
          { ftime: '2026-11-01 10:00:00', context: '已揽收' },
        ],
      };
      const s = one(readKuaidi100(body, new URL(K100), NOW));
      expect(s.events.map((e) => e.stage)).toEqual(['pickup', stage]);
    },
  );
});

describe('Cainiao detail.json', () => {
  const exchange = json('cainiao/detail-json-AE010698498-2023-01-29.json') as { body: unknown };
  const page = 'https://global.cainiao.com/newDetail.htm?mailNoList=AE010698498';
  it('reads the real answer by the epoch time, not timeStr (China time under any zone label)', () => {
    const s = one(
      readResponse(
        'https://global.cainiao.com/global/detail.json?mailNos=AE010698498&lang=en-US',
        exchange.body,
        page,
        NOW,
      ),
    );
    expect(s).toMatchObject({ trackingNumber: 'AE010698498', state: 'CLEAR_CUSTOMS' });
    const last = s.events.at(-1)!;
    // "2023-01-29 08:31:00" with timeZone GMT+0 is 00:31 UTC.
    expect(last.at).toBe(1674952260000);
    expect(last.at).toBe(Date.UTC(2023, 0, 29, 0, 31));
    expect(s.events.every((e, i) => i === 0 || s.events[i - 1]!.at <= e.at)).toBe(true);
  });
});

describe('17TRACK restapi', () => {
  const page = new URL('https://t.17track.net/zh-cn#nums=LM536401004CNO');
  it('keeps the real not-found answer as a parcel without events', () => {
    const s = one(read17track(json('17track/restapi-track-not-found-2017.json'), page, NOW));
    expect(s).toMatchObject({ trackingNumber: 'LM536401004CNO', events: [], state: 'not-found' });
  });
  it('reads a found answer (constructed: keys of the fixture README), 40 = delivered', () => {
    const body = {
      ret: 1,
      dat: [
        {
          no: 'LM536401004CNO',
          track: {
            e: 40,
            z1: [
              { a: '2026-11-03 09:00', c: '上海', z: '包裹已投递' },
              { a: '2026-11-01 10:00', c: '深圳', z: '已收寄' },
            ],
          },
        },
      ],
    };
    const s = one(readResponse('https://t.17track.net/track/restapi', body, page.href, NOW));
    expect(s.state).toBe('40');
    expect(s.events.map((e) => [e.at, e.location, e.stage])).toEqual([
      [Date.UTC(2026, 10, 1, 2), '深圳', expect.any(String)],
      [Date.UTC(2026, 10, 3, 1), '上海', 'delivered'],
    ]);
  });
});

describe('pages, links and the kept list', () => {
  it.each([
    ['https://m.kuaidi100.com/app/query/?nu=sf1234567890123&com=shunfeng', 'SF1234567890123'],
    ['https://m.kuaidi100.com/result.jsp?nu=78912345678901', '78912345678901'],
    ['https://www.kuaidi100.com/chaxun?com=zhongtong&nu=78912345678901', '78912345678901'],
    ['https://global.cainiao.com/newDetail.htm?mailNoList=AE010698498,AE1', 'AE010698498'],
    ['https://t.17track.net/zh-cn#nums=LM536401004CNO', 'LM536401004CNO'],
    ['https://m.kuaidi100.com/app/query/', null],
    ['https://m.kuaidi100.com/app/query/?nu=<b>', null],
    ['https://www.kuaidi100.com/', null],
  ])('%s → %s', (url, nu) => {
    expect(trackingNumberOfPage(new URL(url))).toBe(nu);
  });

  it.each([
    ['SF1234567890123', 'SF', 'https://m.kuaidi100.com/app/query/?nu=SF1234567890123&com=shunfeng'],
    ['78912345678901', undefined, 'https://m.kuaidi100.com/app/query/?nu=78912345678901&com=zhongtong'],
    [' yt 7512345678901 ', 'YTO', 'https://m.kuaidi100.com/app/query/?nu=YT7512345678901&com=yuantong'],
    ['ABC123456', undefined, 'https://m.kuaidi100.com/app/query/?nu=ABC123456'],
    ['<script>', undefined, null],
  ] as const)('查物流 %s (%s) → %s', (nu, carrier, url) => {
    expect(kuaidi100Url(nu, carrier)).toBe(url);
  });

  it('maps every carrier code both ways where kuaidi100 has one', () => {
    for (const c of CARRIERS) {
      const url = kuaidi100Url('AB12345678', c);
      const com = url ? new URL(url).searchParams.get('com') : null;
      if (com) expect(carrierFromKuaidi100(com)).toBe(c);
    }
    expect(carrierFromKuaidi100('youzhengguonei')).toBe('EMS');
    expect(carrierFromKuaidi100('nosuch')).toBeUndefined();
  });

  it.each([
    ['https://m.kuaidi100.com/query', true],
    ['https://www.kuaidi100.com/query?type=yuantong&postid=1', true],
    ['https://global.cainiao.com/global/detail.json?mailNos=AE1', true],
    ['https://t.17track.net/track/restapi', true],
    ['https://m.kuaidi100.com/autonumber/autoComNum?text=1', false],
    ['https://evil.example/m.kuaidi100.com/query', false],
  ])('kept response %s: %s', (url, kept) => {
    expect(keptUrl(url)).toBe(kept);
  });

  it('reads the rendered timeline when no answer came (DOM fallback)', () => {
    document.body.innerHTML = `<ul class="result-list"><li><span>2026-11-02 08:00</span> 【杭州】已发出</li><li><span>2026-11-01 10:00</span> 【杭州】已揽收</li></ul><input id="phone" value="4321">`;
    const url = new URL('https://m.kuaidi100.com/app/query/?nu=SF1234567890123&com=shunfeng');
    const s = LogisticsSnapshotSchema.parse(trackingPage.extract(document, url, NOW));
    expect(s.events.map((e) => e.stage)).toEqual(['pickup', 'transit']);
    expect(JSON.stringify(s)).not.toContain('4321');
  });
});
