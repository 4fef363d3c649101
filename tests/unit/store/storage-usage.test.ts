import { addSnapshot, openDatabase, type AlertRecord, type DB } from '@/lib/store/db';
import { appendEvidence, deleteEvidence } from '@/lib/store/evidence-store';
import { sha256Hex } from '@/lib/core/hash';
import type { Evidence } from '@/lib/core/model';
import { closedOlderThan } from '@/lib/core/storage-usage';
import { orderStates, storageUsage, type ClosedInput } from '@/lib/store/storage-usage';
import { D, H, T0, order, parcel, product, ticket } from '../rules/builders';

let n = 0;
const fresh = () => openDatabase(`storage-usage-${++n}`);
const LATER = T0 + 30 * D; // long after the 7-day JD window

function alertRec(fields: Partial<AlertRecord> = {}, orderId = 'O1'): AlertRecord {
  return {
    id: 'a',
    alert: { id: 'a', kind: 'price-drop', platform: 'jd', orderId, raisedAt: T0, message: 'drop' },
    firstSeenAt: T0,
    lastSeenAt: T0,
    active: true,
    ...fields,
  };
}

function state(input: Partial<ClosedInput> & Pick<ClosedInput, 'snapshots'>, key = 'jd:O1') {
  return orderStates({ alerts: [], tickets: [], now: LATER, ...input }).byKey.get(key);
}

describe('closed orders', () => {
  it('is closed once the window ended and the order is completed, with no open alert or ticket', () => {
    expect(state({ snapshots: [order({ status: '已完成' })] })).toMatchObject({
      closed: true,
      openReasons: [],
      windowEnd: T0 + 7 * D,
      title: '小米 充电宝 20000mAh',
    });
  });

  it('stays open inside the protection window, even when completed', () => {
    expect(state({ snapshots: [order({ status: '已完成' })], now: T0 + 3 * D })).toMatchObject({
      closed: false,
      openReasons: ['window-open'],
    });
    // A stated window end and a longer per-item window both count.
    expect(state({ snapshots: [order({ status: '已完成', priceProtectionUntil: LATER + H })] })?.openReasons).toEqual([
      'window-open',
    ]);
    expect(
      state({ snapshots: [order({ status: '已完成', items: [{ title: 'x', quantity: 1, priceProtectionDays: 60 }] })] })
        ?.openReasons,
    ).toEqual(['window-open']);
  });

  it('needs the parcel delivered when the order does not say completed', () => {
    expect(state({ snapshots: [order()] })?.openReasons).toEqual(['not-delivered']);
    expect(
      state({
        snapshots: [
          order(),
          parcel([
            [T0 + D, 'pickup'],
            [T0 + 2 * D, 'transit'],
          ]),
        ],
      })?.openReasons,
    ).toEqual(['not-delivered']);
    expect(
      state({
        snapshots: [
          order(),
          parcel([
            [T0 + D, 'pickup'],
            [T0 + 2 * D, 'delivered'],
          ]),
        ],
      }),
    ).toMatchObject({ closed: true, lastActivity: T0 + 7 * D });
    // A return parcel still travelling keeps even a completed order open.
    const back = parcel([[T0 + 9 * D, 'pickup']], { direction: 'return', trackingNumber: 'SF999' });
    expect(state({ snapshots: [order({ status: '交易成功' }), back] })?.openReasons).toEqual(['not-delivered']);
  });

  it('treats a cancelled order as closed without waiting for its window', () => {
    expect(state({ snapshots: [order({ status: '已取消' })], now: T0 + D })?.closed).toBe(true);
    expect(state({ snapshots: [order({ status: '已取消', paidAt: undefined })], now: T0 + D })?.closed).toBe(true);
  });

  it('stays open when the window cannot be known (no payment or order time)', () => {
    expect(state({ snapshots: [order({ status: '已完成', paidAt: undefined })] })?.openReasons).toEqual([
      'window-unknown',
    ]);
  });

  it('stays open while an alert about it is active (snoozed too) or a complaint is not settled', () => {
    const done = [order({ status: '已完成' })];
    expect(state({ snapshots: done, alerts: [alertRec()] })?.openReasons).toEqual(['open-alert']);
    expect(state({ snapshots: done, alerts: [alertRec({ snoozedUntil: LATER + D })] })?.openReasons).toEqual([
      'open-alert',
    ]);
    expect(state({ snapshots: done, alerts: [alertRec({ dismissedAt: T0 + D })] })?.closed).toBe(true);
    expect(state({ snapshots: done, alerts: [alertRec({ active: false })] })?.closed).toBe(true);
    expect(state({ snapshots: done, alerts: [alertRec({}, 'O2')] })?.closed).toBe(true);
    for (const status of ['draft', 'sent', 'answered'] as const) {
      expect(state({ snapshots: done, tickets: [ticket({ status })] })?.openReasons).toEqual(['open-ticket']);
    }
    expect(state({ snapshots: done, tickets: [ticket({ status: 'resolved' })] })?.closed).toBe(true);
    expect(state({ snapshots: done, tickets: [ticket({ status: 'sent', orderId: 'O2' })] })?.closed).toBe(true);
  });

  it('maps evidence to orders by order id (with or without platform) or tracking number', () => {
    const s = orderStates({
      snapshots: [order({ trackingNumbers: ['SF1234567890'] }), order({ platform: 'taobao', orderId: 'O9' })],
      alerts: [],
      tickets: [],
      now: LATER,
    });
    expect(s.keyOf({ platform: 'jd', orderId: 'O1' })).toBe('jd:O1');
    expect(s.keyOf({ orderId: 'O1' })).toBe('jd:O1');
    expect(s.keyOf({ orderId: 'O9' })).toBe('taobao:O9');
    expect(s.keyOf({ orderId: 'NOPE' })).toBe('?:NOPE');
    expect(s.keyOf({ trackingNumber: 'sf 1234567890' })).toBe('jd:O1');
    expect(s.keyOf({ trackingNumber: 'YT000' })).toBeNull();
    expect(s.keyOf({ platform: 'jd' })).toBeNull();
  });
});

async function put(d: DB, bytes: number, fields: Partial<Evidence>): Promise<Evidence> {
  const data = new Uint8Array(bytes).fill(bytes % 251);
  return appendEvidence(
    d,
    { kind: 'order-screenshot', capturedAt: T0, mime: 'image/jpeg', bytes, sha256: await sha256Hex(data), ...fields },
    data,
  );
}

describe('storage usage', () => {
  it('sums evidence bytes per order, largest first, plus other evidence and the total', async () => {
    const d = await fresh();
    await addSnapshot(d, order({ status: '已完成' }));
    await addSnapshot(d, order({ orderId: 'O2', status: '等待收货' }));
    await addSnapshot(d, product(9000, T0));
    await put(d, 100, { platform: 'jd', orderId: 'O1' });
    await put(d, 50, { platform: 'jd', orderId: 'O1', kind: 'logistics-screenshot', capturedAt: T0 + 2 * D });
    await put(d, 400, { platform: 'jd', orderId: 'O2' });
    await put(d, 30, { kind: 'price-screenshot', platform: 'jd', productId: 'P1' });
    await put(d, 7, { kind: 'attachment', orderId: 'GONE' });
    const u = await storageUsage(d, LATER);
    expect(u.orders.map((o) => [o.key, o.evidence, o.bytes, o.closed])).toEqual([
      ['jd:O2', 1, 400, false],
      ['jd:O1', 2, 150, true],
      ['?:GONE', 1, 7, false],
    ]);
    expect(u.orders[2]).toMatchObject({ platform: null, openReasons: ['no-order'] });
    expect(u.other).toEqual({ evidence: 1, bytes: 30 });
    expect(u.total).toEqual({ evidence: 5, bytes: 587 });
    expect(u.deleted).toBe(0);
  });

  it('does not count evidence whose bytes were deleted', async () => {
    const d = await fresh();
    await addSnapshot(d, order({ status: '已完成' }));
    const a = await put(d, 100, { platform: 'jd', orderId: 'O1' });
    await put(d, 20, { platform: 'jd', orderId: 'O1' });
    await deleteEvidence(d, a.id, LATER);
    const u = await storageUsage(d, LATER);
    expect(u.orders.map((o) => [o.key, o.evidence, o.bytes])).toEqual([['jd:O1', 1, 20]]);
    expect(u.total).toEqual({ evidence: 1, bytes: 20 });
    expect(u.deleted).toBe(1);
  });

  it('reads evidence records with a cursor, never a blob and never every record at once', async () => {
    const d = await fresh();
    await addSnapshot(d, order({ status: '已完成' }));
    await put(d, 10, { platform: 'jd', orderId: 'O1' });
    const seen: string[] = [];
    const proto = IDBObjectStore.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
    const spies = ['get', 'getAll', 'openCursor'].map((m) => {
      const original = proto[m]!;
      return vi.spyOn(proto, m).mockImplementation(function (this: IDBObjectStore, ...args: unknown[]) {
        seen.push(`${this.name}.${m}`);
        return original.apply(this, args);
      });
    });
    await storageUsage(d, LATER);
    for (const s of spies) s.mockRestore();
    expect(seen.filter((c) => c.startsWith('blobs.'))).toEqual([]);
    expect(seen).toContain('evidence.openCursor');
    expect(seen).not.toContain('evidence.getAll');
  });

  it('picks closed orders older than N days, by their last activity', async () => {
    const d = await fresh();
    await addSnapshot(d, order({ status: '已完成' }));
    await addSnapshot(d, order({ orderId: 'O3', status: '已完成', paidAt: T0 + 20 * D, capturedAt: T0 + 20 * D }));
    await addSnapshot(d, order({ orderId: 'O2' }));
    for (const orderId of ['O1', 'O2', 'O3']) await put(d, 10, { platform: 'jd', orderId });
    const u = await storageUsage(d, LATER + 20 * D);
    expect(closedOlderThan(u.orders, LATER + 20 * D, 30).sort()).toEqual(['jd:O1']);
    expect(closedOlderThan(u.orders, LATER + 20 * D, 0).sort()).toEqual(['jd:O1', 'jd:O3']);
  });
});
