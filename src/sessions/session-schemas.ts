import { z } from "zod";
import { PASSWORD_MAX_LENGTH } from "../auth/passwords";
import { emailSchema, userSchema } from "../users/user-schemas";

export const organizationRefSchema = z.object({ id: z.uuid(), slug: z.string(), name: z.string() }).meta({ id: "OrganizationRef" });

export const signInBody = z
  .strictObject({
    email: emailSchema,
    // No length policy here beyond a bound: the policy applies when a password is set.
    password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
    organization: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,62}$/)
      .optional()
      .describe("Organization slug; needed only when the email belongs to users of several organizations."),
  })
  .meta({ id: "SignIn" });

export const sessionSchema = z
  .object({
    user: userSchema,
    organization: organizationRefSchema,
    csrfToken: z.string().describe("Send it as X-CSRF-Token on every POST, PUT, PATCH and DELETE made with the session cookie."),
    expiresAt: z.iso.datetime(),
  })
  .meta({ id: "Session" });
