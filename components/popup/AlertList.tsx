import { useEffect, useMemo, useState } from 'preact/hooks';
import { alertDetail, alertTitle, byUrgency } from '@/lib/core/alert-text';
import { claimPageFor } from '@/lib/core/claim-pages';
import type { T } from '@/lib/core/i18n';
import type { Alert, Settings } from '@/lib/core/model';
import type { PopupActions } from './actions';
import { PAGE, ShowMore, useShown } from '../shared/ShowMore';

type Thresholds = Pick<Settings, 'noPickupHours' | 'stallHours' | 'ticketAnswerHours'>;

/** Re-renders every 30 s so countdowns stay live while the popup is open. */
function useNow(clock: () => number): number {
  const [now, setNow] = useState(clock());
  useEffect(() => {
    const id = setInterval(() => setNow(clock()), 30_000);
    return () => clearInterval(id);
  }, []);
  return now;
}

export function AlertList(props: {
  alerts: Alert[];
  actions: PopupActions;
  t: T;
  locale: string;
  thresholds: Thresholds;
  clock: () => number;
  focusId?: string;
}) {
  const { actions, t, locale } = props;
  const now = useNow(props.clock);
  const sorted = useMemo(() => [...props.alerts].sort(byUrgency), [props.alerts]);
  // A page at a time, like the orders (a thousand unpicked parcels are a thousand alerts); the alert a
  // notification opened the popup for is always on screen.
  const focusAt = props.focusId ? sorted.findIndex((a) => a.id === props.focusId) : -1;
  const [shown, more] = useShown(focusAt >= PAGE ? focusAt + 1 : PAGE);
  if (props.alerts.length === 0) return <p class="empty">{t('alertsEmpty')}</p>;
  return (
    <>
      <ul class="alerts" aria-label={t('alertsHeading')}>
        {sorted.slice(0, shown).map((a) => (
          <li
            key={a.id}
            class={`alert alert--${a.kind}${props.focusId === a.id ? ' alert--focus' : ''}`}
            data-alert-id={a.id}
            data-kind={a.kind}
          >
            <div class="alert__title">{alertTitle(a, t, props.thresholds)}</div>
            <div class="alert__detail">{alertDetail(a, t, now, locale)}</div>
            {a.claimRefused !== undefined && (
              <div class="alert__detail alert__refused">{t('alertClaimRefused', a.claimRefused)}</div>
            )}
            <div class="alert__actions">
              <ClaimFirst alert={a} t={t} />
              <button
                type="button"
                class={claimPageFor(a) ? 'btn' : 'btn btn--primary'}
                onClick={() => actions.buildTicket(a)}
              >
                {t('alertBuildTicket')}
              </button>
              <button type="button" class="btn" onClick={() => void actions.snooze(a.id)}>
                {t('alertSnooze')}
              </button>
              <button type="button" class="btn" onClick={() => void actions.dismiss(a.id)}>
                {t('alertDismiss')}
              </button>
            </div>
          </li>
        ))}
      </ul>
      <ShowMore total={sorted.length} shown={shown} more={more} t={t} />
    </>
  );
}

/**
 * The platform's own 价保 page first where it has one (JD, Taobao/Tmall): it refunds in seconds; the complaint is
 * the second way. A plain link: the shopper opens the page and clicks there, we never do (DESIGN.md "Not goals").
 */
function ClaimFirst({ alert, t }: { alert: Alert; t: T }) {
  const page = claimPageFor(alert);
  if (!page) return null;
  return (
    <a
      class="btn btn--primary alert__claim"
      href={page.url}
      target="_blank"
      rel="noopener noreferrer"
      title={t('alertClaimHint')}
      data-claim={alert.platform}
    >
      {t(page.label)}
    </a>
  );
}
