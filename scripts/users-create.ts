// npm run users:create -- --org <slug> --email <email> --role <viewer|fact_checker|editor|admin> --name <name> [--password <pw>]
// Creates the organization when it does not exist yet, then a user who can sign in.
// The password comes from CLAIMTRAIL_PASSWORD, else from --password (avoid it: it shows in
// `ps` and the shell history), else from stdin (piped, or typed without echo).
// Nothing secret is printed.
import { z } from "zod";
import { hashPassword } from "../src/auth/passwords";
import { ensureOrganization } from "../src/organizations/ensure-organization";
import { createUser } from "../src/users/create-user";
import { createUserBody } from "../src/users/user-schemas";
import { parseFlags, runCli } from "./cli-support";

const args = z.object({ org: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "--org must be a slug (a-z, 0-9, -)"), password: z.string().optional() });

/** Reads one line from stdin; on a terminal, without echoing what is typed. */
async function readPasswordFromStdin(): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    let text = "";
    for await (const chunk of stdin) text += String(chunk);
    return text.replace(/\r?\n$/, "");
  }
  process.stderr.write("Password (not shown): ");
  stdin.setRawMode(true);
  stdin.setEncoding("utf8");
  return new Promise((resolve, reject) => {
    let typed = "";
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === "\r" || ch === "\n") {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off("data", onData);
          process.stderr.write("\n");
          return resolve(typed);
        }
        if (ch === "\u0003") {
          stdin.setRawMode(false);
          return reject(new Error("cancelled"));
        }
        if (ch === "\u007f" || ch === "\b") typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    stdin.on("data", onData);
    stdin.resume();
  });
}

void runCli("users:create", async ({ db }) => {
  const flags = parseFlags(process.argv.slice(2), ["org", "email", "role", "name", "password"]);
  const parsedArgs = args.safeParse(flags);
  if (!parsedArgs.success) throw new Error(parsedArgs.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("; "));
  // The command line's own input, not service configuration: read here, not in src/config.
  const password = process.env.CLAIMTRAIL_PASSWORD || parsedArgs.data.password || (await readPasswordFromStdin());
  const parsed = createUserBody.safeParse({ email: flags.email, name: flags.name, role: flags.role, password });
  if (!parsed.success) {
    // Messages only, never the values: one of them is the password.
    throw new Error(parsed.error.issues.map((i) => `${i.path.join(".") === "password" ? "password" : `--${i.path.join(".")}`}: ${i.message}`).join("; "));
  }
  const org = await ensureOrganization(db.prisma, parsedArgs.data.org);
  const passwordHash = await hashPassword(parsed.data.password);
  const user = await db.prisma.$transaction((tx) =>
    createUser(tx, { organizationId: org.id, email: parsed.data.email, name: parsed.data.name, role: parsed.data.role, passwordHash, actor: { type: "system", id: null } }),
  );
  process.stderr.write(`Created ${user.role} user ${user.email} in organization "${org.slug}"${org.created ? " (new)" : ""}.\n`);
  process.stdout.write(`${user.id}\n`);
});
