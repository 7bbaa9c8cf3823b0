import type { BrandAssetCopy } from '../../db/queries/brand-assets';
import type { Config } from '../env';
import { fetchBrandAsset } from './fetch-asset';
import type { BrandAssetKind } from './image-check';

const FIELD: Record<BrandAssetKind, 'logoUrl' | 'faviconUrl'> = { logo: 'logoUrl', favicon: 'faviconUrl' };

export type KeptAssets =
  | { ok: true; assets: BrandAssetCopy[]; hashes: { logoSha256?: string; faviconSha256?: string } }
  | { ok: false; issues: Array<{ field: string; message: string }> };

/**
 * Fetches the logo and favicon a branding write names (both at once), to keep copies; a refused one
 * is an issue on `branding.logoUrl` / `branding.faviconUrl` with the reason, and then nothing is kept.
 */
export async function keepBrandingAssets(
  config: Config,
  branding: { logoUrl?: string; faviconUrl?: string } | undefined,
  // A wrapper, not `fetch` itself: workerd refuses fetch called as another object's method.
  fetcher: typeof fetch = (input, init) => fetch(input, init),
): Promise<KeptAssets> {
  const wanted = (['logo', 'favicon'] as const).flatMap((kind) => {
    const url = branding?.[FIELD[kind]];
    return url === undefined ? [] : [{ kind, url }];
  });
  const deps = { fetch: fetcher, proxy: config.BRAND_ASSET_FETCH_PROXY };
  const results = await Promise.all(wanted.map(({ kind, url }) => fetchBrandAsset(deps, kind, url)));
  const issues = results.flatMap((result, i) =>
    result.ok ? [] : [{ field: `branding.${FIELD[wanted[i]!.kind]}`, message: `The image was refused: ${result.reason}.` }],
  );
  if (issues.length) return { ok: false, issues };
  const assets = results.flatMap((result) => (result.ok ? [result.asset] : []));
  const hashes: { logoSha256?: string; faviconSha256?: string } = {};
  for (const asset of assets) hashes[asset.kind === 'logo' ? 'logoSha256' : 'faviconSha256'] = asset.sha256;
  return { ok: true, assets, hashes };
}
