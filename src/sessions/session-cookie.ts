import type { CookieOptions, Request, Response } from "express";
import { SESSION_COOKIE } from "../auth/session-tokens";

// HttpOnly: scripts cannot read it. SameSite=Lax: other sites' forms and fetches do not
// carry it (top-level GET navigation still does, which changes nothing). Secure whenever
// the request came over HTTPS (directly, or through a trusted proxy: TRUST_PROXY).
const options = (req: Request): CookieOptions => ({ httpOnly: true, sameSite: "lax", path: "/", secure: req.secure });

export function setSessionCookie(req: Request, res: Response, token: string, ttlSeconds: number): void {
  res.cookie(SESSION_COOKIE, token, { ...options(req), maxAge: ttlSeconds * 1000 });
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, options(req));
}
