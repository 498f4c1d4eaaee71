import { Client } from 'pg';
import { Role } from '@mes/platform';
import { SERVICES, ServiceName, TestSystem } from '@mes/testing';
import { admits, serviceRoutes } from '../tools/authz-matrix';

/**
 * Requests generated from each service's own OpenAPI document (/docs/openapi.json), for every operation: plausible
 * and wrongly typed bodies, missing fields, a NUL or a lone surrogate in each string field, a body over the limit,
 * other content types, odd path and query values, sent with a token of a role the route admits. Asserts: no 5xx;
 * text that cannot be stored answers 400 naming the field; 413/415 where due; a request refused with 400/413/415
 * changes nothing (no audit entry by the caller, no outbox row); every audit chain still verifies. Seeded and
 * bounded (FUZZ_SEED, FUZZ_PER_OPERATION), against 127.0.0.1 only.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const PER_OPERATION = Number(process.env.FUZZ_PER_OPERATION ?? 20);
const MAX_TEXT_FIELDS = 8;
const DEADLINE_MS = 6 * 60_000;
const REFUSED_AT_EDGE = new Set([400, 413, 415]);

/** The demo users, most specific role first, so each route gets a caller it admits. */
const USERS: { username: string; roles: Role[] }[] = [
  { username: 'operator', roles: ['operator'] },
  { username: 'supervisor', roles: ['supervisor', 'operator'] },
  { username: 'qc', roles: ['qc-analyst'] },
  { username: 'qa', roles: ['qa'] },
  { username: 'materials', roles: ['materials'] },
  { username: 'admin', roles: ['admin'] },
  { username: 'clinic-a', roles: ['clinic'] },
];

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Schema = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** mulberry32: small, seeded, reproducible. */
function random(seed: number) {
  let s = seed;
  const next = () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const uuid = () => 'xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx'.replace(/x/g, () => Math.floor(next() * 16).toString(16));
  return { next, pick, uuid };
}
type Random = ReturnType<typeof random>;

class Generator {
  constructor(
    private readonly doc: Schema,
    private readonly r: Random,
  ) {}

  deref(s: Schema | undefined): Schema | undefined {
    let schema = s;
    for (let i = 0; schema?.$ref && i < 10; i++) {
      schema = schema.$ref
        .replace(/^#\//, '')
        .split('/')
        .reduce((o: Schema, k: string) => o?.[k], this.doc);
    }
    return schema;
  }

  plausible(input: Schema | undefined, depth = 0): Json {
    const s = this.deref(input);
    if (!s || depth > 6) return null;
    if (s.const !== undefined) return s.const;
    if (Array.isArray(s.enum)) return this.r.pick(s.enum);
    const alternatives = s.anyOf ?? s.oneOf;
    if (Array.isArray(alternatives)) return this.plausible(this.r.pick(alternatives), depth + 1);
    if (Array.isArray(s.allOf)) return this.plausible({ ...s.allOf[0], ...s.allOf[s.allOf.length - 1] }, depth + 1);
    const types: string[] = Array.isArray(s.type)
      ? s.type.filter((t: string) => t !== 'null')
      : [s.type ?? (s.properties ? 'object' : 'any')];
    switch (this.r.pick(types)) {
      case 'object': {
        const required: string[] = s.required ?? [];
        const out: Record<string, Json> = {};
        for (const [key, value] of Object.entries<Schema>(s.properties ?? {})) {
          if (required.includes(key) || this.r.next() < 0.5) out[key] = this.plausible(value, depth + 1);
        }
        return out;
      }
      case 'array': {
        const n = Math.max(s.minItems ?? 0, this.r.next() < 0.7 ? 1 : 2);
        return Array.from({ length: Math.min(n, 3) }, () => this.plausible(s.items, depth + 1));
      }
      case 'string':
        return this.text(s);
      case 'integer':
        return Math.max(s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1), this.r.pick([1, 2, 10]));
      case 'number':
        return Math.max(s.minimum ?? 0.5, this.r.pick([0.5, 1, 37.2, 95]));
      case 'boolean':
        return this.r.next() < 0.5;
      default:
        return this.r.pick(['x', 1, true, null]);
    }
  }

  private text(s: Schema): string {
    const now = Date.now();
    switch (s.format) {
      case 'uuid':
        return this.r.uuid();
      case 'date-time':
        return new Date(now + Math.floor((this.r.next() - 0.3) * 30 * 86_400_000)).toISOString();
      case 'date':
        return new Date(now + Math.floor(this.r.next() * 30 * 86_400_000)).toISOString().slice(0, 10);
      case 'email':
        return 'someone@example.org';
    }
    const base = this.r.pick(['A1', 'value', 'COI-AB12-CD34', '細胞治療 🧪', 'operator', 'CD19-CAR-T', 'reason for the change']);
    const min = s.minLength ?? 0;
    const max = s.maxLength ?? 200;
    return base.padEnd(min, 'x').slice(0, Math.max(min, Math.min(max, base.length)));
  }

  /** The plausible value with one leaf (or the whole) replaced by a value of another type. */
  wrongType(value: Json): Json {
    const wrong = this.r.pick<Json>([123, -1e308, true, null, {}, [], 'str', '', 'x'.repeat(5_000)]);
    const leaves = leafPaths(value);
    if (!leaves.length || this.r.next() < 0.15) return wrong;
    return setAt(value, this.r.pick(leaves).path, wrong);
  }

  /** The plausible value with a random field removed (or nothing at all). */
  missing(value: Json): Json {
    if (this.r.next() < 0.3 || value === null || typeof value !== 'object' || Array.isArray(value)) return {};
    const keys = Object.keys(value);
    if (!keys.length) return {};
    const { [this.r.pick(keys)]: _, ...rest } = value; // eslint-disable-line @typescript-eslint/no-unused-vars
    return rest;
  }
}

function leafPaths(value: Json, path: (string | number)[] = []): { path: (string | number)[]; value: Json }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leafPaths(v, [...path, i]));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...path, k]));
  return path.length ? [{ path, value }] : [];
}

function setAt(value: Json, path: (string | number)[], leaf: Json): Json {
  if (!path.length) return leaf;
  const [head, ...rest] = path;
  const copy: Json = Array.isArray(value) ? [...value] : { ...(value as Record<string, Json>) };
  (copy as Record<string | number, Json>)[head] = setAt((value as Record<string | number, Json>)[head], rest, leaf);
  return copy;
}

interface Attempt {
  service: ServiceName;
  method: string;
  path: string;
  kind: string;
  body?: string;
  contentType?: string;
  /** What the answer must be besides "no 5xx". */
  expect?: { status: number; field?: string };
}

interface Finding {
  service: ServiceName;
  method: string;
  path: string;
  kind: string;
  status: number;
  problem: string;
  sent: string;
}

describe('fuzzing every operation of every service from its OpenAPI document', () => {
  const system = new TestSystem();
  const tokens = new Map<string, { token: string; userId: string }>();
  const db = new Map<ServiceName, Client>();
  const findings: Finding[] = [];
  const statuses = new Map<string, number>();

  beforeAll(async () => {
    await system.resetDatabases();
    await system.startAll();
    for (const u of USERS) {
      const token = await system.login(u.username);
      tokens.set(u.username, { token, userId: JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).sub });
    }
    for (const s of SERVICES) {
      const client = new Client({ connectionString: system.databaseUrl(s) });
      await client.connect();
      db.set(s, client);
    }
  }, 300_000);

  afterAll(async () => {
    await Promise.allSettled([...db.values()].map((c) => c.end()));
    await system.stopAll();
  }, 60_000);

  /** What a refused request must not change: entries the caller wrote, outbox rows (unless a consumer ran meanwhile). */
  async function state(service: ServiceName, userId: string) {
    const [row] = (
      await db.get(service)!.query(
        `SELECT (SELECT count(*) FROM platform_audit WHERE actor_id = $1)::int AS audit,
                (SELECT count(*) FROM platform_outbox)::int AS outbox,
                (SELECT count(*) FROM platform_inbox)::int AS inbox`,
        [userId],
      )
    ).rows;
    return row as { audit: number; outbox: number; inbox: number };
  }

  it('should answer no request with a 5xx, refuse bad text naming the field, and change nothing when it refuses', async () => {
    const started = Date.now();
    const r = random(SEED);
    let sent = 0;
    for (const service of SERVICES) {
      const doc = (await (await fetch(`${system.url(service)}/docs/openapi.json`)).json()) as Schema;
      const gen = new Generator(doc, r);
      const routes = serviceRoutes(service);
      for (const [template, operations] of Object.entries<Schema>(doc.paths)) {
        for (const [method, op] of Object.entries<Schema>(operations)) {
          if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
          const expressPath = template.replace(/\{(\w+)\}/g, ':$1');
          const route = routes.find((x) => x.method === method.toUpperCase() && x.path === expressPath);
          // Streams never end by themselves; they are covered by the notification specs.
          if (!route || route.allowQueryToken || (op.responses?.['200']?.content ?? {})['text/event-stream']) continue;
          const caller = route.access?.kind === 'public' ? null : USERS.find((u) => admits(route, u.roles));
          if (caller === undefined) continue;
          const auth = caller ? tokens.get(caller.username)! : null;
          const plausiblePath = () =>
            template.replace(/\{(\w+)\}/g, (_, name: string) =>
              encodeURIComponent(
                name === 'username'
                  ? r.pick(USERS).username
                  : name.toLowerCase().endsWith('id')
                    ? r.uuid()
                    : r.pick(['A1', 'COI-CHECK', 'x']),
              ),
            );
          const schema = op.requestBody?.content?.['application/json']?.schema;
          const hasBody = method !== 'get';
          const attempts: Attempt[] = [];
          const add = (a: Omit<Attempt, 'service' | 'method'>) => attempts.push({ service, method: method.toUpperCase(), ...a });

          for (let i = 0; i < PER_OPERATION; i++) {
            const base = gen.plausible(schema);
            const body = !schema ? undefined : i % 3 === 0 ? base : i % 3 === 1 ? gen.wrongType(base) : gen.missing(base);
            add({
              path: plausiblePath(),
              kind: ['plausible', 'wrong-type', 'missing'][i % 3],
              body: hasBody && body !== undefined ? JSON.stringify(body) : undefined,
            });
          }
          if (schema && hasBody) {
            const base = gen.plausible(schema);
            for (const [i, leaf] of leafPaths(base)
              .filter((l) => typeof l.value === 'string')
              .slice(0, MAX_TEXT_FIELDS)
              .entries()) {
              const bad = i % 2 === 0 ? `a\u0000${leaf.value}` : `${leaf.value}\ud800`;
              add({
                path: plausiblePath(),
                kind: i % 2 === 0 ? 'nul' : 'lone-surrogate',
                body: JSON.stringify(setAt(base, leaf.path, bad)),
                expect: { status: 400, field: leaf.path.join('.') },
              });
            }
          }
          if (hasBody) {
            add({
              path: plausiblePath(),
              kind: 'huge',
              body: JSON.stringify({ blob: 'x'.repeat(2.5 * 1024 * 1024) }),
              expect: { status: 413 },
            });
            for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1']) {
              add({
                path: plausiblePath(),
                kind: `content-type ${contentType}`,
                body: contentType.startsWith('application/json') ? '{}' : 'a=1',
                contentType,
                expect: { status: 415 },
              });
            }
          }
          if (template.includes('{')) {
            for (const odd of ['%00', '%ED%A0%80', '%', '..%2F..%2Fetc', 'x'.repeat(3_000), '%F0%9F%A7%AA', '%20']) {
              if (r.next() < 0.5)
                add({ path: template.replace(/\{(\w+)\}/g, odd), kind: `path ${odd.slice(0, 12)}`, body: hasBody ? '{}' : undefined });
            }
          }
          add({
            path: `${plausiblePath()}?limit=${r.pick(['%00', '-1', 'abc', '%ED%A0%80', '1e999'])}&cursor=%00`,
            kind: 'query',
            body: hasBody ? '{}' : undefined,
          });

          for (const a of attempts) {
            if (Date.now() - started > DEADLINE_MS) break;
            const before = auth ? await state(service, auth.userId) : null;
            let status: number;
            let text: string;
            try {
              const res = await fetch(`${system.url(service)}${a.path}`, {
                method: a.method,
                headers: {
                  accept: 'application/json',
                  ...(auth ? { authorization: `Bearer ${auth.token}` } : {}),
                  ...(a.body !== undefined ? { 'content-type': a.contentType ?? 'application/json' } : {}),
                },
                body: a.body,
                signal: AbortSignal.timeout(30_000),
              });
              status = res.status;
              text = await res.text();
            } catch (error) {
              status = 599;
              text = String(error);
            }
            sent++;
            statuses.set(`${service} ${status}`, (statuses.get(`${service} ${status}`) ?? 0) + 1);
            const finding = (problem: string) =>
              findings.push({
                service,
                method: a.method,
                path: a.path.slice(0, 120),
                kind: a.kind,
                status,
                problem,
                sent: (a.body ?? '').slice(0, 200),
              });
            if (status >= 500) finding(`answered ${status}: ${text.slice(0, 200)}`);
            if (a.expect && status !== a.expect.status && status < 500) finding(`expected ${a.expect.status}: ${text.slice(0, 200)}`);
            if (a.expect?.field && status === 400) {
              const fields = ((JSON.parse(text) as { errors?: { field: string }[] }).errors ?? []).map((e) => e.field);
              if (!fields.includes(a.expect.field)) finding(`400 does not name ${a.expect.field}: ${fields.join(', ')}`);
            }
            if (before && auth && REFUSED_AT_EDGE.has(status)) {
              const after = await state(service, auth.userId);
              if (after.audit !== before.audit || (after.outbox !== before.outbox && after.inbox === before.inbox)) {
                finding(`refused with ${status} but changed state: ${JSON.stringify({ before, after })}`);
              }
            }
          }
        }
      }
    }

    // Assert
    process.stdout.write(
      `${JSON.stringify({ msg: 'fuzz summary', seed: SEED, requests: sent, seconds: Math.round((Date.now() - started) / 1000), statuses: Object.fromEntries(statuses) })}\n`,
    );
    expect(sent).toBeGreaterThan(500);
    expect(findings).toEqual([]);
    const qa = tokens.get('qa')!.token;
    for (const service of SERVICES) {
      expect({ service, ...(await system.api(service, qa).get('/audit-trail/verify')).body }).toMatchObject({ service, ok: true });
    }
  }, 600_000);
});
