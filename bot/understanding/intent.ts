import type { Rag } from '../../models/rag';
import type { BroadcastAction, Intent } from '../../services/answers/intent';
import { readPlanScope } from '../../services/answers/plans';
import { readAuditAsk } from '../../services/audit/ask';
import type { PlanSnapshot } from '../../services/plan/snapshot';
import { LEAVE_PATTERN } from '../../services/target-update/leave';

export type { Intent };

export const MAX_QUESTION_LENGTH = 500;
/**
 * Longer raw text than this cannot normalise to a question of MAX_QUESTION_LENGTH, or not one anybody
 * typed: it allows each character of a question three more of whitespace (line breaks, indents,
 * pasted padding) and 1,000 characters for mentions (`<at>Golden Thread</at>` is 22, `<@U0123ABCD>`
 * 12). Such text is turned away before any pattern reads it, so its cost is one length check.
 */
export const MAX_RAW_LENGTH = 4 * MAX_QUESTION_LENGTH + 1000;

const PI_CODE = /\b(BVPI|BV|PSA|LCAL|LCSS|LCEN|LCED|LCHS|PAF|QP|LIB)\s*([A-Z]?\d+[a-z]?)\b/i;
const STOP_WORDS = new Set(
  'a an and any anything about are for from has have how i in is it me of on or our show tell the to us we what whats which with'.split(
    ' ',
  ),
);

/**
 * Reads a question against the plan it is about. Codes are matched only against prefixes the plan
 * really uses, so "level 2" is not taken for a priority code while "ED 1" and "ed-1" are.
 */
export function understand(text: string, plan: PlanSnapshot): Intent {
  if (text.length > MAX_RAW_LENGTH) return { kind: 'tooLong', length: text.length };
  // `[^<]*`, not `.*?`, in a mention: a lazy dot rescans the rest of the text from every unclosed `<at>`.
  const question = text
    .replace(/<at>[^<]*<\/at>/g, ' ') // Teams mention of the bot
    // Slack's markup (mentions, links, escapes) is read at its edge: bot/slack/incoming-text.ts.
    .replace(/[‘’]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
  if (question.length > MAX_QUESTION_LENGTH) return { kind: 'tooLong', length: question.length };
  // "themes in York", "status of ED.1 for Leicester": the rest is read as if no plan were named.
  const scoped = readPlanScope(question.replace(/^\/?plan\b\s*/i, ''), plan.plans);
  const intent = understandQuestion(scoped.question, plan, scoped.plan);
  return scoped.plan ? { ...intent, plan: scoped.plan } : intent;
}

/** Reads a question with whitespace, mentions and any named plan already taken out. */
function understandQuestion(question: string, plan: PlanSnapshot, named: string | undefined): Intent {
  const lower = question.toLowerCase().replace(/^\/?plan\b\s*/, '');

  if (lower === '' || /^(help|\?|hi|hello|what can you do|commands)\b/.test(lower)) return { kind: 'help' };
  if (LEAVE_PATTERN.test(question)) return { kind: 'leave', text: question };
  const cycle = /^(cycle status|status of (?:the )?cycle)\b\s*(\S.*)?$/.exec(lower);
  if (cycle) return { kind: 'cycleStatus', cycle: cycle[2] || undefined };
  const remind = /^remind (?:the )?outstanding(?: (?:for|in) (.+))?$/.exec(lower);
  if (remind) return { kind: 'remindOutstanding', cycle: remind[1] || undefined };
  const broadcast = broadcastCommand(lower, question);
  if (broadcast) return broadcast;
  const form = policyForm(lower);
  if (form) return form;
  const close = /^close (?:the )?(?:monitoring )?cycle\b\s*(\S.*)?$/.exec(lower);
  if (close) return { kind: 'closeCycle', cycle: close[1] || undefined };
  const assign = /^assign (\S+(?: \d+)?)(?: targets?)?(?: (deputy|owner))? to ([^\s@]+@\S+)$/.exec(lower);
  if (assign)
    return {
      kind: 'assign',
      code: assign[1] ?? '',
      role: assign[2] === 'deputy' ? 'deputy' : 'owner',
      email: assign[3] ?? '',
    };
  // "pending sign-offs", "my sign-offs", "what's awaiting my sign-off?"; "sign off <update id>" is
  // the pending list's button (update ids are "<plan>:<cycle>:<target>:<hash>", no spaces).
  if (
    /^(?:(?:my|pending|show(?: me)?(?: my)?)\s+)?sign[- ]?offs?(?:\s+(?:pending|waiting))?\W*$|\bawaiting my sign[- ]?off\b/.test(
      lower,
    )
  )
    return { kind: 'signOffs' };
  const signOff = /^sign[- ]?off (\S+)$/.exec(question.trim());
  if (signOff?.[1]?.includes(':')) return { kind: 'signOffCard', update: signOff[1] };
  const report = reportIntent(lower);
  if (report) return report;
  const risk = riskIntent(lower);
  if (risk) return risk;
  const audit = auditIntent(lower, plan);
  if (audit) return audit;
  const history = /^(?:(?:show (?:me )?)?(?:the )?history (?:of|for) (.+)|(.+?) history)$/.exec(lower);
  const ofWhat = history && targetOrCode(withoutEndPunctuation(history[1] ?? history[2] ?? ''), plan);
  if (ofWhat) return { kind: 'history', code: ofWhat };
  const update =
    /^(?:update|report(?: on| for)?|submit(?: an?)?(?: update)?(?: for| on)?) (?:target )?(.+)$/.exec(lower);
  const toUpdate = update && targetOrCode(withoutEndPunctuation(update[1] ?? ''), plan);
  if (toUpdate) return { kind: 'update', code: toUpdate };
  const sight = lineOfSightIntent(lower, question);
  if (sight) return sight;
  if (/\bmy targets?\b/.test(lower)) return { kind: 'myTargets' };
  if (
    /^(?:(?:which|what) plans?\b|list (?:the |all )?plans\b|(?:show (?:me )?)?(?:the |all )?plans\W*$)/.test(
      lower,
    )
  )
    return { kind: 'plans' };
  if (/\b(strategic aims?|aims|themes|outcomes)\b/.test(lower) && !aimOfSomething(lower))
    return { kind: 'aims' };
  // "values", "our values", and the verb: "what does the council value", "what do we value".
  if (/\bvalues\b|\bwhat (?:do|does|did) (?:[\w']+ ){1,4}value\b(?! for money)/.test(lower))
    return { kind: 'values' };
  const offTrack = offTrackRags(lower);
  if (offTrack) return { kind: 'offTrack', rags: offTrack };

  const pi = PI_CODE.exec(question);
  if (pi) return { kind: 'pi', code: `${pi[1]?.toUpperCase()} ${pi[2]}` };

  const code = priorityCode(question, plan);
  if (code) return { kind: 'status', code };

  const aim = plan.aims.find(
    (a) =>
      (!named || a.plan === named) &&
      [a.title, ...a.aliases].some((name) => new RegExp(`\\b${escape(name.toLowerCase())}\\b`).test(lower)),
  );
  if (aim && onlyTheAim(lower, [aim.title, ...aim.aliases])) return { kind: 'aim', aimId: aim._id };

  const words = lower
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .split(' ')
    .filter((w) => w && !STOP_WORDS.has(w));
  return words.length ? { kind: 'search', query: words.join(' ') } : { kind: 'help' };
}

/**
 * "open a cycle", "new monitoring cycle", "new workshop", "edit ED.1/1": the policy team's forms
 * (services/forms/*). Each pattern is anchored with no nested repeats, so it reads in linear time.
 */
function policyForm(lower: string): Intent | undefined {
  if (/^(?:open|new|start) (?:a )?(?:new )?(?:monitoring )?cycle$/.test(lower))
    return { kind: 'policyForm', form: 'openCycle' };
  if (/^(?:new|publish|create|schedule|add) (?:a )?(?:new )?workshop$/.test(lower))
    return { kind: 'policyForm', form: 'publishWorkshop' };
  const edit = /^edit (?:the )?(?:target )?([a-z0-9][a-z0-9./ -]{0,40})$/.exec(lower);
  if (edit?.[1]) return { kind: 'policyForm', form: 'editTarget', code: edit[1].trim() };
  return undefined;
}

/**
 * "top risks", "the risk register", "risks for education", "risks to ED.1", "risk R12" (the risk
 * register, services/risk/read.ts). "what is at risk?" is not one: it asks for Amber and Red targets.
 */
function riskIntent(lower: string): Intent | undefined {
  const text = withoutEndPunctuation(lower);
  if (
    /^(?:show (?:me )?|list |what are )?(?:the |our )?(?:(?:top|highest|biggest|main|key)(?: \d{1,2})? risks|risks|risk register)$/.test(
      text,
    )
  )
    return { kind: 'risks' };
  const about =
    /^(?:show (?:me )?|list )?(?:the )?risks? (?:for|to|of|in|about|on|threatening) (?:the )?(\S.*)$/.exec(
      text,
    );
  if (about?.[1]) return { kind: 'risks', about: about[1] };
  const one = /^(?:show (?:me )?)?risk (?:no\.? ?|number )?([a-z]{0,3}\d{1,4}[a-z]?)$/.exec(text);
  if (one?.[1]) return { kind: 'risk', id: one[1].toUpperCase() };
  return undefined;
}

/**
 * Line of sight (services/line-of-sight/*): "what do I contribute to?", "my line of sight", "how
 * does my work contribute?"; "who contributes to ED.1?" (any code, target key or "plan:key"
 * reference, its case kept); "my team's targets". Anchored patterns without nested repeats.
 */
function lineOfSightIntent(lower: string, question: string): Intent | undefined {
  if (
    /^(?:show (?:me )?)?my line of sight\b|^what (?:do|does) (?:i|my (?:work|job|role|team)) contribute to\b|^how (?:do|does) (?:i|my (?:work|job|role)) (?:contribute|fit)\b|^where do i fit\b/.test(
      lower,
    )
  )
    return { kind: 'lineOfSight' };
  if (/^(?:show (?:me )?)?(?:the )?(?:targets (?:of|for) my team|my team'?s? targets?)\W*$/.test(lower))
    return { kind: 'teamTargets' };
  const who =
    /^(?:who|what|which \w+) (?:contributes|contribute|is contributing|are contributing) (?:to|towards) /.exec(
      lower,
    ) ?? /^line of sight (?:for|to|of) /.exec(lower);
  if (!who) return undefined;
  const code = withoutEndPunctuation(question.slice(who[0].length).trim());
  return code && code !== '?' ? { kind: 'contributors', code } : undefined;
}

const BROADCAST_COMMANDS: [RegExp, BroadcastAction][] = [
  [/^(?:new|compose|start|send) (?:a )?consultation$/, 'compose'],
  [/^(?:broadcast|delivery) status\b\s*(\S.*)?$/, 'status'],
  [/^cancel (?:the )?broadcast\b\s*(\S.*)?$/, 'cancel'],
  [/^resend (?:the )?failed\b(?: (?:for|of|in))?\s*(\S.*)?$/, 'resend'],
  [/^approve (?:the )?broadcast\b\s*(\S.*)?$/, 'approve'],
  [/^(?:results of|consultation results(?: for)?)\s+(\S.*)$/, 'results'],
  [/^(?:attendees of|who is coming to|workshop attendees(?: for)?)\s+(\S.*)$/, 'attendees'],
  [/^cancel (?:the )?workshop\s+(\S.*)$/, 'cancelWorkshop'],
];

/** "cancel broadcast consultation:budget-…", "results of budget-…": ids keep their case and colons. */
function broadcastCommand(lower: string, question: string): Intent | undefined {
  for (const [pattern, action] of BROADCAST_COMMANDS) {
    const m = pattern.exec(lower);
    if (!m) continue;
    const name = m[1] ? question.slice(question.length - m[1].length).trim() : undefined;
    return { kind: 'broadcast', action, name: name || undefined };
  }
  return undefined;
}

/**
 * "performance report Q3 2026/27", "performance report for Q3 2026/27 draft", "draft performance
 * report": a cycle's performance report (services/report/command.ts); the newest closed cycle's
 * when none is named. Read by slicing, not one pattern with optional parts around a `(.+)`.
 */
function reportIntent(lower: string): Intent | undefined {
  const head = /^(draft )?(?:the )?performance report\b/.exec(lower);
  if (!head) return undefined;
  let rest = withoutEndPunctuation(lower.slice(head[0].length).trim());
  let draft = !!head[1];
  for (const tail of [' (draft)', ' draft', '(draft)', 'draft'])
    if (rest === tail.trim() || rest.endsWith(tail)) {
      draft = true;
      rest = rest === tail.trim() ? '' : rest.slice(0, -tail.length).trim();
      break;
    }
  rest = rest.replace(/^(?:for|of|on)(?: |$)/, '').replace(/^(?:the )?(?:monitoring )?cycle /, '');
  return { kind: 'performanceReport', cycle: rest && rest !== '?' ? rest : undefined, draft };
}

/**
 * "ed1?!" → "ed1"; "?" stays "?". Done here, not by `(.+?)[?.!]*$` in the pattern, which retried the
 * run of punctuation at every place the lazy group could end.
 */
function withoutEndPunctuation(text: string): string {
  let end = text.length;
  while (end > 1 && '?.!'.includes(text.charAt(end - 1))) end--;
  return text.slice(0, end);
}

/**
 * "audit", "audit since 1 Nov", "changes to ED.1": the audit trail. "changes to …" only when … is a
 * priority or target code ("changes to bin collections" stays a search).
 */
function auditIntent(lower: string, plan: PlanSnapshot): Intent | undefined {
  const ask = readAuditAsk(lower);
  const code = ask?.about && targetOrCode(ask.about, plan);
  if (!ask || (!ask.strong && ask.about && !code)) return undefined;
  return { kind: 'audit', about: ask.about && (code || ask.about), since: ask.since };
}

// Words that ask for an aim's list without narrowing it: "show the housing priorities".
const AIM_WORDS = new Set(
  'all aim aims doing going list priorities priority progress show target targets theme'.split(' '),
);

/**
 * "housing", "show the education priorities": the aim alone, so its list. "affordable homes",
 * "crime in the city centre" name an aim and ask for something in it: a search finds that.
 */
function onlyTheAim(lower: string, names: string[]): boolean {
  const words = (text: string) =>
    text
      .replace(/[^\p{L}\p{N}\s]/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim();
  let rest = ` ${words(lower)} `;
  for (const name of names) rest = rest.split(` ${words(name.toLowerCase())} `).join(' ');
  return rest.split(' ').every((w) => !w || STOP_WORDS.has(w) || AIM_WORDS.has(w));
}

/** "the aim of …", "which aim is X for": a question about one aim, not a request for the list. */
function aimOfSomething(lower: string): boolean {
  const aim = lower.search(/\baim\b/);
  return aim >= 0 && /\b(?:of|for)\b/.test(lower.slice(aim));
}

function offTrackRags(lower: string): Rag[] | undefined {
  if (/\boff[ -]?track\b|\bbehind\b|\bat risk\b|\bred (or|and|&) amber\b/.test(lower))
    return ['red', 'amber'];
  if (/\b(red|reds)\b/.test(lower)) return ['red'];
  if (/\bamber\b/.test(lower)) return ['amber'];
  return undefined;
}

/** "ED.1/2" (a target), "ed1" (a priority), or something shaped like a code the plan lacks. */
function targetOrCode(text: string, plan: PlanSnapshot): string | undefined {
  const wanted = text.trim();
  const target = plan.priorities.flatMap((p) => p.targets).find((t) => t.key.toLowerCase() === wanted);
  if (target) return target.key;
  const code = priorityCode(wanted, plan);
  const printed = code && plan.priorityByCode(code);
  const named = printed ? (printed.code ?? printed.key) : code;
  if (/^[a-z]{1,4}\s?[.-]?\s?\d{1,2}$/.test(wanted)) return named ?? wanted;
  return named && wanted.split(' ').length <= 3 ? named : undefined;
}

/** The letters the plans' codes start with ("ED", "CSY"), per snapshot: every question reads them. */
const prefixesOf = new WeakMap<PlanSnapshot, Set<string | undefined>>();

function codePrefixes(plan: PlanSnapshot): Set<string | undefined> {
  let prefixes = prefixesOf.get(plan);
  if (!prefixes) {
    prefixes = new Set(
      plan.priorities
        .flatMap((p) => [p.code, ...p.aliases])
        .map((c) => c?.toUpperCase().match(/^[A-Z]+/)?.[0])
        .filter(Boolean),
    );
    prefixesOf.set(plan, prefixes);
  }
  return prefixes;
}

function priorityCode(question: string, plan: PlanSnapshot): string | undefined {
  const prefixes = codePrefixes(plan);
  // A word that is itself a code the plan uses ("A8.38", "EN.city-centre") needs no pattern.
  for (const word of question.split(/[\s?!,;:()]+/)) {
    const found = word.length >= 2 && plan.priorityByCode(word);
    if (found) return found.code ?? found.key;
  }
  // Codes are letters then digits, with or without a dot, space or hyphen: ED.1, ed1, "ED 1", ed-1, "Cl. 2".
  for (const match of question.matchAll(/\b([A-Za-z]{1,4})\s?[.-]?\s?(\d{1,2})\b/g)) {
    const letters = (match[1] ?? '').toUpperCase();
    if (prefixes.has(letters) || (letters === 'CL' && prefixes.has('CI'))) return `${match[1]}.${match[2]}`;
  }
  return undefined;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
