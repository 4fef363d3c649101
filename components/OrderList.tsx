import { formatDateTime, formatMoney } from '@/lib/format';
import type { MessageKey, T } from '@/lib/i18n';
import type { OrderRow } from '@/lib/order-rows';
import { ShowMore, useShown } from './ShowMore';

/** Orders with the price-protection window as a bar (how much is used, when it ends) and the parcel stage. */
export function OrderList({ rows, t, locale, now }: { rows: OrderRow[]; t: T; locale: string; now: number }) {
  const [shown, more] = useShown();
  if (rows.length === 0) return <p class="empty">{t('ordersEmpty')}</p>;
  return (
    <>
    <ul class="orders" aria-label={t('ordersHeading')}>
      {rows.slice(0, shown).map((o) => {
        const span = o.windowStart !== undefined && o.windowEnd !== undefined ? o.windowEnd - o.windowStart : 0;
        const used = span > 0 ? Math.min(1, Math.max(0, (now - (o.windowStart as number)) / span)) : 0;
        const open = o.windowEnd !== undefined && now < o.windowEnd;
        return (
          <li key={o.key} class="order" data-order-id={o.orderId}>
            <a class="order__title" href={o.url} target="_blank" rel="noreferrer">{o.title}</a>
            <div class="order__meta">
              <span class="chip">{t(`platform_${o.platform}` as MessageKey)}</span>
              <span>{t('alertOrder', o.orderId)}</span>
              <strong>{formatMoney(o.paid, locale)}</strong>
              {o.status && <span>{o.status}</span>}
            </div>
            {o.windowEnd !== undefined && (
              <div class="order__window">
                <div class="bar" role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(used * 100)} aria-label={t('orderWindow')}>
                  <div class={open ? 'bar__fill' : 'bar__fill bar__fill--closed'} style={{ width: `${Math.round(used * 100)}%` }} />
                </div>
                <span class="order__window-text">{open ? t('orderWindowUntil', formatDateTime(o.windowEnd, undefined, locale)) : t('orderWindowClosed')}</span>
              </div>
            )}
            {(o.stage || o.trackingNumber) && (
              <div class="order__parcel">
                {o.stage ? t(`stage_${o.stage}` as MessageKey) : t('stage_unknown')}
                {o.trackingNumber && ` · ${t('alertTracking', o.trackingNumber)}`}
                {o.lastEvent && <div class="order__event">{o.lastEvent}</div>}
              </div>
            )}
          </li>
        );
      })}
    </ul>
    <ShowMore total={rows.length} shown={shown} more={more} t={t} />
    </>
  );
}
