import type { Dataset } from "./dataset-generator";
import { peakRssMb } from "./workloads";

export interface ImportResult {
  claims: number;
  seconds: number;
  rate: number;
  bodyMb: number;
  status: number;
  totals: Record<string, number>;
  servicePeakRssMb: number | null;
  loadavg: number[];
  /** The ids the report says were created (not written to the report file). */
  createdIds: string[];
}

/**
 * POST /v1/import (atomic=false) of N new claims against the dataset's articles and sources,
 * as a CMS's nightly load would send them: the service's own bulk path, timed from the
 * first byte sent to the report received, with the service's peak RSS (VmHWM).
 */
export async function runImport(opts: { url: string; key: string; ds: Dataset; claims: number; pid: number | undefined; loadavg: () => number[]; runTag?: string }): Promise<ImportResult> {
  const { ds } = opts;
  const lines: string[] = [];
  for (let i = 0; i < opts.claims; i++) {
    const a = ds.anchors[i % ds.anchors.length]!;
    const chain = [
      { source: { id: ds.personIds[i % ds.personIds.length] }, role: "speaker", speechAct: "asserts" },
      { source: { id: ds.publicationIds[i % ds.publicationIds.length] }, role: "publisher", speechAct: "reports" },
    ];
    lines.push(JSON.stringify({ type: "claim", data: { statement: `Imported claim ${i}: ${a.exact}`, kind: "statement", fidelity: "verbatim", externalId: `bench-import-${opts.runTag ?? ""}${i}`, anchor: a, chain } }));
  }
  const body = `${lines.join("\n")}\n`;
  const started = performance.now();
  const res = await fetch(`${opts.url}/v1/import?atomic=false`, {
    method: "POST",
    headers: { authorization: `Bearer ${opts.key}`, "content-type": "application/x-ndjson" },
    body,
  });
  const report = (await res.json()) as { totals?: Record<string, number>; written?: Array<{ id: string; status: string }> };
  const seconds = (performance.now() - started) / 1000;
  return {
    claims: opts.claims,
    seconds,
    rate: Math.round(opts.claims / seconds),
    bodyMb: Math.round(Buffer.byteLength(body) / 2 ** 20),
    status: res.status,
    totals: report.totals ?? {},
    servicePeakRssMb: peakRssMb(opts.pid),
    createdIds: (report.written ?? []).filter((w) => w.status === "created").map((w) => w.id),
    loadavg: opts.loadavg(),
  };
}
