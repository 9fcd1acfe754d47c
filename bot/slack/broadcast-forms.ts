import type { App } from '@slack/bolt';
import type { BroadcastFormDeps } from '../../services/broadcast/broadcast';

/** Consultation answers, composing, workshop replies and broadcast actions in Slack. */
export function registerBroadcastForms(app: App, deps: BroadcastFormDeps): void {
  void app;
  void deps;
}
