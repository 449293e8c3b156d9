/**
 * The shapes the UI reads from the public JSON API, written after docs/openapi.json
 * (GET /openapi.json). Only the fields the screens use are listed.
 */

export type Role = "viewer" | "fact_checker" | "editor" | "admin";
export type ClaimStatus = "new" | "in_review" | "ready" | "published" | "corrected" | "retracted" | "archived";
export type ClaimKind = "statement" | "statistic" | "quote" | "denial" | "accusation" | "promise" | "prediction" | "opinion";
export type Fidelity = "verbatim" | "paraphrase" | "translation";
export type LinkRole = "speaker" | "intermediary" | "publisher";
export type SpeechAct = "asserts" | "denies" | "accuses" | "characterises" | "reports" | "promises" | "predicts";
export type SourceType = "person" | "organization" | "government" | "agency" | "press_office" | "publication" | "document";
export type VerdictKind = "attribution" | "content";
export type ActorType = "user" | "api_key" | "system";

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

export interface OrganizationRef {
  id: string;
  slug: string;
  name: string;
}

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  disabledAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Session {
  user: User;
  organization: OrganizationRef;
  csrfToken: string;
  expiresAt: string;
}

export interface Me {
  type: "user" | "api_key";
  id: string;
  name: string;
  email?: string;
  role: Role;
  scopes: string[];
  organization: OrganizationRef;
}

export interface SourceRef {
  id: string;
  name: string;
  type: SourceType;
  aliases: string[];
  wikidataId: string | null;
}

export interface Source extends SourceRef {
  country: string | null;
  description: string | null;
  mergedIntoId: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  match?: { kind: string; score: number };
}

export interface TextQuoteSelector {
  type: "TextQuoteSelector";
  exact: string;
  prefix: string;
  suffix: string;
}

export interface TextPositionSelector {
  type: "TextPositionSelector";
  start: number;
  end: number;
}

export interface Anchor {
  id: string;
  articleId: string;
  article: { id: string; title: string; url: string; publishedAt: string | null };
  revisionId: string;
  revisionNumber: number;
  status: "anchored" | "anchor_lost";
  lastGoodRevisionNumber: number;
  selectors: [TextQuoteSelector, TextPositionSelector];
}

export interface ChainLink {
  position: number;
  role: LinkRole;
  cue: string | null;
  cueSpan: { start: number; end: number } | null;
  speechAct: SpeechAct;
  source: SourceRef;
}

export interface Actor {
  type: ActorType;
  id: string | null;
  /** Given by history and comments (the user's or key's name); verdict reviewers have none. */
  name?: string | null;
}

export interface EvidenceItem {
  url: string;
  title: string;
  quote: string | null;
  accessedAt: string | null;
  isPrimarySource: boolean;
}

export interface Verdict {
  id: string;
  kind: VerdictKind;
  rating: { id: string; key: string; label: string; colour: string; value: number | null };
  rationale: string;
  evidence: EvidenceItem[];
  reviewer: Actor;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Claim {
  id: string;
  externalId: string | null;
  statement: string;
  kind: ClaimKind;
  fidelity: Fidelity;
  status: ClaimStatus;
  version: number;
  assignee: { id: string; name: string; email: string } | null;
  anchor: Anchor | null;
  appearances: Anchor[];
  chain: ChainLink[];
  verdicts: { attribution: Verdict | null; content: Verdict | null };
  createdAt: string;
  updatedAt: string;
  /** Only in lists searched with q. The snippet is escaped text with <mark> around matches. */
  search?: { rank: number; snippet: string };
}

export interface ArticleSummary {
  id: string;
  externalId: string | null;
  url: string;
  title: string;
  language: string;
  publishedAt: string | null;
  publisher: SourceRef | null;
  version: number;
  revision: { id: string; number: number; textHash: string; createdAt: string };
  createdAt: string;
  updatedAt: string;
}

export interface ArticleClaim {
  claimId: string;
  statement: string;
  status: ClaimStatus;
  anchorStatus: "anchored" | "anchor_lost";
  span: { start: number; end: number; exact: string } | null;
  quote: string;
  lastGoodRevisionNumber: number;
}

export interface Article extends ArticleSummary {
  text: string;
  claims: ArticleClaim[];
}

export interface RatingLabel {
  key: string;
  label: string;
  description: string;
  colour: string;
  value: number | null;
  position: number;
  retiredAt: string | null;
}

export interface RatingScale {
  id: string;
  kind: VerdictKind;
  name: string;
  etag: string;
  updatedAt: string;
  labels: RatingLabel[];
}

export interface UpdatedRatingScale extends RatingScale {
  retired: string[];
  deleted: string[];
}

export interface Comment {
  id: string;
  claimId: string;
  author: Actor;
  body: string;
  createdAt: string;
}

export interface HistoryEntry {
  seq: number;
  occurredAt: string;
  actor: Actor;
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

export interface ApiKey {
  id: string;
  name: string;
  role: Role;
  scopes: string[];
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface CreatedApiKey extends ApiKey {
  secret: string;
}

export interface FieldError {
  field: string;
  message: string;
  code?: string;
}

/** RFC 9457 problem+json as the API sends it. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  requestId?: string;
  errors?: FieldError[];
  [extra: string]: unknown;
}
