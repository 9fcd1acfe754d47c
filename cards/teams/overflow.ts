// How many buttons a card shows in its row. Teams lays a card's actions out in one row and shrinks
// every button to fit, cutting each title ("Att…", "Dec…"); measured with the adaptivecards
// renderer and Teams' light host config on a 360 px card (a phone): five buttons were all cut,
// four with the overflow button too, three plus the overflow button were whole. Teams shows actions
// marked `mode: "secondary"` in an overflow (⋯) menu instead. Sources: "Adaptive Cards overflow
// menu", https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/cards-format
// (`mode`: Primary or Secondary; up to six primary actions on a card), and the Adaptive Cards 1.5
// schema, Action.mode, https://adaptivecards.io/explorer/Action.Execute.html.
/** Buttons in a row, the overflow button included. */
export const BUTTONS_IN_A_ROW = 4;

type Json = unknown;
type Node = Record<string, Json>;

const isNode = (value: Json): value is Node => !!value && typeof value === 'object' && !Array.isArray(value);

/**
 * The expanded card with every action row (the card's `actions`, each ActionSet's, a ShowCard's
 * card's) at most `BUTTONS_IN_A_ROW` buttons wide, the overflow button counted: a row that would be
 * wider keeps its first `BUTTONS_IN_A_ROW - 1` primary actions as buttons and marks the others
 * `mode: "secondary"`, so they go in the overflow menu, in their order. Templates therefore list
 * actions most important first. Returns a new tree; the input is not changed.
 */
export function overflowActions(node: Json): Json {
  if (Array.isArray(node)) return node.map(overflowActions);
  if (!isNode(node)) return node;
  const out: Node = {};
  for (const [key, value] of Object.entries(node)) out[key] = overflowActions(value);
  if ((node.type === 'AdaptiveCard' || node.type === 'ActionSet') && Array.isArray(out.actions))
    out.actions = row(out.actions as Json[]);
  return out;
}

const secondary = (action: Json) => isNode(action) && String(action.mode).toLowerCase() === 'secondary';

function row(actions: Json[]): Json[] {
  const primary = actions.filter((a) => !secondary(a)).length;
  const buttons = primary + (primary < actions.length ? 1 : 0);
  if (buttons <= BUTTONS_IN_A_ROW) return actions;
  let kept = 0;
  return actions.map((action) =>
    !isNode(action) || secondary(action) || kept++ < BUTTONS_IN_A_ROW - 1
      ? action
      : { ...action, mode: 'secondary' },
  );
}
