import { useEffect, useRef, useState } from 'preact/hooks';
import { formatDateTime, formatMoney } from '@/lib/core/format';
import type { T } from '@/lib/core/i18n';
import { parsePrice } from '@/lib/parse/price';
import type { PopupActions, ProductRow } from './actions';
import { PriceSpark } from './PriceSpark';
import { ShowMore, useShown } from '../shared/ShowMore';

function Thumb({ row, actions, t, eager }: { row: ProductRow; actions: PopupActions; t: T; eager: boolean }) {
  const [src, setSrc] = useState<string | null>(null);
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    let alive = true;
    const load = () => row.evidenceId && void actions.thumbnail(row.evidenceId).then((u) => alive && setSrc(u));
    // Images are read from IndexedDB only when their row scrolls into view.
    const el = ref.current;
    // The first rows are on screen when the popup opens: no need to wait for an observer.
    const lazy = !eager && !!el && typeof IntersectionObserver !== 'undefined';
    if (!lazy) load();
    const io = lazy
      ? new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && (io?.disconnect(), load()))
      : null;
    if (io && el) io.observe(el);
    return () => {
      alive = false;
      io?.disconnect();
    };
  }, [row.evidenceId]);
  if (!row.evidenceId) return <div class="thumb thumb--empty">{t('noScreenshot')}</div>;
  const id = row.evidenceId;
  return (
    <button
      ref={ref}
      type="button"
      class="thumb"
      onClick={() => actions.openEvidence(id)}
      aria-label={t('openScreenshot', row.title)}
    >
      {src ? <img src={src} alt="" /> : <span class="thumb--empty">…</span>}
    </button>
  );
}

/** "That's not the price": type the right one, or pick it on the shop page (remembered per site). */
function WrongPrice({ row, actions, t }: { row: ProductRow; actions: PopupActions; t: T }) {
  const [mode, setMode] = useState<'closed' | 'menu' | 'form'>('closed');
  const [text, setText] = useState('');
  const [msg, setMsg] = useState<{ text: string; error: boolean } | null>(null);
  const id = `wrong-price-${row.key}`;
  const save = async (e: Event) => {
    e.preventDefault();
    const price = parsePrice(text);
    if (!price || price.amount <= 0) return setMsg({ text: t('wrongPriceInvalid'), error: true });
    const r = await actions.correctPrice(row.platform, row.productId, price);
    if (r.ok) {
      setMode('closed');
      setText('');
      setMsg(null);
    } else setMsg({ text: t('wrongPriceFailed', r.error), error: true });
  };
  const pick = async () => {
    const r = await actions.pickPrice();
    setMsg(
      r.ok ? { text: t('wrongPricePickStarted'), error: false } : { text: t('wrongPricePickFailed'), error: true },
    );
  };
  return (
    <div class="wrong-price">
      <button
        type="button"
        class="link-btn"
        aria-expanded={mode !== 'closed'}
        aria-controls={id}
        onClick={() => setMode(mode === 'closed' ? 'menu' : 'closed')}
      >
        {t('wrongPrice')}
      </button>
      {mode !== 'closed' && (
        <div id={id} class="wrong-price__panel">
          {mode === 'menu' && (
            <>
              <button type="button" class="btn" onClick={() => setMode('form')}>
                {t('wrongPriceEnter')}
              </button>
              <button type="button" class="btn" onClick={() => void pick()}>
                {t('wrongPricePick')}
              </button>
            </>
          )}
          {mode === 'form' && (
            <form class="wrong-price__form" onSubmit={(e) => void save(e)}>
              <label>
                {t('wrongPriceInput')}
                <input
                  type="text"
                  inputMode="decimal"
                  value={text}
                  onInput={(e) => setText(e.currentTarget.value)}
                  maxLength={40}
                  required
                />
              </label>
              <button type="submit" class="btn btn--primary">
                {t('wrongPriceSave')}
              </button>
              <button type="button" class="btn" onClick={() => setMode('closed')}>
                {t('wrongPriceCancel')}
              </button>
            </form>
          )}
        </div>
      )}
      {msg && (
        <p class={msg.error ? 'wrong-price__msg error' : 'wrong-price__msg'} role={msg.error ? 'alert' : 'status'}>
          {msg.text}
        </p>
      )}
    </div>
  );
}

export function ProductList({
  rows,
  actions,
  t,
  locale,
}: {
  rows: ProductRow[];
  actions: PopupActions;
  t: T;
  locale: string;
}) {
  const [shown, more] = useShown();
  if (rows.length === 0) return <p class="empty">{t('productsEmpty')}</p>;
  return (
    <>
      <ul class="products" aria-label={t('productsHeading')}>
        {rows.slice(0, shown).map((row, i) => (
          <li key={row.key} class="product" data-product-id={row.productId}>
            <Thumb row={row} actions={actions} t={t} eager={i < 6} />
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
                {row.priceSource && (
                  <span class="price-source">{t('priceSourceLabel', t(`priceSource_${row.priceSource}`))}</span>
                )}
              </div>
              {row.history && row.history.length > 1 && (
                <PriceSpark
                  points={row.history}
                  {...(row.paidUnit !== undefined ? { paid: row.paidUnit } : {})}
                  {...(row.window ? { window: row.window } : {})}
                  label={t('priceHistory', row.history.length)}
                />
              )}
              <div class="product__seen">{t('seenAt', formatDateTime(row.seenAt, undefined, locale))}</div>
              <WrongPrice row={row} actions={actions} t={t} />
            </div>
          </li>
        ))}
      </ul>
      <ShowMore total={rows.length} shown={shown} more={more} t={t} />
    </>
  );
}
