// The built-in events of the language, with their attributes: the one table that the filter
// checker (filters.ts), the `emit` step's reserved names (compile/request.ts), the schema's
// description, and the editor's completion and hover inside tracker filters all read. A new
// event or attribute is added here and nowhere else. (The runner emits these events in
// engine/runner/virtualUser.ts and engine/runner/index.ts.)

export interface EventAttribute {
  /** The attribute as written in a filter; a trailing `.` is a prefix (`json.<path>`). */
  name: string;
  doc: string;
  /** Snippet to insert (prefix attributes). */
  snippet?: string;
  /** The values it may take, when they are a fixed set. */
  values?: readonly string[];
}

export interface BuiltinEvent {
  name: string;
  doc: string;
  attributes: readonly EventAttribute[];
}

const ok: EventAttribute = {
  name: 'ok',
  doc: '`true` when it passed its checks.',
  values: ['true', 'false'],
};
const user: EventAttribute = { name: 'user', doc: 'The user kind (`name:` of the user).' };
const task: EventAttribute = { name: 'task', doc: 'The task the iteration runs (`name:` of the task).' };

/** The type of events from outside (`events:` listeners on the master): `event[name="order done", ...]`. */
export const EXTERNAL_EVENT = 'event';

/** The listener kinds of `events:`, with what each receives (the schema and hover read this). */
export const LISTENER_KINDS = [
  { kind: 'webhook', doc: 'HTTP POST requests with a JSON body, on the master at `port` and `path`.' },
  { kind: 'udp', doc: 'UDP datagrams on the master at `port`, each one JSON object.' },
  {
    kind: 'sse',
    doc: "A server-sent events stream the master reads from `url`; each event's `data` is one JSON object.",
  },
] as const;
export type ListenerKind = (typeof LISTENER_KINDS)[number]['kind'];

export const BUILTIN_EVENT_TABLE: readonly BuiltinEvent[] = [
  {
    name: 'request',
    doc: 'Every HTTP response (or failure).',
    attributes: [
      { name: 'name', doc: 'The request name (`name:` of the step, or its URL).' },
      { name: 'method', doc: 'The HTTP method, e.g. `GET`.' },
      { name: 'url', doc: 'The URL as sent.' },
      { name: 'status', doc: 'The HTTP status code.' },
      { ...ok, doc: '`true` when the request passed its checks.' },
      { name: 'duration', doc: 'The response time in milliseconds.' },
      {
        name: 'json.',
        doc: 'A value in the JSON response body at a dotted path.',
        snippet: 'json.${1:path}',
      },
      { name: 'header.', doc: 'A response header.', snippet: 'header.${1:name}' },
    ],
  },
  {
    name: 'iteration.start',
    doc: 'A virtual user starts an iteration (one task).',
    attributes: [user, task],
  },
  {
    name: 'iteration.end',
    doc: 'A virtual user finishes an iteration.',
    attributes: [user, task, { ...ok, doc: '`true` when every step of the iteration passed.' }],
  },
  {
    name: EXTERNAL_EVENT,
    doc: 'An event from the system under test, received by a listener under `events:` (webhook, udp, sse) on the master. Only a tracker\'s `end` can use it; a condition value may read what the start request captured (`json.orderId="{{ orderId }}"`).',
    attributes: [
      { name: 'name', doc: 'The listener that received it (`name:` of an entry under `events:`).' },
      {
        name: 'json.',
        doc: "A value in the event's JSON body at a dotted path.",
        snippet: 'json.${1:path}',
      },
    ],
  },
  {
    name: 'stage',
    doc: 'The load moves to a new stage.',
    attributes: [
      { name: 'stage', doc: 'The stage index, from 0.' },
      { name: 'users', doc: "This worker's users in the stage." },
    ],
  },
];

/** The built-in event names, in table order. */
export const BUILTIN_EVENTS: readonly string[] = BUILTIN_EVENT_TABLE.map((e) => e.name);

export function builtinEvent(name: string): BuiltinEvent | undefined {
  return BUILTIN_EVENT_TABLE.find((e) => e.name === name);
}

/** "`request`, `iteration.start`, `iteration.end`, `stage`" for messages and docs. */
export const BUILTIN_EVENTS_IN_WORDS = BUILTIN_EVENTS.map((n) => `\`${n}\``).join(', ');
