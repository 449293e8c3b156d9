import { api } from "./api-client";
import type { ArticleSummary, RatingScale, Source, VerdictKind } from "./api-types";

/**
 * What several screens need (the rating scales), fetched once per page load and refreshed
 * after the user changes them. Sources and articles are searched, never listed whole.
 */
let scales: Promise<Record<VerdictKind, RatingScale>> | null = null;

export function ratingScales(): Promise<Record<VerdictKind, RatingScale>> {
  scales ??= api.get<{ data: RatingScale[] }>("/v1/rating-scales").then(({ data }) => {
    const byKind = Object.fromEntries(data.data.map((s) => [s.kind, s])) as Partial<Record<VerdictKind, RatingScale>>;
    if (!byKind.attribution || !byKind.content) throw new Error("The organization has no attribution or content rating scale.");
    return byKind as Record<VerdictKind, RatingScale>;
  });
  scales.catch(() => (scales = null));
  return scales;
}

/**
 * Names of the sources and articles a filter in the address refers to (the queue shows
 * the chosen speaker and article by name), remembered for the page's lifetime.
 */
const names = new Map<string, Promise<unknown>>();

export function sourceNamed(id: string): Promise<Pick<Source, "id" | "name" | "type">> {
  return remember(`source:${id}`, () => api.get<Source>(`/v1/sources/${id}`).then(({ data }) => ({ id: data.id, name: data.name, type: data.type })));
}

export function articleTitled(id: string): Promise<Pick<ArticleSummary, "id" | "title">> {
  return remember(`article:${id}`, () => api.get<ArticleSummary>(`/v1/articles/${id}`).then(({ data }) => ({ id: data.id, title: data.title })));
}

function remember<T>(key: string, load: () => Promise<T>): Promise<T> {
  let p = names.get(key) as Promise<T> | undefined;
  if (!p) {
    p = load();
    names.set(key, p);
    p.catch(() => names.delete(key));
  }
  return p;
}

export function forgetLookups(which: { scales?: boolean }): void {
  if (which.scales) scales = null;
}
