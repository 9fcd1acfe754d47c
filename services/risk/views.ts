/**
 * The risk register's replies, independent of the channel (services/answers/views.ts `View` lists
 * them): cards/teams/risk*.json and cards/slack/risk.ts render them.
 */

/** One risk as a line of a list: highest current score first. */
export interface RiskLineView {
  id: string; // "R12"
  title: string;
  /** "B/II — High probability, Critical impact: 15 (High)". */
  current: string;
  band: string;
  /** "Owner: Ann Owner · review by 31 Mar 2027". */
  detail: string;
  /** What asks for the whole risk: "risk R12" (with its plan when several plans are loaded). */
  ask: string;
}

/** "top risks", "risks for education". */
export interface RiskListView {
  kind: 'riskList';
  title: string;
  /** The plan's name, or the plans' names when the list spans several. */
  plan?: string;
  intro?: string;
  items: RiskLineView[];
  /** How many more risks match than are listed. */
  more: number;
  /** Signed links to PNGs of the matrix, one per plan listed, with what each shows in words. */
  matrices: { url: string; alt: string }[];
}

/** "risk R12": one risk in full. */
export interface RiskView {
  kind: 'risk';
  id: string;
  title: string;
  plan: string;
  /** "Open" or "Closed". */
  status: string;
  owner?: string;
  cause?: string;
  effect?: string;
  current: string;
  band: string;
  /** Where the actions should bring it. */
  target?: string;
  controls: string[];
  /** "Monthly monitoring report — by 31 Mar 2011 · Lynn Aisbett". */
  actions: string[];
  reviewOn?: string;
  /** "ED.1/1 — To increase the percentage of pupils achieving 5 GCSEs (Leicester…)". */
  links: string[];
  /** Newest first: "4 Jan 2027 · Ann Owner · D/III 6 (Medium) → B/II 15 (High)", and the comment. */
  reviews: { line: string; comment?: string }[];
}

/** The fields of the re-score form, as the owner typed them. */
export const RISK_REVIEW_FIELDS = ['probability', 'impact', 'comment', 'reviewOn'] as const;
export type RiskReviewField = (typeof RISK_REVIEW_FIELDS)[number];

/** A risk's re-score form, sent to its owner with a monitoring cycle's request. */
export interface RiskReviewFormView {
  kind: 'riskReview';
  header: string;
  cycle: string; // the Cycle's _id
  risk: string; // the Risk's _id
  id: string; // "R12"
  title: string;
  current: string;
  probability: { value: string; title: string }[];
  impact: { value: string; title: string }[];
  values: Partial<Record<RiskReviewField, string>>;
  errors: Partial<Record<RiskReviewField, string>>;
  problem?: string;
}
