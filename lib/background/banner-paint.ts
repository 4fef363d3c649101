/**
 * The banner itself: a function the worker hands to `scripting.executeScript` (lib/background/banner.ts), so it runs
 * in the shop page's isolated world, serialized from its source. It must therefore use nothing outside its own body
 * (no imports, no module constants) and must never throw into the page.
 *
 * It draws in a closed shadow root, so the page's scripts and styles cannot read or restyle what it says (an alert
 * names the shopper's other orders); every text goes in with `textContent`; styles are set through the CSSOM, which
 * a page's CSP does not block. A tap on a line asks the worker to open that alert (`banner/open`); only a real tap
 * (`isTrusted`) counts, so the page cannot open anything by dispatching clicks.
 */

export interface BannerLine {
  id: string;
  title: string;
  message: string;
}

export interface BannerLabels {
  heading: string;
  open: string;
  close: string;
}

/** Paints the banner; true when it is on the page. */
export function paintBanner(lines: BannerLine[], labels: BannerLabels): boolean {
  try {
    const HOST = 'shopwitness-banner';
    document.getElementById(HOST)?.remove();
    if (lines.length === 0) return false;
    type Runtime = { runtime: { sendMessage(m: unknown): Promise<unknown> } };
    const g = globalThis as unknown as { browser?: Runtime; chrome?: Runtime };
    const api = g.browser ?? g.chrome;
    const css = (el: HTMLElement, s: Record<string, string>) => {
      for (const k of Object.keys(s)) el.style.setProperty(k, s[k] ?? '');
    };
    const host = document.createElement('div');
    host.id = HOST;
    css(host, {
      all: 'initial',
      position: 'fixed',
      left: '0',
      right: '0',
      bottom: '0',
      'z-index': '2147483647',
    });
    const root = host.attachShadow({ mode: 'closed' });
    const box = document.createElement('section');
    box.setAttribute('role', 'status');
    box.setAttribute('aria-label', labels.heading);
    css(box, {
      margin: '0 8px 8px',
      padding: '8px 12px 12px',
      'max-height': '45vh',
      'overflow-y': 'auto',
      background: '#fff',
      color: '#111',
      border: '2px solid #b91c1c',
      'border-radius': '10px',
      'box-shadow': '0 4px 16px rgba(0,0,0,.3)',
      font: '15px/1.4 system-ui, "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif',
    });
    const top = document.createElement('div');
    css(top, { display: 'flex', 'align-items': 'center', 'justify-content': 'space-between' });
    const heading = document.createElement('strong');
    heading.textContent = labels.heading;
    css(heading, { 'font-size': '13px', color: '#b91c1c' });
    const close = document.createElement('button');
    close.type = 'button';
    close.textContent = '×';
    close.setAttribute('aria-label', labels.close);
    const buttonCss = { cursor: 'pointer', 'min-height': '44px', 'min-width': '44px', font: 'inherit' };
    css(close, { ...buttonCss, border: '0', background: 'transparent', 'font-size': '24px', color: '#444' });
    close.addEventListener('click', () => host.remove());
    top.append(heading, close);
    box.append(top);
    for (const line of lines) {
      const row = document.createElement('button');
      row.type = 'button';
      css(row, {
        ...buttonCss,
        display: 'block',
        width: '100%',
        'text-align': 'left',
        margin: '6px 0 0',
        padding: '8px 10px',
        background: '#fef2f2',
        color: '#111',
        border: '1px solid #fecaca',
        'border-radius': '8px',
      });
      const title = document.createElement('strong');
      title.textContent = line.title;
      css(title, { display: 'block' });
      const message = document.createElement('span');
      message.textContent = line.message;
      css(message, { display: 'block', 'font-size': '13px', color: '#333' });
      const open = document.createElement('span');
      open.textContent = labels.open;
      css(open, { display: 'block', 'font-size': '13px', color: '#1d4ed8', 'margin-top': '2px' });
      row.append(title, message, open);
      row.addEventListener('click', (e) => {
        if (!e.isTrusted || !api) return;
        host.remove();
        api.runtime.sendMessage({ type: 'banner/open', id: line.id }).catch(() => undefined);
      });
      box.append(row);
    }
    root.append(box);
    (document.body ?? document.documentElement).append(host);
    return true;
  } catch {
    return false;
  }
}
