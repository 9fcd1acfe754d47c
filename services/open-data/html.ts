import type { Rag } from '../../models/rag';
import { ragLabel } from '../answers/figures';
import { ukDate } from '../answers/format';
import { OPEN_DATA_CSS } from './html-style';
import type { OpenDataPlan, OpenDataTarget } from './model';

/** Text made safe for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
const h = escapeHtml;

const STATUS: Record<string, string> = {
  draft: 'Draft',
  consultation: 'Out for consultation',
  adopted: 'Adopted',
};
const RAG_MEANING: [Rag, string][] = [
  ['green', 'at or better than the figure expected by its date'],
  ['amber', 'worse than expected, but within the tolerance the plan allows (5% unless it says otherwise)'],
  ['red', 'worse than expected by more than the tolerance'],
];

const rag = (r: Rag | null | undefined) =>
  r ? `<span class="rag rag-${r}">${h(ragLabel(r))}</span>` : '<span class="none">No RAG</span>';
const printed = (m: OpenDataTarget['baseline']) =>
  m
    ? `${h(m.text)}${m.label ? `<span class="small">${h(m.label)}</span>` : ''}`
    : '<span class="none">—</span>';

/**
 * One target as a table row. Roles are set on every element so the row stays a table row to
 * assistive technology when the narrow-screen style shows it as a block (CSS display can drop
 * table semantics in some browsers).
 */
function targetRow(t: OpenDataTarget, owners: boolean): string {
  const c = t.latestConfirmed;
  const figure = c
    ? `${h(c.text)}<span class="small">as of ${h(ukDate(c.asOf))}</span>${c.trend ? `<span class="small">${h(c.trend)}</span>` : ''}`
    : '<span class="none">No confirmed figure yet</span>';
  const reason = t.ragReason ? `<span class="small">${h(t.ragReason)}</span>` : '';
  const cells = [
    `<th scope="row" role="rowheader"><span class="code">${h(t.id)}</span> ${h(t.text)}${t.piCodes.length ? `<span class="small">PI: ${h(t.piCodes.join(', '))}</span>` : ''}</th>`,
    `<td role="cell" data-label="Baseline">${printed(t.baseline)}</td>`,
    `<td role="cell" data-label="Interim">${printed(t.interim)}</td>`,
    `<td role="cell" data-label="Final target">${printed(t.final)}</td>`,
    `<td role="cell" data-label="Latest confirmed figure">${figure}</td>`,
    `<td role="cell" data-label="RAG">${rag(c?.rag)}${reason}</td>`,
    ...(owners
      ? [`<td role="cell" data-label="Owner">${t.owner ? h(t.owner) : '<span class="none">—</span>'}</td>`]
      : []),
  ];
  return `<tr role="row">${cells.join('')}</tr>`;
}

function aimSection(aim: OpenDataPlan['aims'][number], owners: boolean): string {
  const name = aim.code ? `${aim.code}: ${aim.title}` : aim.title;
  const columns = [
    'Target',
    'Baseline',
    'Interim',
    'Final target',
    'Latest confirmed figure',
    'RAG',
    ...(owners ? ['Owner (job title)'] : []),
  ];
  const groups = aim.priorities.map((p) => {
    const title = p.code ? `${p.code}: ${p.title}` : p.title;
    const rows = p.targets.length
      ? p.targets.map((t) => targetRow(t, owners)).join('\n')
      : `<tr role="row"><td role="cell" colspan="${columns.length}">No targets are set for this priority.</td></tr>`;
    return `<tbody role="rowgroup"><tr role="row"><th scope="rowgroup" role="rowheader" colspan="${columns.length}" class="priority">Priority ${h(title)}</th></tr>\n${rows}</tbody>`;
  });
  const body = aim.priorities.length
    ? `<table role="table"><caption>Targets under ${h(name)}, with their latest confirmed figures</caption>
<thead role="rowgroup"><tr role="row">${columns.map((c) => `<th scope="col" role="columnheader">${h(c)}</th>`).join('')}</tr></thead>
${groups.join('\n')}
</table>`
    : '<p>No priorities are set under this aim.</p>';
  return `<section aria-labelledby="aim-${h(aim.id)}">
<h2 id="aim-${h(aim.id)}">${h(name)}</h2>
${aim.description ? `<p>${h(aim.description)}</p>` : ''}
${body}
</section>`;
}

/**
 * The plan's open data as a plain web page meant to meet WCAG 2.2 AA: `lang="en-GB"`, a skip link,
 * one h1 then h2s in order, one table per aim with a caption, column and row headers (`scope`),
 * the RAG as a word and a shape (never colour alone), readable at 320 px wide, no script. Every
 * piece of plan text is escaped.
 */
export function openDataHtml(data: OpenDataPlan): string {
  const p = data.plan;
  const owners = data.owners === 'jobTitle';
  const period =
    p.period.start && p.period.end
      ? `${p.period.label} (${ukDate(p.period.start)} to ${ukDate(p.period.end)})`
      : p.period.label;
  const facts: [string, string][] = [
    ['Organisation', p.organisation],
    ['Period', period],
    ['Status', `${STATUS[p.status] ?? p.status}, version ${p.version}`],
    ['Figures confirmed up to', data.figuresAsOf ? ukDate(data.figuresAsOf) : 'No figures confirmed yet'],
  ];
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(p.title)}: targets and confirmed figures – ${h(p.organisation)}</title>
<style>${OPEN_DATA_CSS}</style>
</head>
<body>
<a class="skip" href="#main">Skip to main content</a>
<header class="top"><p>${h(p.organisation)}</p><p class="sub">Open data</p></header>
<main id="main" tabindex="-1">
<h1>${h(p.title)}</h1>
<dl class="facts">${facts.map(([k, v]) => `<dt>${h(k)}</dt><dd>${h(v)}</dd>`).join('')}</dl>
<p>Each target is shown as the plan prints it, with its newest figure that has been confirmed through the council’s sign-off. Figures still awaiting sign-off are not shown. ${owners ? 'Owners are shown by job title.' : 'Owners are not shown.'}</p>
<p>The same data: <a href="${h(p.links.json)}">JSON</a>, <a href="${h(p.links.csv)}">CSV (for spreadsheets)</a>, described by its <a href="/open-data/schema.json">JSON Schema</a>. <a href="/open-data/plans.json">All plans</a>.</p>
<h2>How to read the RAG rating</h2>
<ul class="key">${RAG_MEANING.map(([r, m]) => `<li>${rag(r)}: ${h(m)}.</li>`).join('')}<li><span class="none">No RAG</span>: no figure yet, the target is not yet set, or the plan does not say which way is better.</li></ul>
<nav aria-labelledby="aims-heading"><h2 id="aims-heading">Aims</h2>
<ol>${data.aims.map((a) => `<li><a href="#aim-${h(a.id)}">${h(a.code ? `${a.code}: ${a.title}` : a.title)}</a></li>`).join('')}</ol></nav>
${data.aims.map((a) => aimSection(a, owners)).join('\n')}
</main>
<footer><p>${h(p.organisation)}: ${h(p.title)}. Open data with no personal data in it.</p></footer>
</body>
</html>
`;
}
