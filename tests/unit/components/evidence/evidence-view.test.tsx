/** The evidence page: what kind of evidence it is, when the same page was seen again, and archives as downloads. */
import { render, screen } from '@testing-library/preact';
import { EvidenceView } from '@/components/evidence/EvidenceView';
import { translator } from '@/lib/core/i18n';
import type { Evidence } from '@/lib/core/model';

const HASH = 'a'.repeat(64);
const base: Evidence = {
  id: 'ev-1',
  seq: 0,
  kind: 'order-screenshot',
  capturedAt: Date.UTC(2026, 10, 22, 3, 0, 0),
  url: 'https://details.jd.com/normal/item.action?orderid=301234567890',
  caption: '京东 订单 301234567890 实付 ¥89.90',
  mime: 'image/jpeg',
  bytes: 1000,
  sha256: HASH,
  contentSha256: 'b'.repeat(64),
  prevHash: null,
  recordHash: HASH,
};

describe('evidence page', () => {
  it('names the kind, shows the page fingerprint and every time the same page was seen again', () => {
    render(
      <EvidenceView record={base} src="blob:x" t={translator('zh-CN')} seenAgain={[base.capturedAt + 3_600_000]} />,
    );
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('订单截图');
    expect(screen.getByTestId('kind').textContent).toContain('301234567890');
    expect(screen.getByTestId('content-sha256').textContent).toBe('b'.repeat(64));
    expect(screen.getByTestId('seen-again').textContent).toContain('UTC');
    expect(screen.getByRole('img').getAttribute('src')).toBe('blob:x');
  });

  it('offers a full-page archive as a download with its file name, in English too', () => {
    render(
      <EvidenceView
        record={{ ...base, kind: 'page-archive', mime: 'application/x-mimearchive', fileName: '301234567890.mhtml' }}
        src="blob:y"
        t={translator('en')}
      />,
    );
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Page archive');
    const link = screen.getByRole('link', { name: /Download 301234567890\.mhtml/ });
    expect(link.getAttribute('download')).toBe('301234567890.mhtml');
    expect(screen.queryByRole('img')).toBeNull();
  });
});
