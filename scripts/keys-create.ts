// npm run keys:create -- --org <slug> --role <viewer|fact_checker|editor|admin> --name <name>
// Creates the organization when it does not exist yet, then prints a new API key once.
import { z } from "zod";
import { createApiKey } from "../src/auth/create-api-key";
import { ensureOrganization } from "../src/organizations/ensure-organization";
import { parseFlags, runCli } from "./cli-support";

const args = z.object({
  org: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "--org must be a slug (a-z, 0-9, -)"),
  role: z.enum(["viewer", "fact_checker", "editor", "admin"]),
  name: z.string().trim().min(1).max(200),
});

void runCli("keys:create", async ({ db }) => {
  const parsed = args.safeParse(parseFlags(process.argv.slice(2), ["org", "role", "name"]));
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("; "));
  const org = await ensureOrganization(db.prisma, parsed.data.org);
  const key = await createApiKey(db.prisma, { organizationId: org.id, name: parsed.data.name, role: parsed.data.role, actor: { type: "system", id: null } });
  process.stderr.write(`Created ${key.role} key "${key.name}" (${key.prefix}…) for organization "${org.slug}"${org.created ? " (new)" : ""}. It is shown only now:\n`);
  process.stdout.write(`${key.secret}\n`);
});
