/**
 * The demo agency's roster (WorldOptions.showcase, what `npm run dev` runs): the marketing lead of
 * each demo tenant, with three ad accounts on each platform that tenant runs (DESIGN §7: Partner A
 * Google + Meta, Partner B Google + LinkedIn), some in a currency other than the tenant's, and
 * campaigns named the way agencies name them, in every lifecycle. Off by default: the tests'
 * worlds keep the small fixed cast.
 */
import type { AccountSpec } from './accounts';

/** What a campaign is for; it decides the objective and the creative names (showcase-tree.ts). */
export type Theme =
  | 'brand'
  | 'generic'
  | 'competitor'
  | 'shopping'
  | 'remarketing'
  | 'video'
  | 'demand'
  | 'prospecting'
  | 'retargeting'
  | 'catalog'
  | 'awareness'
  | 'leads'
  | 'abm'
  | 'recruiting';

/**
 * `live`: running since the account opened; `launched`: started a few weeks ago and running;
 * `paused`: paused in the last weeks; `ended`: a flight that finished in the last weeks (archived,
 * REMOVED on Google); `removed`: deleted one to three months ago.
 */
export type Lifecycle = 'live' | 'launched' | 'paused' | 'ended' | 'removed';

/** One campaign: `{season}` in its name becomes the season and year its flight started in; then its ad groups (ad sets, LinkedIn campaigns). */
export type PlannedCampaign = readonly [name: string, theme: Theme, lifecycle: Lifecycle, adGroups: readonly string[]];

export interface AccountPlan {
  language: 'en' | 'de';
  campaigns: readonly PlannedCampaign[];
}

export interface ShowcaseAccountSpec extends AccountSpec {
  plan: AccountPlan;
}

export const SHOWCASE_PEOPLE = [
  { key: 'showcase-a', name: 'Avery Lindqvist', email: 'avery@northwind-outfitters.example' },
  { key: 'showcase-b', name: 'Bettina Krause', email: 'bettina@berliner-moebelhaus.example' },
] as const;

const NEW_YORK = { currency: 'USD', timeZone: 'America/New_York' } as const;
const LONDON = { currency: 'GBP', timeZone: 'Europe/London' } as const;
const BERLIN = { currency: 'EUR', timeZone: 'Europe/Berlin' } as const;

const PARTNER_A: ShowcaseAccountSpec[] = [
  {
    platform: 'google_ads',
    key: 'showcase-a-google-search',
    name: 'Northwind Outfitters – US Search',
    ...NEW_YORK,
    historyDays: 730,
    groups: ['showcase-a'],
    plan: {
      language: 'en',
      campaigns: [
        ['Brand | Exact', 'brand', 'live', ['Northwind - Exact', 'Northwind Outfitters - Exact', 'Northwind Jackets - Exact']],
        ['Brand | Phrase & Broad', 'brand', 'live', ['Northwind - Phrase', 'Northwind - Broad']],
        ['Generic | Hiking Boots', 'generic', 'live', ['Hiking Boots - Exact', 'Waterproof Hiking Boots', "Women's Hiking Boots"]],
        ['Generic | Rain Jackets', 'generic', 'live', ['Rain Jackets - Exact', 'Packable Rain Jackets', 'Waterproof Shell Jackets']],
        ['Generic | Down Jackets', 'generic', 'launched', ['Down Jackets - Exact', 'Puffer Jackets', 'Insulated Parkas']],
        ['Generic | Backpacks & Daypacks', 'generic', 'paused', ['Hiking Backpacks', 'Daypacks 20-30L']],
        ['Competitor | Conquesting', 'competitor', 'paused', ['Competitor Terms - Exact', 'Competitor Terms - Phrase']],
        ['{season} | Search', 'generic', 'ended', ['Sale Terms', 'Outdoor Gift Ideas']],
        ['DSA | All Pages', 'generic', 'removed', ['All Webpages', 'Category Pages']],
      ],
    },
  },
  {
    platform: 'google_ads',
    key: 'showcase-a-google-shopping',
    name: 'Northwind Outfitters – Shopping & YouTube',
    ...NEW_YORK,
    historyDays: 400,
    groups: ['showcase-a'],
    plan: {
      language: 'en',
      campaigns: [
        ['Shopping | All Products', 'shopping', 'live', ['All Products', 'Outerwear Feed']],
        ['Shopping | Bestsellers', 'shopping', 'live', ['Top 50 Products', 'High Margin Products']],
        ['Shopping | Clearance', 'shopping', 'paused', ['Clearance Items', 'Last Season Colors']],
        ['YouTube | Brand Awareness', 'video', 'live', ['Affinity: Outdoor Enthusiasts', 'Custom Segment: Hiking']],
        ['Display | Remarketing 30d', 'remarketing', 'live', ['Site Visitors 30d', 'Cart Abandoners 14d']],
        ['Demand Gen | {season}', 'demand', 'launched', ['Lookalike Purchasers', 'In-Market: Outerwear']],
        ['YouTube | {season}', 'video', 'ended', ['In-Market: Outdoor Gear', 'Remarketing: Video Viewers']],
      ],
    },
  },
  {
    platform: 'google_ads',
    key: 'showcase-a-google-uk',
    name: 'Northwind Outfitters – UK',
    ...LONDON,
    historyDays: 200,
    groups: ['showcase-a'],
    plan: {
      language: 'en',
      campaigns: [
        ['UK | Brand | Exact', 'brand', 'live', ['Northwind - Exact', 'Northwind UK - Exact']],
        ['UK | Generic | Walking Boots', 'generic', 'live', ['Walking Boots', 'Waterproof Walking Boots']],
        ['UK | Generic | Waterproof Jackets', 'generic', 'paused', ['Waterproof Jackets', 'Lightweight Rain Jackets']],
        ['UK | Shopping | All Products', 'shopping', 'live', ['All Products', 'Footwear Feed']],
        ['UK | {season}', 'generic', 'ended', ['Sale Terms', 'Gift Ideas']],
      ],
    },
  },
  {
    platform: 'meta',
    key: 'showcase-a-meta-us',
    name: 'Northwind Outfitters – US',
    ...NEW_YORK,
    historyDays: 730,
    groups: ['showcase-a'],
    plan: {
      language: 'en',
      campaigns: [
        ['Prospecting | Advantage+ Shopping', 'prospecting', 'live', ['Advantage+ Audience US', 'Broad 25-54 US']],
        ['Prospecting | Lookalike Purchasers', 'prospecting', 'live', ['LAL 1% Purchasers 180d', 'LAL 3% Purchasers 180d']],
        ['Prospecting | Hiking & Camping Interests', 'prospecting', 'paused', ['Interests: Hiking', 'Interests: Camping']],
        ['Retargeting | Website Visitors 30d', 'retargeting', 'live', ['Visitors 30d excl. Purchasers', 'Add to Cart 14d']],
        ['Retargeting | FB/IG Engagers 60d', 'retargeting', 'live', ['Video Viewers 50% 60d', 'IG Engagers 60d']],
        ['Catalog | Dynamic Product Ads', 'catalog', 'live', ['DPA - Viewed, Not Purchased 14d', 'DPA - Broad Audience']],
        ['Awareness | Trail Tested Video', 'awareness', 'launched', ['Reach - US 18-54', 'ThruPlay - Outdoor Interests']],
        ['{season} | Sales', 'prospecting', 'ended', ['Broad US 25-54', 'Past Purchasers 365d']],
        ['Lead Ads | Newsletter Sign-up', 'leads', 'removed', ['Broad US', 'LAL 1% Subscribers']],
      ],
    },
  },
  {
    platform: 'meta',
    key: 'showcase-a-meta-uk',
    name: 'Northwind Outfitters – UK',
    ...LONDON,
    historyDays: 300,
    groups: ['showcase-a'],
    plan: {
      language: 'en',
      campaigns: [
        ['UK | Prospecting | Broad', 'prospecting', 'live', ['Advantage+ Audience UK', 'Broad 25-54 UK']],
        ['UK | Retargeting | Visitors 30d', 'retargeting', 'live', ['Visitors 30d', 'Add to Cart 14d']],
        ['UK | Catalog | DPA', 'catalog', 'paused', ['DPA - Viewed, Not Purchased 14d', 'DPA - Broad Audience']],
        ['UK | {season}', 'prospecting', 'ended', ['Broad UK 25-54', 'LAL 1% Purchasers UK']],
      ],
    },
  },
  {
    platform: 'meta',
    key: 'showcase-a-meta-jp',
    name: 'Northwind Outfitters – Japan',
    currency: 'JPY',
    timeZone: 'Asia/Tokyo',
    historyDays: 120,
    groups: ['showcase-a'],
    plan: {
      language: 'en',
      campaigns: [
        ['JP | Prospecting | Broad', 'prospecting', 'launched', ['Broad JP 25-44', 'Interests: Mountaineering']],
        ['JP | Retargeting | Visitors 30d', 'retargeting', 'live', ['Visitors 30d', 'Add to Cart 14d']],
        ['JP | Awareness | Brand Video', 'awareness', 'live', ['Reach - JP 18-44', 'ThruPlay - JP Outdoor']],
        ['JP | Launch Promo', 'prospecting', 'paused', ['Broad JP 25-54', 'LAL 1% Visitors JP']],
      ],
    },
  },
];

const PARTNER_B: ShowcaseAccountSpec[] = [
  {
    platform: 'google_ads',
    key: 'showcase-b-google-de',
    name: 'Berliner Möbelhaus – Suche DE',
    ...BERLIN,
    historyDays: 730,
    groups: ['showcase-b'],
    plan: {
      language: 'de',
      campaigns: [
        ['Marke | Exakt', 'brand', 'live', ['Berliner Möbelhaus - Exakt', 'Möbelhaus Berlin - Exakt']],
        ['Marke | Phrase', 'brand', 'live', ['Berliner Möbelhaus - Phrase', 'Möbelhaus + Standort']],
        ['Generisch | Sofas & Couches', 'generic', 'live', ['Sofa kaufen', 'Ecksofa', 'Schlafsofa']],
        ['Generisch | Betten', 'generic', 'live', ['Boxspringbett', 'Bett 180x200', 'Polsterbett']],
        ['Generisch | Büromöbel', 'generic', 'launched', ['Schreibtisch höhenverstellbar', 'Bürostuhl ergonomisch']],
        ['Generisch | Esszimmer', 'generic', 'paused', ['Esstisch Massivholz', 'Esszimmerstühle']],
        ['Wettbewerber | Conquesting', 'competitor', 'paused', ['Wettbewerber - Exakt', 'Wettbewerber - Phrase']],
        ['{season} | Suche', 'generic', 'ended', ['Sale-Begriffe', 'Möbel Angebote']],
        ['DSA | Alle Seiten', 'generic', 'removed', ['Alle Webseiten', 'Kategorieseiten']],
      ],
    },
  },
  {
    platform: 'google_ads',
    key: 'showcase-b-google-at',
    name: 'Berliner Möbelhaus – Österreich',
    currency: 'EUR',
    timeZone: 'Europe/Vienna',
    historyDays: 300,
    groups: ['showcase-b'],
    plan: {
      language: 'de',
      campaigns: [
        ['AT | Shopping | Alle Produkte', 'shopping', 'live', ['Alle Produkte', 'Topseller']],
        ['AT | Shopping | Sofas', 'shopping', 'live', ['Sofas & Couches', 'Sessel']],
        ['AT | Marke | Exakt', 'brand', 'live', ['Berliner Möbelhaus - Exakt', 'Möbelhaus Wien - Exakt']],
        ['AT | Display | Remarketing', 'remarketing', 'paused', ['Besucher 30 Tage', 'Warenkorbabbrecher 14 Tage']],
        ['AT | YouTube | Showroom', 'video', 'launched', ['Affinität: Wohnen & Einrichten', 'Custom Segment: Möbel kaufen']],
        ['AT | {season}', 'shopping', 'ended', ['Sale-Produkte', 'Restposten']],
      ],
    },
  },
  {
    platform: 'google_ads',
    key: 'showcase-b-google-uk',
    name: 'Berliner Möbelhaus – UK',
    ...LONDON,
    historyDays: 150,
    groups: ['showcase-b'],
    plan: {
      language: 'en',
      campaigns: [
        ['UK | Brand | Exact', 'brand', 'live', ['Berliner Moebelhaus - Exact', 'Berlin Furniture Store']],
        ['UK | Generic | Sofas', 'generic', 'live', ['Corner Sofas', 'Sofa Beds']],
        ['UK | Shopping | All Products', 'shopping', 'launched', ['All Products', 'Sofas Feed']],
        ['UK | {season}', 'generic', 'ended', ['Sale Terms', 'Furniture Deals']],
      ],
    },
  },
  {
    platform: 'linkedin',
    key: 'showcase-b-linkedin-b2b',
    name: 'Berliner Möbelhaus – Objekt & B2B',
    ...BERLIN,
    historyDays: 400,
    groups: ['showcase-b'],
    plan: {
      language: 'de',
      campaigns: [
        ['ABM | Tier-1 Zielkunden', 'abm', 'live', ['Entscheider Facility Management', 'Einkauf & Beschaffung']],
        ['Lead Gen | Whitepaper New Work', 'leads', 'live', ['Office Manager 50-500 MA', 'HR & People Leads']],
        ['Lead Gen | Showroom-Termin', 'leads', 'paused', ['Architekten & Innenarchitekten', 'Hotellerie & Gastronomie']],
        ['Thought Leadership | Arbeitswelten', 'awareness', 'live', ['Follower-Wachstum DACH', 'Video: Projektreferenzen']],
        ['Retargeting | Website-Besucher 90 Tage', 'retargeting', 'live', ['Website-Besucher 90 Tage', 'Lead-Formular geöffnet']],
        ['Event | {season}', 'leads', 'ended', ['Messebesucher', 'Einladung Bestandskunden']],
      ],
    },
  },
  {
    platform: 'linkedin',
    key: 'showcase-b-linkedin-careers',
    name: 'Berliner Möbelhaus – Karriere',
    ...BERLIN,
    historyDays: 300,
    groups: ['showcase-b'],
    plan: {
      language: 'de',
      campaigns: [
        ['Recruiting | Verkaufsberater Berlin', 'recruiting', 'live', ['Einzelhandel Berlin', 'Quereinsteiger Verkauf']],
        ['Recruiting | Logistik & Lager', 'recruiting', 'paused', ['Lagerlogistik Brandenburg', 'Berufskraftfahrer']],
        ['Employer Branding | Team-Stories', 'awareness', 'live', ['Follower Berlin-Brandenburg', 'Video: Ein Tag im Showroom']],
        ['Recruiting | Ausbildung {season}', 'recruiting', 'ended', ['Schulabgänger Berlin', 'Eltern & Lehrkräfte']],
      ],
    },
  },
  {
    platform: 'linkedin',
    key: 'showcase-b-linkedin-uk',
    name: 'Berliner Möbelhaus – UK Trade',
    currency: 'GBP',
    // LinkedIn accounts carry no time zone: Tidemark dates them in the tenant's, so the world does too.
    timeZone: 'Europe/Berlin',
    historyDays: 120,
    groups: ['showcase-b'],
    plan: {
      language: 'en',
      campaigns: [
        ['UK | ABM | Hospitality Groups', 'abm', 'launched', ['Hotel Procurement UK', 'Interior Designers UK']],
        ['UK | Lead Gen | Trade Catalogue', 'leads', 'live', ['Facilities Managers UK', 'Office Fit-out Firms']],
        ['UK | Retargeting | Visitors', 'retargeting', 'paused', ['Website Visitors 90d', 'Catalogue Downloaders']],
      ],
    },
  },
];

export const SHOWCASE_ACCOUNT_SPECS: readonly ShowcaseAccountSpec[] = [...PARTNER_A, ...PARTNER_B];
