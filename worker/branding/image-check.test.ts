import { describe, expect, it } from 'vitest';
import { onePixelIco, onePixelPng, SMALL_SVG } from '../../dev/fakes/services/public-web-images';
import { checkImage, declaredImageType, nextHttpsUrl, sniffImageType } from './image-check';

const bytes = (...values: number[]) => new Uint8Array(values);
const text = (value: string) => new TextEncoder().encode(value);

describe('brand image checks', () => {
  it('recognises each kept type by its magic bytes', () => {
    expect(sniffImageType(onePixelPng())).toBe('png');
    expect(sniffImageType(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10))).toBe('jpeg');
    expect(sniffImageType(text('GIF89a\x01\x00\x01\x00'))).toBe('gif');
    expect(sniffImageType(text('RIFF\x10\x00\x00\x00WEBPVP8 '))).toBe('webp');
    expect(sniffImageType(onePixelIco())).toBe('ico');
    expect(sniffImageType(text(SMALL_SVG))).toBe('svg');
    expect(sniffImageType(text('\uFEFF<!-- made by hand --><!DOCTYPE svg><svg viewBox="0 0 1 1"/>'))).toBe('svg');
  });

  it('finds no image in HTML, text, an empty body or an icon directory with no images', () => {
    expect(sniffImageType(text('<!doctype html><svg></svg>'))).toBeNull();
    expect(sniffImageType(text('hello'))).toBeNull();
    expect(sniffImageType(new Uint8Array())).toBeNull();
    expect(sniffImageType(bytes(0, 0, 1, 0, 0, 0))).toBeNull();
    expect(sniffImageType(text('RIFF\x10\x00\x00\x00WAVEfmt '))).toBeNull();
  });

  it('reads the declared type from a Content-Type with parameters and either ICO name', () => {
    expect(declaredImageType('image/PNG; charset=binary')).toBe('png');
    expect(declaredImageType('image/vnd.microsoft.icon')).toBe('ico');
    expect(declaredImageType('image/x-icon')).toBe('ico');
    expect(declaredImageType('image/jpg')).toBe('jpeg');
    expect(declaredImageType('text/html')).toBeNull();
    expect(declaredImageType('image/tiff')).toBeNull();
    expect(declaredImageType(null)).toBeNull();
  });

  it('accepts an image only when the content type and the bytes agree, and serves it under its canonical type', () => {
    expect(checkImage('image/png', onePixelPng())).toEqual({ ok: true, type: 'png', contentType: 'image/png' });
    expect(checkImage('image/vnd.microsoft.icon', onePixelIco())).toEqual({ ok: true, type: 'ico', contentType: 'image/x-icon' });
    expect(checkImage('image/svg+xml; charset=utf-8', text(SMALL_SVG))).toMatchObject({ ok: true, type: 'svg' });
  });

  it('refuses HTML, a disguised page and a type mismatch with a reason that says not an image', () => {
    const html = checkImage('text/html; charset=utf-8', text('<!doctype html>'));
    expect(html).toEqual({ ok: false, reason: expect.stringMatching(/^not an image: the server sent text\/html/) });
    expect(checkImage('image/png', text('<!doctype html>'))).toEqual({
      ok: false,
      reason: 'not an image: the server sent image/png but the bytes are not one',
    });
    expect(checkImage('image/gif', onePixelPng())).toMatchObject({ ok: false });
    expect(checkImage(null, onePixelPng())).toEqual({ ok: false, reason: expect.stringContaining('no content type') });
  });

  it('follows redirects only to https URLs without credentials, relative ones resolved against the current URL', () => {
    expect(nextHttpsUrl('/b.png', 'https://cdn.example.com/a/a.png')?.href).toBe('https://cdn.example.com/b.png');
    expect(nextHttpsUrl('https://other.example.com/c.png', 'https://cdn.example.com/')?.href).toBe('https://other.example.com/c.png');
    expect(nextHttpsUrl('http://cdn.example.com/b.png', 'https://cdn.example.com/')).toBeNull();
    expect(nextHttpsUrl('//cdn.example.com/b.png', 'http://cdn.example.com/')).toBeNull();
    expect(nextHttpsUrl('https://user:pw@cdn.example.com/b.png', 'https://cdn.example.com/')).toBeNull();
    expect(nextHttpsUrl('data:image/png;base64,AAAA', 'https://cdn.example.com/')).toBeNull();
    expect(nextHttpsUrl(null, 'https://cdn.example.com/')).toBeNull();
  });
});
