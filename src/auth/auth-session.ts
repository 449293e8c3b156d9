import "../http/types";

/** The sign-in session behind a cookie-authenticated request (never the token itself). */
export interface AuthSession {
  id: string;
  organizationId: string;
  userId: string;
  expiresAt: Date;
  /** Derived from the cookie, so GET /v1/session can hand it back after a page reload. */
  csrfToken: string;
}

declare module "express-serve-static-core" {
  interface Request {
    authSession?: AuthSession;
  }
}
