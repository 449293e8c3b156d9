import path from "node:path";
import { ConfigError, loadConfig } from "../../src/config/config";

describe("loadConfig", () => {
  it("defaults to the embedded database in ./data on port 3000", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ PORT: 3000, databaseKind: "embedded", LOG_LEVEL: "info", SEED_ON_START: true });
    expect(c.dataDir).toBe(path.resolve("./data"));
  });

  it("uses the PostgreSQL server when DATABASE_URL is set, without seeding by default", () => {
    const c = loadConfig({ DATABASE_URL: "postgresql://u@localhost:5432/x" });
    expect(c).toMatchObject({ databaseKind: "server", SEED_ON_START: false });
  });

  it("treats empty variables as unset", () => {
    expect(loadConfig({ DATABASE_URL: "", PORT: "" })).toMatchObject({ databaseKind: "embedded", PORT: 3000 });
  });

  it("fails fast listing every invalid setting", () => {
    try {
      loadConfig({ PORT: "seventy", DATABASE_URL: "mysql://x", LOG_LEVEL: "loud", BOOTSTRAP_ADMIN_KEY: "short" });
      throw new Error("expected a ConfigError");
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const fields = (err as ConfigError).issues.map((i) => i.split(":")[0]).sort();
      expect(fields).toEqual(["BOOTSTRAP_ADMIN_KEY", "DATABASE_URL", "LOG_LEVEL", "PORT"]);
    }
  });
});
