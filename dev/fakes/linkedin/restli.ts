/**
 * Rest.li 2.0 URL syntax, parsed from the raw (still percent-encoded) query string.
 * Structure characters `( ) , :` must arrive literally; everything inside a leaf string is
 * percent-decoded once. That is why URN colons inside `List(...)` have to be sent as %3A.
 */

export type RestliValue = string | RestliValue[] | { [key: string]: RestliValue };

export class RestliSyntaxError extends Error {
  constructor(
    message: string,
    readonly param?: string,
  ) {
    super(message);
  }
}

const RESERVED = new Set(['(', ')', ',', ':']);
const PERCENT_ESCAPE = /%[0-9A-Fa-f]{2}/;

/** Splits a raw query string into raw (undecoded) values by decoded key; repeated keys are an error. */
export function parseQueryParams(rawQuery: string, { plusIsSpace = false } = {}): Map<string, string> {
  const params = new Map<string, string>();
  const query = rawQuery.startsWith('?') ? rawQuery.slice(1) : rawQuery;
  if (query === '') return params;
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawKey = eq === -1 ? part : part.slice(0, eq);
    let rawValue = eq === -1 ? '' : part.slice(eq + 1);
    if (plusIsSpace) rawValue = rawValue.replace(/\+/g, '%20');
    const key = decodeLeaf(plusIsSpace ? rawKey.replace(/\+/g, '%20') : rawKey, rawKey);
    if (params.has(key)) throw new RestliSyntaxError(`Parameter '${key}' appears more than once`, key);
    params.set(key, rawValue);
  }
  return params;
}

/** Parses one raw Rest.li value: `List(a,b)`, `(key:value,...)`, or a plain string. */
export function parseRestliValue(raw: string, param?: string): RestliValue {
  const parser = new Parser(raw, param);
  const value = parser.value('top');
  if (parser.pos !== raw.length) parser.fail(`unexpected '${raw[parser.pos]}'`);
  return value;
}

class Parser {
  pos = 0;
  constructor(
    private readonly src: string,
    private readonly param?: string,
  ) {}

  fail(what: string): never {
    const where = this.param ? `Parameter '${this.param}'` : 'Value';
    throw new RestliSyntaxError(`${where} is invalid: ${what} at position ${this.pos} of "${this.src}"`, this.param);
  }

  value(context: 'top' | 'list' | 'record'): RestliValue {
    if (this.src.startsWith('List(', this.pos)) return this.list();
    if (this.src[this.pos] === '(') return this.record();
    const text = this.token();
    if (context === 'top' && this.pos < this.src.length && this.src[this.pos] === ',') {
      this.fail("unexpected ','; a list must be written List(...)");
    }
    if (context !== 'record' && this.src[this.pos] === ':') {
      this.fail("unexpected ':'; colons inside a URN must be encoded as %3A");
    }
    return text;
  }

  private list(): RestliValue[] {
    this.pos += 'List('.length;
    const items: RestliValue[] = [];
    if (this.src[this.pos] === ')') {
      this.pos++;
      return items;
    }
    for (;;) {
      items.push(this.value('list'));
      const next = this.src[this.pos];
      if (next === ',') this.pos++;
      else if (next === ')') {
        this.pos++;
        return items;
      } else this.fail(next === undefined ? "missing ')' to close List(" : `unexpected '${next}' in List`);
    }
  }

  private record(): { [key: string]: RestliValue } {
    this.pos++;
    const fields: { [key: string]: RestliValue } = {};
    if (this.src[this.pos] === ')') {
      this.pos++;
      return fields;
    }
    for (;;) {
      const key = this.token();
      if (key === '') this.fail('missing field name');
      if (this.src[this.pos] !== ':') this.fail(`expected ':' after field '${key}'`);
      this.pos++;
      if (key in fields) this.fail(`field '${key}' appears twice`);
      fields[key] = this.value('record');
      const next = this.src[this.pos];
      if (next === ',') this.pos++;
      else if (next === ')') {
        this.pos++;
        return fields;
      } else this.fail(next === undefined ? "missing ')' to close the record" : `unexpected '${next}' in record`);
    }
  }

  private token(): string {
    const start = this.pos;
    while (this.pos < this.src.length && !RESERVED.has(this.src[this.pos]!)) this.pos++;
    const raw = this.src.slice(start, this.pos);
    // Rest.li writes the empty string as two single quotes.
    if (raw === "''") return '';
    return decodeLeaf(raw, raw, this.param);
  }
}

function decodeLeaf(raw: string, shown: string, param?: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    throw new RestliSyntaxError(`${param ? `Parameter '${param}'` : 'Value'} has a malformed percent-escape in "${shown}"`, param);
  }
  if (PERCENT_ESCAPE.test(decoded)) {
    throw new RestliSyntaxError(
      `${param ? `Parameter '${param}'` : 'Value'} looks double-encoded ("${shown}" decodes to "${decoded}"); encode URN colons once, as %3A`,
      param,
    );
  }
  return decoded;
}
