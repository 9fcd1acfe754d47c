import { clip, context, link, type Block } from './text';

/**
 * Slack fetches an image itself and refuses the whole message when it cannot
 * (https://docs.slack.dev/reference/block-kit/blocks/image-block): a chart served from this machine
 * only (no PUBLIC_URL) is linked instead.
 */
export const reachable = (url: string) => !/^https?:\/\/(localhost|127\.|\[::1\])/i.test(url);

/** A chart as an image block where Slack can fetch it, else a "Chart" link in a context block. */
export function chartBlock(url: string, alt: string): Block {
  return reachable(url)
    ? { type: 'image', image_url: url, alt_text: clip(alt, 2000) }
    : context(link(url, 'Chart'));
}
