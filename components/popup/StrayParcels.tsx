/**
 * "未关联订单的包裹": parcels read from a public tracking page whose number no order lists, each with a select of the
 * shopper's orders and "关联" (`parcel/attach`: the order gets the number in a new record, the parcel is filed under it).
 */
import { useState } from 'preact/hooks';
import { formatDateTime } from '@/lib/core/format';
import type { MessageKey, T } from '@/lib/core/i18n';
import type { OrderRow } from '@/lib/core/order-rows';
import type { ParcelAttachProblem } from '@/lib/core/parcel-attach';
import type { AttachResult, ParcelAttach, StrayParcel } from './actions';

const REFUSALS: Record<ParcelAttachProblem, MessageKey> = {
  'unknown-order': 'strayParcelUnknownOrder',
  'unknown-parcel': 'strayParcelUnknownParcel',
  'other-order': 'strayParcelOtherOrder',
};

export function StrayParcels({
  parcels,
  orders,
  t,
  locale,
  attach,
}: {
  parcels: StrayParcel[];
  orders: Pick<OrderRow, 'key' | 'platform' | 'orderId' | 'title'>[];
  t: T;
  locale: string;
  attach(p: ParcelAttach): Promise<AttachResult>;
}) {
  return (
    <ul class="stray-parcels">
      {parcels.map((p) => (
        <StrayParcelRow key={p.trackingNumber} parcel={p} orders={orders} t={t} locale={locale} attach={attach} />
      ))}
    </ul>
  );
}

function StrayParcelRow({
  parcel,
  orders,
  t,
  locale,
  attach,
}: {
  parcel: StrayParcel;
  orders: Pick<OrderRow, 'key' | 'platform' | 'orderId' | 'title'>[];
  t: T;
  locale: string;
  attach(p: ParcelAttach): Promise<AttachResult>;
}) {
  const [choice, setChoice] = useState('');
  const [isReturn, setReturn] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const order = orders.find((o) => o.key === choice);
  const submit = async () => {
    if (!order) return;
    setBusy(true);
    setError(null);
    const r = await attach({
      trackingNumber: parcel.trackingNumber,
      platform: order.platform,
      orderId: order.orderId,
      ...(isReturn ? { direction: 'return' as const } : {}),
    });
    setBusy(false);
    if (!r.ok) setError(r.code ? t(REFUSALS[r.code]) : r.error);
  };
  const selectLabel = t('strayParcelOrderLabel', parcel.trackingNumber);
  return (
    <li class="stray-parcel">
      <div>
        <strong>{parcel.trackingNumber}</strong>
        {parcel.carrier && <span class="muted"> · {parcel.carrier}</span>}
      </div>
      <div class="muted">
        {parcel.lastEvent
          ? `${formatDateTime(parcel.lastEvent.at, undefined, locale)} ${parcel.lastEvent.text}`
          : t('strayParcelNoEvents')}
      </div>
      {orders.length === 0 ? (
        <div class="muted">{t('strayParcelNoOrders')}</div>
      ) : (
        <div class="stray-parcel-attach">
          <select
            aria-label={selectLabel}
            value={choice}
            onChange={(e) => setChoice((e.currentTarget as HTMLSelectElement).value)}
          >
            <option value="">{t('strayParcelChoose')}</option>
            {orders.map((o) => (
              <option key={o.key} value={o.key}>
                {o.title} · {o.orderId}
              </option>
            ))}
          </select>
          <label>
            <input
              type="checkbox"
              checked={isReturn}
              onChange={(e) => setReturn((e.currentTarget as HTMLInputElement).checked)}
            />{' '}
            {t('strayParcelReturn')}
          </label>
          <button type="button" class="btn" disabled={!order || busy} onClick={() => void submit()}>
            {t('strayParcelAttach')}
          </button>
        </div>
      )}
      {error && (
        <div role="alert" class="error">
          {error}
        </div>
      )}
    </li>
  );
}
