import path from 'node:path';
import { Audit, Person, Plan, Target } from '../../models';
import { recordAudit } from '../audit/record';
import { projectRoot } from '../../models/project-root';
import type { Logger } from '../log/logger';
import { PlanFileError } from '../plan-file/problems';
import { readPlanFile } from '../plan-file/read';
import { checkReferences } from '../plan-file/references';
import { demoCalendar } from './demo-calendar';
import { loadDemoConsultation, loadDemoWorkshop } from './demo-broadcasts';
import { loadDemoCycle } from './demo-cycles';
import { dressPlan, readDemoOverlay } from './demo-overlay';
import { importPlan, importPlanFile, type ImportSummary } from './import';

export const DEMO_PLAN_FILE = path.join(projectRoot(), 'plans', 'leicester-2003.yaml');
/** People, owners and a history for the demo plan; invented, see the file's header. */
export const DEMO_OVERLAY_FILE = path.join(projectRoot(), 'plans', 'demo', 'leicester-demo.yaml');

export interface DemoOptions {
  /** The moment the demo is loaded at; its dates are worked out from it. */
  now?: Date;
  planFile?: string;
  overlayFile?: string;
}

export interface DemoSummary {
  plan: ImportSummary;
  /** The linked plans (service, team, individual objectives), in the order imported. */
  linked: ImportSummary[];
  /** False when the history was there already (loaded before): only people and owners were checked. */
  history: boolean;
  cycles: string[];
  consultation?: string;
  workshop?: string;
}

/**
 * Loads the bundled demo plan (Leicester 2003, exactly as printed) dressed with the demo overlay:
 * fictional people, an owner and a deputy for every target, and a history made through the
 * product's own services — two closed monitoring cycles and an open one, a closed consultation and
 * an upcoming workshop (services/plan/demo-*.ts) — and the invented plans linked up to it (the
 * overlay's `linkedPlans`: a service plan, a team plan, individual objectives, each item naming
 * what it contributes to). `auto` loads it only into an empty embedded
 * database: a real MongoDB is never filled with demo data unless asked with `always`.
 *
 * Loading again changes nothing: once the plan is in the database the demo only adds what is
 * missing and never changes what is stored (`keepExisting`), so an owner or deputy assigned in chat
 * or by a plan import, a target edited by a plan import, leave and chat updates all stay as they
 * are; a person already in the database is left as stored, and the history is loaded once (an
 * audit entry `entity: demo` records it), each piece skipped if it exists. Nothing is sent while it
 * loads, and nothing is left to be sent to the fictional people (see the overlay).
 */
export async function loadDemoPlan(
  mode: 'auto' | 'always' | 'never',
  embedded: boolean,
  log: Logger,
  maxBytes: number,
  options: DemoOptions = {},
): Promise<DemoSummary | undefined> {
  if (mode === 'never' || (mode === 'auto' && !embedded)) return undefined;
  if (mode === 'auto' && (await Plan.exists({}))) return undefined;
  const now = options.now ?? new Date();
  const overlayFile = options.overlayFile ?? DEMO_OVERLAY_FILE;
  const overlay = await readDemoOverlay(overlayFile);
  const known = new Set((await Person.find({}, { _id: 1 }).lean()).map((p) => String(p._id)));
  const plan = await readPlanFile(options.planFile ?? DEMO_PLAN_FILE, { maxBytes, knownPeople: known });
  const stored = await Target.find({ plan: plan.plan.id }, { key: 1, owner: 1, deputy: 1 }).lean();
  const assigned = new Map(
    stored.map((t) => [t.key, { owner: t.owner ?? undefined, deputy: t.deputy ?? undefined }]),
  );
  const dressed = dressPlan(plan, overlay, known, assigned, path.basename(overlayFile));
  const references = checkReferences(dressed, known);
  if (references.length)
    throw new PlanFileError(
      path.basename(overlayFile),
      references.map((r) => ({ where: r.path.join(' › '), message: r.message })),
    );

  const calendar = demoCalendar(now);
  const history = !(await Audit.exists({ entity: 'demo', entityId: overlay.plan }));
  // With a history to load, the people and owners are audited as imported the day before it starts.
  const startsAt = Math.min(...overlay.cycles.map((c) => calendar.cycle(c.quarter).openedAt.getTime()));
  const importedAt = history && overlay.cycles.length ? new Date(startsAt - 24 * 60 * 60 * 1000) : now;
  // A plan that is there already may have been used: the demo adds to it, never over it.
  const keepExisting = !!(await Plan.exists({ _id: plan.plan.id }));
  const summary = await importPlan(dressed, { by: 'demo-loader', now: () => importedAt, keepExisting });
  log.info(
    {
      plan: summary.plan,
      priorities: summary.priorities,
      targets: summary.targets,
      people: summary.people,
    },
    'Demo plan loaded',
  );
  // The plans linked to it come after its people, whom they name, and each after those it links to.
  // `keepExisting` adds a linked plan whole when it is absent and changes nothing once it is there.
  const linked: ImportSummary[] = [];
  for (const file of overlay.linkedPlans)
    linked.push(
      await importPlanFile(path.resolve(path.dirname(DEMO_OVERLAY_FILE), file), maxBytes, {
        by: 'demo-loader',
        now: () => importedAt,
        keepExisting: true,
      }),
    );
  if (linked.length) log.info({ linked: linked.map((l) => l.plan) }, 'Demo linked plans loaded');
  if (!history) return { plan: summary, linked, history: false, cycles: [] };

  // The services log every update, answer and reply they record: a hundred lines nobody needs at
  // start. Their warnings still show.
  const quiet = log.child({ demo: true }, { level: log.levelVal > 40 ? log.level : 'warn' });
  const cycles: string[] = [];
  for (const spec of [...overlay.cycles].sort((a, b) => a.quarter - b.quarter)) {
    const id = await loadDemoCycle(spec, overlay, calendar, quiet);
    if (id) cycles.push(id);
  }
  const consultation = await loadDemoConsultation(overlay, calendar, quiet);
  const workshop = await loadDemoWorkshop(overlay, calendar, quiet);
  await recordAudit({
    at: now,
    by: 'demo-loader',
    channel: 'import',
    action: 'create',
    entity: 'demo',
    entityId: overlay.plan,
    after: { overlay: path.basename(overlayFile), cycles, consultation, workshop },
  });
  log.info({ plan: overlay.plan, cycles, consultation, workshop }, 'Demo history loaded');
  return { plan: summary, linked, history: true, cycles, consultation, workshop };
}
