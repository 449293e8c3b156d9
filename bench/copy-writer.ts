import { spawn } from "node:child_process";

/** One value in COPY text format: \N for null, backslash escapes for tab/newline/backslash. */
export function copyValue(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return "\\N";
  const s = typeof v === "string" ? v : String(v);
  return s.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
}

/** A PostgreSQL array literal of text values. */
export function pgTextArray(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join(",")}}`;
}

/**
 * COPY … FROM STDIN through psql (already on the machine with PostgreSQL 15), so the
 * loader needs no extra npm package. Rows are written with back-pressure.
 */
export class CopyWriter {
  private readonly proc;
  private readonly done: Promise<void>;
  private buf: string[] = [];
  private bufLen = 0;
  rows = 0;

  constructor(databaseUrl: string, table: string, columns: string[]) {
    const cols = columns.map((c) => `"${c}"`).join(", ");
    this.proc = spawn("psql", [databaseUrl, "-v", "ON_ERROR_STOP=1", "-q", "-c", `COPY ${table} (${cols}) FROM STDIN`], { stdio: ["pipe", "ignore", "pipe"] });
    let err = "";
    this.proc.stderr.on("data", (c: Buffer) => (err += c.toString()));
    this.done = new Promise((resolve, reject) => {
      this.proc.on("error", reject);
      this.proc.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`COPY ${table} failed (${code}): ${err}`))));
    });
  }

  async row(values: Array<string | number | boolean | null | undefined>): Promise<void> {
    const line = values.map(copyValue).join("\t") + "\n";
    this.buf.push(line);
    this.bufLen += line.length;
    this.rows++;
    if (this.bufLen > 1 << 20) await this.flush();
  }

  private async flush(): Promise<void> {
    const chunk = this.buf.join("");
    this.buf = [];
    this.bufLen = 0;
    if (!this.proc.stdin.write(chunk)) await new Promise<void>((r) => this.proc.stdin.once("drain", () => r()));
  }

  async end(): Promise<number> {
    await this.flush();
    this.proc.stdin.end();
    await this.done;
    return this.rows;
  }
}
