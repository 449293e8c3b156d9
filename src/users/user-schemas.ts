import { z } from "zod";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../auth/passwords";

export const roleSchema = z.enum(["viewer", "fact_checker", "editor", "admin"]).meta({ id: "Role", description: "viewer < fact_checker < editor < admin." });

/** Emails are compared case-insensitively: stored and looked up lower-cased. */
export const emailSchema = z.string().trim().toLowerCase().max(254).email().describe("Email address (case-insensitive).");

export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `at most ${PASSWORD_MAX_LENGTH} characters`)
  .describe(`${PASSWORD_MIN_LENGTH}–${PASSWORD_MAX_LENGTH} characters. Stored only as an argon2id hash.`);

export const userNameSchema = z.string().trim().min(1).max(200);

export const userSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    role: roleSchema,
    disabled: z.boolean().describe("A disabled user cannot sign in and their sessions are ended."),
    disabledAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime().describe("Also the ETag (its milliseconds); send it back in If-Match."),
  })
  .meta({ id: "User" });

export const userListSchema = z.object({ data: z.array(userSchema), nextCursor: z.string().nullable() }).meta({ id: "UserList" });

export const createUserBody = z
  .strictObject({ email: emailSchema, name: userNameSchema, role: roleSchema, password: newPasswordSchema })
  .meta({ id: "CreateUser" });

export const updateUserBody = z
  .strictObject({
    name: userNameSchema.optional(),
    role: roleSchema.optional(),
    disabled: z.boolean().optional().describe("true disables the user and ends their sessions; false enables them again."),
  })
  .refine((b) => b.name !== undefined || b.role !== undefined || b.disabled !== undefined, { message: "Send at least one of name, role, disabled." })
  .meta({ id: "UpdateUser" });
