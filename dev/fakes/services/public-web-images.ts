/** Small valid images the fake public web serves (and the unit tests check), built byte for byte. */

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function be32(n: number): number[] {
  return [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
}

function chunk(type: string, data: number[]): number[] {
  const typed = [...type].map((c) => c.charCodeAt(0));
  return [...be32(data.length), ...typed, ...data, ...be32(crc32(new Uint8Array([...typed, ...data])))];
}

/** A 1x1 PNG of one RGB colour (stored zlib block, so no compressor is needed). */
export function onePixelPng(rgb: [number, number, number] = [15, 118, 110]): Uint8Array {
  const raw = [0, ...rgb]; // filter byte 0, then one pixel
  let a = 1;
  let b = 0;
  for (const byte of raw) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  const zlib = [0x78, 0x01, 0x01, raw.length, 0x00, ~raw.length & 0xff, 0xff, ...raw, ...be32(((b << 16) | a) >>> 0)];
  return new Uint8Array([
    0x89,
    0x50,
    0x4e,
    0x47,
    0x0d,
    0x0a,
    0x1a,
    0x0a,
    ...chunk('IHDR', [...be32(1), ...be32(1), 8, 2, 0, 0, 0]),
    ...chunk('IDAT', zlib),
    ...chunk('IEND', []),
  ]);
}

/** An ICO holding one 1x1 PNG image (Vista-style ICO, which every browser reads). */
export function onePixelIco(): Uint8Array {
  const png = onePixelPng([200, 60, 20]);
  const le16 = (n: number) => [n & 0xff, (n >>> 8) & 0xff];
  const le32 = (n: number) => [...le16(n & 0xffff), ...le16(n >>> 16)];
  const header = [...le16(0), ...le16(1), ...le16(1)];
  const entry = [1, 1, 0, 0, ...le16(1), ...le16(32), ...le32(png.length), ...le32(22)];
  return new Uint8Array([...header, ...entry, ...png]);
}

export const SMALL_SVG =
  '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="28" height="28" viewBox="0 0 28 28"><rect width="28" height="28" rx="6" fill="#0f766e"/></svg>\n';
