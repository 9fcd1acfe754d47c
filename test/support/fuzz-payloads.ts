import { createHmac, createSign, type KeyObject } from 'node:crypto';
import fc from 'fast-check';

/**
 * Generated requests for the fuzz test (test/bot/fuzz.e2e.test.ts): Bot Framework activities for
 * /api/messages and Slack payloads for /slack/events, well-formed and hostile. Everything here is
 * a pure function of the seed; what depends on the clock or on keys made at run time (Slack
 * signatures, JWTs) is described here and made when the request is sent.
 */

/** Stands for the recording connector's address in generated bodies; replaced when sent. */
export const CONNECTOR = 'http://connector.invalid';
/** A key a request may try to pollute Object.prototype with; it must never appear there. */
export const POLLUTION_KEY = 'fuzzPolluted';
/** The Slack signing secret the fuzzed bot is configured with. */
export const SLACK_SECRET = 'fuzz-signing-secret';
/** The app id of the Teams bot with authentication on. */
export const APP_ID = 'fuzz-app-id';

export type Target = 'teams' | 'teamsAuth' | 'slack';

/** How a Slack request is signed when it is sent; anything but `good` must be refused with 401. */
export type Signing =
  | 'good'
  | 'wrong-secret'
  | 'empty-secret'
  | 'stale'
  | 'future'
  | 'missing'
  | 'garbage'
  | 'wrong-version'
  | 'tampered'
  | 'bad-timestamp';

/** A JWT made when the request is sent (times are relative to then). */
export interface TokenSpec {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  /** Seconds from the time of sending; `null`: leave the claim out. */
  times: { exp: number | null; nbf: number | null; iat: number | null };
  /**
   * none: no signature; garbage: random bytes; hs256: HMAC with a random secret; confused: HMAC
   * keyed with the trusted public key's PEM (alg confusion); untrusted: RSA with a key nobody
   * published; trusted: RSA with the key the stub login service publishes (but claims that fail).
   */
  signer: 'none' | 'garbage' | 'hs256' | 'confused' | 'untrusted' | 'trusted';
  scheme: string;
}

export interface FuzzRequest {
  target: Target;
  /** A label for counts and failure messages ("teams/invoke", "slack/view_submission"). */
  kind: string;
  path: '/api/messages' | '/slack/events';
  /** Absent: sent without a content type. */
  contentType?: string;
  body: string;
  headers?: Record<string, string>;
  /** Slack only. */
  signing?: Signing;
  /** Slack `bad-timestamp`: the header's text. */
  timestamp?: string;
  /** Teams with authentication on: a literal Authorization header, a token made when sent, or none. */
  authorization?: string | TokenSpec;
}

// --- Shared pieces ---------------------------------------------------------------------------

/** Prototype-ish names a lookup table must not find. */
export const HOSTILE_NAMES = [
  'constructor',
  '__proto__',
  'hasOwnProperty',
  'valueOf',
  'toString',
  'toLocaleString',
  'isPrototypeOf',
  'propertyIsEnumerable',
  '__defineGetter__',
  '__lookupGetter__',
  'prototype',
  'then',
  '',
  ' ',
];

const FRAGMENTS = [
  'status of ED.1',
  'ED.1',
  'ed1',
  'status of CSY.4',
  'my targets',
  'help',
  'anything about recycling',
  'more: ',
  'update ED.1',
  "what's off track?",
  'BV 38 < 40',
  '<at>Golden Thread</at>',
  '<at>',
  '</at>',
  '<at id="0">',
  '<p>',
  '</p>',
  '<b>',
  '<br/>',
  '<div>',
  '<span class="inline-compose-card">',
  '<attachment id="1"></attachment>',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<!--',
  '-->',
  '<![CDATA[',
  '<?xml version="1.0"?>',
  '&nbsp;',
  '&amp;',
  '&lt;at&gt;',
  '&#x1F600;',
  '&#0;',
  '&#xD800;',
  '&#99999999;',
  '&',
  '&#',
  '**bold**',
  '_',
  '*',
  '`',
  '```',
  '~~',
  '> ',
  '# ',
  '[x](javascript:alert(1))',
  '![i](http://127.0.0.1:1/x.png)',
  '|',
  '\\',
  '<@U123>',
  '<@UBOT>',
  '<!channel>',
  '<!here>',
  '<#C1|general>',
  '<http://127.0.0.1:1|link>',
  '\u202e',
  '\u200b',
  '\u200d',
  '\ufeff',
  '\u0000',
  '\u0007',
  '\r\n',
  '\t',
  '\ud800',
  '\udfff',
  'Z\u0334\u0321\u031b\u0353\u0308',
  '🙂',
  '👨‍👩‍👧‍👦',
  '🇬🇧',
  'مرحبا',
  'שלום',
  '日本語',
  '𒐫',
  '${7*7}',
  '{{7*7}}',
  '%s%s%n',
  '../../etc/passwd',
  "' OR '1'='1",
  '{"$gt":""}',
  '$where',
  ...HOSTILE_NAMES,
  '.',
  '?',
  'ED',
  '.1',
  'ED.1.1.1.1',
  'ED.999999999999',
];

/** Repeated many times: the inputs that make a backtracking pattern or a quadratic loop slow. */
const REPEATED = [
  '<at>',
  '<',
  'a',
  'a ',
  ' ',
  '.',
  '&',
  '&#',
  '<p>',
  '</at>',
  '<at>a',
  '@',
  '*',
  '_',
  '`',
  '\u0301',
  '🙂',
  'ED.1 ',
  'status of ',
  '\\',
  '(',
  '[',
  '<@U1>',
  '\n',
  '<a ',
  '<at><at>',
];

/** Text as people (and attackers) type it. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 8 }).map((p) => p.join('')) },
  {
    weight: 2,
    arbitrary: fc
      .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 10 })), { maxLength: 10 })
      .map((p) => p.join(' ')),
  },
  { weight: 2, arbitrary: fc.string({ maxLength: 80 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 60 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom(...REPEATED),
        fc.integer({ min: 400, max: 40_000 }),
        fc.constantFrom('', '!', '</at>', '>', ';', 'x'),
      )
      .map(([s, n, tail]) => s.repeat(Math.ceil(n / s.length)).slice(0, n) + tail),
  },
);

/** Values of the wrong type where a string or an object is expected (NoSQL operators among them). */
const WEIRD: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  1e308,
  '',
  ' ',
  [],
  [null],
  [[]],
  {},
  { $ne: null },
  { $gt: '' },
  { $where: 'sleep(100)' },
  { $regex: '.*' },
  { $exists: true },
  ['a', 'b'],
  { id: { $ne: null } },
  { toString: 'x', valueOf: 1 },
  { length: 1e9 },
  'undefined',
  'null',
  '[object Object]',
];
export const weird: fc.Arbitrary<unknown> = fc.constantFrom(...WEIRD);
/** Anything that is not what the field should hold. */
export const odd: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: weird },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 1, arbitrary: hostileText },
);
/** Mostly a plausible value, sometimes `odd`. */
const mostly = <T>(arb: fc.Arbitrary<T>, rate = 8): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: rate, arbitrary: arb }, { weight: 1, arbitrary: odd });

const plainId = fc.stringMatching(/^[\w:.-]{1,24}$/);

/** JSON nested `depth` deep, as text (JSON.stringify of such a value would be recursive). */
const nested = (depth: number, open: '[' | '{"a":') =>
  open === '[' ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const deepJson = fc.tuple(
  fc.constantFrom(20, 500, 5_000, 50_000),
  fc.constantFrom<'[' | '{"a":'>('[', '{"a":'),
);

// --- Teams ---------------------------------------------------------------------------------

const SERVICE_URLS = [
  `${CONNECTOR}/`,
  `${CONNECTOR}/x/../`,
  `${CONNECTOR}?x=1#y`,
  'http://127.0.0.1:1/',
  'http://[::1]:1/',
  'http://user:pass@127.0.0.1:1/',
  `http://127.0.0.1:1/${'a'.repeat(3000)}`,
  'not a url',
  '',
  'javascript:alert(1)',
  'file:///etc/passwd',
  'ftp://127.0.0.1:1/',
  '//127.0.0.1:1',
];

const ACTIVITY_KEYS = [
  'type',
  'id',
  'text',
  'channelId',
  'serviceUrl',
  'from',
  'recipient',
  'conversation',
  'entities',
  'attachments',
  'channelData',
  'value',
  'name',
  'replyToId',
  'timestamp',
  'localTimestamp',
  'locale',
  'textFormat',
  'deliveryMode',
  'callerId',
  'relatesTo',
  'membersAdded',
  'membersRemoved',
  'tenant',
  'action',
  'label',
];

const teamsBase = fc
  .record({
    id: plainId,
    from: fc.constantFrom('29:ann', '29:staff', '29:fuzz-1', '29:fuzz-2', 'u'),
    name: fc.oneof({ weight: 4, arbitrary: fc.constantFrom('Fuzz Person', 'Ann Owner') }, hostileText),
    conversation: plainId,
    conversationType: fc.constantFrom('personal', 'groupChat', 'channel'),
    channelId: fc.oneof(
      { weight: 8, arbitrary: fc.constant('msteams') },
      fc.constantFrom('emulator', 'slack', ''),
    ),
  })
  .map((b) => ({
    type: 'message',
    id: b.id,
    channelId: b.channelId,
    serviceUrl: CONNECTOR,
    from: { id: b.from, name: b.name, aadObjectId: `aad-${b.from}` },
    recipient: { id: '28:bot', name: 'Golden Thread' },
    conversation: { id: `a:${b.conversation}`, conversationType: b.conversationType },
  }));

const mention = fc.record(
  {
    type: mostly(fc.constant('mention')),
    text: mostly(fc.constantFrom('<at>Golden Thread</at>', '<at>Someone</at>')),
    mentioned: mostly(
      fc.record({ id: mostly(fc.constantFrom('28:bot', '29:ann')), name: mostly(hostileText) }),
    ),
  },
  { requiredKeys: [] },
);
const entities = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.array(fc.oneof(mention, fc.constant({ type: 'clientInfo', locale: 'en-GB' })), {
      maxLength: 3,
    }),
  },
  { weight: 1, arbitrary: odd },
);
const attachments = fc.oneof(
  fc.constant([
    {
      contentType: 'application/vnd.microsoft.card.adaptive',
      content: { type: 'AdaptiveCard', version: '1.5', body: [] },
    },
  ]),
  fc.array(fc.record({ contentType: mostly(fc.constantFrom('text/html', 'image/png')), content: odd })),
  odd,
);

const teamsMessage = fc
  .tuple(
    teamsBase,
    fc.oneof({ weight: 9, arbitrary: hostileText }, { weight: 1, arbitrary: odd }),
    fc.option(entities, { freq: 4 }),
    fc.option(fc.constantFrom('plain', 'markdown', 'xml'), { freq: 3 }),
    fc.option(attachments, { freq: 8 }),
    fc.option(fc.constantFrom('expectReplies', 'normal', 'notification', 'stream'), { freq: 8 }),
  )
  .map(([base, text, ents, textFormat, atts, deliveryMode]) => ({
    ...base,
    text,
    ...(ents === null ? {} : { entities: ents }),
    ...(textFormat === null ? {} : { textFormat }),
    ...(atts === null ? {} : { attachments: atts }),
    ...(deliveryMode === null ? {} : { deliveryMode }),
  }));

/** A message with some fields replaced by the wrong type, some removed, the service URL odd. */
const teamsMutated = fc
  .tuple(
    teamsMessage,
    fc.dictionary(fc.constantFrom(...ACTIVITY_KEYS), odd, { minKeys: 1, maxKeys: 4 }),
    fc.subarray(ACTIVITY_KEYS, { maxLength: 3 }),
    fc.option(fc.oneof(fc.constantFrom(...SERVICE_URLS), odd), { freq: 3 }),
  )
  .map(([activity, over, drop, serviceUrl]) => {
    const mutated: Record<string, unknown> = { ...activity, ...over };
    for (const key of drop) delete mutated[key];
    if (serviceUrl !== null) mutated.serviceUrl = serviceUrl;
    return mutated;
  });

/**
 * A well-formed message, invoke or welcome whose only fault is where replies go: unreachable, not
 * http(s), or not a URL. (Mutated messages are mostly refused for their other faults first.)
 */
const teamsServiceUrl = fc
  .tuple(
    teamsBase,
    fc.constantFrom('status of ED.1', 'help', 'ed1', 'my targets'),
    fc.constantFrom('message', 'invoke', 'conversationUpdate'),
    fc.constantFrom(...SERVICE_URLS),
  )
  .map(([activity, text, type, serviceUrl]) => ({
    ...activity,
    type,
    text,
    serviceUrl,
    ...(type === 'invoke'
      ? { name: 'composeExtension/query', value: { parameters: [{ name: 'query', value: 'ed1' }] } }
      : {}),
    ...(type === 'conversationUpdate' ? { membersAdded: [{ id: '28:bot' }] } : {}),
  }));

export const TEAMS_VERBS = [
  'ask',
  'submitUpdate',
  'openUpdate',
  'answerConsultation',
  'rsvpWorkshop',
  'broadcastAction',
  'composeConsultation',
];
const DATA_KEYS = [
  'ask',
  'cycle',
  'target',
  'value',
  'asOf',
  'rag',
  'commentary',
  'evidence',
  'overrideReason',
  'consultation',
  'workshop',
  'answer',
  'broadcast',
  'do',
  'title',
  'summary',
  'link',
  'questions',
  'closes',
  'nudgeDays',
  'audience',
  'sendAt',
  ...HOSTILE_NAMES,
];
const PLAUSIBLE_DATA = [
  'status of ED.1',
  'help',
  'more: anything about recycling',
  'attend',
  'decline',
  'maybe',
  'approve',
  'cancel',
  'resend',
  'preview',
  'send',
  'GREEN',
  'RED',
  '2025-01-01',
  '0123456789abcdef01234567',
  'ED.1',
];
const cardData = fc.dictionary(
  fc.constantFrom(...DATA_KEYS),
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...PLAUSIBLE_DATA) },
    { weight: 2, arbitrary: hostileText },
    odd,
  ),
  { maxKeys: 6 },
);
const actionValue = fc.record(
  {
    action: mostly(
      fc.record(
        {
          type: mostly(fc.constant('Action.Execute'), 8),
          verb: fc.oneof(
            { weight: 4, arbitrary: fc.constantFrom(...TEAMS_VERBS) },
            { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_NAMES) },
            { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
            { weight: 1, arbitrary: odd },
          ),
          data: mostly(cardData),
        },
        { requiredKeys: ['type', 'verb'] },
      ),
      8,
    ),
    trigger: mostly(fc.constantFrom('manual', 'automatic')),
  },
  { requiredKeys: ['action'] },
);
const composeValue = fc.record(
  {
    commandId: mostly(fc.constantFrom('searchPlan', 'constructor', 'x')),
    parameters: mostly(
      fc.array(
        fc.record(
          { name: mostly(fc.constantFrom('query', 'initialRun', '__proto__')), value: mostly(hostileText) },
          { requiredKeys: [] },
        ),
        { maxLength: 3 },
      ),
    ),
    queryOptions: mostly(
      fc.record({
        skip: mostly(fc.integer({ min: -5, max: 1e9 })),
        count: mostly(fc.integer({ min: -5, max: 1e9 })),
      }),
    ),
  },
  { requiredKeys: [] },
);
const INVOKE_NAMES = [
  'adaptiveCard/action',
  'composeExtension/query',
  'composeExtension/submitAction',
  'composeExtension/fetchTask',
  'composeExtension/queryLink',
  'task/fetch',
  'task/submit',
  'signin/verifyState',
  'signin/tokenExchange',
  'fileConsent/invoke',
  'actionableMessage/executeAction',
  'healthCheck',
  'config/fetch',
  'ADAPTIVECARD/ACTION',
  'adaptiveCard/action ',
];
const teamsInvoke = fc
  .tuple(
    teamsBase,
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom('adaptiveCard/action', 'composeExtension/query') },
      { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_NAMES, ...INVOKE_NAMES) },
      { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
      { weight: 1, arbitrary: odd },
    ),
    fc.oneof(
      { weight: 4, arbitrary: actionValue },
      { weight: 2, arbitrary: composeValue },
      { weight: 2, arbitrary: odd },
      {
        weight: 1,
        arbitrary: deepJson.map(([n, open]) => JSON.parse(nested(Math.min(n, 2_000), open)) as unknown),
      },
    ),
    fc.option(fc.constantFrom('card-1', '', 'x'.repeat(500)), { freq: 2 }),
  )
  .map(([base, name, value, replyToId]) => ({
    ...base,
    type: 'invoke',
    name,
    value,
    ...(replyToId === null ? {} : { replyToId }),
  }));

const teamsConversationUpdate = fc
  .tuple(
    teamsBase,
    fc.oneof(
      fc.constant([{ id: '28:bot', name: 'Golden Thread' }]),
      fc.array(fc.record({ id: mostly(plainId), name: mostly(hostileText) }, { requiredKeys: [] }), {
        maxLength: 3,
      }),
      odd,
    ),
    fc.option(odd, { freq: 3 }),
  )
  .map(([base, membersAdded, membersRemoved]) => ({
    ...base,
    type: 'conversationUpdate',
    membersAdded,
    ...(membersRemoved === null ? {} : { membersRemoved }),
  }));

const teamsUnknownType = fc
  .tuple(
    teamsBase,
    fc.oneof(
      fc.constantFrom(
        'typing',
        'event',
        'messageReaction',
        'installationUpdate',
        'endOfConversation',
        'trace',
        'handoff',
        'command',
        'commandResult',
        'messageUpdate',
        'messageDelete',
        'suggestion',
        'delay',
        'invokeResponse',
        'Message',
        'MESSAGE',
        ' message',
        ...HOSTILE_NAMES,
      ),
      fc.string({ maxLength: 20 }),
    ),
    fc.option(hostileText),
    fc.option(odd),
  )
  .map(([base, type, text, value]) => ({
    ...base,
    type,
    ...(text === null ? {} : { text }),
    ...(value === null ? {} : { value }),
  }));

/** A well-formed message as text, for the malformed variants to start from. */
const MESSAGE = (fields = '') =>
  `{"type":"message","id":"m1","channelId":"msteams","serviceUrl":"${CONNECTOR}","from":{"id":"29:fuzz-1","name":"F"},"recipient":{"id":"28:bot"},"conversation":{"id":"a:fz"},"text":"help"${fields}}`;
const MALFORMED = [
  '{}',
  '{"type":null}',
  '{"type":""}',
  '{"type":{}}',
  '{"type":["message"]}',
  '{"type":1}',
  '{"type":"message"}',
  '{"type":"invoke"}',
  '{"type":"invoke","name":"constructor"}',
  '{"type":"invoke","name":"__proto__","value":{}}',
  '{"type":"conversationUpdate"}',
  '{"type":"conversationUpdate","membersAdded":[null]}',
  '[]',
  '[{"type":"message"}]',
  'null',
  '0',
  '"message"',
  'true',
  '{"type":"message","serviceUrl":{}}',
  '{"type":"message","serviceUrl":1}',
  '{"type":"message","serviceUrl":["http://127.0.0.1:1"]}',
  '{"type":"message","conversation":null}',
  '{"type":"message","conversation":{"id":{"$ne":null}}}',
  '{"type":"message","from":{"id":{"$gt":""}},"conversation":{"id":"x"}}',
  MESSAGE(',"serviceUrl":{"$ne":null}'),
  MESSAGE(',"conversation":{"id":{"$gt":""}}'),
  MESSAGE(',"from":{"id":{"$ne":null},"name":{"$gt":""}}'),
  MESSAGE(',"from":null'),
  MESSAGE(',"from":"29:x"'),
  MESSAGE(',"recipient":null'),
  MESSAGE(',"id":{"$ne":null}'),
  MESSAGE(',"text":{"$ne":null}'),
  MESSAGE(',"entities":{"length":1000000000}'),
  MESSAGE(',"attachments":{"length":1000000000}'),
  MESSAGE(',"timestamp":"not a date"'),
  MESSAGE(',"timestamp":{}'),
  MESSAGE(',"localTimestamp":-1e308'),
  MESSAGE(',"channelData":{"tenant":{"id":{"$ne":null}}}'),
  MESSAGE(`,"__proto__":{"${POLLUTION_KEY}":"yes","type":"invoke"}`),
  MESSAGE(`,"constructor":{"prototype":{"${POLLUTION_KEY}":"yes"}}`),
  MESSAGE(`,"channelData":{"__proto__":{"${POLLUTION_KEY}":"yes"}}`),
  `{"type":"invoke","name":"adaptiveCard/action","serviceUrl":"${CONNECTOR}","from":{"id":"29:fuzz-1"},"conversation":{"id":"a:fz"},"value":{"__proto__":{"${POLLUTION_KEY}":"yes"},"action":{"type":"Action.Execute","verb":"ask","data":{"__proto__":{"ask":"help"}}}}}`,
  `{"type":"invoke","name":"adaptiveCard/action","serviceUrl":"${CONNECTOR}","from":{"id":"29:fuzz-1"},"conversation":{"id":"a:fz"},"value":{"action":{"type":"Action.Execute","verb":"constructor","data":{}}}}`,
  `{"type":"invoke","name":"hasOwnProperty","serviceUrl":"${CONNECTOR}","from":{"id":"29:fuzz-1"},"conversation":{"id":"a:fz"},"value":{}}`,
];
const teamsMalformed = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...MALFORMED) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? 'null') },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.constantFrom('message', 'invoke', 'conversationUpdate'),
        fc.dictionary(fc.constantFrom(...ACTIVITY_KEYS), odd),
      )
      .map(([type, rest]) => JSON.stringify({ ...rest, type })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(deepJson, fc.boolean())
      .map(([[n, open], whole]) => (whole ? nested(n, open) : MESSAGE(`,"channelData":${nested(n, open)}`))),
  },
);

const FORM = 'application/x-www-form-urlencoded';
const WRONG_TYPES = [
  FORM,
  'text/plain',
  undefined,
  'multipart/form-data; boundary=xyz',
  'application/octet-stream',
  'application/xml',
  'application/json; charset=latin1',
  'APPLICATION/JSON',
  'application/merge-patch+json',
];
const FORM_BODIES = [
  `type=message&text=status+of+ED.1&serviceUrl=${encodeURIComponent(CONNECTOR)}&conversation[id]=a:f&from[id]=29:f&recipient[id]=28:bot&channelId=msteams`,
  'type=invoke&name=constructor&value=1',
  'type[]=message',
  'type[$ne]=null',
  `__proto__[${POLLUTION_KEY}]=yes&type=message`,
  `constructor[prototype][${POLLUTION_KEY}]=yes&type=message`,
  'a[b][c][d][e][f][g][h][i][j][k]=1',
  '&&&==&=',
];
/** Bodies with the wrong content type, and bodies that are not JSON at all. */
const teamsWrongBody: fc.Arbitrary<{ contentType: string | undefined; body: string }> = fc.oneof(
  fc
    .tuple(teamsMessage, fc.constantFrom(...WRONG_TYPES))
    .map(([activity, contentType]) => ({ contentType, body: JSON.stringify(activity) })),
  fc.constantFrom(...FORM_BODIES).map((body) => ({ contentType: FORM, body })),
  fc
    .tuple(teamsMessage, fc.nat(), fc.constantFrom('truncate', 'garble', 'append', 'bom', 'quotes'))
    .map(([activity, at, how]) => {
      const json = JSON.stringify(activity);
      const i = at % json.length;
      const body =
        how === 'truncate'
          ? json.slice(0, i)
          : how === 'garble'
            ? `${json.slice(0, i)}\u0000${json.slice(i + 1)}`
            : how === 'append'
              ? `${json}}garbage`
              : how === 'bom'
                ? `\ufeff${json}`
                : json.replaceAll('"', "'");
      return { contentType: 'application/json', body };
    }),
  fc
    .constantFrom(
      '',
      '{not json',
      'undefined',
      'NaN',
      '{"type":"message",}',
      '\u0000',
      ' ',
      '{"type":"message"'.repeat(1000),
    )
    .map((body) => ({ contentType: 'application/json', body })),
);

const json = (target: Target, kind: string) => (value: unknown) => ({
  target,
  kind,
  path: '/api/messages' as const,
  contentType: 'application/json',
  body: JSON.stringify(value),
});

/** Requests for the Teams endpoint in local mode (no MicrosoftAppId). */
export const teamsRequest: fc.Arbitrary<FuzzRequest> = fc.oneof(
  { weight: 35, arbitrary: teamsMessage.map(json('teams', 'teams/message')) },
  { weight: 13, arbitrary: teamsMutated.map(json('teams', 'teams/mutated-message')) },
  { weight: 2, arbitrary: teamsServiceUrl.map(json('teams', 'teams/service-url')) },
  { weight: 25, arbitrary: teamsInvoke.map(json('teams', 'teams/invoke')) },
  { weight: 5, arbitrary: teamsConversationUpdate.map(json('teams', 'teams/conversationUpdate')) },
  { weight: 5, arbitrary: teamsUnknownType.map(json('teams', 'teams/unknown-type')) },
  {
    weight: 8,
    arbitrary: teamsMalformed.map((body) => ({
      target: 'teams' as const,
      kind: 'teams/malformed',
      path: '/api/messages' as const,
      contentType: 'application/json',
      body,
    })),
  },
  {
    weight: 6,
    arbitrary: teamsWrongBody.map(({ contentType, body }) => ({
      target: 'teams' as const,
      kind: 'teams/wrong-body',
      path: '/api/messages' as const,
      ...(contentType === undefined ? {} : { contentType }),
      body,
    })),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(1_100_000, 900_000).map((n) => ({
      target: 'teams' as const,
      kind: 'teams/huge',
      path: '/api/messages' as const,
      contentType: 'application/json',
      body: MESSAGE(`,"value":"${'x'.repeat(n)}"`),
    })),
  },
);

// --- Teams with authentication on --------------------------------------------------------------

const printable = fc.string({
  unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)),
  maxLength: 60,
});
const base64 = fc.uint8Array({ minLength: 1, maxLength: 300 }).map((b) => Buffer.from(b).toString('base64'));
const LITERAL_AUTH = [
  '',
  'Bearer',
  'Bearer ',
  'Bearer x',
  'Bearer a.b.c',
  'Bearer ..',
  'Bearer null',
  'Bearer undefined',
  'Bearer {"$ne":null}',
  'Bearer eyJhbGciOiJub25lIn0.e30.',
  'Basic dXNlcjpwYXNz',
  'bearer x',
  'Bearer  x',
  'Bearer x y',
  `Bearer ${'a'.repeat(8000)}`,
  `Bearer ${'a.'.repeat(3000)}`,
];
const ISSUERS = [
  'https://api.botframework.com',
  'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/',
  'https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0',
  'https://evil.example/',
];
const claims = fc.record(
  {
    iss: mostly(fc.constantFrom(...ISSUERS), 8),
    aud: mostly(fc.constantFrom(APP_ID, 'https://api.botframework.com', 'someone-else'), 6),
    serviceurl: mostly(fc.constantFrom(CONNECTOR, 'http://127.0.0.1:1/'), 6),
    appid: mostly(fc.constantFrom(APP_ID, 'someone-else')),
    azp: mostly(fc.constantFrom(APP_ID, 'someone-else')),
    ver: mostly(fc.constantFrom('1.0', '2.0', '3.0')),
    tid: plainId,
  },
  { requiredKeys: ['iss', 'aud'] },
);
const offset = fc.option(fc.constantFrom(-86_400, -3_600, -30, 60, 3_600, 86_400 * 365));
export const tokenSpec: fc.Arbitrary<TokenSpec> = fc
  .record({
    alg: fc.oneof(
      { weight: 6, arbitrary: fc.constant('RS256') },
      { weight: 4, arbitrary: fc.constantFrom('none', 'HS256') },
      { weight: 1, arbitrary: fc.constantFrom('RS512', 'ES256', 'PS256', 'None', 'NONE', '') },
      { weight: 1, arbitrary: odd },
    ),
    // Mostly the id of the key the login service publishes, as a real forger would use.
    kid: fc.option(mostly(fc.constantFrom('fuzz-key', 'fuzz-key', 'unknown-key', '../../etc/passwd')), {
      freq: 8,
    }),
    claims,
    times: fc.record({ exp: offset, nbf: offset, iat: offset }),
    signer: fc.constantFrom<TokenSpec['signer']>(
      'none',
      'garbage',
      'hs256',
      'confused',
      'untrusted',
      'trusted',
    ),
    breaks: fc.constantFrom('expired', 'not yet valid', "someone else's"),
    scheme: fc.oneof(
      { weight: 8, arbitrary: fc.constant('Bearer') },
      fc.constantFrom('bearer', 'Basic', 'Token', 'Bearer '),
    ),
  })
  .map(({ alg, kid, claims, times, signer, breaks, scheme }) => {
    // A token signed with the trusted key is made invalid on purpose (whichever validation path
    // its claims take: channel, emulator or skill): expired, not yet valid, or for another app.
    const trusted = signer === 'trusted';
    return {
      header: { alg, typ: 'JWT', ...(kid === null ? {} : { kid }) },
      claims:
        trusted && breaks === "someone else's"
          ? { ...claims, aud: 'someone-else', appid: 'someone-else', azp: 'someone-else' }
          : claims,
      times: !trusted
        ? times
        : breaks === 'expired'
          ? { ...times, exp: -3_600 }
          : breaks === 'not yet valid'
            ? { ...times, nbf: 3_600 }
            : times,
      signer,
      scheme,
    };
  });

/** Requests for the Teams endpoint with authentication on, none with a valid token. */
export const teamsAuthRequest: fc.Arbitrary<FuzzRequest> = fc
  .tuple(
    fc.oneof(
      { weight: 6, arbitrary: teamsMessage.map((a) => ({ kind: 'message', body: JSON.stringify(a) })) },
      { weight: 2, arbitrary: teamsInvoke.map((a) => ({ kind: 'invoke', body: JSON.stringify(a) })) },
      { weight: 1, arbitrary: teamsMalformed.map((body) => ({ kind: 'malformed', body })) },
    ),
    fc.oneof(
      { weight: 1, arbitrary: fc.constant(undefined) },
      { weight: 2, arbitrary: fc.constantFrom(...LITERAL_AUTH) },
      { weight: 1, arbitrary: base64.map((b) => `Bearer ${b}`) },
      { weight: 1, arbitrary: printable.map((p) => `Bearer ${p}`) },
      { weight: 5, arbitrary: tokenSpec },
    ),
  )
  .map(([{ kind, body }, authorization]) => ({
    target: 'teamsAuth' as const,
    kind: `teamsAuth/${kind}/${authorization === undefined ? 'no-header' : typeof authorization === 'string' ? 'literal' : `jwt-${authorization.signer}`}`,
    path: '/api/messages' as const,
    contentType: 'application/json',
    body,
    ...(authorization === undefined ? {} : { authorization }),
  }));

const b64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

/** The Authorization header for a token spec, made now with the given keys. */
export function makeAuthorization(
  spec: TokenSpec,
  keys: { trusted: KeyObject; trustedPem: string; untrusted: KeyObject },
  connector: string,
  now = Math.floor(Date.now() / 1000),
): string {
  const claims: Record<string, unknown> = JSON.parse(
    JSON.stringify(spec.claims).replaceAll(CONNECTOR, connector),
  ) as Record<string, unknown>;
  for (const name of ['exp', 'nbf', 'iat'] as const) {
    const at = spec.times[name];
    if (at !== null) claims[name] = now + at;
  }
  const signingInput = `${b64url(JSON.stringify(spec.header))}.${b64url(JSON.stringify(claims))}`;
  const rsa = (key: KeyObject) =>
    createSign('RSA-SHA256').update(signingInput).sign(key).toString('base64url');
  const signature =
    spec.signer === 'none'
      ? ''
      : spec.signer === 'garbage'
        ? b64url('not a signature')
        : spec.signer === 'hs256'
          ? createHmac('sha256', 'a secret nobody shares').update(signingInput).digest('base64url')
          : spec.signer === 'confused'
            ? createHmac('sha256', keys.trustedPem).update(signingInput).digest('base64url')
            : rsa(spec.signer === 'trusted' ? keys.trusted : keys.untrusted);
  return `${spec.scheme} ${signingInput}.${signature}`;
}

// --- Slack ---------------------------------------------------------------------------------

const slackId = (prefix: string) =>
  mostly(
    fc.stringMatching(/^[A-Z0-9]{1,11}$/).map((s) => `${prefix}${s}`),
    12,
  );
const plainTs = fc.integer({ min: 1_600_000_000, max: 1_800_000_000 }).map((s) => `${s}.000100`);
const ts = mostly(plainTs);

/** A direct message or a mention as Slack sends it: only the text is hostile. */
const cleanEvent = fc
  .record({
    type: fc.constantFrom('message', 'app_mention'),
    team: fc.stringMatching(/^T[A-Z0-9]{1,10}$/),
    user: fc.stringMatching(/^U[A-Z0-9]{1,10}$/),
    channel: fc.stringMatching(/^D[A-Z0-9]{1,10}$/),
    // Slack's limit is 40,000 characters, the mention included.
    text: hostileText.map((t) => t.slice(0, 39_990)),
    ts: plainTs,
    id: plainId,
  })
  .map((e) =>
    JSON.stringify({
      token: 'verification-token',
      team_id: e.team,
      api_app_id: 'A1',
      type: 'event_callback',
      event_id: `Ev${e.id}`,
      event_time: 1_700_000_000,
      event: {
        type: e.type,
        user: e.user,
        text: e.type === 'app_mention' ? `<@UBOT> ${e.text}` : e.text,
        ts: e.ts,
        channel: e.channel,
        ...(e.type === 'message' ? { channel_type: 'im' } : {}),
      },
    }),
  );
const messageEvent = fc.record(
  {
    type: fc.constant('message'),
    channel_type: fc.oneof(
      { weight: 6, arbitrary: fc.constant('im') },
      { weight: 2, arbitrary: fc.constantFrom('channel', 'group', 'mpim', 'app_home') },
      { weight: 1, arbitrary: odd },
    ),
    channel: slackId('D'),
    user: slackId('U'),
    text: mostly(hostileText, 8),
    ts,
    subtype: fc.constantFrom(
      'bot_message',
      'message_changed',
      'message_deleted',
      'file_share',
      'thread_broadcast',
      'me_message',
      'constructor',
    ),
    bot_id: slackId('B'),
    thread_ts: ts,
    blocks: odd,
    files: odd,
    message: odd,
    edited: odd,
  },
  { requiredKeys: ['type', 'channel_type', 'channel', 'user', 'text', 'ts'] },
);
const mentionEvent = fc.record(
  {
    type: fc.constant('app_mention'),
    channel: slackId('C'),
    user: slackId('U'),
    text: mostly(
      hostileText.map((t) => `<@UBOT> ${t}`),
      8,
    ),
    ts,
    thread_ts: ts,
    blocks: odd,
  },
  { requiredKeys: ['type', 'channel', 'user', 'text', 'ts'] },
);
const otherEvent = fc
  .tuple(
    fc.oneof(
      fc.constantFrom(
        'reaction_added',
        'app_home_opened',
        'member_joined_channel',
        'app_uninstalled',
        'tokens_revoked',
        'team_join',
        'link_shared',
        'message.channels',
        'Message',
        ...HOSTILE_NAMES,
      ),
      fc.string({ maxLength: 20 }),
      odd,
    ),
    fc.dictionary(
      fc.constantFrom(
        'user',
        'channel',
        'item',
        'text',
        'tab',
        'links',
        'tokens',
        'subtype',
        ...HOSTILE_NAMES,
      ),
      odd,
    ),
  )
  .map(([type, rest]) => ({ ...rest, type }));
const eventCallback = (event: fc.Arbitrary<unknown>) =>
  fc
    .record(
      {
        token: mostly(fc.constant('verification-token')),
        team_id: slackId('T'),
        enterprise_id: slackId('E'),
        api_app_id: mostly(fc.constant('A1')),
        event: fc.oneof({ weight: 8, arbitrary: event }, { weight: 1, arbitrary: odd }),
        type: mostly(fc.constant('event_callback'), 12),
        event_id: mostly(plainId.map((s) => `Ev${s}`)),
        event_time: mostly(fc.nat()),
        authorizations: odd,
        is_ext_shared_channel: odd,
        is_enterprise_install: odd,
      },
      { requiredKeys: ['team_id', 'event', 'type', 'event_id'] },
    )
    .map((body) => JSON.stringify(body));

const ACTION_IDS = [
  'ask_0',
  'ask_12',
  'ask_',
  'open_link_3',
  'open_update',
  'open_update_2',
  'open_consultation',
  'open_compose',
  'rsvp_attend',
  'rsvp_decline',
  'rsvp_maybe',
  'broadcast_approve',
  'broadcast_cancel',
  'broadcast_resend',
];
const slackUser = mostly(
  fc.record(
    { id: slackId('U'), username: mostly(hostileText), name: mostly(hostileText), team_id: slackId('T') },
    { requiredKeys: ['id'] },
  ),
  6,
);
const slackTeam = fc.oneof(
  { weight: 5, arbitrary: fc.record({ id: slackId('T'), domain: mostly(plainId) }) },
  { weight: 1, arbitrary: odd },
);
const blockActions = fc.record(
  {
    type: fc.constant('block_actions'),
    user: slackUser,
    team: slackTeam,
    api_app_id: mostly(fc.constant('A1')),
    token: mostly(fc.constant('verification-token')),
    container: mostly(
      fc.record({ type: fc.constantFrom('message', 'view'), message_ts: ts, channel_id: slackId('D') }),
    ),
    trigger_id: mostly(plainId),
    channel: mostly(fc.record({ id: slackId('D'), name: mostly(plainId) })),
    message: mostly(fc.record({ ts, text: mostly(hostileText), blocks: odd }, { requiredKeys: ['ts'] })),
    response_url: mostly(fc.constantFrom('http://127.0.0.1:1/respond', `${CONNECTOR}/respond`)),
    actions: mostly(
      fc.array(
        fc.record(
          {
            type: mostly(fc.constantFrom('button', 'static_select', 'datepicker')),
            action_id: fc.oneof(
              { weight: 5, arbitrary: fc.constantFrom(...ACTION_IDS) },
              { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_NAMES) },
              { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
              { weight: 1, arbitrary: odd },
            ),
            block_id: mostly(plainId),
            value: fc.oneof(
              {
                weight: 3,
                arbitrary: fc.constantFrom(
                  ...PLAUSIBLE_DATA,
                  'a|b',
                  '0123456789abcdef01234567|ED.1',
                  '|',
                  '||||',
                ),
              },
              { weight: 3, arbitrary: hostileText },
              { weight: 1, arbitrary: odd },
            ),
            action_ts: ts,
            selected_option: odd,
          },
          { requiredKeys: ['action_id'] },
        ),
        { minLength: 1, maxLength: 3 },
      ),
      8,
    ),
    state: odd,
    view: odd,
  },
  { requiredKeys: ['type', 'user', 'actions'] },
);
const STATE_FIELDS = [
  'value',
  'asOf',
  'rag',
  'commentary',
  'evidence',
  'overrideReason',
  'title',
  'summary',
  'link',
  'questions',
  'closes',
  'nudgeDays',
  'audience',
  'sendAt',
  'mode',
  'q1',
  ...HOSTILE_NAMES,
];
const stateElement = fc.oneof(
  fc.record({ type: fc.constant('plain_text_input'), value: mostly(hostileText) }),
  fc.record({
    type: fc.constant('datepicker'),
    selected_date: mostly(fc.constantFrom('2025-01-01', '2025-13-45', '')),
  }),
  fc.record({
    type: fc.constant('static_select'),
    selected_option: mostly(fc.record({ value: mostly(hostileText) })),
  }),
  fc.record({ type: fc.constant('radio_buttons'), selected_option: odd }),
  odd,
);
const stateValues = mostly(
  fc.dictionary(
    fc.constantFrom(...STATE_FIELDS),
    mostly(fc.dictionary(fc.constantFrom(...STATE_FIELDS), stateElement, { maxKeys: 2 })),
    {
      maxKeys: 6,
    },
  ),
);
const viewSubmission = fc.record(
  {
    type: fc.constantFrom('view_submission', 'view_closed'),
    user: slackUser,
    team: slackTeam,
    api_app_id: mostly(fc.constant('A1')),
    token: mostly(fc.constant('verification-token')),
    trigger_id: mostly(plainId),
    is_cleared: odd,
    view: mostly(
      fc.record(
        {
          id: mostly(plainId),
          type: mostly(fc.constant('modal')),
          callback_id: fc.oneof(
            {
              weight: 5,
              arbitrary: fc.constantFrom('submit_update', 'answer_consultation', 'compose_consultation'),
            },
            { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_NAMES) },
            { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
            { weight: 1, arbitrary: odd },
          ),
          private_metadata: fc.oneof(
            {
              weight: 3,
              arbitrary: fc.constantFrom(
                'a|b',
                'x|y|D1|1.1',
                '|',
                '||||',
                '',
                '0123456789abcdef01234567|ED.1',
                '{}',
                '{"consultation":"x"}',
              ),
            },
            { weight: 2, arbitrary: hostileText },
            { weight: 1, arbitrary: odd },
          ),
          state: mostly(fc.record({ values: stateValues })),
          hash: mostly(plainId),
          team_id: slackId('T'),
          app_id: mostly(fc.constant('A1')),
          bot_id: slackId('B'),
        },
        { requiredKeys: ['callback_id', 'private_metadata', 'state'] },
      ),
      8,
    ),
    response_urls: odd,
  },
  { requiredKeys: ['type', 'user', 'view'] },
);
const otherInteraction = fc
  .tuple(
    fc.constantFrom(
      'shortcut',
      'message_action',
      'block_suggestion',
      'interactive_message',
      'dialog_submission',
      'workflow_step_edit',
      ...HOSTILE_NAMES,
    ),
    fc.dictionary(
      fc.constantFrom(
        'callback_id',
        'user',
        'team',
        'channel',
        'message',
        'action_id',
        'value',
        'trigger_id',
        'actions',
        'submission',
        ...HOSTILE_NAMES,
      ),
      odd,
    ),
  )
  .map(([type, rest]) => ({ ...rest, type }));
/** Interactivity as Slack sends it, only the button's id and value (or the form's input) hostile. */
const cleanBlockActions = fc
  .record({
    user: fc.stringMatching(/^U[A-Z0-9]{1,10}$/),
    team: fc.stringMatching(/^T[A-Z0-9]{1,10}$/),
    channel: fc.stringMatching(/^D[A-Z0-9]{1,10}$/),
    ts,
    action_id: fc.oneof(fc.constantFrom(...ACTION_IDS), fc.constantFrom(...HOSTILE_NAMES)),
    value: fc.oneof(
      fc.constantFrom(...PLAUSIBLE_DATA, 'a|b', '0123456789abcdef01234567|ED.1', '|'),
      hostileText.map((t) => t.slice(0, 2000)),
    ),
  })
  .map((b) => ({
    type: 'block_actions',
    user: { id: b.user, username: 'fuzz', team_id: b.team },
    team: { id: b.team, domain: 'fuzz' },
    api_app_id: 'A1',
    trigger_id: '1.2.3',
    container: { type: 'message', message_ts: b.ts, channel_id: b.channel },
    channel: { id: b.channel, name: 'directmessage' },
    message: { ts: b.ts, text: 'card' },
    response_url: 'http://127.0.0.1:1/respond',
    actions: [{ type: 'button', action_id: b.action_id, block_id: 'b1', value: b.value, action_ts: b.ts }],
  }));
const cleanViewSubmission = fc
  .record({
    user: fc.stringMatching(/^U[A-Z0-9]{1,10}$/),
    team: fc.stringMatching(/^T[A-Z0-9]{1,10}$/),
    callback_id: fc.oneof(
      fc.constantFrom('submit_update', 'answer_consultation', 'compose_consultation'),
      fc.constantFrom(...HOSTILE_NAMES),
    ),
    private_metadata: fc.oneof(
      fc.constantFrom('a|b', 'x|y|D1|1.1', '0123456789abcdef01234567|ED.1', '{"consultation":"x"}'),
      hostileText.map((t) => t.slice(0, 3000)),
    ),
    values: fc.dictionary(
      fc.constantFrom(...STATE_FIELDS),
      fc.record({ input: fc.record({ type: fc.constant('plain_text_input'), value: hostileText }) }),
      { maxKeys: 6 },
    ),
  })
  .map((b) => ({
    type: 'view_submission',
    user: { id: b.user, team_id: b.team },
    team: { id: b.team },
    api_app_id: 'A1',
    trigger_id: '1.2.3',
    // Each input block holds one element named like the block.
    view: {
      id: 'V1',
      type: 'modal',
      callback_id: b.callback_id,
      private_metadata: b.private_metadata,
      state: {
        values: Object.fromEntries(
          Object.entries(b.values).map(([field, { input }]) => [field, { [field]: input }]),
        ),
      },
    },
  }));
const asPayload = (payload: unknown) => new URLSearchParams({ payload: JSON.stringify(payload) }).toString();

const slashCommand = fc
  .record(
    {
      command: fc.oneof(
        { weight: 8, arbitrary: fc.constant('/plan') },
        {
          weight: 2,
          arbitrary: fc.constantFrom('/PLAN', '/plan ', 'plan', '', ...HOSTILE_NAMES.map((n) => `/${n}`)),
        },
        { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
      ),
      text: hostileText,
      user_id: fc.stringMatching(/^U[A-Z0-9]{1,10}$/),
      user_name: plainId,
      channel_id: fc.stringMatching(/^[CDG][A-Z0-9]{1,10}$/),
      channel_name: plainId,
      team_id: fc.stringMatching(/^T[A-Z0-9]{1,10}$/),
      team_domain: plainId,
      api_app_id: fc.constant('A1'),
      enterprise_id: plainId,
      is_enterprise_install: fc.constantFrom('true', 'false', 'x'),
      response_url: fc.constantFrom('http://127.0.0.1:1/respond', `${CONNECTOR}/respond`),
      trigger_id: plainId,
      token: fc.constant('verification-token'),
    },
    { requiredKeys: ['command', 'text', 'user_id', 'team_id', 'channel_id'] },
  )
  .chain((fields) =>
    fc
      .option(
        fc.constantFrom(
          `__proto__[${POLLUTION_KEY}]=yes`,
          '__proto__=x',
          'constructor=1',
          'text=second&text=third',
          'user_id[$ne]=1',
        ),
        {
          freq: 5,
        },
      )
      .map((extra) => [new URLSearchParams(fields).toString(), ...(extra === null ? [] : [extra])].join('&')),
  );

const urlVerification = fc
  .record(
    {
      type: fc.constant('url_verification'),
      challenge: mostly(fc.string({ maxLength: 80 })),
      token: mostly(fc.constant('t')),
    },
    { requiredKeys: ['type'] },
  )
  .map((b) => JSON.stringify(b));

const JSON_TYPE = 'application/json';
const slackGarbage: fc.Arbitrary<{ kind: string; contentType: string | undefined; body: string }> = fc.oneof(
  fc
    .jsonValue({ maxDepth: 4 })
    .map((v) => ({ kind: 'slack/random-json', contentType: JSON_TYPE, body: JSON.stringify(v) ?? 'null' })),
  fc.string({ maxLength: 200 }).map((body) => ({ kind: 'slack/random-form', contentType: FORM, body })),
  fc
    .constantFrom(
      '',
      '{not json',
      'null',
      '[]',
      '"x"',
      '1',
      '{"type":null}',
      '{"type":"event_callback"}',
      '{"type":"event_callback","event":null}',
      '{"type":"event_callback","event":{"type":"message"}}',
      '{"type":"block_actions"}',
      '{"type":"view_submission","view":null}',
      '{"__proto__":{"type":"url_verification"},"challenge":"x"}',
      `{"type":"event_callback","event":{"type":"message","channel_type":"im","__proto__":{"${POLLUTION_KEY}":"yes"}}}`,
    )
    .map((body) => ({ kind: 'slack/malformed-json', contentType: JSON_TYPE, body })),
  fc
    .constantFrom(
      'payload=',
      'payload={not json',
      'payload=null',
      'payload=[]',
      'payload="x"',
      'payload=1',
      'payload=%7B%7D',
      'ssl_check=1&token=x',
      'command=',
      '=',
      '&',
    )
    .map((body) => ({ kind: 'slack/malformed-form', contentType: FORM, body })),
  deepJson.map(([n, open]) => ({ kind: 'slack/deep-json', contentType: JSON_TYPE, body: nested(n, open) })),
  deepJson.map(([n, open]) => ({
    kind: 'slack/deep-payload',
    contentType: FORM,
    body: new URLSearchParams({
      payload: `{"type":"block_actions","user":{"id":"U1"},"actions":${nested(n, open)}}`,
    }).toString(),
  })),
);

type SlackBody = { kind: string; contentType: string | undefined; body: string };
/** `weight` parts of JSON bodies (events, the URL check) of one kind. */
const asJson = (weight: number, kind: string, bodies: fc.Arbitrary<string>) => ({
  weight,
  arbitrary: bodies.map((body): SlackBody => ({ kind, contentType: JSON_TYPE, body })),
});
/** `weight` parts of interaction payloads, form-encoded as Slack posts them; `kind` may depend on one. */
const asForm = <P extends { type?: unknown }>(
  weight: number,
  kind: string | ((p: P) => string),
  payloads: fc.Arbitrary<P>,
) => ({
  weight,
  arbitrary: payloads.map((p): SlackBody => ({
    kind: typeof kind === 'string' ? kind : kind(p),
    contentType: FORM,
    body: asPayload(p),
  })),
});

const slackBody: fc.Arbitrary<SlackBody> = fc.oneof(
  asJson(12, 'slack/event-clean', cleanEvent),
  asJson(16, 'slack/event-message', eventCallback(messageEvent)),
  asJson(7, 'slack/event-app_mention', eventCallback(mentionEvent)),
  asJson(7, 'slack/event-other', eventCallback(otherEvent)),
  asForm(6, 'slack/block_actions', cleanBlockActions),
  asForm(4, 'slack/view_submission', cleanViewSubmission),
  asForm(9, 'slack/block_actions', blockActions),
  asForm(6, (p) => `slack/${String(p.type)}`, viewSubmission),
  asForm(3, 'slack/other-interaction', otherInteraction),
  {
    weight: 12,
    arbitrary: slashCommand.map((body): SlackBody => ({ kind: 'slack/command', contentType: FORM, body })),
  },
  asJson(3, 'slack/url_verification', urlVerification),
  { weight: 6, arbitrary: slackGarbage },
);
const contentTypeSwap = fc.oneof(
  { weight: 12, arbitrary: fc.constant(null) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<string | undefined>(
      JSON_TYPE,
      FORM,
      'text/plain',
      undefined,
      'application/json; charset=utf-8',
      'multipart/form-data',
    ),
  },
);
const signing = fc.oneof(
  { weight: 17, arbitrary: fc.constant<Signing>('good') },
  {
    weight: 2,
    arbitrary: fc.constantFrom<Signing>(
      'wrong-secret',
      'empty-secret',
      'stale',
      'future',
      'missing',
      'garbage',
      'wrong-version',
      'tampered',
      'bad-timestamp',
    ),
  },
);

/** Requests for /slack/events: signed, mostly correctly. */
export const slackRequest: fc.Arbitrary<FuzzRequest> = fc
  .tuple(
    slackBody,
    contentTypeSwap,
    signing,
    fc.constantFrom('abc', '', 'NaN', '0', '-1', '1e10', 'now.0', ' now', '0xnow'),
    fc.option(fc.constantFrom('1', '2', 'x'), { freq: 15 }),
  )
  .map(([{ kind, contentType, body }, swapped, sign, timestamp, retry]) => {
    const type = swapped === null ? contentType : swapped;
    return {
      target: 'slack' as const,
      kind: sign === 'good' ? kind : `slack/signature-${sign}`,
      path: '/slack/events' as const,
      ...(type === undefined ? {} : { contentType: type }),
      body,
      signing: sign,
      ...(sign === 'bad-timestamp' ? { timestamp } : {}),
      ...(retry === null
        ? {}
        : { headers: { 'x-slack-retry-num': retry, 'x-slack-retry-reason': 'http_timeout' } }),
    };
  });

/** The Slack signature headers for a request, made now. */
export function slackSignature(
  request: FuzzRequest,
  body: string,
  now = Math.floor(Date.now() / 1000),
): Record<string, string> {
  const sign = (secret: string, at: string, text = body, version = 'v0') =>
    `${version}=${createHmac('sha256', secret).update(`v0:${at}:${text}`).digest('hex')}`;
  const at = String(now);
  const headers = (timestamp: string, signature: string) => ({
    'x-slack-request-timestamp': timestamp,
    'x-slack-signature': signature,
  });
  switch (request.signing ?? 'good') {
    case 'good':
      return headers(at, sign(SLACK_SECRET, at));
    case 'wrong-secret':
      return headers(at, sign('not-the-secret', at));
    case 'empty-secret':
      return headers(at, sign('', at));
    case 'stale':
      return headers(String(now - 301), sign(SLACK_SECRET, String(now - 301)));
    case 'future':
      // An hour ahead, not just past the 5-minute window: the requests are made before they are
      // sent, and a busy machine takes longer than a second to send them all.
      return headers(String(now + 3600), sign(SLACK_SECRET, String(now + 3600)));
    case 'missing':
      return {};
    case 'garbage':
      return headers(at, 'v0=abc');
    case 'wrong-version':
      return headers(at, sign(SLACK_SECRET, at, body, 'v1'));
    case 'tampered':
      return headers(at, sign(SLACK_SECRET, at, `${body} `));
    case 'bad-timestamp': {
      const raw = (request.timestamp ?? 'abc').replace('0xnow', `0x${now.toString(16)}`).replace('now', at);
      return headers(raw, sign(SLACK_SECRET, raw));
    }
  }
}

/** Every request of a run, from the seed. */
export function generateRequests(seed: number, counts: { teams: number; teamsAuth: number; slack: number }) {
  return {
    teams: fc.sample(teamsRequest, { seed, numRuns: counts.teams }),
    teamsAuth: fc.sample(teamsAuthRequest, { seed: seed + 1, numRuns: counts.teamsAuth }),
    slack: fc.sample(slackRequest, { seed: seed + 2, numRuns: counts.slack }),
  };
}
