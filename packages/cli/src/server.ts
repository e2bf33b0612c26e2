/**
 * The VROOM service over HTTP (fastify), like vroom-express: `POST /` takes VROOM's JSON and
 * answers with the solution, `GET /health` says the server is up and how busy it is. Solving runs
 * on worker threads (core's VroomPool), so the server answers while it solves. Limits: the body
 * (default 10 MB → 413), the time limit per request (`?time_limit=s`, up to the server's; above it
 * → 400), a bounded queue (→ 503 with Retry-After). Errors answer `{ code, error }` with the
 * located message, as vroom-express does. One log line per request on `log`.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { InputError, createVroomPool, parseJson, type VroomPool } from '@postroute/core';

export interface ServerOptions {
  /** Longest time limit a request may ask for, and the default, in seconds. */
  timeLimit: number;
  threads: number;
  /** Requests that may wait for a thread; more → 503. */
  queue: number;
  /** Largest body, bytes (default 10 MB). */
  bodyLimit?: number;
  seed?: number;
  /** One line per request (method, path, bytes, status, ms). */
  log?: (line: string) => void;
}

/**
 * @example
 * const server = createServer({ timeLimit: 5, threads: 2, queue: 8 });
 * await server.app.listen({ port: 3000, host: '127.0.0.1' });
 */
export function createServer(options: ServerOptions): { app: FastifyInstance; pool: VroomPool } {
  const pool = createVroomPool({ threads: options.threads, queue: options.queue });
  const app = Fastify({ bodyLimit: options.bodyLimit ?? 10 * 1024 * 1024, logger: false });
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));

  // The body stays text for the thread (its errors then name lines); malformed JSON is a 400 here,
  // at once, with its line.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      parseJson(body as string, 'body', 'VROOM\'s input: a JSON object with jobs, vehicles and matrices');
      done(null, body);
    } catch (error) {
      const message = error instanceof InputError ? error.describe() : String(error);
      done(Object.assign(new Error(message), { statusCode: 400 }), undefined);
    }
  });
  app.addHook('onResponse', async (request, reply) => {
    const bytes = Number(request.headers['content-length'] ?? 0);
    log(`${request.method} ${request.url} ${bytes} B ${reply.statusCode} ${Math.round(reply.elapsedTime)} ms`);
  });
  // Fastify's own errors (malformed JSON, body too large, wrong content type) in VROOM's shape.
  app.setErrorHandler((error: { statusCode?: number; message: string }, _request, reply) => {
    const status = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    const message = status === 413 ? `the body is larger than the limit of ${app.initialConfig.bodyLimit} bytes` : error.message;
    void reply.code(status).send({ code: status === 500 ? 1 : 2, error: message });
  });

  app.get('/health', async () => ({ status: 'ok', threads: pool.threads, running: pool.running, queued: pool.queued, queue: pool.queueSize }));

  app.post('/', async (request, reply) => {
    const query = request.query as Record<string, string | undefined>;
    let timeLimit = options.timeLimit;
    if (query.time_limit !== undefined) {
      const asked = Number(query.time_limit);
      if (!(asked > 0) || !Number.isFinite(asked))
        return reply.code(400).send({ code: 2, error: `time_limit must be a number of seconds > 0, got "${query.time_limit}"` });
      if (asked > options.timeLimit)
        return reply.code(400).send({ code: 2, error: `time_limit ${asked} s is above this server's maximum of ${options.timeLimit} s` });
      timeLimit = asked;
    }
    if (request.body === undefined || request.body === null)
      return reply.code(400).send({ code: 2, error: 'the body must be VROOM\'s JSON input (Content-Type: application/json)' });
    const answer = await pool.solve({ text: request.body as string, source: 'body', timeLimit, seed: options.seed ?? 1 });
    if (answer.ok) return reply.send(answer.output);
    if ('busy' in answer) {
      // A request waits at most one time limit per queued request ahead of it, per thread.
      const wait = Math.ceil(timeLimit * (1 + pool.queueSize / pool.threads));
      return reply.code(503).header('Retry-After', String(wait)).send({ code: 3, error: `every thread is busy and ${pool.queueSize} request(s) wait; retry in ${wait} s` });
    }
    return reply.code(answer.input ? 400 : 500).send({ code: answer.input ? 2 : 1, error: answer.message });
  });

  // Once closing, answers end their connection: a client's idle keep-alive socket would otherwise
  // hold the server open after the last request (seen with fetch on SIGTERM).
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    if (closing) void reply.header('connection', 'close');
    return payload;
  });
  app.addHook('onClose', async () => {
    await pool.close();
  });
  return { app, pool };
}
