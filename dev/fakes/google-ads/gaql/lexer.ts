import { GaqlQueryError } from './types';

export type TokenKind = 'word' | 'number' | 'string' | 'symbol' | 'end';

export interface Token {
  kind: TokenKind;
  /** Words keep their original spelling; symbols are one of ( ) , = != > >= < <=. */
  text: string;
  /** Decoded value for strings. */
  value?: string;
  position: number;
}

const WORD_START = /[A-Za-z_]/;
const WORD_PART = /[A-Za-z0-9_.]/;
const DIGIT = /[0-9]/;

/** Splits a GAQL statement into tokens; field names (`metrics.cost_micros`) are single words. */
export function tokenizeGaql(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const ch = query[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const start = i;
    if (WORD_START.test(ch)) {
      while (i < query.length && WORD_PART.test(query[i]!)) i++;
      tokens.push({ kind: 'word', text: query.slice(start, i), position: start });
      continue;
    }
    if (DIGIT.test(ch) || (ch === '-' && DIGIT.test(query[i + 1] ?? ''))) {
      i++;
      while (i < query.length && /[0-9.]/.test(query[i]!)) i++;
      const text = query.slice(start, i);
      if (!/^-?\d+(\.\d+)?$/.test(text)) {
        throw new GaqlQueryError('BAD_NUMBER', `Error in query: invalid number '${text}'.`, start);
      }
      tokens.push({ kind: 'number', text, position: start });
      continue;
    }
    if (ch === "'" || ch === '"') {
      const { value, end } = readString(query, i);
      tokens.push({ kind: 'string', text: query.slice(start, end), value, position: start });
      i = end;
      continue;
    }
    const two = query.slice(i, i + 2);
    if (two === '!=' || two === '>=' || two === '<=') {
      tokens.push({ kind: 'symbol', text: two, position: start });
      i += 2;
      continue;
    }
    if ('(),=<>'.includes(ch)) {
      tokens.push({ kind: 'symbol', text: ch, position: start });
      i++;
      continue;
    }
    throw new GaqlQueryError('BAD_SYMBOL', `Error in query: unexpected symbol '${ch}' at position ${start}.`, start);
  }
  tokens.push({ kind: 'end', text: '', position: query.length });
  return tokens;
}

function readString(query: string, open: number): { value: string; end: number } {
  const quote = query[open]!;
  let value = '';
  let i = open + 1;
  while (i < query.length) {
    const ch = query[i]!;
    if (ch === '\\') {
      const next = query[i + 1];
      if (next === undefined) break;
      if (!'\\\'"'.includes(next)) {
        throw new GaqlQueryError('BAD_ESCAPE_SEQUENCE', `Error in query: bad escape sequence '\\${next}'.`, i);
      }
      value += next;
      i += 2;
      continue;
    }
    if (ch === '\n') {
      throw new GaqlQueryError('PROHIBITED_NEWLINE_IN_STRING', 'Error in query: newline in string literal.', i);
    }
    if (ch === quote) return { value, end: i + 1 };
    value += ch;
    i++;
  }
  throw new GaqlQueryError('STRING_NOT_TERMINATED', `Error in query: string starting at position ${open} is not terminated.`, open);
}
