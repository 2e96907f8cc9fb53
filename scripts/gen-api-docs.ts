/**
 * Generates docs/api.md from the contract (shared/contract): every channel's summary, input, output and
 * errors, the error codes with their HTTP status, and the rules of the two transports.
 *
 *   node scripts/api-docs.mjs           print the document
 *   node scripts/api-docs.mjs --write   write docs/api.md
 *   node scripts/api-docs.mjs --check   exit 1 if docs/api.md is not what would be generated
 *
 * (scripts/api-docs.mjs bundles this file with esbuild into .tmp/gen-api-docs.mjs and runs main().)
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { CHANNEL_NAMES, contract, type ChannelName } from '../shared/contract';
import { LIMITS } from '../shared/contract/articles';
import { COMMON_ERRORS } from '../shared/contract/channel';
import { ContractError, ERROR_CODES, type ErrorCode } from '../shared/contract/errors';
import { foldForSearch } from '../shared/text/fold';
import { ARTICLE_STATUSES } from '../shared/contract/articles';
import { ROLES } from '../shared/contract/auth';
import { TRANSITION_ACTIONS } from '../shared/contract/workflow';
import { ROLE_NAMES, STATUS_NAMES } from '../shared/workflow/labels';
import { TRANSITIONS } from '../shared/workflow/status-machine';
import { ACCESS, RULE_DESCRIPTION, WRITER_EDITABLE, type AccessRule } from '../electron/core/access';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../electron/core/db/migrations';
import { LOCK_AFTER, LOCK_BASE_SECONDS, LOCK_MAX_SECONDS } from '../electron/core/handlers/auth';
import { KEY_BYTES, SALT_BYTES, SCRYPT_PARAMS } from '../electron/core/passwords';
import { DEFAULT_PAGE_SIZE, REVISIONS_KEPT, SEARCH_COUNT_CAP } from '../electron/core/store/articles';
import { AUDIT_ACTIONS, DEFAULT_AUDIT_PAGE } from '../electron/core/store/audit';
import { SESSION_IDLE_MS, SESSION_MAX_MS, SESSION_TOUCH_MS } from '../electron/core/store/sessions';
import { MAX_EDIT_DISTANCE } from '../shared/workflow/diff';
import { matchExpression } from '../electron/core/store/search-index';
import { allowedHosts, allowedOrigins } from '../electron/host/security';
import { HTTP_STATUS, MAX_BODY_BYTES } from '../electron/host/server';
import { parsePayloadBytes } from '../shared/contract/untrusted';
import { FORBIDDEN_KEYS, MAX_JSON_DEPTH } from '../shared/text/safe-json';

const DOC_FILE = 'docs/api.md';

/** The repository root: this file is scripts/gen-api-docs.ts, or its bundle .tmp/gen-api-docs.mjs. */
function repoRoot(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidate = path.resolve(here, '..');
  return fs.existsSync(path.join(candidate, 'shared', 'contract')) ? candidate : process.cwd();
}

// ---------------------------------------------------------------------------------------------- error codes

/** What each code means. A Record, so a new code in ERROR_CODES does not typecheck until it is described here. */
const ERROR_MEANING: Record<ErrorCode, string> = {
  VALIDATION:
    "The input does not match the channel's schema; `issues` names every offending field (`path`, `message`, `messageEn`). Also every payload the untrusted-input checks refuse (a prototype key, nesting too deep, a duplicate key, a lone surrogate, an inexact integer, a value that is not JSON; see Untrusted input), and in browser mode a method other than POST, a body that is not `application/json`, or a body that is not strict UTF-8 JSON.",
  UNKNOWN_CHANNEL: 'There is no channel of that name.',
  NOT_FOUND: 'The article, category, user, comment or article version with that id does not exist.',
  CONFLICT:
    'The action contradicts the current state: a stale `baseVersion` (nothing is written), a duplicate category name or slug, deleting a category that still holds articles, purging an article that is not in the trash, loading the demo into a library that has articles, a taken username, a first administrator when users exist, disabling or demoting the last enabled administrator.',
  PAYLOAD_TOO_LARGE: `Browser mode: the request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB.`,
  UNAUTHORIZED: "Browser mode: the bearer token is missing or is not this run's token.",
  FORBIDDEN:
    "The access policy: the signed-in user's role may not do this (the message says what the role may not do); it is written to the audit log as `access.denied`. Also browser mode: a foreign `Host` or `Origin` header; Electron: the call did not come from the app's own top-level window.",
  AUTH_REQUIRED:
    'The channel needs a signed-in user and the call has none: no session, or its session has ended (expired, signed out, the user disabled or given a new password) — the message says which. Sign in again.',
  AUTH_FAILED:
    'Sign-in refused: the username or the password is wrong, or the user is disabled — one message for all, so it does not tell which usernames exist.',
  AUTH_LOCKED: `Sign-in refused without looking at the password: the account is locked after ${LOCK_AFTER} consecutive failures; the message gives the seconds left.`,
  INVALID_TRANSITION:
    "The status change is not legal from the article's status (or the article is in the trash); the message names the status and the action in words and lists the actions possible from there.",
  DB_NEWER_VERSION: `The database was written by a newer Tòa Soạn (its schema version is above ${LATEST_SCHEMA_VERSION}); it is not opened, so it cannot be damaged.`,
  DB_CORRUPT: 'The database file is corrupt or is not a database; it is left untouched.',
  DB_FOREIGN: "The file is another program's SQLite database (wrong application id); it is left untouched.",
  DB_LOCKED: 'Another program holds a lock on the database file (after a 5 s wait).',
  DB_READONLY: 'The database file or its folder cannot be written (permissions, read-only medium, I/O error).',
  MEDIA_UNSUPPORTED: 'The file is not a JPEG, PNG, WebP or GIF image.',
  MEDIA_CORRUPT: 'The file claims to be an image but cannot be decoded.',
  MEDIA_TOO_LARGE: "The image file, or its pixel count, is above the media store's limit.",
  QUALITY_BLOCKED:
    'The pre-publication check (docs/quality.md) found a blocking problem (an empty title or body, a leftover placeholder, or a rule the organisation set to block); `issues` lists each finding (path: the field, message: the rule id and what is wrong). Nothing changed.',
  BACKUP_INVALID:
    "A backup could not be written, or an archive given to restore is not a usable Tòa Soạn backup: not a backup archive, damaged (a file whose SHA-256 differs from the manifest, a missing or extra file), another program's database, a database that fails its integrity check, or a schema newer than this app's. The message says which; nothing was replaced.",
  SIGNATURE_REJECTED:
    "An approval's signature or certificate is refused: the step must be signed and was not, the certificate is expired, not yet valid, issued by an authority that is not trusted, or revoked by a CRL, or the signature does not match the approved text. The message gives the reason; nothing was approved.",
  SIGNING_FAILED:
    'The signing key could not be used: a wrong token PIN or PKCS#12 password, a file that is not PKCS#12, no token or no PKCS#11 library. Nothing was approved.',
  CORE_RESTARTED:
    "Electron: the core's process stopped while the call was running; it is started again at once and the call can be retried. Whatever the core had answered before is in the store (it commits before answering); the interrupted call may or may not have been applied.",
  INTERNAL:
    'An unexpected failure, including an answer that does not match the contract. Nothing was changed; details go to the log, never to the caller.',
};

/** Where the code can come from, beyond the channels that list it. */
const ERROR_ORIGIN: Record<ErrorCode, string> = {
  VALIDATION: 'every channel',
  UNKNOWN_CHANNEL: 'the dispatcher',
  NOT_FOUND: 'channels that list it',
  CONFLICT: 'channels that list it',
  PAYLOAD_TOO_LARGE: 'browser transport',
  UNAUTHORIZED: 'browser transport',
  FORBIDDEN: 'the access policy (every channel that is not public); both transports',
  AUTH_REQUIRED: 'the access policy: every channel that is not public',
  AUTH_FAILED: '`auth.signIn`',
  AUTH_LOCKED: '`auth.signIn`',
  INVALID_TRANSITION: '`articles.transition`',
  DB_NEWER_VERSION: 'every channel, when the store could not be opened',
  DB_CORRUPT: 'every channel',
  DB_FOREIGN: 'every channel, when the store could not be opened',
  DB_LOCKED: 'every channel',
  DB_READONLY: 'every channel',
  MEDIA_UNSUPPORTED: 'channels that list it',
  MEDIA_CORRUPT: 'channels that list it',
  MEDIA_TOO_LARGE: 'channels that list it',
  QUALITY_BLOCKED: '`articles.transition` (submit, approve, schedule, publish)',
  BACKUP_INVALID: '`backup.create`, `backup.restore`',
  SIGNATURE_REJECTED: '`articles.transition` (approve), `approval.verify`',
  SIGNING_FAILED: '`articles.transition` (approve), `signing.importPkcs12`',
  CORE_RESTARTED: 'Electron transport: every channel',
  INTERNAL: 'every channel',
};

// ---------------------------------------------------------------------------------------------- search facts

interface SearchFacts {
  /** The FTS5 columns in order, and the options of the virtual table. */
  columns: string[];
  options: Record<string, string>;
  defaultLimit: number;
}

/** Read from the migration that creates the index and from listArticles, so the Search section cannot drift. */
function searchFacts(): SearchFacts {
  const sql = MIGRATIONS.map((m) => m.sql).find((text) => /USING\s+fts5\s*\(/i.test(text));
  const inside = sql ? /USING\s+fts5\s*\(([\s\S]*?)\)\s*;/i.exec(sql)?.[1] : undefined;
  if (!inside) throw new Error('gen-api-docs: no migration creates the FTS5 table articles_fts');
  const columns: string[] = [];
  const options: Record<string, string> = {};
  for (const part of inside
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const option = /^(\w+)\s*=\s*'?(.*?)'?$/.exec(part);
    if (option) options[option[1] as string] = option[2] as string;
    else columns.push(part);
  }
  // listArticles ranks the title group through the column filter {title}.
  if (!columns.includes('title'))
    throw new Error('gen-api-docs: the FTS table has no title column, which the search ranks by');
  return { columns, options, defaultLimit: DEFAULT_PAGE_SIZE };
}

// ---------------------------------------------------------------------------------------------- schemas

type Json = Record<string, unknown>;

const SAFE = Number.MAX_SAFE_INTEGER;
const num = (n: number) => n.toLocaleString('en-US');
const code = (text: string) => (text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``);
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function isObject(s: Json): boolean {
  return s.type === 'object' && typeof s.properties === 'object' && s.properties !== null;
}

/** [non-null part, nullable] of a schema that may be `X or null`. */
function splitNull(s: Json): [Json, boolean] {
  if (Array.isArray(s.anyOf)) {
    const parts = s.anyOf as Json[];
    const others = parts.filter((p) => p.type !== 'null');
    if (others.length === 1 && others.length < parts.length) return [others[0] as Json, true];
  }
  if (Array.isArray(s.type) && s.type.includes('null')) {
    const rest = (s.type as string[]).filter((t) => t !== 'null');
    if (rest.length === 1) return [{ ...s, type: rest[0] }, true];
  }
  return [s, false];
}

/** A short type name and its constraints, for one table row. */
function describe(schema: Json): { type: string; notes: string[] } {
  const [s, nullable] = splitNull(schema);
  const notes: string[] = [];
  let type: string;
  if (Array.isArray(s.enum)) {
    type = 'string';
    notes.push(`one of ${(s.enum as unknown[]).map((v) => code(String(v))).join(', ')}`);
  } else if (s.const !== undefined) {
    type = code(JSON.stringify(s.const));
  } else if (s.type === 'string') {
    type = 'string';
    if (s.format === 'date-time') notes.push('ISO 8601 date-time with a UTC offset, e.g. `2023-03-23T08:05:00+07:00`');
    else if (typeof s.format === 'string') notes.push(`format ${s.format}`);
    else if (typeof s.pattern === 'string') notes.push(`matches ${code(s.pattern)}`);
    if (typeof s.minLength === 'number')
      notes.push(s.minLength === 1 ? 'not empty' : `at least ${num(s.minLength)} characters`);
    if (typeof s.maxLength === 'number') notes.push(`at most ${num(s.maxLength)} characters`);
  } else if (s.type === 'integer' || s.type === 'number') {
    type = s.type;
    const integer = s.type === 'integer';
    if (typeof s.exclusiveMinimum === 'number')
      notes.push(integer ? `≥ ${num(s.exclusiveMinimum + 1)}` : `> ${num(s.exclusiveMinimum)}`);
    if (typeof s.minimum === 'number' && s.minimum > -SAFE) notes.push(`≥ ${num(s.minimum)}`);
    if (typeof s.exclusiveMaximum === 'number') notes.push(`< ${num(s.exclusiveMaximum)}`);
    if (typeof s.maximum === 'number' && s.maximum < SAFE) notes.push(`≤ ${num(s.maximum)}`);
  } else if (s.type === 'boolean' || s.type === 'null') {
    type = s.type;
  } else if (isObject(s)) {
    type = 'object';
  } else if (s.type === 'array') {
    const items = (s.items ?? {}) as Json;
    type = isObject(items) ? 'array of objects' : `array of ${describe(items).type}`;
    if (!isObject(items)) notes.push(...describe(items).notes);
    if (typeof s.minItems === 'number') notes.push(`at least ${num(s.minItems)} items`);
    if (typeof s.maxItems === 'number') notes.push(`at most ${num(s.maxItems)} items`);
  } else {
    type = 'JSON';
    const { $schema: _drop, ...rest } = s;
    notes.push(code(JSON.stringify(rest)));
  }
  return { type: nullable ? `${type} or null` : type, notes };
}

interface FieldRow {
  field: string;
  type: string;
  required: boolean;
  notes: string;
}

function fieldRows(s: Json, prefix: string, io: 'input' | 'output', rows: FieldRow[]): void {
  const properties = s.properties as Record<string, Json>;
  const required = new Set((s.required as string[] | undefined) ?? []);
  for (const [key, child] of Object.entries(properties)) {
    const { type, notes } = describe(child);
    const [inner] = splitNull(child);
    if (isObject(inner) && io === 'input' && inner.additionalProperties !== false)
      notes.push('other fields are ignored');
    if (
      isObject(inner) &&
      Object.keys(inner.properties as Json).length > 0 &&
      ((inner.required as string[] | undefined) ?? []).length === 0
    ) {
      notes.push('every field optional');
    }
    rows.push({ field: `${prefix}${key}`, type, required: required.has(key), notes: notes.join('; ') });
    if (isObject(inner)) fieldRows(inner, `${prefix}${key}.`, io, rows);
    else if (inner.type === 'array' && isObject((inner.items ?? {}) as Json))
      fieldRows(inner.items as Json, `${prefix}${key}[].`, io, rows);
  }
}

function fieldTable(s: Json, io: 'input' | 'output'): string {
  const rows: FieldRow[] = [];
  fieldRows(s, '', io, rows);
  const withRequired = io === 'input' || rows.some((r) => !r.required);
  const header = withRequired
    ? '| Field | Type | Required | Constraints |\n|---|---|---|---|'
    : '| Field | Type | Constraints |\n|---|---|---|';
  const body = rows.map((r) =>
    withRequired
      ? `| ${code(r.field)} | ${cell(r.type)} | ${r.required ? 'yes' : 'no'} | ${cell(r.notes)} |`
      : `| ${code(r.field)} | ${cell(r.type)} | ${cell(r.notes)} |`,
  );
  return [header, ...body].join('\n');
}

/** One schema as prose and a field table; anything the table cannot say is given as fenced JSON Schema. */
function renderSchema(schema: z.ZodType, io: 'input' | 'output'): string {
  const json = z.toJSONSchema(schema, { io }) as Json;
  const [s, nullable] = splitNull(json);
  const orNull = nullable ? ', or `null`' : '';
  const strict = io === 'input' && s.additionalProperties !== false ? ' Fields not listed are ignored.' : '';
  if (isObject(s)) {
    if (Object.keys(s.properties as Json).length === 0) return `\`{}\` — no fields${orNull}.${strict}`;
    return `An object${orNull}.${strict}\n\n${fieldTable(s, io)}`;
  }
  if (s.type === 'array' && isObject((s.items ?? {}) as Json)) {
    return `An array${orNull}; each item is an object:\n\n${fieldTable(s.items as Json, io)}`;
  }
  const simple = describe(json);
  if (simple.type !== 'JSON') return `${simple.type}${simple.notes.length ? ` (${simple.notes.join('; ')})` : ''}.`;
  const { $schema: _drop, ...rest } = json;
  return `\`\`\`json\n${JSON.stringify(rest, null, 2)}\n\`\`\``;
}

// ---------------------------------------------------------------------------------------------- document

const GROUPS: { title: string; prefixes: string[] }[] = [
  { title: 'Application, settings, portal and first run', prefixes: ['app.', 'settings.', 'portal.', 'setup.'] },
  { title: 'Sign-in and users', prefixes: ['auth.', 'users.'] },
  { title: 'Articles', prefixes: ['articles.'] },
  { title: 'Review: comments and counts', prefixes: ['comments.', 'workflow.'] },
  { title: 'Categories', prefixes: ['categories.'] },
  { title: 'Audit log', prefixes: ['audit.'] },
];

/** The errors the access policy adds to a channel, beyond its own. */
function accessErrors(name: ChannelName): ErrorCode[] {
  const rule = ACCESS[name].rule;
  if (rule === 'public') return [];
  if (rule === 'signedIn') return ['AUTH_REQUIRED'];
  return ['AUTH_REQUIRED', 'FORBIDDEN'];
}

const hours = (ms: number) => ms / 3_600_000;

/** GitHub's heading anchor for a heading that is just `name` in a code span. */
const anchor = (name: string) => name.toLowerCase().replace(/[^a-z0-9_-]/g, '');

function intro(): string {
  const port = 54321;
  const hosts = [...allowedHosts(port)].map((h) => code(h.replace(String(port), '<port>'))).join(' or ');
  const origins = [...allowedOrigins(port)].map((h) => code(h.replace(String(port), '<port>'))).join(' or ');
  const mb = MAX_BODY_BYTES / 1024 / 1024;
  return `# Tòa Soạn — API reference

<!-- Generated from shared/contract by scripts/gen-api-docs.ts. Do not edit by hand:
     run \`node scripts/api-docs.mjs --write\`. \`--check\` (and tests/api-docs.test.ts) fails when this file is stale. -->

The renderer never touches the database: everything it does goes through the **contract**
(\`shared/contract\`), a fixed set of named **channels** such as \`articles.list\`. Each channel has a
zod schema for its input and for its output, a one-line summary and the list of errors it may answer.
The core (\`electron/core\`, plain Node, no Electron) runs every call the same way, whichever shell hosts it:

1. the caller is resolved from the call's **session token**, which the transport passes beside the payload
   (\`invoke(channel, payload, { sessionToken })\`) — never from the payload, which names no user;
2. the **access policy** (\`electron/core/access.ts\`, one rule per channel) decides from the session alone whether the
   channel may be called at all: \`AUTH_REQUIRED\` without a signed-in user, \`FORBIDDEN\` for a role that may not;
3. the payload, whichever transport brought it, goes through the untrusted-input checks (below: no prototype keys, no
   nesting past ${MAX_JSON_DEPTH} levels, nothing that is not JSON), is copied into objects with a null prototype, and every
   string in it is normalised to Unicode NFC;
4. it is validated against the channel's input schema (inputs are strict: a field that is not
   listed is refused with \`VALIDATION\` — so an \`ownerId\`, \`userId\` or \`role\` slipped into a payload is refused,
   and written to the audit log; titles, names and bylines are also trimmed);
5. the rules that need the input run: whose article, in which status; whose password (\`FORBIDDEN\`);
6. the handler runs (writes run in one SQLite transaction: a failed call changes nothing);
7. the answer is checked against the output schema (a mismatch is logged and answered as \`INTERNAL\`).

A call never throws: it answers a **Result**.

\`\`\`ts
type Result<T> =
  | { ok: true; value: T }
  | { ok: false; error: { code: ErrorCode; message: string; messageEn: string; key?: string; params?: Params; issues?: FieldIssue[] } };
type FieldIssue = { path: string; message: string; messageEn: string; key?: string; params?: Params }; // VALIDATION only
type Params = Record<string, string | number>;
\`\`\`

\`message\` is Vietnamese, \`messageEn\` English; both are meant to be shown to the user as they are. An error worded from
the catalog also carries \`key\` and \`params\`: the message's key in the one catalog per language (\`shared/i18n/vi.ts\`, \`en.ts\`, with
plural rules) and its parameters, from which \`message\` and \`messageEn\` were written; a client may word the
error itself from them.
Ids are positive integers. \`createdAt\`, \`updatedAt\`, \`trashedAt\` and \`publishedAt\` are ISO 8601 strings in UTC
(an input \`publishedAt\` may carry any offset; it is stored in UTC); \`app.info\` gives the portal's time zone.

## Transports

Both transports carry the **session** of the window beside the payload. \`auth.signIn\` and \`auth.setupFirstAdmin\`
answer \`{ user, sessionToken }\` from the core (the token: 32 random bytes, base64url); each transport decides what the
renderer sees of it. Every later call of that window passes the token back as the call's context; \`auth.signOut\`
ends it. The database keeps only the token's SHA-256.

### Electron

The preload script exposes one frozen object, \`window.toasoan\`, with one function per channel
(\`ipcRenderer\` itself is never exposed). Each function takes the input and resolves to a Result:

\`\`\`ts
const result = await window.toasoan['articles.list']({ query: 'duong giao thong', limit: 50 });
if (result.ok) show(result.value.items);
else alert(result.error.message);
\`\`\`

A call that does not come from the app's own top-level page (a subframe, a page navigated elsewhere) is answered
\`FORBIDDEN\` without reaching the core. The session token stays in the main process, one per window: main removes
\`sessionToken\` from the answer of a sign-in before the renderer sees it, and passes it with each call of that window.

### Browser mode

\`npm run serve\` (or \`node dist/host/serve.mjs [--data DIR] [--port N] [--token T] [--static DIR]\`) runs the same core
in plain Node and serves the built renderer. It prints the address to open, \`http://127.0.0.1:<port>/#token=<token>\`.
Every channel is \`POST /api/<channel>\`, JSON in and JSON out:

\`\`\`sh
curl -s http://127.0.0.1:<port>/api/articles.list \\
  -H 'Authorization: Bearer <token>' -H 'X-Toasoan-Session: <session token>' -H 'Content-Type: application/json' \\
  -d '{"query":"ho ngheo","limit":20}'
# 200 {"ok":true,"value":{"total":1,"offset":0,"items":[…]}}
# 404 {"ok":false,"error":{"code":"NOT_FOUND","message":"…","messageEn":"…"}}
\`\`\`

The body is the channel's input, UTF-8 JSON (send \`{}\` for a channel without input: an empty body is not JSON); the response body is always the Result, with HTTP status 200
when \`ok\` and otherwise the status of its error code (table below).

Security rules of the host, in the order they are checked:

- It listens on **127.0.0.1 only** (never on the network); \`--port 0\`, the default, picks a free port.
- The \`Host\` header must be ${hosts}, else **403** \`FORBIDDEN\` — a page on another name that resolves to
  127.0.0.1 (DNS rebinding) is refused. This applies to static files too.
- An \`Origin\` header, when present, must be ${origins}, else **403** \`FORBIDDEN\`: another site cannot call the API.
- \`/api/*\` accepts only \`POST\` (anything else: 400 \`VALIDATION\`, with \`Allow: POST\`).
- \`Authorization: Bearer <token>\` must carry this run's token (24 random bytes, base64url, new at every start unless
  \`--token\` is given; compared in constant time), else **401** \`UNAUTHORIZED\`. The renderer receives it in the URL
  fragment, which is never sent to a server, keeps it in session storage and removes it from the address bar.
- \`Content-Type\` must be \`application/json\` (a plain HTML form cannot send it), else 400 \`VALIDATION\`.
- The session travels in its own header, **\`X-Toasoan-Session: <session token>\`** (the \`sessionToken\` that
  \`auth.signIn\` answered in browser mode); without it a channel that needs sign-in answers **401** \`AUTH_REQUIRED\`.
  The bearer token says the request comes from this run's page; the session says who is signed in on it.
- The body may not exceed **${mb} MB** (\`MAX_BODY_BYTES\`), else **413** \`PAYLOAD_TOO_LARGE\` and the connection is closed;
  a body that is not strict UTF-8 JSON, or that the untrusted-input checks refuse, is 400 \`VALIDATION\` (see Untrusted input).
- Responses carry \`X-Content-Type-Options: nosniff\`, \`Referrer-Policy: no-referrer\`, \`X-Frame-Options: DENY\` and
  same-origin COOP/CORP; HTML pages carry the app's Content-Security-Policy. Static files: \`GET\`/\`HEAD\` only.
`;
}

function errorTable(): string {
  const status = HTTP_STATUS;
  const rows = ERROR_CODES.map(
    (c) => `| ${code(c)} | ${status[c]} | ${cell(ERROR_ORIGIN[c])} | ${cell(ERROR_MEANING[c])} |`,
  );
  return `## Error codes

| Code | HTTP | Answered by | Meaning |
|---|---|---|---|
${rows.join('\n')}

Every channel may answer the common errors ${COMMON_ERRORS.map(code).join(', ')} (\`COMMON_ERRORS\`), whatever it does.
When the store could not be opened at start-up, every channel answers that reason instead (\`DB_NEWER_VERSION\`,
\`DB_FOREIGN\`, \`DB_CORRUPT\`, \`DB_READONLY\`, …), so the UI shows it rather than an empty library. The transport
errors (\`UNAUTHORIZED\`, \`FORBIDDEN\`, \`PAYLOAD_TOO_LARGE\`) and \`UNKNOWN_CHANNEL\` can come before any channel runs.
The access policy adds \`AUTH_REQUIRED\` to every channel that is not public, and \`FORBIDDEN\` to every channel whose
rule depends on the role; each channel below lists them.
`;
}

function channelSection(name: ChannelName): string {
  const spec = contract[name];
  const own = spec.errors.length ? spec.errors.map(code).join(', ') : 'none of its own';
  const fromAccess = accessErrors(name).filter((c) => !spec.errors.includes(c));
  const policy = fromAccess.length ? `; from the access policy ${fromAccess.map(code).join(', ')}` : '';
  return `### ${code(name)}

${spec.summary}

**Who may call it.** ${RULE_DESCRIPTION[ACCESS[name].rule]} (\`${ACCESS[name].rule}\`).

**Input.** ${renderSchema(spec.input, 'input')}

**Output.** ${renderSchema(spec.output, 'output')}

**Errors.** ${own}${policy}; and the common errors.
`;
}

function channels(): string {
  const parts: string[] = ['## Channels\n'];
  const groups = GROUPS.map((g) => ({
    title: g.title,
    names: CHANNEL_NAMES.filter((n) => g.prefixes.some((p) => n.startsWith(p))),
  }));
  const rest = CHANNEL_NAMES.filter((n) => !groups.some((g) => g.names.includes(n)));
  if (rest.length) groups.push({ title: 'Other channels', names: rest });
  parts.push('| Channel | Who may call it | Errors of its own |\n|---|---|---|');
  for (const g of groups) {
    for (const n of g.names)
      parts.push(
        `| [${code(n)}](#${anchor(n)}) | ${code(ACCESS[n].rule)} | ${contract[n].errors.map(code).join(', ') || '—'} |`,
      );
  }
  parts.push('');
  for (const g of groups) {
    if (g.names.length === 0) continue;
    parts.push(`### ${g.title}\n`);
    for (const n of g.names) {
      parts.push(channelSection(n).replace(/^### /, '#### '));
    }
  }
  return parts.join('\n');
}

function revisions(): string {
  return `## Revisions and pruning

- Every \`articles.update\`, \`articles.transition\` and \`articles.restoreRevision\` that is accepted keeps the article
  **as it was before the change** as a revision: a full snapshot of the row (every field, with its \`version\`), written
  in the same transaction as the change. The article's \`version\` then goes up by one. A refused call (\`CONFLICT\`,
  \`VALIDATION\`, \`FORBIDDEN\`, …) writes nothing, revision included.
- \`baseVersion\` is the version the edit started from. When it is not the current version, the update is refused with
  \`CONFLICT\` and nothing is overwritten; the editor reloads or keeps its text as a copy.
- **Pruning:** each article keeps its newest **${REVISIONS_KEPT}** revisions (\`REVISIONS_KEPT\`, by version); older ones are
  deleted in the same save that adds a new one.
- \`articles.revisions\` lists the kept revisions newest first: \`version\` is the version that was replaced, \`createdAt\` the
  time it was replaced, \`title\` its title.
- Trashing and restoring are not edits: they change neither \`version\` nor the revisions, so an open editor is not put in
  conflict. \`articles.purge\` deletes the article together with all its revisions.
`;
}

function search(): string {
  const facts = searchFacts();
  const engine = [
    facts.options.tokenize ? `tokenizer ${code(facts.options.tokenize)}` : 'the default tokenizer',
    facts.options.prefix
      ? `prefix indexes for ${facts.options.prefix.split(/\s+/).join(' and ')} characters`
      : 'no prefix index',
  ].join(', ');
  const contentless =
    facts.options.content === ''
      ? '; the index is contentless (it stores the folded words only; the text stays in the articles table)'
      : '';
  const examples = [
    'Đường giao thông',
    'ĐƯỜNG GIAO THÔNG',
    'duong giao thong',
    'Uỷ ban nhân dân',
    'hộ nghèo, hộ cận nghèo',
    'ph',
  ];
  const rows = examples.map(
    (q) => `| ${code(q)} | ${code(foldForSearch(q))} | ${code(matchExpression(q) ?? '(none)')} |`,
  );
  return `## Search

\`articles.list\` with \`query\` searches the library (or, with \`trashed: true\`, the trash), together with the \`status\` and
\`categoryId\` filters.

- **Folding.** The indexed text and the query are folded by the same function (\`foldForSearch\`): Unicode NFD, combining
  marks (U+0300–U+036F) removed, \`đ\`/\`Đ\` → \`d\`, lower case, NFC. So case, tone and vowel marks and \`đ\` are ignored:
  \`duong\` finds *Đường*, \`uy ban\` finds both *Ủy ban* and *Uỷ ban* (old and new tone placement), and a query typed
  in decomposed form (NFD, as some keyboards and macOS file names produce) matches text stored in NFC.
- **Words.** The query is split at every character that is not a letter or a digit; punctuation, quotes and hyphens only
  separate words, and there are no operators (\`OR\` and \`NOT\` are searched as words; quotes separate words).
- **The last word is a prefix** (search as you type): \`phong lao d\` matches *Phòng Lao động*, \`ph\` matches *phường*,
  *phó*, *phát*…; the words before it are whole words (\`ho ngheo\` finds *hộ nghèo*, not *học nghề*). **Every word must
  appear**, in any order, in any of the indexed fields. A query without any letter or digit lists as if there were no query.
- **Indexed fields:** the title, the lead, the text of the body (\`bodyHtml\` without tags, scripts and styles, entities
  decoded) and the byline (author and department). The index is updated in the transaction of every save.
- **Order:** first the articles with every word in the title, then the others (the words in the lead, the body or the
  byline); newest first in each group (the higher id, i.e. the later created). Listings without a query go newest change
  first (\`updatedAt\`, then the higher id). The index is walked in that order and stops at the page, so a word found
  in most of the library answers as fast as a rare one.
- **Total:** \`total\` counts the matches exactly up to ${num(SEARCH_COUNT_CAP)} past the end of the page; where there are more,
  \`capped\` is true and \`total\` is that lower bound (the library shows "hơn …"; scrolling further raises it). Listings
  without a query always count exactly (\`capped: false\`).
- Limits: a query of at most ${num(LIMITS.query)} characters; at most ${num(LIMITS.pageSize)} items per page
  (${num(facts.defaultLimit)} when \`limit\` is not given).
- Engine: SQLite FTS5, ${engine}${contentless}.

| Query | Folded | FTS5 expression |
|---|---|---|
${rows.join('\n')}
`;
}

function usersAndAccess(): string {
  const rules = (Object.keys(RULE_DESCRIPTION) as AccessRule[]).map((rule) => {
    const names = CHANNEL_NAMES.filter((n) => ACCESS[n].rule === rule);
    return `| ${code(rule)} | ${cell(RULE_DESCRIPTION[rule])} | ${names.map(code).join(', ') || '—'} |`;
  });
  const { N, r, p } = SCRYPT_PARAMS;
  const locks = [LOCK_AFTER, LOCK_AFTER + 1, LOCK_AFTER + 2]
    .map((n, i) => `${n} → ${Math.min(LOCK_BASE_SECONDS * 2 ** i, LOCK_MAX_SECONDS)} s`)
    .join(', ');
  return `## Users, sessions and access

- **Roles:** ${ROLES.map((role) => `${code(role)} (${ROLE_NAMES[role].vi})`).join(', ')}. Writers create articles (they own
  what they create) and edit their own while the status is ${WRITER_EDITABLE.map((s) => code(s)).join(' or ')}, submit them for review
  and comment; editors edit any article, comment and take every workflow action; administrators do all of that and
  manage users, categories, the portal profile, the demo and the audit log. Articles from before user accounts have
  no owner (\`ownerId: null\`): only editors and administrators edit them.
- **First run:** \`auth.status\` says \`needsFirstAdmin\` while there are no users; \`auth.setupFirstAdmin\` creates the
  first administrator once and signs them in.
- **Passwords** are stored only as \`scrypt$N$r$p$<salt>$<key>\` (node:crypto scrypt, N = ${num(N)}, r = ${r}, p = ${p},
  a ${SALT_BYTES}-byte random salt, a ${KEY_BYTES}-byte key, base64), compared in constant time. An unknown username is
  hashed against a dummy, so it answers as late as a wrong password, with the same \`AUTH_FAILED\`.
- **Lockout:** after ${LOCK_AFTER} consecutive failed sign-ins the account is locked, doubling with each further failure up to
  ${LOCK_MAX_SECONDS / 60} minutes (${locks}, …); while locked a sign-in answers \`AUTH_LOCKED\` with the seconds left,
  whatever the password. A successful sign-in, or a new password, resets the count.
- **Sessions** end after ${hours(SESSION_IDLE_MS)} hours without a call (sliding: each call keeps it alive; the last-seen time
  is written at most every ${SESSION_TOUCH_MS / 1000} s), ${hours(SESSION_MAX_MS) / 24} days after sign-in in any case, at
  sign-out, when the user is disabled (all their sessions), and when their password is set (all their sessions, except
  the caller's own when they change their own password). A role change takes effect at the next call.
- **The last enabled administrator** cannot be disabled or given another role (\`CONFLICT\`).

### Access rules

Decided in the core for every call, before the handler, whichever transport it came through. A refusal answers
\`FORBIDDEN\` and is written to the audit log (\`access.denied\`).

| Rule | Who | Channels |
|---|---|---|
${rules.join('\n')}
`;
}

function workflow(): string {
  const rows = TRANSITION_ACTIONS.map((action) => {
    const rule = TRANSITIONS[action];
    const who = [...rule.roles.map(code), ...(rule.ownerWriter ? ['`writer` (own article)'] : [])].join(', ');
    const from = rule.from.map((s) => `${code(s)} (${STATUS_NAMES[s].vi})`).join(', ');
    const needs = rule.requires ? code(rule.requires) : '—';
    return `| ${code(action)} | ${from} | ${code(rule.to)} (${STATUS_NAMES[rule.to].vi}) | ${who} | ${needs} |`;
  });
  return `## Workflow

One state machine (\`shared/workflow/status-machine.ts\`, also usable by the renderer) for the status of an article,
driven by \`articles.transition\`:

| Action | From | To | Who | Requires |
|---|---|---|---|---|
${rows.join('\n')}

- A move from a status the table does not list, or of an article in the trash, answers \`INVALID_TRANSITION\`, naming the
  status and the action in words; a move the role may not make answers \`FORBIDDEN\` (checked first).
- \`return\` needs a non-empty \`reason\` (else \`VALIDATION\` naming \`reason\`); it is kept as a review comment of kind
  \`return\`, which the writer reads with \`comments.list\`. A reason given with another action is kept as a comment.
- \`schedule\` needs \`scheduledAt\` in the future (else \`VALIDATION\` naming \`scheduledAt\`); it becomes \`publishedAt\`.
  \`publish\` sets \`publishedAt\` to now, unless it is already set in the past (a backdated article keeps its date).
- Every move is a new version: \`baseVersion\` must be the current version (else \`CONFLICT\`, nothing written), the
  previous version is kept as a revision, and the move is written to the audit log (\`article.transition\`).
- Statuses: ${ARTICLE_STATUSES.map((s) => `${code(s)} ${STATUS_NAMES[s].vi}`).join(', ')}.
- \`articles.diff\` compares two versions (a kept revision or the current one) word by word — title, lead and the body's
  plain text — with whitespace kept: joining the \`same\` and \`removed\` segments gives the older text, \`same\` and
  \`added\` the newer. Beyond ${num(MAX_EDIT_DISTANCE)} word edits the changed middle is one removal and one addition.
- \`articles.restoreRevision\` brings back a kept revision's text (title, lead, body, featured image and caption, byline,
  category if it still exists) as a new version; the status, slug and publication time stay as they are.
`;
}

function auditLog(): string {
  const rows = (Object.keys(AUDIT_ACTIONS) as (keyof typeof AUDIT_ACTIONS)[]).map(
    (action) => `| ${code(action)} | ${cell(AUDIT_ACTIONS[action])} |`,
  );
  return `## Audit log

Append-only: SQLite triggers refuse any \`UPDATE\` or \`DELETE\` of its rows. Each entry has the time (\`at\`, UTC), the
user (\`userId\`, \`username\` — kept even if the user is later renamed), the \`action\`, a target (\`targetType\`
\`article\`, \`user\` or \`category\`, and \`targetId\`) and \`details\` (JSON text). Changes are logged in the transaction
that makes them; refusals are logged on their own. Passwords and session tokens are never logged.

\`audit.list\` is newest first, ${num(DEFAULT_AUDIT_PAGE)} entries per page by default; \`action\` filters by prefix (\`auth.\`
for every sign-in entry). \`audit.exportCsv\` gives the same filter oldest first as CSV (RFC 4180: quoted fields with
doubled quotes, CRLF line ends), with a UTF-8 byte-order mark, a header row in the workstation's language, times as
\`dd/mm/yyyy HH:mm:ss\` in Vietnam time, and a \`'\` before any field a spreadsheet would run as a formula.

| Action | Recorded when |
|---|---|
${rows.join('\n')}
`;
}

// ---------------------------------------------------------------------------------------------- untrusted input

/** The answer the host gives a payload, computed by the real parser so the example cannot drift. */
function refusalExample(body: string): string {
  try {
    parsePayloadBytes(new TextEncoder().encode(body));
  } catch (error) {
    if (error instanceof ContractError) return JSON.stringify({ ok: false, error: error.toShape() }, null, 2);
    throw error;
  }
  throw new Error(`gen-api-docs: the example payload ${body} was accepted`);
}

function untrustedInput(): string {
  const mb = MAX_BODY_BYTES / 1024 / 1024;
  const keys = [...FORBIDDEN_KEYS].map(code).join(', ');
  const example = '{"title":"Bài","category":{"tags":[{"__proto__":{"role":"admin"}}]}}';
  return `## Untrusted input

Every payload, from either transport, and every other JSON read from outside the app (an organisation profile file, a
backup's manifest, a portal's answer to a publish) goes through one hardened path, \`shared/text/safe-json.ts\`
(\`shared/contract/untrusted.ts\` turns its refusals into \`VALIDATION\`). It is made of loops with an explicit stack, so
no payload can exhaust a recursion. Browser mode: bytes → strict UTF-8 → the parser; Electron: the value structured
clone delivers → the same checks on the value. The core runs the checks on every call (\`core.invoke\`), whatever
transport or process hands it the payload.

| What | Limit or rule | Why |
|---|---|---|
| Body size (browser mode) | at most ${mb} MB, else 413 \`PAYLOAD_TOO_LARGE\` | — |
| Encoding | UTF-8, checked strictly: an overlong form, an encoded surrogate, a code point past U+10FFFF, a cut-off sequence or a stray byte is refused with its byte offset, never replaced by U+FFFD. A byte order mark is refused in a request body, allowed (and dropped) at the start of a profile file | RFC 8259 §8.1: JSON is UTF-8 |
| Nesting | objects and arrays at most **${MAX_JSON_DEPTH}** levels deep (the payload object is level 1) | the deepest real payload is about 6 |
| Keys | ${keys} refused anywhere, however they are written (\`"\\u005f_proto__"\` too) | code copying a payload with \`out[key] = …\` would reach object prototypes |
| Duplicate keys | a key given twice in one object is refused | two readers could take different ones |
| Strings | a lone UTF-16 surrogate (\`"\\ud800"\`) is refused; every string is stored in NFC | it cannot be stored as UTF-8 |
| Numbers | \`NaN\` and \`Infinity\` are not JSON; an integer beyond ±(2^53 − 1) and a number beyond the double range (\`1e400\`) are refused | they would change silently |
| Body shape | one JSON value; an empty body, two values or trailing text is refused | — |
| Values over IPC | the same checks on the value; a \`Map\`, \`Set\`, \`Date\`, typed array, class instance, function, bigint, \`NaN\` or \`Infinity\` is refused as not JSON | — |

What comes out has objects with a **null prototype**: no key of a payload can reach \`Object.prototype\`. A refusal
names the path (\`issues[0].path\`), and nothing is run. For example, \`POST /api/articles.create\` with
\`${example}\` answers 400:

\`\`\`json
${refusalExample(example)}
\`\`\`

The same refusals elsewhere: an organisation profile file is \`VALIDATION\` naming the file and the path (the first run
does not start; nothing is applied); a backup whose manifest is refused is \`BACKUP_INVALID\` ("its manifest is damaged";
nothing is replaced); a portal answer that is refused is not data — the publish is a transient failure, as a web page
instead of data is (docs/publishing.md).
`;
}

export function renderApiDocs(): string {
  const text = [
    intro(),
    errorTable(),
    untrustedInput(),
    channels(),
    usersAndAccess(),
    workflow(),
    auditLog(),
    revisions(),
    search(),
  ].join('\n');
  return `${text.replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

function firstDifference(a: string, b: string): string {
  const left = a.replace(/\n$/, '').split('\n');
  const right = b.replace(/\n$/, '').split('\n');
  for (let i = 0; i < Math.max(left.length, right.length); i += 1) {
    if (left[i] !== right[i]) {
      return `first difference at line ${i + 1}:\n  in ${DOC_FILE}:      ${left[i] ?? '(end of file)'}\n  would be generated: ${right[i] ?? '(end of file)'}`;
    }
  }
  return '';
}

/** Runs the generator; answers the exit code. */
export function main(argv: readonly string[] = process.argv.slice(2)): number {
  const write = argv.includes('--write');
  const check = argv.includes('--check');
  const unknown = argv.filter((a) => a !== '--write' && a !== '--check');
  if ((write && check) || unknown.length > 0) {
    console.error('usage: node scripts/api-docs.mjs [--write | --check]');
    return 2;
  }
  const root = repoRoot();
  const file = path.join(root, DOC_FILE);
  const generated = renderApiDocs();
  if (write) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, generated);
    console.log(`wrote ${DOC_FILE} (${CHANNEL_NAMES.length} channels, ${ERROR_CODES.length} error codes)`);
    return 0;
  }
  if (check) {
    if (!fs.existsSync(file)) {
      console.error(`${DOC_FILE} does not exist. Generate it with: node scripts/api-docs.mjs --write`);
      return 1;
    }
    const current = fs.readFileSync(file, 'utf8').replace(/\r\n/g, '\n');
    if (current !== generated) {
      console.error(
        `${DOC_FILE} is stale: it is not what the contract generates.\n${firstDifference(current, generated)}\n` +
          'Regenerate it with: node scripts/api-docs.mjs --write',
      );
      return 1;
    }
    console.log(`${DOC_FILE} is up to date.`);
    return 0;
  }
  process.stdout.write(generated);
  return 0;
}

// Run when executed directly (node .tmp/gen-api-docs.mjs …); scripts/api-docs.mjs imports it and calls main().
const entry = process.argv[1] ? path.resolve(process.argv[1]) : '';
if (entry && entry === fileURLToPath(import.meta.url)) process.exitCode = main();
