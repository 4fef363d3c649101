import { useEffect, useState } from 'preact/hooks';
import { formatDateTime, formatMoney } from '@/lib/core/format';
import type { T } from '@/lib/core/i18n';
import { LEDGER_KINDS, type LedgerKind, type LedgerTotal } from '@/lib/core/ledger';
import type { PopupActions, RecoveredView } from './actions';

const SHOWN = 5;

/** 价保, 差价, 运费, 赔付 (message names allow no '-'). */
export const KIND_LABEL = {
  'price-protection': 'ledgerKind_priceProtection',
  'price-difference': 'ledgerKind_priceDifference',
  shipping: 'ledgerKind_shipping',
  compensation: 'ledgerKind_compensation',
} as const satisfies Record<LedgerKind, string>;

/**
 * "已追回 ¥X": what the shopper got back (issue #19), this month and all time, per platform and kind, each entry with
 * its evidence. One line per currency: amounts in different currencies are never added up.
 */
export function Recovered({
  actions,
  t,
  locale,
  version,
}: {
  actions: Pick<PopupActions, 'ledger' | 'openEvidence'>;
  t: T;
  locale: string;
  /** Changes when the popup reloads its data: the ledger is read again. */
  version: number;
}) {
  const [view, setView] = useState<RecoveredView | null>(null);
  useEffect(() => {
    void actions.ledger?.().then(setView, () => setView(null));
  }, [version]);
  if (!view || view.entries.length === 0) return null;
  const money = (amount: number, currency: string) => formatMoney({ amount, currency }, locale);
  return (
    <section class="recovered" aria-labelledby="recovered-h">
      <h2 id="recovered-h">{t('recoveredHeading')}</h2>
      {view.totals.map((total) => (
        <div key={total.currency} class="recovered__currency" data-currency={total.currency}>
          <p class="recovered__total">
            {t('recoveredTotal', money(total.all, total.currency), money(total.month, total.currency))}
          </p>
          <Breakdown total={total} t={t} money={money} />
        </div>
      ))}
      <ul class="recovered__entries">
        {view.entries.slice(0, SHOWN).map((e) => (
          <li key={e.id} data-entry={e.id}>
            {t(`platform_${e.platform === 'other' ? 'generic' : e.platform}`)} · {t(KIND_LABEL[e.kind])} ·{' '}
            {formatMoney(e.amount, locale)} · {formatDateTime(e.at, undefined, locale)}
            {e.evidenceIds[0] && (
              <>
                {' '}
                <button
                  type="button"
                  class="btn btn--link"
                  onClick={() => actions.openEvidence(e.evidenceIds[0] ?? '')}
                >
                  {t('recoveredEvidence')}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Breakdown({
  total,
  t,
  money,
}: {
  total: LedgerTotal;
  t: T;
  money: (amount: number, currency: string) => string;
}) {
  const platforms = Object.entries(total.byPlatform).filter((e): e is [string, number] => e[1] !== undefined);
  const kinds = LEDGER_KINDS.filter((k) => total.byKind[k] !== undefined);
  return (
    <p class="recovered__by">
      {platforms
        .map(([p, n]) => `${t(`platform_${p === 'other' ? 'generic' : (p as 'jd')}`)} ${money(n, total.currency)}`)
        .join(' · ')}
      {' | '}
      {kinds.map((k) => `${t(KIND_LABEL[k])} ${money(total.byKind[k] ?? 0, total.currency)}`).join(' · ')}
    </p>
  );
}
