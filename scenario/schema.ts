// The one JSON Schema of the scenario language: keys, types and the documentation the language
// server shows on hover and completion (and VS Code's YAML extension through `yamlValidation`).
// Value formats (durations, think times, templates, filters, thresholds) carry a `pattern` for
// other editors, but scenario/ checks them itself to give exact positions and better messages.
import { DURATION_SOURCE, THINK_SOURCE } from './durations';
import { BUILTIN_EVENTS_IN_WORDS, LISTENER_KINDS } from './events';

const duration = (description: string, examples: string[]) => ({
  type: 'string',
  pattern: `^${DURATION_SOURCE}$`,
  description: `${description} A duration: \`250ms\`, \`10s\`, \`2m\`, \`1h\`, or a combination such as \`1m30s\`.`,
  examples,
});

const templateString = (description: string, examples: string[]) => ({
  type: 'string',
  description: `${description} May contain \`{{ name }}\` templates (variables, and captures of earlier steps).`,
  examples,
});

const stringMap = (description: string, examples: Array<Record<string, string>>) => ({
  type: 'object',
  description,
  additionalProperties: {
    type: ['string', 'number', 'boolean'],
    description: 'A value; may contain `{{ name }}` templates.',
  },
  examples,
});

const responseCheck = {
  type: 'object',
  description:
    'Assertions on the response; a failed one makes the request a failure with the reason. `status: 200` or `status: [200, 201]`, `json.<path>: value`, `header.<name>: value` (a value starting with `~` is a regular expression), `body: text` (the body contains the text).',
  markdownDescription:
    'Assertions on the response. A failed check counts the request as a failure, with the reason.\n\n```yaml\ncheck:\n  status: [200, 201]\n  json.state: done\n  header.content-type: ~json\n  body: "ok"\n```\nA value starting with `~` is a regular expression.',
  properties: {
    status: {
      description: 'The expected HTTP status, or a list of accepted ones.',
      anyOf: [
        { type: 'integer', minimum: 100, maximum: 599 },
        { type: 'array', items: { type: 'integer', minimum: 100, maximum: 599 }, minItems: 1 },
      ],
      examples: [200, [200, 201]],
    },
    body: { type: 'string', description: 'Text the response body must contain.', examples: ['"ok"'] },
  },
  patternProperties: {
    '^json\\.': {
      description:
        'A value in the JSON body at a dotted path (`json.items.0.id`): equal to the given value, or matching a regular expression written `~pattern`.',
      type: ['string', 'number', 'boolean', 'null'],
    },
    '^header\\.': {
      description:
        'A response header (name case-insensitive): equal to the given value, or matching `~pattern`.',
      type: ['string', 'number', 'boolean'],
    },
  },
  additionalProperties: false,
  examples: [{ status: 200 }, { status: [200, 201], 'json.state': 'done' }],
};

const auth = {
  type: 'object',
  description:
    'Sends an `Authorization` header: `basic: { user, password }` (Basic, base64 of `user:password`) or `bearer: token` (`Bearer token`). Values may hold templates, e.g. `{{ env.API_TOKEN }}`.',
  markdownDescription:
    'Sends an `Authorization` header.\n\n```yaml\nauth: { bearer: "{{ env.API_TOKEN }}" }\nauth:\n  basic: { user: admin, password: "{{ env.PASSWORD }}" }\n```\nOn a request, or in `defaults:` for every request without its own.',
  properties: {
    basic: {
      type: 'object',
      description: 'HTTP Basic authentication: `Authorization: Basic base64(user:password)`.',
      properties: {
        user: { type: ['string', 'number'], description: 'The user name; may hold templates.' },
        password: {
          type: ['string', 'number'],
          description:
            'The password; may hold templates. Keep it out of the file: `{{ env.PASSWORD }}` with `secrets: [PASSWORD]`.',
        },
      },
      required: ['user', 'password'],
      additionalProperties: false,
    },
    bearer: {
      type: 'string',
      description:
        'A bearer token: `Authorization: Bearer <token>`; may hold templates such as `{{ env.API_TOKEN }}`.',
      examples: ['{{ env.API_TOKEN }}'],
    },
  },
  additionalProperties: false,
  examples: [{ bearer: '{{ env.API_TOKEN }}' }],
};

const methodKey = (method: string) => ({
  type: 'string',
  description: `Sends an HTTP ${method} to this path (relative to \`target\`) or absolute http(s) URL. May contain \`{{ name }}\` templates.`,
  examples: ['/products', '/cart/{{ cartId }}'],
});

/** Keys of one HTTP request; tasks, steps and loops accept them inline. */
export const requestProperties = {
  get: methodKey('GET'),
  post: methodKey('POST'),
  put: methodKey('PUT'),
  patch: methodKey('PATCH'),
  delete: methodKey('DELETE'),
  head: methodKey('HEAD'),
  name: {
    type: 'string',
    description:
      'The name of this request in the stats, in tracker filters (`request[name="..."]`) and in thresholds (`p95[name] < 300ms`). Default: the URL as written, e.g. `/products`.',
    examples: ['add to cart'],
  },
  headers: stringMap('Request headers, added to (and overriding) `defaults.headers`.', [
    { Authorization: 'Bearer {{ token }}' },
  ]),
  query: stringMap('Query parameters appended to the URL (values are URL-encoded).', [
    { page: '2', sku: '{{ sku }}' },
  ]),
  json: {
    description:
      'A JSON request body (sets `Content-Type: application/json`). Strings may contain `{{ name }}` templates.',
    examples: [{ sku: '{{ sku }}', quantity: 1 }],
  },
  body: templateString('A text request body (use `json` for JSON).', ['hello']),
  form: {
    type: 'object',
    description:
      'A form body (`application/x-www-form-urlencoded`), as an HTML form sends it. Values may hold templates; a list repeats the key.',
    markdownDescription:
      'A form body, sent as `application/x-www-form-urlencoded`.\n\n```yaml\nform:\n  user: "{{ env.USER }}"\n  password: "{{ env.PASSWORD }}"\n  remember: true\n```\nA list value repeats the key (`tag=a&tag=b`).',
    additionalProperties: {
      anyOf: [
        { type: ['string', 'number', 'boolean'] },
        { type: 'array', items: { type: ['string', 'number', 'boolean'] } },
      ],
    },
    examples: [{ user: '{{ env.USER }}', remember: true }],
  },
  multipart: {
    type: 'object',
    description:
      'A `multipart/form-data` body: text fields (`name: value`) and files (`avatar: { file: data/a.png, contentType: image/png }`). File paths are relative to the scenario and must stay in its folder.',
    markdownDescription:
      'A `multipart/form-data` body (file uploads).\n\n```yaml\nmultipart:\n  title: holiday\n  avatar: { file: data/a.png, contentType: image/png }\n```\nFile paths are relative to the scenario file and must stay inside its folder; the master reads them and sends them to every worker.',
    additionalProperties: {
      anyOf: [
        { type: ['string', 'number', 'boolean'] },
        {
          type: 'object',
          properties: {
            file: {
              type: 'string',
              description: "A file to upload, relative to the scenario's folder (and inside it).",
              examples: ['data/avatar.png'],
            },
            contentType: {
              type: 'string',
              description:
                "The part's Content-Type. Default: from the file's extension, else `application/octet-stream`.",
              examples: ['image/png'],
            },
            filename: {
              type: 'string',
              description: "The file name the server sees. Default: the file's own name.",
            },
          },
          required: ['file'],
          additionalProperties: false,
        },
      ],
    },
    examples: [{ title: 'holiday', avatar: { file: 'data/a.png', contentType: 'image/png' } }],
  },
  auth,
  capture: {
    type: 'object',
    description:
      'Values to keep from the response for later steps, read as `{{ name }}`: `json.<path>` (dotted path in the JSON body), `header.<name>`, `regex(<pattern>)` (the first group, or the whole match), `status` or `body`.',
    markdownDescription:
      'Values to keep from the response, read by later steps as `{{ name }}`.\n\n```yaml\ncapture:\n  cartId: json.id\n  session: header.set-cookie\n  token: regex(token=(\\w+))\n```',
    additionalProperties: {
      type: 'string',
      description: '`json.<path>`, `header.<name>`, `regex(<pattern>)`, `status` or `body`.',
      examples: ['json.id', 'header.location', 'regex(id=(\\d+))'],
    },
    examples: [{ cartId: 'json.id' }],
  },
  check: responseCheck,
  timeout: duration(
    'How long to wait for the whole response before counting a timeout failure. Default: `defaults.timeout` (10s).',
    ['5s'],
  ),
  repeat: {
    type: 'object',
    description:
      'Polling: send this request again every `every` until the `until` check holds; a step that runs out of tries (`max`) is a failure with that reason. Every try is a `request` event.',
    markdownDescription:
      'Polling: repeat the request until a check holds.\n\n```yaml\nrepeat:\n  until: { json.state: done }\n  every: 50ms\n  max: 100\n```',
    properties: {
      until: {
        ...responseCheck,
        description: `The check that ends the polling (same form as \`check\`). ${responseCheck.description}`,
      },
      every: duration('Time between the start of one try and the next. Default: 1s.', ['50ms', '1s']),
      max: {
        type: 'integer',
        minimum: 1,
        description: 'The most tries before the step fails. Default: 10.',
        examples: [10],
      },
    },
    required: ['until'],
    additionalProperties: false,
  },
} as const;

const emitProperties = {
  emit: {
    type: 'string',
    pattern: '^[A-Za-z_][A-Za-z0-9_.-]*$',
    description:
      'Emits a custom event with this name for duration trackers (`trackers[].start`/`end` can filter on it).',
    examples: ['order.placed'],
  },
  attributes: stringMap(
    'Attributes of the emitted event, readable in tracker filters (`order.placed[id="{{ id }}"]`).',
    [{ orderId: '{{ orderId }}' }],
  ),
};

const thinkStepProperties = {
  think: {
    type: 'string',
    pattern: `^${THINK_SOURCE}$`,
    description:
      "A pause step between two other steps: `1.5s` (constant) or `between(1s, 3s)` (uniform random). Unlike the user kind's `think`, which pauses after each iteration, this pauses here, inside the sequence (a recorded journey's think times).",
    examples: ['1.5s', 'between(1s, 3s)'],
  },
};

const step = {
  type: 'object',
  description:
    'One step: an HTTP request (`get: /path`, ...), `emit: eventName`, or a pause (`think: 2s`). Steps run in order; captures feed later steps.',
  properties: { ...requestProperties, ...emitProperties, ...thinkStepProperties },
  additionalProperties: false,
};

const steps = {
  type: 'array',
  description: 'Steps run in order in one iteration; a capture is readable from the step after it on.',
  items: step,
  minItems: 1,
};

const task = {
  type: 'object',
  description:
    'A task: one request written inline (`get: /products`) or a sequence of `steps`. Each iteration runs one task, picked by weight.',
  properties: {
    ...requestProperties,
    name: {
      type: 'string',
      description:
        'The task name. Default: the request name, or `task N`. For an inline request it also names the request.',
      examples: ['browse'],
    },
    weight: {
      type: 'number',
      exclusiveMinimum: 0,
      description: 'How often this task is picked relative to the others. Default: 1.',
      examples: [5],
    },
    steps,
  },
  additionalProperties: false,
};

const loop = {
  type: 'object',
  description:
    "A loop that runs concurrently with the user's tasks and other loops, once every `every`: one inline request or `steps`.",
  properties: {
    ...requestProperties,
    every: duration(
      'The period of the loop: a new round starts this often (or as soon as the previous one ends, if it is late).',
      ['5s'],
    ),
    steps,
  },
  required: ['every'],
  additionalProperties: false,
};

const userKind = {
  type: 'object',
  description: 'A kind of virtual user (like a Locust User class), picked by weight when a user starts.',
  properties: {
    name: { type: 'string', description: 'The user kind name. Default: `user N`.', examples: ['shopper'] },
    weight: {
      type: 'number',
      exclusiveMinimum: 0,
      description: 'How many users of this kind relative to the other kinds. Default: 1.',
      examples: [3],
    },
    think: {
      type: 'string',
      pattern: `^${THINK_SOURCE}$`,
      description:
        'The pause after each iteration: `2s` (constant), `between(1s, 3s)` (uniform random), `pacing(5s)` (a fixed iteration period: the pause is what remains of 5 s) or `none`. Default: none.',
      examples: ['between(1s, 3s)', '2s', 'pacing(5s)'],
    },
    tasks: {
      type: 'array',
      description: 'Tasks of this user; each iteration runs one, picked by weight.',
      items: task,
      minItems: 1,
    },
    loops: {
      type: 'array',
      description: 'Loops that run concurrently inside each user of this kind, each at its own period.',
      items: loop,
      minItems: 1,
    },
    start: {
      ...steps,
      description:
        "Steps run once when a user of this kind starts, before its first iteration (log in). Their captures are readable in every task, loop and `stop` step for the user's whole life. Their requests count in the stats.",
    },
    stop: {
      ...steps,
      description:
        'Steps run once when a user of this kind stops, after its last iteration (log out). Their requests count in the stats.',
    },
  },
  additionalProperties: false,
};

const closedStage = {
  type: 'object',
  description: 'One stage: `duration`, and `users` (closed model) or `arrivalRate` (open model).',
  properties: {
    duration: duration('How long this stage lasts.', ['30s', '1m']),
    users: {
      type: 'integer',
      minimum: 0,
      description: 'Virtual users during this stage (closed model).',
      examples: [20],
    },
    spawnRate: {
      type: 'number',
      exclusiveMinimum: 0,
      description:
        'Users started (or stopped) per second when moving to this stage. Default: `load.spawnRate`, else the whole change within 1 s.',
      examples: [10],
    },
    arrivalRate: {
      type: 'number',
      minimum: 0,
      description: 'Iterations started per second during this stage (open model).',
      examples: [50],
    },
  },
  required: ['duration'],
  additionalProperties: false,
};

const load = {
  type: 'object',
  description:
    'How much load: a closed model (`users`, `spawnRate`, `duration`), `stages`, or an open model (`arrivalRate`, `duration`, `maxUsers`).',
  markdownDescription:
    'How much load.\n\nClosed model (virtual users loop):\n```yaml\nload: { users: 100, spawnRate: 20, duration: 2m }\n```\nStages:\n```yaml\nload:\n  stages:\n    - { duration: 30s, users: 20 }\n    - { duration: 1m, users: 100 }\n```\nOpen model (iterations per second, independent of responses):\n```yaml\nload: { arrivalRate: 50, duration: 1m, maxUsers: 500 }\n```',
  properties: {
    users: {
      type: 'integer',
      minimum: 0,
      description: 'Virtual users (closed model): each loops over its tasks.',
      examples: [100],
    },
    spawnRate: {
      type: 'number',
      exclusiveMinimum: 0,
      description: 'Users started per second. Default: all users within 1 s (spawnRate = users).',
      examples: [20],
    },
    duration: duration('How long the run lasts (without `stages`).', ['2m', '30s']),
    gracefulStop: duration(
      'When the run ends or is stopped, how long requests in flight may still finish; then they are cancelled and counted as cancelled at stop (not failures). Default 10s.',
      ['5s', '0s'],
    ),
    arrivalRate: {
      type: 'number',
      exclusiveMinimum: 0,
      description:
        'Open model: iterations started per second, whether or not earlier ones have finished. Iterations that find no free user are dropped and counted.',
      examples: [50],
    },
    maxUsers: {
      type: 'integer',
      minimum: 1,
      description:
        'Open model: the most concurrent users (each with its connection). Default: 10 × the highest arrival rate, at least 100, at most 10,000. An arrival that finds every user busy is dropped and counted; the summary says when to raise this.',
      examples: [500],
    },
    stages: {
      type: 'array',
      description: 'Stages run in order; each changes the users (or arrival rate) live.',
      items: closedStage,
      minItems: 1,
    },
  },
  additionalProperties: false,
};

const filterString = (which: string) => ({
  type: 'string',
  description: `The ${which} event filter: \`eventType[attr op value, ...]:selector\`. Event types: ${BUILTIN_EVENTS_IN_WORDS}, or a name from an \`emit\` step. Ops: \`=\`, \`!=\`, \`~=\` (regex), \`<\`, \`>\`. Selectors: \`:first\`, \`:last\`, \`:nth(n)\`.`,
  examples: ['request[name="submit job"]', 'request[name="job status", json.state="done"]:first'],
});

const tracker = {
  type: 'object',
  description:
    'A duration tracker: the time from a `start` event to the matching `end` event (paired by iteration, then user, then stage).',
  properties: {
    metric: {
      type: 'string',
      description: 'The name of the measured duration in results.',
      examples: ['job latency'],
    },
    start: filterString('start'),
    end: filterString('end'),
    timeout: duration(
      'For an `end` that is an `event[...]` from outside: a start with no matching event after this long is counted as timed out. Default `60s`.',
      ['30s'],
    ),
  },
  required: ['metric', 'start', 'end'],
  additionalProperties: false,
};

const listenerKindDoc = (kind: string): string => LISTENER_KINDS.find((k) => k.kind === kind)?.doc ?? '';
const port = {
  type: 'integer',
  minimum: 1,
  maximum: 65535,
  description: 'The port the master listens on (the system under test must reach it).',
  examples: [8089],
};
const listenHost = {
  type: 'string',
  description:
    'The address to listen on. Default `127.0.0.1` (this machine only); `0.0.0.0` accepts events from other machines.',
  examples: ['127.0.0.1', '0.0.0.0'],
};
const eventListener = {
  type: 'object',
  description:
    'A listener for events from the system under test, run by the master for the whole run. A tracker\'s `end: event[name="...", ...]` pairs them with starts.',
  properties: {
    name: {
      type: 'string',
      description: 'The name trackers use: `event[name="order done", ...]`.',
      examples: ['order done'],
    },
    webhook: {
      type: 'object',
      description: listenerKindDoc('webhook'),
      properties: {
        port,
        path: {
          type: 'string',
          pattern: '^/',
          description: 'The path the POST requests go to. Default `/`.',
          examples: ['/hooks/order'],
        },
        host: listenHost,
      },
      required: ['port'],
      additionalProperties: false,
    },
    udp: {
      type: 'object',
      description: listenerKindDoc('udp'),
      properties: { port, host: listenHost },
      required: ['port'],
      additionalProperties: false,
    },
    sse: {
      type: 'object',
      description: listenerKindDoc('sse'),
      properties: {
        url: {
          type: 'string',
          description: "The stream's URL (http or https); may read `{{ env.NAME }}`.",
          examples: ['{{ env.EVENTS_URL }}'],
        },
      },
      required: ['url'],
      additionalProperties: false,
    },
  },
  required: ['name'],
  additionalProperties: false,
};

const outputPath = (what: string) => ({
  type: 'string',
  description: `Writes ${what} to this path (relative to the scenario file). Placeholders: \`{name}\` (scenario name), \`{time}\` (start time).`,
  examples: [`results/{name}-{time}`],
});

const prometheusOutput = {
  type: 'object',
  description:
    'Sends the per-second series to Prometheus by remote write and/or serves them on `/metrics` while the run lasts.',
  markdownDescription:
    'Sends the per-second series (requests, failures, latency quantiles, users, per request and in total, trackers) to Prometheus.\n\n```yaml\noutput:\n  prometheus:\n    remoteWrite: http://prometheus:9090/api/v1/write\n    bearerToken: "{{ env.PROMETHEUS_TOKEN }}"\n    listen: 9464\n    labels: { team: checkout }\n```\nA receiver that cannot be reached or refuses the write stops the run before the load (exit 2); one that fails mid-run is retried, and the summary says what could not be sent.',
  properties: {
    remoteWrite: {
      type: 'string',
      description:
        'A Prometheus remote-write receiver (protocol 1.0): Prometheus started with --web.enable-remote-write-receiver, Mimir, Thanos, VictoriaMetrics...',
      examples: ['http://127.0.0.1:9090/api/v1/write'],
    },
    bearerToken: {
      type: 'string',
      description:
        'Sent to the receiver as `Authorization: Bearer …`. Write `{{ env.NAME }}`: a token in the file ends up in its repository. Masked in every message.',
      examples: ['{{ env.PROMETHEUS_TOKEN }}'],
    },
    basicAuth: {
      type: 'object',
      description:
        'HTTP basic authentication for the receiver (Grafana Cloud, a proxy). Write the password as `{{ env.NAME }}`. Masked in every message.',
      properties: {
        username: {
          type: 'string',
          description: 'The user (may read `{{ env.NAME }}`).',
          examples: ['{{ env.PROMETHEUS_USER }}'],
        },
        password: {
          type: 'string',
          description: 'The password: `{{ env.NAME }}`.',
          examples: ['{{ env.PROMETHEUS_PASSWORD }}'],
        },
      },
      required: ['username', 'password'],
      additionalProperties: false,
    },
    headers: {
      type: 'object',
      description:
        "More headers for the receiver, e.g. a tenant (`X-Scope-OrgID` for Mimir/Cortex). Values may read `{{ env.NAME }}`; remote write's own headers and Authorization cannot be set here.",
      additionalProperties: { type: 'string' },
      examples: [{ 'X-Scope-OrgID': 'load-tests' }],
    },
    listen: {
      type: ['integer', 'string'],
      description:
        'Serves `/metrics` for scraping while the run lasts: a port (bound on 127.0.0.1) or `host:port`. Binding beyond loopback needs the host written out.',
      examples: [9464, '127.0.0.1:9464', '0.0.0.0:9464'],
    },
    labels: {
      type: 'object',
      description:
        'Labels added to every series (besides `run`, `request`, `method`). Names: letters, digits and `_`, not starting with a digit or `__`.',
      additionalProperties: { type: ['string', 'number', 'boolean'] },
      examples: [{ team: 'checkout', env: 'staging' }],
    },
  },
  additionalProperties: false,
};

export const scenarioSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://stampede.invalid/stampede.schema.json',
  title: 'Stampede scenario',
  description: 'A Stampede load-test scenario (`*.load.yaml`).',
  type: 'object',
  properties: {
    name: {
      type: 'string',
      description:
        'The scenario name, shown in results and used for `{name}` in output paths. Default: `scenario`.',
      examples: ['Shop checkout'],
    },
    target: {
      type: 'string',
      description:
        'The base URL that relative request paths are resolved against. Without it, `stampede run --target URL` gives one, or the embedded demo target starts.',
      examples: ['http://127.0.0.1:8080'],
    },
    load,
    workers: {
      description:
        'Local worker processes: `0` runs users in the same process, `auto` one per CPU core. Default: `auto`.',
      anyOf: [{ type: 'integer', minimum: 0 }, { const: 'auto' }],
      examples: [2, 'auto'],
    },
    sourceAddresses: {
      type: 'array',
      description:
        "Local IP addresses the load's connections come from, taken in turn per connection. One source address reaches one target address:port with at most about 28,000 connections (the ephemeral ports); list several of this machine's addresses (its NICs') to go past that. Each must be an address of this machine (checked when the run starts) and of the target's family. On Linux, a loopback IPv4 target (127.x.x.x) is spread over 127.0.0.2, 127.0.0.3, ... by itself when this is not set; IPv6's ::1 is one address, so it cannot be spread. HTTP and HTTPS connections alike (a TLS session resumes from any source address).",
      items: { type: 'string' },
      minItems: 1,
      examples: [['10.0.0.5', '10.0.0.6']],
    },
    defaults: {
      type: 'object',
      description: 'Defaults for every request.',
      properties: {
        headers: stringMap('Headers sent with every request.', [{ Accept: 'application/json' }]),
        timeout: duration('Request timeout. Default: 10s.', ['10s']),
        cookies: {
          type: 'boolean',
          description:
            'Each virtual user keeps the cookies that responses set (domain, path and expiry rules as in a browser) and sends them with its later requests, like a browser session. Default: true. A request with its own `Cookie` header sends only that one.',
          examples: [false],
        },
        auth: {
          ...auth,
          description: `${auth.description} Applies to every request without its own \`auth\`.`,
        },
        insecure: {
          type: 'boolean',
          description:
            'HTTPS: accept any server certificate (self-signed, expired, another host name). For test servers only: the connection is then open to interception. Default: false.',
          examples: [true],
        },
        keepAlive: {
          type: 'boolean',
          description:
            'Each virtual user keeps its connection open between requests, like a browser. `false`: a new connection for every request (the request says `Connection: close`), to measure connection setup and, over HTTPS, a TLS handshake per request. Default: true.',
          examples: [false],
        },
        resumeTlsSessions: {
          type: 'boolean',
          description:
            "HTTPS: a new connection offers the last TLS session the server gave this worker (an abbreviated handshake, as browsers do). Shared by the worker's virtual users: a session is not a user's identity; cookies and credentials stay per user. `false`: every connection makes a full handshake. Default: true.",
          examples: [false],
        },
      },
      additionalProperties: false,
    },
    variables: {
      type: 'object',
      description:
        'Values for `{{ name }}` templates. A list gives one value per iteration, picked at random.',
      markdownDescription:
        'Values for `{{ name }}` templates.\n\n```yaml\nvariables:\n  sku: [A1, B2, C3]   # one picked per iteration\n  region: eu\n```',
      propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
      additionalProperties: {
        description: 'A value, or a list of values (one picked per iteration).',
        anyOf: [
          { type: ['string', 'number', 'boolean'] },
          { type: 'array', items: { type: ['string', 'number', 'boolean'] }, minItems: 1 },
        ],
      },
      examples: [{ sku: ['A1', 'B2', 'C3'] }],
    },
    env: {
      type: 'object',
      description:
        'Defaults for `{{ env.NAME }}`. A value given by `stampede run --env NAME=VALUE` or `--env-file`, the environment, or a `.env` file beside the scenario wins over these.',
      markdownDescription:
        'Defaults for `{{ env.NAME }}`, the lowest of the sources.\n\nWhere a value comes from, highest first: `stampede run --env NAME=VALUE` / `--env-file FILE`, the process environment, a `.env` file beside the scenario, then these defaults.\n\n```yaml\nenv:\n  BASE_PATH: /api\n```\nA name used with no value anywhere stops the run before it starts (exit 2).',
      propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
      additionalProperties: { type: ['string', 'number', 'boolean'], description: 'The default value.' },
      examples: [{ BASE_PATH: '/api' }],
    },
    secrets: {
      type: 'array',
      description:
        'Environment variables whose values are never shown: every output (terminal, JSON summary, result files, HTML report, panel, logs, error messages) prints them as `***`.',
      markdownDescription:
        'Environment variables whose values are never shown: every output prints them as `***`.\n\n```yaml\nsecrets: [API_TOKEN, PASSWORD]\n```\nGive their values with `--env`, the environment or an uncommitted `.env` file, never in the scenario.',
      items: {
        type: 'string',
        pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
        description: 'An environment variable name.',
      },
      examples: [['API_TOKEN', 'PASSWORD']],
    },
    data: {
      type: 'object',
      description:
        'Test data sets: rows of a CSV file (header row = column names) or a JSON array of objects. `{{ set.column }}` reads a column of the current row.',
      markdownDescription:
        "Test data sets, read by the master before the run.\n\n```yaml\ndata:\n  accounts: { file: data/accounts.csv, pick: unique, per: user }\n  products: { file: data/products.json, pick: random }\n```\n`{{ accounts.email }}` reads the `email` column of the user's current row.",
      propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
      additionalProperties: {
        type: 'object',
        description: 'A data set: its file and how rows are picked.',
        properties: {
          file: {
            type: 'string',
            description:
              "A `.csv` file (RFC 4180; header row = column names) or a `.json` array of objects, relative to the scenario's folder and inside it.",
            examples: ['data/accounts.csv'],
          },
          pick: {
            enum: ['sequential', 'random', 'unique'],
            description:
              '`sequential` (default): rows in order, wrapping around; `random`: any row each time; `unique`: no row is used twice anywhere in the run, across all workers (the master hands out disjoint blocks).',
          },
          per: {
            enum: ['iteration', 'user'],
            description:
              "`iteration` (default): a new row each iteration; `user`: one row for the user's whole life (a login).",
          },
          onExhausted: {
            enum: ['stop', 'wrap', 'fail'],
            description:
              'When `unique` rows run out: `stop` (default) stops the user that wanted one (the summary counts them), `wrap` starts over from the first row, `fail` ends the run (exit 3).',
          },
        },
        required: ['file'],
        additionalProperties: false,
      },
      examples: [{ accounts: { file: 'data/accounts.csv', pick: 'unique', per: 'user' } }],
    },
    users: { type: 'array', description: 'User kinds, picked by weight.', items: userKind, minItems: 1 },
    events: {
      type: 'array',
      description:
        'Listeners for events from the system under test (webhook, udp, sse), run by the master: a tracker can end when the system says it is done.',
      markdownDescription:
        'Listeners for events from the system under test, run by the master (the one address the system must reach).\n\n```yaml\nevents:\n  - name: order done\n    webhook: { port: 8089, path: /hooks/order }\ntrackers:\n  - metric: order completion\n    start: request[name="place order"]\n    end: event[name="order done", json.orderId="{{ orderId }}"]\n```',
      items: eventListener,
    },
    trackers: {
      type: 'array',
      description: 'Duration trackers: time between a start event and an end event.',
      items: tracker,
    },
    thresholds: {
      type: 'array',
      description: 'Pass/fail criteria on the merged results; a failed one fails the run (exit code 1).',
      markdownDescription:
        'Pass/fail criteria on the merged results (exit code 1 when one fails).\n\n```yaml\nthresholds:\n  - p95 < 300ms\n  - failures < 1%\n  - rps > 100\n  - p99[login] < 500ms\n```',
      items: {
        type: 'string',
        description:
          '`metric[entry] op value`: metrics p50 p66 p75 p80 p90 p95 p98 p99 p99.9 max mean min (times), failures (`1%` or a count), rps, requests.',
        examples: ['p95 < 300ms', 'failures < 1%'],
      },
    },
    output: {
      type: 'object',
      description: 'Recorders: where to write results.',
      properties: {
        json: outputPath('a JSON summary'),
        csv: outputPath('CSV files (stats, history, errors), with this prefix'),
        ndjson: outputPath('one JSON line per reporting interval'),
        sqlite: outputPath('an SQLite database; one file can collect many runs (every table has run_id)'),
        html: {
          ...outputPath('a self-contained HTML report'),
          markdownDescription:
            'A self-contained HTML report (no network: charts, every table, the settings and the scenario itself), readable offline and fit to attach to a CI run.\n\n```yaml\noutput:\n  html: results/{name}-{time}.html\n```',
          examples: ['results/{name}-{time}.html'],
        },
        junit: {
          ...outputPath('a JUnit XML report'),
          description:
            "Writes a JUnit XML report to this path (relative to the scenario file): one test case per threshold, per check and for the run's own verdict, so CI systems (Jenkins, GitLab, GitHub test reporters) show them as tests. Placeholders: `{name}`, `{time}`.",
          markdownDescription:
            "JUnit XML for CI test reporters: one test case per threshold (a failed one carries the measured value and the limit), one per check of each request (failed when any response failed it), and one for the run's own verdict (e.g. no request succeeded).\n\n```yaml\noutput:\n  junit: results/junit.xml\n```",
          examples: ['results/junit.xml'],
        },
        markdown: {
          ...outputPath('a Markdown summary'),
          description:
            'Writes a Markdown summary to this path (relative to the scenario file): verdict, totals, per-request table with p50/p95/p99, thresholds, checks, top errors and trackers, fit for a pull request or CI page. When `GITHUB_STEP_SUMMARY` is set, `stampede run` appends the same summary there too. Placeholders: `{name}`, `{time}`.',
          markdownDescription:
            'A Markdown summary for a pull request or CI page: verdict, totals, per-request table (p50/p95/p99), thresholds, checks, top errors and trackers.\n\n```yaml\noutput:\n  markdown: results/summary.md\n```\nIn GitHub Actions (`GITHUB_STEP_SUMMARY` set) `stampede run` appends the same summary to the job page, with or without this key.',
          examples: ['results/summary.md'],
        },
        postgres: {
          type: 'string',
          description:
            'Writes the run to a PostgreSQL database (tables made on first use, every row tagged with the run id). Keep the password out of the file: set PGPASSWORD, or write `{{ env.PGPASSWORD }}`.',
          markdownDescription:
            'Writes the run to a PostgreSQL database: `stampede_runs`, `stampede_history` (one row per second, a TimescaleDB hypertable when the extension is installed), `stampede_entries`, `stampede_errors`, `stampede_trackers`, `stampede_thresholds`, made on first use; every row carries `run_id`. A database that is down or refuses the login stops the run before any load (exit 2).\n\n```yaml\noutput:\n  postgres: postgres://stampede@127.0.0.1:5432/loadtests\n```\nKeep the password out of the file: set `PGPASSWORD` (and the other PG* variables) in the environment, or write `postgres://stampede:{{ env.PGPASSWORD }}@db:5432/loadtests`.',
          examples: ['postgres://stampede@127.0.0.1:5432/loadtests'],
        },
        prometheus: prometheusOutput,
      },
      additionalProperties: false,
    },
  },
  required: ['load', 'users'],
  additionalProperties: false,
} as const;
