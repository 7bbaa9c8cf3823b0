/** The choices of the settings forms, built from the FX layer's currencies and the runtime's IANA zones. Pure. */

export interface Option {
  value: string;
  label: string;
}

export interface OptionGroup {
  label: string;
  options: Option[];
}

/** "EUR · Euro" for each currency code, in the given order; the tenant's current one stays even if the list lost it. */
export function currencyOptions(codes: readonly string[], current: string): Option[] {
  const names = new Intl.DisplayNames('en', { type: 'currency', fallback: 'code' });
  const all = codes.includes(current) ? codes : [current, ...codes];
  return all.map((code) => ({ value: code, label: `${code} · ${names.of(code) ?? code}` }));
}

/** "Argentina / Buenos Aires" for "America/Argentina/Buenos_Aires": the zone's name below its region. */
function zoneLabel(zone: string): string {
  const place = zone.includes('/') ? zone.slice(zone.indexOf('/') + 1) : zone;
  return place.replaceAll('_', ' ').replaceAll('/', ' / ');
}

/**
 * The zones grouped by region (Africa, America, …), each group and its zones in alphabetical order,
 * UTC first on its own. A current zone the list does not name (an alias such as US/Eastern, which
 * the API accepts) is offered under "Current", so saving the form never changes it by accident.
 */
export function timeZoneGroups(zones: readonly string[], current: string): OptionGroup[] {
  const byRegion = new Map<string, Option[]>();
  for (const zone of new Set(zones)) {
    if (!zone.includes('/')) continue;
    const region = zone.slice(0, zone.indexOf('/'));
    const list = byRegion.get(region) ?? [];
    list.push({ value: zone, label: zoneLabel(zone) });
    byRegion.set(region, list);
  }
  const groups = [...byRegion.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([label, options]) => ({ label, options: options.sort((a, b) => a.label.localeCompare(b.label)) }));
  const known = current === 'UTC' || groups.some((g) => g.options.some((o) => o.value === current));
  return [
    ...(known ? [] : [{ label: 'Current', options: [{ value: current, label: current }] }]),
    { label: 'UTC', options: [{ value: 'UTC', label: 'UTC (Coordinated Universal Time)' }] },
    ...groups,
  ];
}
