import { createHash } from 'node:crypto';
import { z } from 'zod';
import { Cycle, Person, Plan, Risk, RiskReview } from '../../models';
import type { CycleDoc } from '../../models/cycle';
import type { PersonDoc } from '../../models/person';
import { recordAudit } from '../audit/record';
import { ukDate } from '../answers/format';
import { notice } from '../answers/notice';
import type { View } from '../answers/views';
import { londonDate } from '../cycle/working-days';
import { isPolicy } from '../target-update/permission';
import { matrixOf, score, type Position, type RiskMatrix } from './matrix';
import type { StoredRisk } from './read';
import { RISK_REVIEW_FIELDS, type RiskReviewField, type RiskReviewFormView } from './views';

type StoredCycle = CycleDoc & { _id: string };

const short = (p: Position) => `${p.probability.code}/${p.impact.code} · ${p.score} (${p.band})`;

/** "Q3 2026/27: please review this risk by 15 Jan 2027". */
export const reviewHeader = (cycle: { name: string; dueOn: string }) =>
  `${cycle.name}: please review this risk by ${ukDate(cycle.dueOn)}`;

/**
 * The re-score form for one risk in a cycle: its current position, the plan's scales as choices
 * (code and name), and what the owner typed with the errors beside the fields, when sent back.
 */
export function reviewForm(
  cycle: Pick<StoredCycle, '_id' | 'name' | 'dueOn'>,
  risk: StoredRisk,
  matrix: RiskMatrix,
  header: string,
  values: RiskReviewFormView['values'] = {},
  errors: RiskReviewFormView['errors'] = {},
  problem?: string,
): RiskReviewFormView {
  const now = score(matrix, risk.probability, risk.impact);
  return {
    kind: 'riskReview',
    header,
    cycle: cycle._id,
    risk: risk._id,
    id: risk.key,
    title: risk.title,
    current: now
      ? `Now: ${short(now)} — ${now.probability.name} probability, ${now.impact.name} impact`
      : 'Now: not scored',
    probability: matrix.probability.map((s) => ({ value: s.code, title: `${s.code} — ${s.name}` })),
    impact: matrix.impact.map((s) => ({ value: s.code, title: `${s.code} — ${s.name}` })),
    values: { probability: risk.probability, impact: risk.impact, ...values },
    errors,
    ...(problem ? { problem } : {}),
  };
}

const field = z.string().max(5000).optional();
/** What a card or modal hands back; every field is text or absent. */
export const reviewValues = z.object(
  Object.fromEntries(RISK_REVIEW_FIELDS.map((f) => [f, field])) as Record<RiskReviewField, typeof field>,
);

export interface ReviewSubmission {
  cycleId: string;
  riskId: string;
  personId: string | undefined;
  channel: 'teams' | 'slack';
  values: Partial<Record<RiskReviewField, string | undefined>>;
}
export type ReviewResult = { ok: true; view: View } | { ok: false; view: View };

/**
 * The cycle, risk, person and the plan's matrix for a re-score, or why there is none: the risk is
 * not in the cycle's plan (`notInCycle`, worded by the caller), the cycle is closed, or the person
 * is neither the risk's owner nor in the policy team. The one check both the form and its
 * submission make.
 */
async function reviewable(
  cycleId: string,
  riskId: string,
  personId: string | undefined,
  notInCycle: string,
): Promise<
  | { refusal: string }
  | { cycle: StoredCycle; risk: StoredRisk; person: PersonDoc & { _id: string }; matrix: RiskMatrix }
> {
  const [cycle, risk, person] = await Promise.all([
    Cycle.findById(cycleId).lean() as Promise<StoredCycle | null>,
    Risk.findById(riskId).lean() as Promise<StoredRisk | null>,
    personId ? (Person.findById(personId).lean() as Promise<(PersonDoc & { _id: string }) | null>) : null,
  ]);
  if (!cycle || !risk || cycle.plan !== risk.plan) return { refusal: notInCycle };
  if (cycle.status === 'closed')
    return { refusal: `"${cycle.name}" is closed, so it no longer takes risk reviews.` };
  if (!person || (person._id !== risk.owner && !isPolicy(person)))
    return { refusal: `Only the risk's owner or the policy team can re-score risk ${risk.key}.` };
  const matrix = matrixOf(await Plan.findById(risk.plan, { riskMatrix: 1 }).lean());
  return { cycle, risk, person, matrix };
}

/**
 * Records a risk owner's re-score in a cycle. Refused (nothing written) unless the person is the
 * risk's owner or in the policy team, the cycle is open and of the risk's plan, probability and
 * impact are on the plan's scales, a rising score carries a comment, and the next review date is a
 * real date not before today; errors come back beside their fields. The review is appended to the
 * risk reviews (one per content, so a double click counts once), audited, and the risk's current
 * position moves.
 */
export async function submitReview(s: ReviewSubmission, now: Date): Promise<ReviewResult> {
  const found = await reviewable(
    s.cycleId,
    s.riskId,
    s.personId,
    'That risk is not part of an open monitoring cycle, so nothing was changed.',
  );
  if ('refusal' in found) return { ok: false, view: notice(found.refusal) };
  const { cycle, risk, person, matrix } = found;
  const values = Object.fromEntries(
    RISK_REVIEW_FIELDS.map((f) => [f, s.values[f]?.trim() || undefined]),
  ) as Partial<Record<RiskReviewField, string>>;
  const errors: Partial<Record<RiskReviewField, string>> = {};
  const before = score(matrix, risk.probability, risk.impact);
  const scaleText = (scale: 'probability' | 'impact') => matrix[scale].map((x) => x.code).join(', ');
  if (!values.probability) errors.probability = 'Choose a probability.';
  if (!values.impact) errors.impact = 'Choose an impact.';
  const after =
    values.probability && values.impact ? score(matrix, values.probability, values.impact) : undefined;
  if (values.probability && !matrix.probability.some((x) => x.code === values.probability))
    errors.probability = `Choose one of ${scaleText('probability')}.`;
  if (values.impact && !matrix.impact.some((x) => x.code === values.impact))
    errors.impact = `Choose one of ${scaleText('impact')}.`;
  if (after && before && after.score > before.score && !values.comment)
    errors.comment = `The score rises from ${before.score} to ${after.score}: say why in a comment.`;
  const today = londonDate(now);
  if (values.reviewOn) {
    const real =
      /^\d{4}-\d{2}-\d{2}$/.test(values.reviewOn) &&
      new Date(`${values.reviewOn}T00:00:00Z`).toISOString().startsWith(values.reviewOn);
    if (!real) errors.reviewOn = 'Give the next review date as a date, such as 2027-03-31.';
    else if (values.reviewOn < today) errors.reviewOn = 'The next review date cannot be in the past.';
  }
  if (Object.keys(errors).length || !after)
    return {
      ok: false,
      view: reviewForm(
        cycle,
        risk,
        matrix,
        reviewHeader(cycle),
        values,
        errors,
        'Please check the fields marked.',
      ),
    };

  const content = JSON.stringify([
    after.probability.code,
    after.impact.code,
    values.comment ?? '',
    values.reviewOn ?? '',
    person._id,
  ]);
  const id = `${risk._id}|${cycle._id}|${createHash('sha256').update(content).digest('hex').slice(0, 16)}`;
  if (await RiskReview.exists({ _id: id }))
    return {
      ok: true,
      view: notice(`Already recorded: risk ${risk.key} was re-scored with these values.`, [
        `risk ${risk.key}`,
      ]),
    };
  await RiskReview.create({
    _id: id,
    plan: risk.plan,
    risk: risk._id,
    cycle: cycle._id,
    by: person._id,
    at: now,
    channel: s.channel,
    before: before && {
      probability: before.probability.code,
      impact: before.impact.code,
      score: before.score,
    },
    probability: after.probability.code,
    impact: after.impact.code,
    score: after.score,
    comment: values.comment,
    reviewOn: values.reviewOn,
  });
  const set = {
    probability: after.probability.code,
    impact: after.impact.code,
    ...(values.reviewOn ? { reviewOn: values.reviewOn } : {}),
  };
  await Risk.updateOne({ _id: risk._id }, { $set: set });
  const change = `${before ? short(before) : '?'} → ${short(after)}`;
  await recordAudit({
    at: now,
    by: person._id,
    channel: s.channel,
    action: 'change',
    entity: 'risks',
    entityId: risk._id,
    plan: risk.plan,
    summary: `Risk ${risk.key} re-scored in ${cycle.name}: ${change}${values.comment ? ` (${values.comment})` : ''}`,
    before: { probability: risk.probability, impact: risk.impact, reviewOn: risk.reviewOn ?? undefined },
    after: set,
  });
  return {
    ok: true,
    view: notice(
      `Risk ${risk.key} re-scored in ${cycle.name}: ${change}.${values.reviewOn ? ` Next review by ${ukDate(values.reviewOn)}.` : ''} Recorded by ${person.name}.`,
      [`risk ${risk.key}`],
    ),
  };
}

/**
 * The re-score form for a risk in a cycle, as its Slack button opens it: refused (a notice) unless
 * the cycle is open and of the risk's plan and the person is the owner or in the policy team.
 */
export async function openReview(
  cycleId: string,
  riskId: string,
  personId: string | undefined,
): Promise<View> {
  const found = await reviewable(
    cycleId,
    riskId,
    personId,
    'That risk is not part of an open monitoring cycle.',
  );
  if ('refusal' in found) return notice(found.refusal);
  return reviewForm(found.cycle, found.risk, found.matrix, reviewHeader(found.cycle));
}
