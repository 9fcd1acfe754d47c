import type { RiskListView, RiskReviewFormView, RiskView } from '../../services/risk/views';
import { RISK_REVIEW_FIELDS } from '../../services/risk/views';

/**
 * A band as a tinted chip with its name in words (never colour alone), in container styles whose
 * backgrounds carry dark text in Teams' light and dark themes (cards/teams/readable.ts). Bands the
 * default matrix does not name are shown on the plain style.
 */
export function bandStyle(band: string): string {
  const b = band.toLowerCase();
  return b === 'high' ? 'attention' : b === 'medium' ? 'warning' : b === 'low' ? 'good' : 'emphasis';
}

/** The data cards/teams/risk-list.json expands: "top risks", "risks for education". */
export const riskListData = (view: RiskListView) => ({
  title: view.title,
  plan: view.plan ?? '',
  intro: view.intro ?? '',
  matrices: view.matrices,
  items: view.items.map((i) => ({
    id: i.id,
    heading: `${i.id}: ${i.title}`,
    current: i.current,
    detail: i.detail,
    band: i.band,
    bandStyle: bandStyle(i.band),
    ask: i.ask,
  })),
  moreText: view.more ? `${view.more} more risk${view.more === 1 ? '' : 's'} not shown.` : '',
});

/** The data cards/teams/risk.json expands: "risk R12". */
export const riskData = (view: RiskView) => ({
  heading: `Risk ${view.id} · ${view.plan}`,
  title: view.title,
  bandText: `${view.band} · ${view.current}`,
  bandStyle: bandStyle(view.band),
  facts: [
    { title: 'Owner', value: view.owner ?? 'none named' },
    { title: 'Status', value: view.status },
    ...(view.target ? [{ title: 'Target score', value: view.target }] : []),
    ...(view.reviewOn ? [{ title: 'Review by', value: view.reviewOn }] : []),
  ],
  sections: [
    ...(view.cause ? [{ title: 'Cause', lines: [{ line: view.cause }] }] : []),
    ...(view.effect ? [{ title: 'Effect', lines: [{ line: view.effect }] }] : []),
    ...(view.controls.length
      ? [{ title: 'Controls', lines: view.controls.map((line) => ({ line: `• ${line}` })) }]
      : []),
    ...(view.actions.length
      ? [{ title: 'Actions', lines: view.actions.map((line) => ({ line: `• ${line}` })) }]
      : []),
    ...(view.links.length
      ? [{ title: 'Threatens', lines: view.links.map((line) => ({ line: `• ${line}` })) }]
      : []),
  ],
  hasReviews: view.reviews.length > 0,
  reviews: view.reviews.map((r) => ({ line: r.line, comment: r.comment ?? '' })),
});

/** The data cards/teams/risk-review.json expands: the owner's re-score form. */
export const riskReviewData = (view: RiskReviewFormView) => ({
  header: view.header,
  problem: view.problem ?? '',
  id: view.id,
  title: view.title,
  current: view.current,
  probabilityChoices: view.probability,
  impactChoices: view.impact,
  values: Object.fromEntries(RISK_REVIEW_FIELDS.map((f) => [f, view.values[f] ?? ''])),
  errors: Object.fromEntries(RISK_REVIEW_FIELDS.map((f) => [f, view.errors[f] ?? ''])),
  cycle: view.cycle,
  risk: view.risk,
});
