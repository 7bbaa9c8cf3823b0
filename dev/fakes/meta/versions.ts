import { metaErrors } from './errors';

export const SUPPORTED_VERSIONS = ['v23.0', 'v24.0', 'v25.0', 'v26.0'] as const;
export type GraphVersion = (typeof SUPPORTED_VERSIONS)[number];
/** What the deprecation error tells callers to move to (docs: "Latest Graph API Version: v25.0"). */
export const LATEST_VERSION: GraphVersion = 'v25.0';

/** Parses the leading `vNN.0` path segment; older majors get Meta's deprecated-version error, anything else is an unknown path. */
export function parseVersion(segment: string | undefined, fullPath: string): GraphVersion {
  if (segment && (SUPPORTED_VERSIONS as readonly string[]).includes(segment)) return segment as GraphVersion;
  const match = /^v(\d+)\.0$/.exec(segment ?? '');
  if (match && Number(match[1]) < 23 && Number(match[1]) >= 2) throw metaErrors.deprecatedVersion(LATEST_VERSION);
  throw metaErrors.unknownPath(fullPath);
}

/** AdReportRun error fields (error_code, error_message, ...) exist from v25.0 on. */
export function hasReportRunErrorFields(version: GraphVersion): boolean {
  return Number(version.slice(1, 3)) >= 25;
}
