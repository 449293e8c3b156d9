import { api } from "./api-client";
import type { ArticleSummary, Page, RatingScale, Source, VerdictKind } from "./api-types";

/**
 * Lists that several screens need (rating scales, sources and articles for filter menus),
 * fetched once per page load and refreshed after the user changes them.
 */
let scales: Promise<Record<VerdictKind, RatingScale>> | null = null;
let sources: Promise<Source[]> | null = null;
let articles: Promise<ArticleSummary[]> | null = null;

export function ratingScales(): Promise<Record<VerdictKind, RatingScale>> {
  scales ??= api.get<{ data: RatingScale[] }>("/v1/rating-scales").then(({ data }) => {
    const byKind = Object.fromEntries(data.data.map((s) => [s.kind, s])) as Partial<Record<VerdictKind, RatingScale>>;
    if (!byKind.attribution || !byKind.content) throw new Error("The organization has no attribution or content rating scale.");
    return byKind as Record<VerdictKind, RatingScale>;
  });
  scales.catch(() => (scales = null));
  return scales;
}

/** Up to 200 sources by name, for the speaker filter (the sources screen searches them all). */
export function sourceOptions(): Promise<Source[]> {
  sources ??= api.get<Page<Source>>("/v1/sources", { limit: 200 }).then(({ data }) => [...data.data].sort((a, b) => a.name.localeCompare(b.name)));
  sources.catch(() => (sources = null));
  return sources;
}

export function articleOptions(): Promise<ArticleSummary[]> {
  articles ??= api.get<Page<ArticleSummary>>("/v1/articles", { limit: 200 }).then(({ data }) => data.data);
  articles.catch(() => (articles = null));
  return articles;
}

export function forgetLookups(which: { scales?: boolean; sources?: boolean; articles?: boolean }): void {
  if (which.scales) scales = null;
  if (which.sources) sources = null;
  if (which.articles) articles = null;
}
