import { Body, Controller, INestApplication, Module, Param, Post, Query } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { JsonLogger } from '../logging/json-logger';
import { configureApp } from '../nest/bootstrap';

const received: unknown[] = [];

@Controller('things')
class ThingsController {
  @Post(':code')
  create(@Param('code') code: string, @Query() query: unknown, @Body() body: unknown) {
    received.push({ code, query, body });
    return { ok: true };
  }
}

@Module({ controllers: [ThingsController] })
class ThingsModule {}

describe('the HTTP edge (configureApp)', () => {
  let app: INestApplication;
  const post = (path = '/things/A1') => request(app.getHttpServer()).post(path);

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [ThingsModule] }).compile();
    app = moduleRef.createNestApplication({ bodyParser: false, logger: false });
    configureApp(app, new JsonLogger('test', 'error'), '1kb');
    await app.init();
  });
  afterAll(() => app.close());
  beforeEach(() => (received.length = 0));

  it('should pass a valid UTF-8 JSON body to the handler', async () => {
    const res = await post().set('content-type', 'application/json; charset=UTF-8').send('{"name":"IL-2 \u{1F9EA} 細胞"}');

    expect(res.status).toBe(201);
    expect(received).toEqual([{ code: 'A1', query: {}, body: { name: 'IL-2 \u{1F9EA} 細胞' } }]);
  });

  it('should answer 413 problem when the body is over the limit', async () => {
    const res = await post()
      .set('content-type', 'application/json')
      .send(JSON.stringify({ name: 'x'.repeat(2_000) }));

    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 413, code: 'payload-too-large' });
    expect(received).toEqual([]);
  });

  it.each([
    ['application/json; charset=latin1', '{"name":"x"}'],
    ['text/plain', 'name=x'],
    ['application/x-www-form-urlencoded', 'name=x'],
    ['multipart/form-data; boundary=b', '--b\r\nContent-Disposition: form-data; name="name"\r\n\r\nx\r\n--b--'],
  ])('should answer 415 problem and call nothing when the body is %s', async (type, body) => {
    const res = await post().set('content-type', type).send(body);

    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({ status: 415, code: 'unsupported-media-type' });
    expect(received).toEqual([]);
  });

  it('should answer 400 naming the field when a nested body string holds a NUL', async () => {
    const res = await post().set('content-type', 'application/json').send('{"items":[{"note":"ok"},{"note":"a\\u0000b"}]}');

    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      code: 'validation-failed',
      errors: [{ field: 'items.1.note', reason: expect.stringContaining('NUL') }],
    });
    expect(received).toEqual([]);
  });

  it('should answer 400 naming the field when a body string holds a lone surrogate', async () => {
    const res = await post().set('content-type', 'application/json').send('{"reason":"trained \\ud800 today"}');

    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'reason', reason: expect.stringContaining('surrogate') }]);
    expect(received).toEqual([]);
  });

  it('should answer 400 naming the query parameter and the path parameter when they hold bad text', async () => {
    const query = await post('/things/A1?filter=%00').set('content-type', 'application/json').send('{}');
    const param = await post('/things/A%00').set('content-type', 'application/json').send('{}');

    expect(query.status).toBe(400);
    expect(query.body.errors).toEqual([{ field: 'filter', reason: expect.stringContaining('NUL') }]);
    expect(param.status).toBe(400);
    expect(param.body.errors).toEqual([{ field: 'code', reason: expect.stringContaining('NUL') }]);
    expect(received).toEqual([]);
  });

  it('should send security headers on every answer', async () => {
    const res = await post().set('content-type', 'application/json').send('{}');

    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});
