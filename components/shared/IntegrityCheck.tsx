import { useState } from 'preact/hooks';
import type { T } from '@/lib/core/i18n';

export interface IntegrityResult {
  ok: boolean;
  records: number;
  problems: { evidenceId: string; reason: string }[];
}

/** "Evidence intact" or precisely what is wrong; re-hashing every file is work, so it runs on request. */
export function IntegrityCheck({ verify, t }: { verify: () => Promise<IntegrityResult>; t: T }) {
  const [state, setState] = useState<IntegrityResult | 'running' | null>(null);
  return (
    <div class="integrity">
      <button
        type="button"
        class="btn"
        disabled={state === 'running'}
        onClick={() => {
          setState('running');
          void verify().then(setState, () =>
            setState({ ok: false, records: 0, problems: [{ evidenceId: '-', reason: 'verification failed' }] }),
          );
        }}
      >
        {t('integrityCheck')}
      </button>
      {state && state !== 'running' && (
        <div role="status" class={state.ok ? 'integrity--ok' : 'integrity--bad'}>
          {state.ok ? t('integrityOk', state.records) : t('integrityBad', state.problems.length)}
          {!state.ok && (
            <ul>
              {state.problems.slice(0, 20).map((p) => (
                <li key={p.evidenceId + p.reason}>
                  <code>{p.evidenceId}</code>: {p.reason}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
