/**
 * The order of the claims the user last saw in the queue (or in an article), so that j/k
 * on the desk moves to the next or previous claim of that list.
 */
const KEY = "claimtrail.queueOrder";

export function rememberOrder(ids: string[]): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(ids));
  } catch {
    // Not essential: j/k then falls back to the article's order.
  }
}

export function rememberedOrder(): string[] {
  try {
    const v: unknown = JSON.parse(sessionStorage.getItem(KEY) ?? "[]");
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

export function neighbour(order: readonly string[], id: string, step: 1 | -1): string | null {
  const i = order.indexOf(id);
  if (i === -1) return null;
  return order[i + step] ?? null;
}
