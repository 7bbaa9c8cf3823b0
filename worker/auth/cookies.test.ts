import { describe, expect, it } from 'vitest';
import { readCookie } from './cookies';

describe('readCookie', () => {
  it('finds the named cookie among others, ignoring spaces and keeping "=" inside the value', () => {
    expect(readCookie('theme=dark; tm_session=abc=def; other=1', 'tm_session')).toBe('abc=def');
  });

  it('takes the first of two cookies with the same name, as browsers send the most specific first', () => {
    expect(readCookie('tm_session=first; tm_session=second', 'tm_session')).toBe('first');
  });

  it('decodes percent-encoding and keeps a value that is not valid encoding as it is', () => {
    expect(readCookie('next=%2Ft%2Fpartner-a', 'next')).toBe('/t/partner-a');
    expect(readCookie('broken=%E0%A4%A', 'broken')).toBe('%E0%A4%A');
  });

  it('answers undefined without a header or without that cookie, and never matches a prefix', () => {
    expect(readCookie(null, 'tm_session')).toBeUndefined();
    expect(readCookie('tm_session_old=x', 'tm_session')).toBeUndefined();
  });
});
