/** The three platform fakes the server mounts by default; each module's index.ts exports its create function. */
import type { Hono } from 'hono';
import type { FakeContext } from './context';
import { createGoogleAdsFake } from './google-ads';
import { createLinkedInFake } from './linkedin';
import { createMetaFake } from './meta';
import type { Platform } from './world/types';

export type PlatformFactory = (ctx: FakeContext) => Hono;

export const DEFAULT_PLATFORMS: Record<Platform, PlatformFactory> = {
  meta: createMetaFake,
  google_ads: createGoogleAdsFake,
  linkedin: createLinkedInFake,
};
