/** The simulator's admin API (/__admin/*) as a JSON API: every refusal is JSON that says what was wrong. */
import { afterEach, describe, expect, it } from 'vitest';
import { type PortalSimulator, startPortalSimulator } from '../../src/sandbox/portal/index.ts';

let sim: PortalSimulator | undefined;
let unexpected: unknown[] = [];
afterEach(async () => {
  await sim?.close();
  sim = undefined;
  unexpected = [];
});

async function start(): Promise<PortalSimulator> {
  sim = await startPortalSimulator({ onError: (err) => unexpected.push(err) });
  return sim;
}

/** Sends a raw body, as curl or a hand-written script would. */
async function send(
  s: PortalSimulator,
  method: string,
  path: string,
  body?: string,
  contentType = 'application/json',
): Promise<{ status: number; type: string; json: Record<string, unknown>; headers: Headers }> {
  const res = await fetch(`${s.url}${path}`, {
    method,
    ...(body === undefined ? {} : { body, headers: { 'content-type': contentType } }),
  });
  const type = res.headers.get('content-type') ?? '';
  const text = await res.text();
  return {
    status: res.status,
    type,
    json: type.includes('json') ? (JSON.parse(text) as Record<string, unknown>) : { html: text },
    headers: res.headers,
  };
}

describe('the portal simulator’s admin API', () => {
  it('when the body is not valid JSON, it answers 400 with a JSON error quoting the parser, and changes nothing', async () => {
    const s = await start();
    const res = await send(s, 'POST', '/__admin/faults', '{"maintenance": tru');
    expect(res.status).toBe(400);
    expect(res.type).toContain('application/json');
    expect(res.json.error).toMatch(/^the body is not valid JSON: \S/);
    expect(s.admin.state().faults.maintenance).toBe(false);
    expect(unexpected).toEqual([]);
  });

  it('when the body is JSON but not an object, it answers 400 saying an object is expected', async () => {
    const s = await start();
    for (const body of ['[1, 2]', '"maintenance"', 'null', '7']) {
      const res = await send(s, 'POST', '/__admin/clock/advance', body);
      expect(res.status, body).toBe(400);
      expect(res.json.error, body).toMatch(/^the body must be a JSON object/);
    }
    expect(unexpected).toEqual([]);
  });

  it('when a fault name is unknown, it answers 400 naming it and the faults it knows, and no fault changes', async () => {
    const s = await start();
    const res = await send(s, 'POST', '/__admin/faults', '{"maintenance": true, "maintenanse": true}');
    expect(res.status).toBe(400);
    expect(res.json.error).toContain('unknown fault "maintenanse"');
    expect(res.json.error).toContain('slowMs, errorRate, maintenance');
    expect(s.admin.state().faults.maintenance).toBe(false);
  });

  it('when a field has the wrong type, it answers 400 naming the field and the value it got', async () => {
    const s = await start();
    const cases: [string, string, string][] = [
      ['/__admin/faults', '{"slowMs": "fast"}', 'slowMs must be a whole number of milliseconds'],
      ['/__admin/faults', '{"maintenance": "yes"}', 'maintenance must be true or false (got "yes")'],
      ['/__admin/clock/advance', '{"days": "2"}', 'days must be a number of days, 0 or more (got "2")'],
      [
        '/__admin/holds',
        '{"action": "paste", "when": "later"}',
        'when must be one of: before, after (got "later")',
      ],
      ['/__admin/accounts', '{"user": {"id": 1}, "password": "x"}', 'user must be'],
      ['/__admin/cases/seed', '{"count": "3", "iprRegNo": "2485097"}', 'count must be a whole number'],
      ['/__admin/cases/resolve', '{"outcome": 5}', 'outcome must be one of: Listing Removed'],
    ];
    for (const [path, body, message] of cases) {
      const res = await send(s, 'POST', path, body);
      expect(res.status, `${path} ${body}`).toBe(400);
      expect(res.json.error, `${path} ${body}`).toContain(message);
    }
    expect(s.admin.state().faults.slowMs).toBe(0);
    expect(s.admin.state().holds.holds).toEqual([]);
    expect(s.admin.state().cases).toEqual([]);
  });

  it('when a field is missing or unknown, it answers 400 naming it', async () => {
    const s = await start();
    const missing = await send(s, 'POST', '/__admin/clock/advance', '{}');
    expect(missing.status).toBe(400);
    expect(missing.json.error).toContain('days must be a number of days, 0 or more (it is missing)');
    const extra = await send(s, 'POST', '/__admin/clock/advance', '{"days": 1, "dayz": 2}');
    expect(extra.status).toBe(400);
    expect(extra.json.error).toBe('unknown field "dayz" (the fields are: days)');
  });

  it('when the body is not sent as JSON (curl -d without a content type), it answers 415 saying how to send it', async () => {
    const s = await start();
    const res = await send(
      s,
      'POST',
      '/__admin/faults',
      '{"maintenance": true}',
      'application/x-www-form-urlencoded',
    );
    expect(res.status).toBe(415);
    expect(res.json.error).toContain('Content-Type: application/json');
    expect(s.admin.state().faults.maintenance).toBe(false);
  });

  it('when the body is larger than the limit, it answers 413 in JSON', async () => {
    const s = await start();
    const res = await send(s, 'POST', '/__admin/faults', JSON.stringify({ pad: 'x'.repeat(200_000) }));
    expect(res.status).toBe(413);
    expect(res.json.error).toMatch(/^the body is larger than/);
    expect(unexpected).toEqual([]);
  });

  it('an admin path that does not exist answers 404 in JSON, and a known path with another method 405 with Allow', async () => {
    const s = await start();
    const missing = await send(s, 'GET', '/__admin/nope');
    expect(missing.status).toBe(404);
    expect(missing.json.error).toContain('GET /__admin/nope');
    const wrong = await send(s, 'GET', '/__admin/accounts');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
    expect(wrong.json.error).toContain('POST');
    const faults = await send(s, 'PUT', '/__admin/faults', '{}');
    expect(faults.status).toBe(405);
    expect(faults.headers.get('allow')).toBe('GET, HEAD, POST, DELETE');
  });

  it('an unexpected failure answers 500 in JSON and is reported, not shown as the portal’s HTML page', async () => {
    const s = await start();
    s.admin.expireSessions = () => {
      throw new Error('boom');
    };
    const res = await send(s, 'POST', '/__admin/sessions/expire');
    expect(res.status).toBe(500);
    expect(res.json.error).toContain('boom');
    expect(unexpected).toHaveLength(1);
  });

  it('well-formed requests still work: an empty POST, defaults, and 201 for what it creates', async () => {
    const s = await start();
    expect(await send(s, 'POST', '/__admin/sessions/expire')).toMatchObject({
      status: 200,
      json: { expired: 0 },
    });
    const held = await send(s, 'POST', '/__admin/holds', '{"action": "paste"}');
    expect(held.status).toBe(201);
    expect(held.json.holds).toEqual([{ action: 'paste', when: 'after', nth: 1, busy: false, hit: false }]);
    const busy = await send(s, 'POST', '/__admin/holds', '{"action": "sign-in", "busy": true}');
    expect(busy.json.holds).toContainEqual({
      action: 'sign-in',
      when: 'before',
      nth: 1,
      busy: true,
      hit: false,
    });
    const late = await send(
      s,
      'POST',
      '/__admin/holds',
      '{"action": "match", "busy": true, "when": "after"}',
    );
    expect(late).toMatchObject({
      status: 400,
      json: { error: expect.stringContaining('when must be before') },
    });
    expect(
      (await send(s, 'POST', '/__admin/accounts', '{"user": "second@example.com", "password": "pw"}')).status,
    ).toBe(201);
    expect((await send(s, 'POST', '/__admin/faults', '{"slowMs": 0, "maintenance": false}')).status).toBe(
      200,
    );
    expect((await send(s, 'POST', '/__admin/clock/advance', '{"days": 1.5}')).json.now).toMatch(/^\d{4}-/);
  });
});
