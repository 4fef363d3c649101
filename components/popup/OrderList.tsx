import { useEffect, useState } from 'preact/hooks';
import { formatDateTime, formatMoney } from '@/lib/core/format';
import type { MessageKey, T } from '@/lib/core/i18n';
import type { Alert } from '@/lib/core/model';
import type { OrderRow } from '@/lib/core/order-rows';
import type { PopupActions } from './actions';
import { EvidenceEntry, type GalleryActions } from '../shared/EvidenceGallery';
import { ShowMore, useShown } from '../shared/ShowMore';
import { orderStatusLabel } from '@/lib/core/order-status';
import { isWebUrl } from '@/lib/core/manual-order';

export type OrderListActions = GalleryActions & Pick<PopupActions, 'evidenceCounts'>;

/**
 * Evidence counts of the rows on screen: those the first load brought (row.evidenceCount), and the
 * rest read a page at a time as "show more" reveals them.
 */
function useEvidenceCounts(rows: OrderRow[], shown: number, actions: OrderListActions): Record<string, number> {
  // Counts belong to the rows they were read for: a reload (new rows) starts afresh.
  const [got, setGot] = useState<{ rows: OrderRow[]; counts: Record<string, number> }>({ rows, counts: {} });
  const counts = got.rows === rows ? got.counts : {};
  useEffect(() => {
    const missing = rows.slice(0, shown).filter((r) => r.evidenceCount === undefined && counts[r.key] === undefined);
    if (missing.length === 0) return;
    let alive = true;
    actions.evidenceCounts(missing).then(
      (more) => alive && setGot((g) => ({ rows, counts: { ...(g.rows === rows ? g.counts : {}), ...more } })),
      () => undefined, // the entry then just says "evidence" without a number; opening it says what went wrong
    );
    return () => {
      alive = false;
    };
  }, [rows, shown]);
  return counts;
}

/**
 * Orders with the price-protection window as a bar (how much is used, when it ends), the parcel stage,
 * and the order's evidence (count, and a gallery that opens in place).
 */
export function OrderList({
  rows,
  t,
  locale,
  now,
  actions,
  alerts = [],
  autoCapture = true,
}: {
  rows: OrderRow[];
  t: T;
  locale: string;
  now: number;
  actions: OrderListActions;
  alerts?: Alert[];
  autoCapture?: boolean;
}) {
  const [shown, more] = useShown();
  const counts = useEvidenceCounts(rows, shown, actions);
  if (rows.length === 0) return <p class="empty">{t('ordersEmpty')}</p>;
  const alertOf = (o: OrderRow) =>
    alerts.find((a) => a.orderId === o.orderId && (a.platform === undefined || a.platform === o.platform));
  return (
    <>
      <ul class="orders" aria-label={t('ordersHeading')}>
        {rows.slice(0, shown).map((o) => {
          const span = o.windowStart !== undefined && o.windowEnd !== undefined ? o.windowEnd - o.windowStart : 0;
          const used = span > 0 ? Math.min(1, Math.max(0, (now - (o.windowStart as number)) / span)) : 0;
          const open = o.windowEnd !== undefined && now < o.windowEnd;
          const alert = alertOf(o);
          return (
            <li key={o.key} class="order" data-order-id={o.orderId}>
              {isWebUrl(o.url) ? (
                <a class="order__title" href={o.url} target="_blank" rel="noreferrer">
                  {o.title}
                </a>
              ) : (
                <span class="order__title">{o.title}</span>
              )}
              <div class="order__meta">
                <span class="chip">{t(`platform_${o.platform}` as MessageKey)}</span>
                {o.source === 'manual' && (
                  <span class="chip chip--manual" title={t('orderManualTitle')}>
                    {t('orderManual')}
                  </span>
                )}
                <span>{t('alertOrder', o.orderId)}</span>
                <strong>{formatMoney(o.paid, locale)}</strong>
                {o.status && (
                  <span lang={locale === 'en' ? undefined : 'zh-CN'}>{orderStatusLabel(o.status, locale)}</span>
                )}
              </div>
              {o.windowEnd !== undefined && (
                <div class="order__window">
                  {/* The text is the bar's visible label: what the window is, and until when. */}
                  <span class="order__window-text" id={`window-${o.key}`}>
                    {open
                      ? t('orderWindowUntil', formatDateTime(o.windowEnd, undefined, locale))
                      : t('orderWindowClosed')}
                  </span>
                  <div
                    class="bar"
                    role="meter"
                    aria-valuemin={0}
                    aria-valuemax={100}
                    aria-valuenow={Math.round(used * 100)}
                    aria-labelledby={`window-${o.key}`}
                    aria-describedby={`window-used-${o.key}`}
                  >
                    <div
                      class={open ? 'bar__fill' : 'bar__fill bar__fill--closed'}
                      style={{ width: `${Math.round(used * 100)}%` }}
                    />
                  </div>
                  <span class="visually-hidden" id={`window-used-${o.key}`}>
                    {t('orderWindow')}
                  </span>
                </div>
              )}
              {(o.stage || o.trackingNumber) && (
                <div class="order__parcel">
                  {o.stage ? t(`stage_${o.stage}` as MessageKey) : t('stage_unknown')}
                  {o.trackingNumber && ` · ${t('alertTracking', o.trackingNumber)}`}
                  {o.trackUrl && (
                    <>
                      {' · '}
                      <a class="order__track" href={o.trackUrl} target="_blank" rel="noreferrer">
                        {t('trackParcel')}
                      </a>
                    </>
                  )}
                  {o.lastEvent && <div class="order__event">{o.lastEvent}</div>}
                </div>
              )}
              <EvidenceEntry
                order={o}
                count={o.evidenceCount ?? counts[o.key]}
                actions={actions}
                t={t}
                locale={locale}
                {...(alert ? { alert } : {})}
                autoCapture={autoCapture}
              />
            </li>
          );
        })}
      </ul>
      <ShowMore total={rows.length} shown={shown} more={more} t={t} />
    </>
  );
}
