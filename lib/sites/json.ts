/**
 * Lenient reader for data pages embed in inline scripts and JSON-LD: JSON plus what real pages add
 * (single quotes, unquoted keys, trailing commas, comments, `undefined`, `!0`). It never evaluates
 * code; anything else (a function, `new Date()`) makes the whole value undefined. Bounded: depth 60,
 * 400k values, so a hostile page cannot make it spin.
 */

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };
export type Obj = Record<string, unknown>;

const MAX_DEPTH = 60;
const MAX_NODES = 400_000;

class Reader {
  i: number;
  nodes = 0;
  constructor(
    readonly s: string,
    start: number,
  ) {
    this.i = start;
  }

  ws(): void {
    const s = this.s;
    for (;;) {
      const c = s.charCodeAt(this.i);
      if (c === 32 || c === 10 || c === 13 || c === 9 || c === 0xa0 || c === 0xfeff) this.i++;
      else if (c === 47 && s[this.i + 1] === '/') {
        const e = s.indexOf('\n', this.i);
        this.i = e < 0 ? s.length : e;
      } else if (c === 47 && s[this.i + 1] === '*') {
        const e = s.indexOf('*/', this.i + 2);
        this.i = e < 0 ? s.length : e + 2;
      } else return;
    }
  }

  value(depth: number): Json | undefined {
    if (depth > MAX_DEPTH || ++this.nodes > MAX_NODES) return undefined;
    this.ws();
    const c = this.s[this.i];
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"' || c === "'" || c === '`') return this.string();
    const m = /^(?:-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|!?[01](?![\w$])|[A-Za-z_$][\w$]*)/.exec(
      this.s.slice(this.i, this.i + 40),
    );
    if (!m) return undefined;
    const w = m[0];
    this.i += w.length;
    if (w === 'true' || w === '!0') return true;
    if (w === 'false' || w === '!1') return false;
    if (w === 'null' || w === 'undefined' || w === 'NaN') return null;
    const n = Number(w);
    return Number.isFinite(n) ? n : undefined;
  }

  object(depth: number): Json | undefined {
    const out: { [k: string]: Json } = {};
    this.i++;
    for (;;) {
      this.ws();
      const c = this.s[this.i];
      if (c === '}') {
        this.i++;
        return out;
      }
      let key: string | undefined;
      if (c === '"' || c === "'") key = this.string();
      else {
        const m = /^[\w$]+/.exec(this.s.slice(this.i, this.i + 200));
        if (m) {
          key = m[0];
          this.i += key.length;
        }
      }
      if (key === undefined) return undefined;
      this.ws();
      if (this.s[this.i] !== ':') return undefined;
      this.i++;
      const v = this.value(depth + 1);
      if (v === undefined) return undefined;
      if (key !== '__proto__') out[key] = v;
      this.ws();
      if (this.s[this.i] === ',') this.i++;
      else if (this.s[this.i] !== '}') return undefined;
    }
  }

  array(depth: number): Json | undefined {
    const out: Json[] = [];
    this.i++;
    for (;;) {
      this.ws();
      if (this.s[this.i] === ']') {
        this.i++;
        return out;
      }
      const v = this.value(depth + 1);
      if (v === undefined) return undefined;
      out.push(v);
      this.ws();
      if (this.s[this.i] === ',') this.i++;
      else if (this.s[this.i] !== ']') return undefined;
    }
  }

  string(): string | undefined {
    const s = this.s;
    const q = s[this.i++];
    let out = '';
    let from = this.i;
    for (;;) {
      const e = s.indexOf(q ?? '"', this.i);
      const b = s.indexOf('\\', this.i);
      if (e < 0) return undefined;
      if (b < 0 || e < b) {
        out += s.slice(from, e);
        this.i = e + 1;
        return out;
      }
      out += s.slice(from, b);
      const c = s[b + 1];
      let skip = 2;
      if (c === 'u' || c === 'x') {
        const len = c === 'u' ? 4 : 2;
        const hex = s.slice(b + 2, b + 2 + len);
        if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) return undefined;
        out += String.fromCharCode(parseInt(hex, 16));
        skip += len;
      } else if (c === '\n') {
        // line continuation
      } else {
        out += { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0' }[c ?? ''] ?? c ?? '';
      }
      this.i = from = b + skip;
    }
  }
}

/** Parses one value starting at `start` (whitespace allowed); undefined when it is not data. */
export function parseLoose(text: string, start = 0): unknown {
  if (typeof text !== 'string') return undefined;
  try {
    return new Reader(text, start).value(0);
  } catch {
    return undefined;
  }
}

/** Every value in a text holding several (a JSON-LD block with two objects, or one). */
export function parseAll(text: string, limit = 20): unknown[] {
  const out: unknown[] = [];
  const r = new Reader(text, 0);
  try {
    while (out.length < limit) {
      r.ws();
      if (r.i >= text.length) break;
      const v = r.value(0);
      if (v === undefined) break;
      out.push(v);
      r.ws();
      if (text[r.i] === ',' || text[r.i] === ';') r.i++;
    }
  } catch {
    // keep what parsed
  }
  return out;
}

/**
 * The data assigned after `marker` in any inline script: `window.rawData = {…}`, `TShop.Setup({…})`,
 * `var data = JSON.parse('…')` (the string is unescaped, then parsed). First hit that parses wins.
 */
export function findData(scripts: readonly string[], marker: RegExp): Obj | null {
  const re = new RegExp(marker.source, marker.flags.replace('g', ''));
  for (const script of scripts) {
    let from = 0;
    for (let n = 0; n < 5; n++) {
      const m = re.exec(script.slice(from));
      if (!m) break;
      const at = from + m.index + m[0].length;
      from = at;
      const r = new Reader(script, at);
      r.ws();
      let v: unknown;
      if (script.startsWith('JSON.parse(', r.i)) {
        r.i += 11;
        r.ws();
        const inner = r.string();
        v = inner === undefined ? undefined : parseLoose(inner);
      } else {
        try {
          v = r.value(0);
        } catch {
          v = undefined;
        }
      }
      if (isObj(v)) return v;
    }
  }
  return null;
}

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** One key of an object, only its own (never `__proto__` or an inherited member); undefined otherwise. */
export function own(o: unknown, k: string): unknown {
  return isObj(o) && Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined;
}

/** The object at a path of own keys (`objAt(o, 'data', 'item')`), or null when any step is missing or not an object. */
export function objAt(o: unknown, ...path: string[]): Obj | null {
  let v: unknown = o;
  for (const k of path) v = own(v, k);
  return isObj(v) ? v : null;
}

/** JSON text as a value, or undefined when it does not parse (the caller bounds the text). */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const JSONP_HEAD = /^\s*[A-Za-z_$][\w$]{0,63}\s*\(/;
const JSONP_TRAILING = /[\s;]/;

/**
 * The argument text of one JSONP call `name(…)` (an optional `;` after it), or null: what mtop answers a `<script>`
 * (`mtopjsonp3({...})`). `t` is already bounded by the caller.
 */
export function unwrapJsonp(t: string): string | null {
  const head = JSONP_HEAD.exec(t.slice(0, 128));
  if (!head) return null;
  let end = t.length;
  while (end > head[0].length && JSONP_TRAILING.test(t.charAt(end - 1))) end--;
  if (t.charAt(end - 1) !== ')' || end - 1 < head[0].length) return null;
  return t.slice(head[0].length, end - 1);
}

/** Safe path read: get(o, 'a.b.0.c'). */
export function get(o: unknown, path: string): unknown {
  let cur: unknown = o;
  for (const k of path.split('.')) {
    if (Array.isArray(cur)) cur = cur[Number(k)];
    else if (isObj(cur) && Object.prototype.hasOwnProperty.call(cur, k)) cur = cur[k];
    else return undefined;
  }
  return cur;
}

export function str(v: unknown): string {
  return typeof v === 'string' ? v.trim() : typeof v === 'number' && Number.isFinite(v) ? String(v) : '';
}

/** A string as the page gave it (not trimmed), cut to `max` characters; '' for anything else. */
export function clipped(v: unknown, max = 300): string {
  return typeof v === 'string' ? v.slice(0, max) : '';
}

export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
}
