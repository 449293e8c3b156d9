import type { Role } from "../generated/prisma/enums";
import type { AppError } from "./problem";

export interface Actor {
  type: "api_key" | "user" | "system";
  id: string | null;
}

/** Who is calling, set by the authentication middleware. */
export interface AuthContext {
  organizationId: string;
  role: Role;
  scopes: string[];
  actor: Actor;
}

declare module "express-serve-static-core" {
  interface Request {
    auth?: AuthContext;
    /**
     * Why credentials that were sent did not authenticate (an expired session cookie, a
     * failed CSRF check). Public operations ignore it; the others answer it instead of 401.
     */
    authProblem?: AppError;
  }
}
