/**
 * The pure checks of a tenant's logo or favicon: which image types we keep, how large they may be,
 * and whether the bytes are what the server said they are (content type AND magic bytes).
 */

export type BrandAssetKind = 'logo' | 'favicon';

export const BRAND_ASSET_KINDS: readonly BrandAssetKind[] = ['logo', 'favicon'];

/** The most bytes we read and keep of each kind. */
export const BRAND_ASSET_MAX_BYTES: Record<BrandAssetKind, number> = { logo: 512 * 1024, favicon: 128 * 1024 };

export type ImageType = 'png' | 'jpeg' | 'gif' | 'webp' | 'ico' | 'svg';

/** The content type we serve each kept type with. */
export const IMAGE_CONTENT_TYPES: Record<ImageType, string> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  ico: 'image/x-icon',
  svg: 'image/svg+xml',
};

// What servers in the wild send for each type (ICO has two names; some send image/jpg).
const DECLARED: Record<string, ImageType> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/jpg': 'jpeg',
  'image/pjpeg': 'jpeg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/x-icon': 'ico',
  'image/vnd.microsoft.icon': 'ico',
  'image/ico': 'ico',
  'image/svg+xml': 'svg',
};

/** The image type a Content-Type header names (parameters ignored), or null when it is not one we keep. */
export function declaredImageType(contentType: string | null): ImageType | null {
  if (!contentType) return null;
  const essence = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return DECLARED[essence] ?? null;
}

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) =>
  bytes.length >= at + prefix.length && prefix.every((b, i) => bytes[at + i] === b);

const ascii = (text: string) => [...text].map((ch) => ch.charCodeAt(0));

/** An SVG document: optional BOM, XML declaration, comments and doctype, then the `<svg` root element. */
function looksLikeSvg(bytes: Uint8Array): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(0, 4096));
  } catch {
    return false;
  }
  const prolog = /^\uFEFF?\s*(?:<\?xml[^>]*\?>\s*)?(?:(?:<!--[\s\S]*?-->|<!DOCTYPE\s+svg[^>]*>)\s*)*<svg[\s>/]/i;
  return prolog.test(text);
}

/** The image type the bytes themselves show (magic bytes), or null when they are none we keep. */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'gif';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'webp';
  // ICONDIR: reserved 0, type 1 (icon), then at least one image.
  if (startsWith(bytes, [0x00, 0x00, 0x01, 0x00]) && bytes.length >= 6 && (bytes[4]! | (bytes[5]! << 8)) > 0) return 'ico';
  if (looksLikeSvg(bytes)) return 'svg';
  return null;
}

export type ImageVerdict = { ok: true; type: ImageType; contentType: string } | { ok: false; reason: string };

/** Whether fetched bytes are an image we keep: the declared type and the magic bytes must agree. */
export function checkImage(contentType: string | null, bytes: Uint8Array): ImageVerdict {
  const declared = declaredImageType(contentType);
  if (!declared) {
    const shown = contentType ? contentType.split(';')[0]?.trim() : 'no content type';
    return { ok: false, reason: `not an image: the server sent ${shown}; PNG, JPEG, GIF, WebP, ICO or SVG are accepted` };
  }
  const sniffed = sniffImageType(bytes);
  if (sniffed !== declared) {
    return { ok: false, reason: `not an image: the server sent ${IMAGE_CONTENT_TYPES[declared]} but the bytes are not one` };
  }
  return { ok: true, type: declared, contentType: IMAGE_CONTENT_TYPES[declared] };
}

/** A redirect target we follow: an absolute https URL without credentials, resolved against the current one. */
export function nextHttpsUrl(location: string | null, current: string): URL | null {
  if (!location) return null;
  try {
    const url = new URL(location, current);
    return url.protocol === 'https:' && !url.username && !url.password ? url : null;
  } catch {
    return null;
  }
}
