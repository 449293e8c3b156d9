import type { Role } from "../generated/prisma/enums";

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
  }
}
