/** Which `Linkedin-Version` headers the fake serves, judged on the fake clock. */
import { apiErrors, type LinkedInApiError } from './errors';

/** Newest monthly release the fake knows; anything later does not exist yet. */
export const LATEST_VERSION = '202610';
/** Sunset dates LinkedIn published; other months sunset on the 15th, twelve months after release. */
const PUBLISHED_SUNSETS: Record<string, string> = { '202511': '2026-11-16', '202601': '2027-01-15', '202603': '2027-03-16' };
/** Months LinkedIn skipped (the versioning page lists no 202512). */
const NEVER_RELEASED = new Set(['202512']);

export function sunsetDate(version: string): string {
  const published = PUBLISHED_SUNSETS[version];
  if (published) return published;
  const year = Number(version.slice(0, 4)) + 1;
  return `${year}-${version.slice(4, 6)}-15`;
}

/** Returns the error LinkedIn would send for this header, or null when the version is active. */
export function versionError(header: string | undefined, now: Date): LinkedInApiError | null {
  if (header === undefined || header.trim() === '') return apiErrors.versionMissing();
  const version = header.trim();
  const month = Number(version.slice(4, 6));
  if (!/^\d{6}$/.test(version) || month < 1 || month > 12) return apiErrors.versionNonexistent(version);
  if (NEVER_RELEASED.has(version) || version > LATEST_VERSION) return apiErrors.versionNonexistent(version);
  const today = now.toISOString().slice(0, 10);
  if (today >= sunsetDate(version)) return apiErrors.versionInactive(version);
  return null;
}
