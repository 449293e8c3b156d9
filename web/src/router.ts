import { Store, useStore } from "./lib/store";

/**
 * History-API routing under /app (the service answers every /app/* path with the UI).
 * Screens get the path below /app and the query string; links are ordinary <a href>.
 */
export const BASE = "/app";

export interface Location {
  /** Path below /app, without leading or trailing slash ("" for the queue). */
  path: string;
  query: URLSearchParams;
}

function read(): Location {
  const raw = window.location.pathname.startsWith(BASE) ? window.location.pathname.slice(BASE.length) : window.location.pathname;
  return { path: raw.replace(/^\/+|\/+$/g, ""), query: new URLSearchParams(window.location.search) };
}

const location = new Store<Location>(read());
window.addEventListener("popstate", () => location.set(read()));

export const useLocation = (): Location => useStore(location);

export function href(path: string, query?: Record<string, string>): string {
  const qs = query ? new URLSearchParams(query).toString() : "";
  return `${BASE}/${path.replace(/^\/+/, "")}${qs ? `?${qs}` : ""}`;
}

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  const url = to.startsWith(BASE) ? to : href(to);
  if (opts.replace) window.history.replaceState(null, "", url);
  else window.history.pushState(null, "", url);
  location.set(read());
}

/** Click handler for in-app links: keeps new-tab and modified clicks to the browser. */
export function onLinkClick(e: MouseEvent): void {
  const a = (e.target as Element | null)?.closest?.("a");
  if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  if (a.target && a.target !== "_self") return;
  const url = new URL(a.href, window.location.href);
  if (url.origin !== window.location.origin || !(url.pathname === BASE || url.pathname.startsWith(`${BASE}/`))) return;
  e.preventDefault();
  navigate(url.pathname + url.search);
}

/** Matches "claims/:id" style patterns; returns the named parts or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split("/");
  const s = path.split("/");
  if (p.length !== s.length) return null;
  const out: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    const part = p[i]!;
    const seg = s[i]!;
    if (part.startsWith(":")) out[part.slice(1)] = decodeURIComponent(seg);
    else if (part !== seg) return null;
  }
  return out;
}
