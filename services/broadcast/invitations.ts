import { consultationInvitation } from '../consultation/invitation';
import type { Links } from '../links';
import { workshopInvitation } from '../workshop/view';
import type { BroadcastDeps } from './broadcast';

/**
 * What a broadcast sends, by its kind: the consultation card, or the workshop invitation (whose
 * calendar link is signed with `links`). One place for the bot, the command line and the demo.
 */
export function invitations(links: Links): BroadcastDeps['invitation'] {
  return (kind, subject) =>
    kind === 'consultation' ? consultationInvitation(subject) : workshopInvitation(subject, links);
}
