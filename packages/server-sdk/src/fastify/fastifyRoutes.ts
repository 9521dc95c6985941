import type { Readable } from 'node:stream';
import { OpwireError } from '@opwire/protocol';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { COMMON_HEADERS, type HttpAnswer, problem } from '../http/httpAnswers.js';
import { type HttpRequestCore, INTERNAL_MESSAGE } from '../http/httpRequestCore.js';
import { HTTP_ROUTES } from '../http/httpRoutes.js';
import { readJsonStream } from '../http/requestBody.js';

/**
 * Registers opwire's HTTP routes on an encapsulated Fastify instance (the
 * caller gives it the base path as prefix): each hands the request to the
 * HTTP request core and sends its answer through `reply`, so the app's hooks,
 * `onSend` and error handler see opwire's routes like their own.
 */
export async function registerOpwireRoutes(
  instance: FastifyInstance,
  core: HttpRequestCore,
): Promise<void> {
  // The core checks origin, credentials and rate limit before it reads a body, and
  // reads at most its own limit: the body stream is kept unread for it.
  const bodies = new WeakMap<FastifyRequest, Readable>();
  instance.removeAllContentTypeParsers();
  instance.addContentTypeParser('*', (request, payload, done) => {
    bodies.set(request, payload);
    done(null, undefined);
  });

  // Paths under the base path are opwire's: an unknown one gets opwire's 404, as from `opwire.http`.
  instance.setNotFoundHandler((request, reply) => {
    const path = new URL(request.url, 'http://opwire.invalid').pathname;
    return sendAnswer(
      reply,
      problem('not_found', `No opwire route for ${request.method} ${path}.`),
    );
  });

  for (const definition of HTTP_ROUTES) {
    instance.route({
      method: definition.method,
      url: definition.path,
      exposeHeadRoute: false,
      handler: async (request, reply) => {
        const route = definition.route(request.params as Record<string, string | undefined>);
        const query = new URL(request.url, 'http://opwire.invalid').searchParams;
        const input = {
          method: request.method,
          headers: request.headers,
          readBody: async () => {
            const body = bodies.get(request);
            if (body === undefined) return { ok: true as const, body: undefined };
            return readJsonStream(body, request.headers['content-length']);
          },
        };
        let answer: HttpAnswer;
        try {
          answer = await core.answer(input, route, query);
        } catch (error) {
          core.reportFailure(error);
          // Fastify's error handler answers, with a message that tells nothing.
          throw Object.assign(new OpwireError('internal', INTERNAL_MESSAGE, { cause: error }), {
            statusCode: 500,
          });
        }
        return sendAnswer(reply, answer);
      },
    });
  }
}

function sendAnswer(reply: FastifyReply, answer: HttpAnswer): FastifyReply {
  reply.code(answer.status).headers(COMMON_HEADERS);
  if ('text' in answer) return reply.type(answer.type).send(answer.text);
  if (answer.headers) reply.headers(answer.headers);
  return reply.type('application/json; charset=utf-8').send(answer.json);
}
