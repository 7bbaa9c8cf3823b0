/** Show a search box on the tenant picker only when the list is long enough to need one. */
export const SEARCH_THRESHOLD = 8;

/** Tenants whose name or slug contains every word of the query (case- and accent-insensitive). */
export function filterTenants<T extends { name: string; slug: string }>(tenants: T[], query: string): T[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return tenants;
  return tenants.filter((t) => {
    const haystack = fold(`${t.name} ${t.slug}`);
    return words.every((w) => haystack.includes(w));
  });
}

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}
