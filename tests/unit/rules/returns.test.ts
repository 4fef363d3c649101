/**
 * Return parcels (lib/rules/returns.ts): the order's returnTrackingNumbers are linked as returns, stall like any
 * parcel, and raise return-problem for a number no carrier knows, a sign-off in another city than the return
 * address, and a sign-off faster than the route allows; the ticket says which (zh-CN and en).
 */
import { evaluate } from '@/lib/rules';
import { cityOf, MIN_OTHER_CITY_HOURS, MIN_SAME_CITY_HOURS, UNRECOGNISED_HOURS } from '@/lib/rules/returns';
import type { LogisticsSnapshot, OrderSnapshot, PageSnapshot, TrackingEvent } from '@/lib/core/model';
import { gatherFacts } from '@/lib/core/ticket-facts';
import { ticketFromAlert } from '@/lib/tickets';

const H = 3_600_000;
const T0 = Date.UTC(2026, 10, 1, 2);
const order = (extra: Partial<OrderSnapshot> = {}): OrderSnapshot => ({
  kind: 'order',
  platform: 'taobao',
  url: 'https://trade.taobao.com/trade/detail/x?bizOrderId=R1',
  orderId: 'R1',
  paidAt: T0 - 240 * H,
  paid: { amount: 9900, currency: 'CNY' },
  items: [{ title: '外套', quantity: 1 }],
  status: '交易成功',
  returnTrackingNumbers: ['YT7512345678901'],
  returnAddress: '浙江省杭州市余杭区某路1号',
  capturedAt: T0,
  ...extra,
});
const ev = (at: number, text: string, stage: TrackingEvent['stage'], location?: string): TrackingEvent => ({
  at,
  text,
  stage,
  ...(location ? { location } : {}),
});
const parcel = (events: TrackingEvent[], extra: Partial<LogisticsSnapshot> = {}): LogisticsSnapshot => ({
  kind: 'logistics',
  url: 'https://m.kuaidi100.com/app/query/?nu=YT7512345678901',
  trackingNumber: 'YT7512345678901',
  events,
  capturedAt: T0,
  ...extra,
});
const returns = (snapshots: PageSnapshot[], now: number) =>
  evaluate({ snapshots }, now).filter((a) => a.kind === 'return-problem');

describe('return parcels', () => {
  it.each([
    ['【杭州市】已签收', '杭州'],
    ['浙江省杭州市余杭区', '杭州'],
    ['广东省深圳市南山区', '深圳'],
    ['快件已签收', null],
    [undefined, null],
  ])('city of %j → %s', (text, city) => {
    expect(cityOf(text)).toBe(city);
  });

  it('a number no carrier knows, no event: return-problem after 72 h, stable id', () => {
    const snaps = [order({ returnTrackingNumbers: ['ZZ12'] })];
    expect(returns(snaps, T0 + (UNRECOGNISED_HOURS - 1) * H)).toEqual([]);
    const [a] = returns(snaps, T0 + UNRECOGNISED_HOURS * H);
    expect(a).toMatchObject({ id: 'return-problem:unrecognised:ZZ12', orderId: 'R1', trackingNumber: 'ZZ12' });
  });

  it('a known carrier but the site said "nothing found" for 72 h: return-problem; found later: nothing', () => {
    const notFound = parcel([], { state: 'not-found' });
    expect(returns([order(), notFound], T0 + 72 * H)).toHaveLength(1);
    expect(returns([order()], T0 + 72 * H)).toEqual([]); // never looked up, detectCarrier knows YTO
    const found = parcel([ev(T0 + H, '【杭州市】已揽收', 'pickup')], { capturedAt: T0 + 2 * H });
    expect(returns([order(), notFound, found], T0 + 100 * H)).toEqual([]);
  });

  it('signed in another city than the return address: wrong-city; in the same city: nothing', () => {
    const elsewhere = parcel([
      ev(T0, '【杭州市】已揽收', 'pickup'),
      ev(T0 + 30 * H, '【郑州市】快件已签收', 'delivered'),
    ]);
    const ids = returns([order(), elsewhere], T0 + 40 * H).map((a) => a.id);
    expect(ids).toEqual([`return-problem:wrong-city:YT7512345678901:${T0 + 30 * H}`]);
    const home = parcel([ev(T0, '【上海市】已揽收', 'pickup'), ev(T0 + 30 * H, '【杭州市】已签收', 'delivered')]);
    expect(returns([order(), home], T0 + 40 * H)).toEqual([]);
  });

  it.each([
    ['same city, 3 h', '杭州', MIN_SAME_CITY_HOURS - 1, true],
    ['same city, 5 h', '杭州', MIN_SAME_CITY_HOURS + 1, false],
    ['other city, 10 h', '上海', MIN_OTHER_CITY_HOURS - 2, true],
    ['other city, 13 h', '上海', MIN_OTHER_CITY_HOURS + 1, false],
  ])('signed too fast (%s): %s', (_n, from, hours, raised) => {
    const p = parcel([
      ev(T0, `【${from}市】已揽收`, 'pickup'),
      ev(T0 + (hours as number) * H, '【杭州市】已签收', 'delivered'),
    ]);
    const ids = returns([order(), p], T0 + 48 * H).map((a) => a.id);
    expect(ids.includes(`return-problem:too-fast:YT7512345678901:${T0 + (hours as number) * H}`)).toBe(raised);
  });

  it('a return parcel is linked as a return (stall text) and its scans do not count as the seller’s pickup', () => {
    const p = parcel([ev(T0, '【杭州市】已揽收', 'pickup')]);
    const open = order({ status: '卖家已发货', paidAt: T0 - 100 * H, trackingNumbers: [] });
    const alerts = evaluate({ snapshots: [open, p] }, T0 + 80 * H);
    expect(alerts.find((a) => a.kind === 'logistics-stalled')?.message).toMatch(/^退货物流/);
    expect(alerts.some((a) => a.kind === 'no-pickup')).toBe(true);
  });

  it.each([
    ['unrecognised', /快递公司无法识别/, /no carrier recognises/],
    ['wrong-city', /不在同一城市/, /another city/],
    ['too-fast', /签收记录存疑/, /faster than the route allows/],
  ])('the %s ticket says so in zh-CN and en', (issue, zh, en) => {
    const p = parcel([ev(T0, '【上海市】已揽收', 'pickup'), ev(T0 + 2 * H, '【郑州市】已签收', 'delivered')]);
    const snaps = [order(issue === 'unrecognised' ? { returnTrackingNumbers: ['ZZ12'] } : {}), p];
    const alert = returns(snaps, T0 + 100 * H).find((a) => a.id.startsWith(`return-problem:${issue}:`))!;
    expect(alert).toBeDefined();
    const ticket = ticketFromAlert(alert, gatherFacts(snaps, [], alert, T0 + 100 * H), { id: 't', now: T0 + 100 * H });
    expect(ticket.type).toBe('return-logistics');
    expect(ticket.text['zh-CN']).toMatch(zh);
    expect(ticket.text.en).toMatch(en);
  });
});
