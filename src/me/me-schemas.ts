import { z } from "zod";
import { PASSWORD_MAX_LENGTH } from "../auth/passwords";
import { organizationRefSchema } from "../sessions/session-schemas";
import { newPasswordSchema, roleSchema } from "../users/user-schemas";

export const meSchema = z
  .object({
    type: z.enum(["user", "api_key"]),
    id: z.uuid(),
    name: z.string().describe("The user's name, or the API key's name."),
    email: z.string().optional().describe("Users only."),
    role: roleSchema,
    scopes: z.array(z.string()),
    organization: organizationRefSchema,
  })
  .meta({ id: "Me" });

export const changePasswordBody = z
  .strictObject({ currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH), newPassword: newPasswordSchema })
  .meta({ id: "ChangePassword" });
