import { useEffect, useState } from 'preact/hooks';
import { formatDateTime, formatMoney } from '@/lib/format';
import type { T } from '@/lib/i18n';
import type { PopupActions, ProductRow } from './actions';
import { PriceSpark } from './PriceSpark';

function Thumb({ row, actions, t }: { row: ProductRow; actions: PopupActions; t: T }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    if (row.evidenceId) void actions.thumbnail(row.evidenceId).then((u) => alive && setSrc(u));
    return () => {
      alive = false;
    };
  }, [row.evidenceId]);
  if (!row.evidenceId) return <div class="thumb thumb--empty">{t('noScreenshot')}</div>;
  const id = row.evidenceId;
  return (
    <button type="button" class="thumb" onClick={() => actions.openEvidence(id)} aria-label={t('openScreenshot', row.title)}>
      {src ? <img src={src} alt="" /> : <span class="thumb--empty">…</span>}
    </button>
  );
}

export function ProductList({ rows, actions, t, locale }: { rows: ProductRow[]; actions: PopupActions; t: T; locale: string }) {
  if (rows.length === 0) return <p class="empty">{t('productsEmpty')}</p>;
  return (
    <ul class="products" aria-label={t('productsHeading')}>
      {rows.map((row) => (
        <li key={row.key} class="product" data-product-id={row.productId}>
          <Thumb row={row} actions={actions} t={t} />
          <div class="product__body">
            <a class="product__title" href={row.url} target="_blank" rel="noreferrer" title={row.title}>
              {row.title}
            </a>
            <div class="product__meta">
              <span class="chip">{t(`platform_${row.platform}`)}</span>
              {/* aria-label on a plain span is ignored by screen readers (axe aria-prohibited-attr): say it in hidden text. */}
              <span class="visually-hidden">{t('latestPrice')}</span>
              <span class="price">{formatMoney(row.price, locale)}</span>
              {row.listPrice && <span class="visually-hidden">{t('listPrice')}</span>}
              {row.listPrice && <del class="list-price">{formatMoney(row.listPrice, locale)}</del>}
            </div>
            {row.history && row.history.length > 1 && (
              <PriceSpark points={row.history} {...(row.paidUnit !== undefined ? { paid: row.paidUnit } : {})} {...(row.window ? { window: row.window } : {})} label={t('priceHistory', row.history.length)} />
            )}
            <div class="product__seen">{t('seenAt', formatDateTime(row.seenAt, undefined, locale))}</div>
          </div>
        </li>
      ))}
    </ul>
  );
}
