/**
 * Splits an article's text into runs so that each run is covered by the same set of
 * claim spans (spans may overlap or nest). The runs concatenate to the text exactly,
 * which keeps DOM offsets equal to the API's UTF-16 offsets when a user selects text.
 */
export interface Span {
  id: string;
  start: number;
  end: number;
}

export interface Segment {
  start: number;
  end: number;
  text: string;
  /** Spans covering this run, innermost (shortest) first. */
  spans: Span[];
}

export function segmentText(text: string, spans: readonly Span[]): Segment[] {
  const valid = spans.filter((s) => s.start >= 0 && s.end <= text.length && s.start < s.end);
  const cuts = new Set<number>([0, text.length]);
  for (const s of valid) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    const covering = valid.filter((s) => s.start <= start && s.end >= end).sort((a, b) => a.end - a.start - (b.end - b.start));
    const last = out[out.length - 1];
    // Neighbouring runs with the same spans (e.g. plain text) are joined.
    if (last && sameIds(last.spans, covering)) {
      last.end = end;
      last.text = text.slice(last.start, end);
    } else {
      out.push({ start, end, text: text.slice(start, end), spans: covering });
    }
  }
  return out;
}

function sameIds(a: Span[], b: Span[]): boolean {
  return a.length === b.length && a.every((s, i) => s.id === b[i]?.id);
}
