/**
 * Evaluates the attribution extractor on annotated JSONL (PolNeAR-style records:
 * {"id", "text", "attributions": [{"source": [...], "cue": [...], "content": [...]}]},
 * offsets in Unicode code points).
 *
 *   npm run eval:extract -- <file.jsonl> [--holdout-every 3] [--runs 5] [--links outermost|all]
 *
 * Articles are split deterministically by line index: index % N === N-1 is held out
 * (never looked at while tuning), the rest is the development part. Scores are
 * micro-averaged over relations. Matching (see src/extraction/evaluate.ts):
 *   - predicted chains are flattened: by default only the outermost link of each chain
 *     is a relation (PolNeAR labels each token once, so "X reported that Y said Z" is
 *     annotated as X's relation only, its content holding Y's; intermediaries carried over
 *     from an earlier sentence's reporting frame are not stated there and are skipped); --links all scores every
 *     link as its own relation (inner links then count as false positives on PolNeAR);
 *   - predicted and gold relations are aligned one-to-one, greedily, when their cues or
 *     contents overlap (weight 4·cue + 2·content + 1·source overlap);
 *   - per role (source, cue, content), on aligned pairs: "exact" = identical span sets,
 *     "overlap" = at least one shared character (multi-span roles compared as character
 *     sets); precision over predicted relations having the role, recall over gold ones;
 *   - "chars" = character-level overlap of aligned pairs over all predicted/gold characters;
 *   - "full" = aligned and all three roles overlap;
 *   - "source found" = gold sources overlapped by any predicted source.
 * Throughput times extractAttributions only (no I/O, no scoring), over all articles,
 * repeated --runs times in this single-threaded process; the median run's CPU time
 * (robust to other load on the machine) and wall time are reported.
 */
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { extractAttributions } from "../src/extraction";
import { flattenProposals, prf, type ChainScoring, scoreDocument, sumScores, type Counts, type DocumentScore, type Range, type Relation } from "../src/extraction/evaluate";

interface GoldSpan {
  start: number;
  end: number;
}
interface Article {
  id: string;
  text: string;
  attributions: Array<{ source: GoldSpan[]; cue: GoldSpan[]; content: GoldSpan[] }>;
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

/** Code-point offset → UTF-16 offset table (identity unless the text has astral characters). */
function cpToUtf16(text: string): (cp: number) => number {
  const table: number[] = [];
  let u = 0;
  for (const ch of text) {
    table.push(u);
    u += ch.length;
  }
  table.push(u);
  return (cp) => table[cp] ?? u;
}

function goldRelations(a: Article): Relation[] {
  const conv = cpToUtf16(a.text);
  const spans = (xs: GoldSpan[]): Range[] => xs.map((s) => ({ start: conv(s.start), end: conv(s.end) }));
  return a.attributions.map((r) => ({ source: spans(r.source), cue: spans(r.cue), content: spans(r.content) }));
}

const pct = (x: number): string => (x * 100).toFixed(1).padStart(5);
const line = (label: string, c: Counts): string => {
  const s = prf(c);
  return `  ${label.padEnd(18)} P ${pct(s.precision)}  R ${pct(s.recall)}  F1 ${pct(s.f1)}   (tp ${c.tp}, pred ${c.predicted}, gold ${c.gold})`;
};

function report(title: string, s: DocumentScore, articles: number): void {
  console.log(`\n== ${title}: ${articles} articles, ${s.full.gold} gold relations, ${s.full.predicted} predicted ==`);
  for (const role of ["source", "cue", "content"] as const) {
    console.log(line(`${role} exact`, s[role].exact));
    console.log(line(`${role} overlap`, s[role].overlap));
    console.log(line(`${role} chars`, s[role].chars));
  }
  console.log(line("full (all roles)", s.full));
  const f = s.sourceFound;
  console.log(`  source found       ${pct(f.total ? f.found / f.total : 0)}%  (${f.found} of ${f.total} gold sources)`);
}

function main(): void {
  const file = process.argv.slice(2).find((a, i, xs) => !a.startsWith("--") && !(xs[i - 1] ?? "").startsWith("--"));
  if (!file) {
    console.error("usage: npm run eval:extract -- <file.jsonl> [--holdout-every 3] [--runs 5]");
    process.exit(2);
  }
  const every = arg("--holdout-every", 3);
  const li = process.argv.indexOf("--links");
  const links: ChainScoring = li >= 0 && process.argv[li + 1] === "all" ? "all" : "outermost";
  const runs = arg("--runs", 5);
  const articles: Article[] = readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim().length > 0)
    .map((l) => JSON.parse(l) as Article);
  const dev: DocumentScore[] = [];
  const held: DocumentScore[] = [];
  articles.forEach((a, i) => {
    const pred = flattenProposals(extractAttributions(a.text).proposals, links);
    const score = scoreDocument(pred, goldRelations(a));
    (i % every === every - 1 ? held : dev).push(score);
  });
  console.log(`file: ${file}\nchain links scored: ${links}`);
  report("all", sumScores([...dev, ...held]), articles.length);
  report(`development (index % ${every} != ${every - 1})`, sumScores(dev), dev.length);
  report(`held-out (index % ${every} == ${every - 1})`, sumScores(held), held.length);

  const chars = articles.reduce((n, a) => n + a.text.length, 0);
  // CPU time of this (single-threaded) process is what "one core" means; wall time is
  // shown too but inflates on a busy machine.
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let r = 0; r < runs; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (const a of articles) extractAttributions(a.text);
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const rate = (ms: number): string => Math.round(ms > 0 ? (chars / ms) * 1000 : 0).toLocaleString("en-US");
  console.log(`\nthroughput: ${rate(median(cpu))} chars per CPU-second (median of ${runs} runs over ${chars.toLocaleString("en-US")} chars: ${median(cpu).toFixed(1)} ms CPU, ${median(wall).toFixed(1)} ms wall = ${rate(median(wall))} chars/s wall; single thread)`);
}

main();
