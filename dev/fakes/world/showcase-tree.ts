import { ENTITY_ID_DIGITS } from './accounts';
import type { Catalog, UniqueId } from './catalog';
import { addDays, daysBetween } from './dates';
import { intBetween, unit } from './hash';
import type { AccountPlan, Lifecycle, Theme } from './showcase';
import type { EntityStatus, FakeAccount, FakeAd, FakeAdGroup, FakeCampaign, Platform } from './types';

interface ThemeLook {
  /** Meta objective, Google advertising_channel_type, LinkedIn objectiveType. */
  objective: string;
  ads: readonly string[];
  /** The creatives of German-language accounts, where the names differ. */
  de?: readonly string[];
}

// Google Shopping ad groups hold one product ad each; Performance Max is left out because its
// asset groups have no ad_group_ad rows, which is the level Tidemark reads.
const LOOKS: Record<Platform, Partial<Record<Theme, ThemeLook>>> = {
  google_ads: {
    brand: {
      objective: 'SEARCH',
      ads: ['RSA | Official Store', 'RSA | Free Shipping & Returns', 'RSA | Lifetime Warranty', 'RSA | Shop the Collection'],
      de: ['RSA | Offizieller Shop', 'RSA | Kostenlose Lieferung', 'RSA | Showroom Berlin', 'RSA | 0% Finanzierung'],
    },
    generic: {
      objective: 'SEARCH',
      ads: ['RSA | Bestsellers', 'RSA | Up to 30% Off', 'RSA | Expert Advice', 'RSA | Free Returns'],
      de: ['RSA | Bestseller', 'RSA | Bis zu 30% Rabatt', 'RSA | Beratung im Showroom', 'RSA | Lieferung & Montage'],
    },
    competitor: {
      objective: 'SEARCH',
      ads: ['RSA | Why Switch', 'RSA | Price Match Promise', 'RSA | Compare & Save'],
      de: ['RSA | Jetzt vergleichen', 'RSA | Bestpreis-Garantie', 'RSA | Warum wir'],
    },
    shopping: { objective: 'SHOPPING', ads: ['Product Shopping Ad'] },
    remarketing: {
      objective: 'DISPLAY',
      ads: ['Responsive Display | Come Back 10%', 'Responsive Display | New Arrivals', 'Responsive Display | Free Shipping'],
      de: ['Responsive Display | 10% Willkommensrabatt', 'Responsive Display | Neuheiten', 'Responsive Display | Kostenlose Lieferung'],
    },
    video: {
      objective: 'VIDEO',
      ads: ['Bumper 6s | Brand', 'In-Stream 15s | Product Story', 'In-Stream 30s | Customer Review'],
      de: ['Bumper 6s | Marke', 'In-Stream 15s | Showroom-Rundgang', 'In-Stream 30s | Kundenstimmen'],
    },
    demand: {
      objective: 'DEMAND_GEN',
      ads: ['Demand Gen Image | Lifestyle', 'Demand Gen Carousel | Bestsellers', 'Demand Gen Video | Shorts 9:16'],
    },
  },
  meta: {
    prospecting: {
      objective: 'OUTCOME_SALES',
      ads: [
        'Reel 9:16 | UGC Review',
        'Carousel | Bestsellers',
        'Single Image | Lifestyle',
        'Video 15s | Brand Story',
        'Collection | New Season',
      ],
    },
    retargeting: {
      objective: 'OUTCOME_SALES',
      ads: ['Carousel | Recently Viewed', 'Single Image | Free Shipping', 'Story | 10% Welcome Code', 'Video 15s | Reviews'],
    },
    catalog: { objective: 'OUTCOME_SALES', ads: ['DPA Carousel | Catalog', 'DPA Collection | Catalog', 'DPA Single Image | Catalog'] },
    awareness: { objective: 'OUTCOME_AWARENESS', ads: ['Video 6s | Brand', 'Video 15s | Trail Tested', 'Reel | Behind the Scenes'] },
    leads: { objective: 'OUTCOME_LEADS', ads: ['Lead Form | 10% Off First Order', 'Lead Form | Gear Guide Download'] },
  },
  linkedin: {
    abm: {
      objective: 'WEBSITE_CONVERSION',
      ads: ['Single Image | Project Reference', 'Document | Workspace Trends', 'Carousel | Office Fit-outs'],
      de: ['Single Image | Projektreferenz', 'Document | Trends Arbeitswelten', 'Carousel | Büroeinrichtungen'],
    },
    leads: {
      objective: 'LEAD_GENERATION',
      ads: ['Lead Gen Form | Trade Catalogue', 'Document | Planning Guide', 'Conversation Ad | Book a Consultation'],
      de: ['Lead Gen Form | Whitepaper', 'Document | Planungsleitfaden', 'Conversation Ad | Termin vereinbaren'],
    },
    awareness: {
      objective: 'BRAND_AWARENESS',
      ads: ['Video | Showroom Tour', 'Single Image | Team Story', 'Thought Leader Ad | CEO Post'],
      de: ['Video | Showroom-Rundgang', 'Single Image | Team-Story', 'Thought Leader Ad | Beitrag der Geschäftsführung'],
    },
    retargeting: {
      objective: 'WEBSITE_VISIT',
      ads: ['Single Image | Customer Story', 'Carousel | Bestsellers B2B'],
      de: ['Single Image | Kundenstimme', 'Carousel | Bestseller B2B'],
    },
    recruiting: {
      objective: 'JOB_APPLICANT',
      ads: ['Job Ad | Apply Now', 'Video | A Day at the Showroom', 'Single Image | Benefits'],
      de: ['Stellenanzeige | Jetzt bewerben', 'Video | Ein Tag im Showroom', 'Single Image | Benefits'],
    },
  },
};

/** The look of a theme on a platform; a plan naming a theme the platform lacks is a mistake in the roster. */
export function themeLook(platform: Platform, theme: Theme): ThemeLook {
  const look = LOOKS[platform][theme];
  if (!look) throw new Error(`showcase: no ${theme} campaigns on ${platform}`);
  return look;
}

const SEASONS: Record<AccountPlan['language'], readonly string[]> = {
  en: [
    'New Year Sale',
    'Winter Clearance',
    'Spring Launch',
    'Spring Launch',
    'Memorial Day',
    'Summer Sale',
    'Summer Sale',
    'Back to School',
    'Fall Collection',
    'Fall Collection',
    'Black Friday',
    'Holiday Gifting',
  ],
  de: [
    'Winterschlussverkauf',
    'Winterschlussverkauf',
    'Frühjahr',
    'Ostern',
    'Frühjahr',
    'Sommer-Sale',
    'Sommerschlussverkauf',
    'Sommerschlussverkauf',
    'Herbst',
    'Herbst',
    'Black Friday',
    'Weihnachten',
  ],
};

/** `{season}` → the season and year of the flight's first day, e.g. "Black Friday 2026". */
export function seasonName(template: string, startDate: string, language: AccountPlan['language']): string {
  const season = `${SEASONS[language][Number(startDate.slice(5, 7)) - 1]} ${startDate.slice(0, 4)}`;
  return template.replace('{season}', season);
}

const LIFECYCLE_STATUS: Record<Lifecycle, EntityStatus> = {
  live: 'ACTIVE',
  launched: 'ACTIVE',
  paused: 'PAUSED',
  ended: 'ARCHIVED',
  removed: 'DELETED',
};

/** A campaign's flight, relative to the anchor date: recent enough that the 28- and 90-day views show every lifecycle. */
function flight(
  seed: number,
  account: FakeAccount,
  anchor: string,
  index: number,
  lifecycle: Lifecycle,
): { startDate: string; endDate?: string } {
  const draw = (min: number, max: number, what: string) => intBetween(seed, min, max, account.id, 'plan', index, what);
  const notBefore = (date: string) => (date < account.createdDate ? account.createdDate : date);
  const stopped = (endMin: number, endMax: number, lengthMin: number, lengthMax: number) => {
    const endDate = addDays(anchor, -draw(endMin, endMax, 'end'));
    return { startDate: notBefore(addDays(endDate, -draw(lengthMin, lengthMax, 'length'))), endDate };
  };
  switch (lifecycle) {
    case 'live':
      return { startDate: account.createdDate };
    case 'launched':
      return { startDate: notBefore(addDays(anchor, -draw(21, 75, 'start'))) };
    case 'paused':
      return stopped(2, 20, 60, 300);
    case 'ended':
      return stopped(3, 40, 14, 42);
    case 'removed':
      return stopped(35, 80, 30, 120);
  }
}

/** Campaigns, ad groups and ads of a planned account, with the platforms' id lengths. */
export function addPlannedTree(
  catalog: Catalog,
  seed: number,
  plan: AccountPlan,
  account: FakeAccount,
  anchor: string,
  uniqueId: UniqueId,
) {
  const platform = account.platform;
  const lengths = ENTITY_ID_DIGITS[platform];
  plan.campaigns.forEach(([template, theme, lifecycle, groupNames], c) => {
    const look = themeLook(platform, theme);
    const status = LIFECYCLE_STATUS[lifecycle];
    const { startDate, endDate } = flight(seed, account, anchor, c, lifecycle);
    const campaign: FakeCampaign = {
      platform,
      id: uniqueId(lengths.campaign, 'campaign', account.id, c),
      accountId: account.id,
      name: seasonName(template, startDate, plan.language),
      status,
      objective: look.objective,
      startDate,
      ...(endDate ? { endDate } : {}),
    };
    catalog.campaigns.push(campaign);
    const creatives = (plan.language === 'de' && look.de) || look.ads;
    groupNames.forEach((name, g) => {
      const adGroup: FakeAdGroup = {
        platform,
        id: uniqueId(lengths.adGroup, 'adgroup', campaign.id, g),
        accountId: account.id,
        campaignId: campaign.id,
        name,
        status,
      };
      catalog.adGroups.push(adGroup);
      const count = Math.min(creatives.length, intBetween(seed, 2, 3, adGroup.id, 'ads'));
      const first = intBetween(seed, 0, creatives.length - 1, adGroup.id, 'first-ad');
      for (let a = 0; a < count; a++) {
        const id = uniqueId(lengths.ad, 'ad', adGroup.id, a);
        catalog.ads.push(plannedAd(seed, campaign, adGroup, a, anchor, id, creatives[(first + a) % creatives.length]!));
      }
    });
  });
}

/** The first ad of a group runs from the campaign's start; later ones join within three weeks, and one in five is paused since. */
function plannedAd(
  seed: number,
  campaign: FakeCampaign,
  adGroup: FakeAdGroup,
  index: number,
  anchor: string,
  id: string,
  name: string,
): FakeAd {
  const lastDay = campaign.endDate ?? anchor;
  const joined = index === 0 ? campaign.startDate : addDays(campaign.startDate, intBetween(seed, 0, 20, id, 'start'));
  const startDate = [[joined, addDays(lastDay, -10)].sort()[0]!, campaign.startDate].sort()[1]!;
  const base = {
    platform: campaign.platform,
    id,
    accountId: campaign.accountId,
    campaignId: campaign.id,
    adGroupId: adGroup.id,
    name,
    startDate,
  };
  if (campaign.status !== 'ACTIVE') return { ...base, status: campaign.status, statusChangedDate: addDays(campaign.endDate!, 1) };
  const span = daysBetween(startDate, anchor);
  if (index > 0 && span > 20 && unit(seed, id, 'paused') < 0.2)
    return { ...base, status: 'PAUSED', statusChangedDate: addDays(startDate, intBetween(seed, 10, span - 5, id, 'paused-at')) };
  return { ...base, status: 'ACTIVE' };
}
