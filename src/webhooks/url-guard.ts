import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { isIP } from "node:net";
import { AppError } from "../http/problem";

/**
 * Server-side request forgery guard for webhook targets. A target must be http(s) and,
 * unless WEBHOOK_ALLOWED_HOSTS names its host exactly, every address it resolves to must
 * be public. The same check runs at delivery time inside the socket's DNS lookup, so the
 * address that was checked is the address connected to (no second lookup to rebind).
 */

interface Range {
  base: bigint;
  bits: number;
  width: 32 | 128;
}

function parseIPv4(s: string): bigint | null {
  const parts = s.split(".");
  if (parts.length !== 4) return null;
  let n = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return null;
    n = (n << 8n) | BigInt(Number(p));
  }
  return n;
}

function parseIPv6(input: string): bigint | null {
  let s = input.toLowerCase();
  const zone = s.indexOf("%");
  if (zone >= 0) s = s.slice(0, zone);
  // A trailing dotted quad (::ffff:127.0.0.1) is two 16-bit groups.
  const lastColon = s.lastIndexOf(":");
  const tail = s.slice(lastColon + 1);
  if (tail.includes(".")) {
    const v4 = parseIPv4(tail);
    if (v4 === null) return null;
    s = `${s.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const halves = s.split("::");
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(":") : [];
  const rest = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
  const missing = 8 - head.length - rest.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...rest];
  if (groups.length !== 8) return null;
  let n = 0n;
  for (const g of groups) {
    if (!/^[0-9a-f]{1,4}$/.test(g)) return null;
    n = (n << 16n) | BigInt(parseInt(g, 16));
  }
  return n;
}

function range(cidr: string): Range {
  const [addr, bitsText] = cidr.split("/");
  const v4 = isIP(addr ?? "") === 4;
  const base = v4 ? parseIPv4(addr ?? "") : parseIPv6(addr ?? "");
  if (base === null) throw new Error(`bad range ${cidr}`);
  return { base, bits: Number(bitsText), width: v4 ? 32 : 128 };
}

const blockedV4 = [
  "0.0.0.0/8", // "this network", unspecified
  "10.0.0.0/8",
  "100.64.0.0/10", // CGNAT
  "127.0.0.0/8",
  "169.254.0.0/16", // link-local, cloud metadata
  "172.16.0.0/12",
  "192.0.0.0/24",
  "192.0.2.0/24",
  "192.168.0.0/16",
  "198.18.0.0/15",
  "198.51.100.0/24",
  "203.0.113.0/24",
  "224.0.0.0/4", // multicast
  "240.0.0.0/4", // reserved, broadcast
].map(range);

const blockedV6 = [
  "::/128", // unspecified
  "::1/128", // loopback
  "::/96", // IPv4-compatible (deprecated)
  "64:ff9b::/96", // NAT64: an IPv4 address in disguise
  "64:ff9b:1::/48",
  "100::/64", // discard
  "2001:db8::/32", // documentation
  "2002::/16", // 6to4 can embed private IPv4
  "fc00::/7", // unique local
  "fe80::/10", // link-local
  "fec0::/10", // site-local (deprecated)
  "ff00::/8", // multicast
].map(range);

const inRange = (n: bigint, r: Range): boolean => n >> BigInt(r.width - r.bits) === r.base >> BigInt(r.width - r.bits);

/** True for addresses a webhook must never reach: private, loopback, link-local, ULA, CGNAT, unspecified… */
export function isBlockedAddress(address: string): boolean {
  const family = isIP(address.split("%")[0] ?? "");
  if (family === 4) {
    const n = parseIPv4(address);
    return n === null || blockedV4.some((r) => inRange(n, r));
  }
  if (family === 6) {
    const n = parseIPv6(address);
    if (n === null) return true;
    // IPv4-mapped (::ffff:a.b.c.d): judge the IPv4 address inside.
    if (n >> 32n === 0xffffn) return blockedV4.some((r) => inRange(n & 0xffffffffn, r));
    return blockedV6.some((r) => inRange(n, r));
  }
  return true; // not an address at all: refuse rather than guess
}

export class UrlNotAllowedError extends AppError {
  constructor(reason: string) {
    super(422, "webhook_url_not_allowed", `This webhook URL is not allowed: ${reason}`, {
      errors: [{ field: "url", message: reason, code: "webhook_url_not_allowed" }],
    });
  }
}

export interface ParsedTarget {
  url: URL;
  /** Host without IPv6 brackets or a trailing dot, lower case. */
  host: string;
  port: number;
  allowListed: boolean;
}

function allowListed(host: string, port: number, allowed: readonly string[]): boolean {
  for (const entry of allowed) {
    const bracket = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
    let h: string;
    let p: string | undefined;
    if (bracket) [, h = "", p] = bracket;
    else if ((entry.match(/:/g) ?? []).length === 1) [h = "", p] = entry.split(":");
    else h = entry;
    h = h.toLowerCase().replace(/\.+$/, "");
    if (h === host && (p === undefined || Number(p) === port)) return true;
  }
  return false;
}

/** Parses and checks what can be checked without DNS. Throws UrlNotAllowedError. */
export function parseTarget(raw: string, allowed: readonly string[]): ParsedTarget {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UrlNotAllowedError("not an absolute URL.");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new UrlNotAllowedError("only http and https URLs can receive webhooks.");
  if (url.username || url.password) throw new UrlNotAllowedError("credentials in the URL are not allowed; authenticate with the signature instead.");
  // A trailing dot names the same host as a fully qualified name ("localhost." is localhost):
  // without it the name checks and the allow-list would be matched against another spelling.
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase().replace(/\.+$/, "");
  const port = url.port ? Number(url.port) : url.protocol === "https:" ? 443 : 80;
  const listed = allowListed(host, port, allowed);
  if (!listed && isIP(host) && isBlockedAddress(host)) {
    throw new UrlNotAllowedError(`${host} is a private, loopback, link-local or otherwise internal address (WEBHOOK_ALLOWED_HOSTS can allow it).`);
  }
  if (!listed && !isIP(host) && (host === "localhost" || host.endsWith(".localhost"))) {
    throw new UrlNotAllowedError(`${host} is the local machine (WEBHOOK_ALLOWED_HOSTS can allow it).`);
  }
  return { url, host, port, allowListed: listed };
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http(s).request: resolves once, refuses if any address is internal, and
 * hands the checked addresses to the socket, which connects to one of them.
 */
export function guardedLookup(target: ParsedTarget) {
  return (hostname: string, options: { all?: boolean; family?: number | string }, callback: LookupCallback): void => {
    dnsLookup(hostname, { all: true, verbatim: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const bad = target.allowListed ? undefined : addresses.find((a) => isBlockedAddress(a.address));
      if (bad || addresses.length === 0) {
        const e: NodeJS.ErrnoException = new Error(bad ? `${hostname} resolves to ${bad.address}, an internal address` : `${hostname} has no address`);
        e.code = "WEBHOOK_URL_NOT_ALLOWED";
        return callback(e, []);
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0]!;
      callback(null, first.address, first.family);
    });
  };
}

/** The creation-time check: parse, then resolve and check every address. */
export async function checkTargetUrl(raw: string, allowed: readonly string[]): Promise<void> {
  const target = parseTarget(raw, allowed);
  if (target.allowListed || isIP(target.host)) return;
  const addresses = await new Promise<LookupAddress[]>((resolve) => {
    // A name that does not resolve yet is accepted (DNS may be set up later); delivery checks again.
    dnsLookup(target.host, { all: true, verbatim: true }, (err, a) => resolve(err ? [] : a));
  });
  const bad = addresses.find((a) => isBlockedAddress(a.address));
  if (bad) throw new UrlNotAllowedError(`${target.host} resolves to ${bad.address}, an internal address (WEBHOOK_ALLOWED_HOSTS can allow it).`);
}
