/**
 * RFC 9651 (Structured Field Values) "parse an item", reduced to what the Cross-Origin-Opener-Policy and
 * Cross-Origin-Embedder-Policy headers need: the item's bare value when it is a token, else null. HTML
 * reads both headers this way, so a value that is not a well-formed item (a trailing ";", a list, a
 * quoted string) is ignored as a whole; parameters such as report-to="endpoint" are allowed. Tokens are
 * case-sensitive: "Same-Origin" is a token, but not the token same-origin.
 */
export function structuredFieldToken(input: string): string | null {
  const reader = new Reader(input);
  reader.skipSpaces();
  const bare = reader.bareItem();
  if (bare === null || !reader.parameters()) return null;
  reader.skipSpaces();
  return reader.done() && bare.kind === 'token' ? bare.text : null;
}

const DIGIT = /[0-9]/;
const ALPHA = /[A-Za-z]/;
const TCHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;
const KEY_START = /[a-z*]/;
const KEY_CHAR = /[a-z0-9_\-.*]/;
const BASE64 = /[A-Za-z0-9+/=]/;
const HEX = /[0-9a-f]/;

class Reader {
  private at = 0;
  constructor(private readonly text: string) {}

  done(): boolean {
    return this.at >= this.text.length;
  }

  skipSpaces(): void {
    while (this.text[this.at] === ' ') this.at++;
  }

  private peek(): string {
    return this.text[this.at] ?? '';
  }

  bareItem(): { kind: 'token' | 'other'; text: string } | null {
    const c = this.peek();
    if (c === '-' || DIGIT.test(c)) return this.number(true) ? { kind: 'other', text: '' } : null;
    if (c === '"') return this.string() ? { kind: 'other', text: '' } : null;
    if (c === '*' || ALPHA.test(c)) return { kind: 'token', text: this.token() };
    if (c === ':') return this.bytes() ? { kind: 'other', text: '' } : null;
    if (c === '?') return this.boolean() ? { kind: 'other', text: '' } : null;
    if (c === '@') {
      this.at++;
      return this.number(false) ? { kind: 'other', text: '' } : null;
    }
    if (c === '%') return this.displayString() ? { kind: 'other', text: '' } : null;
    return null;
  }

  /** ;key[=value] repeated; false when one is malformed. */
  parameters(): boolean {
    while (this.peek() === ';') {
      this.at++;
      this.skipSpaces();
      if (!KEY_START.test(this.peek())) return false;
      while (KEY_CHAR.test(this.peek())) this.at++;
      if (this.peek() === '=') {
        this.at++;
        if (this.bareItem() === null) return false;
      }
    }
    return true;
  }

  private token(): string {
    const start = this.at;
    this.at++;
    while (TCHAR.test(this.peek()) || this.peek() === ':' || this.peek() === '/') this.at++;
    return this.text.slice(start, this.at);
  }

  private number(decimalAllowed: boolean): boolean {
    if (this.peek() === '-') this.at++;
    if (!DIGIT.test(this.peek())) return false;
    let digits = 0;
    while (DIGIT.test(this.peek())) {
      this.at++;
      if (++digits > 15) return false;
    }
    if (this.peek() !== '.') return true;
    if (!decimalAllowed || digits > 12) return false;
    this.at++;
    let fraction = 0;
    while (DIGIT.test(this.peek())) {
      this.at++;
      fraction++;
    }
    return fraction >= 1 && fraction <= 3;
  }

  private string(): boolean {
    this.at++;
    while (!this.done()) {
      const c = this.peek();
      this.at++;
      if (c === '"') return true;
      if (c === '\\') {
        const next = this.peek();
        if (next !== '"' && next !== '\\') return false;
        this.at++;
      } else if (c < ' ' || c > '~') {
        return false;
      }
    }
    return false;
  }

  private bytes(): boolean {
    this.at++;
    while (BASE64.test(this.peek())) this.at++;
    if (this.peek() !== ':') return false;
    this.at++;
    return true;
  }

  private boolean(): boolean {
    this.at++;
    const c = this.peek();
    if (c !== '0' && c !== '1') return false;
    this.at++;
    return true;
  }

  private displayString(): boolean {
    this.at++;
    if (this.peek() !== '"') return false;
    this.at++;
    const bytes: number[] = [];
    while (!this.done()) {
      const c = this.peek();
      this.at++;
      if (c < ' ' || c > '~') return false;
      if (c === '"') {
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes));
          return true;
        } catch {
          return false;
        }
      }
      if (c === '%') {
        const hex = this.text.slice(this.at, this.at + 2);
        if (hex.length !== 2 || ![...hex].every((h) => HEX.test(h))) return false;
        bytes.push(Number.parseInt(hex, 16));
        this.at += 2;
      } else {
        bytes.push(c.charCodeAt(0));
      }
    }
    return false;
  }
}
