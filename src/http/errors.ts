// Turns every failure (typed service errors, Fastify's own errors, unknown routes, crashes) into the envelope.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type FieldIssue } from '../lib/errors.js';
import { isDatabaseUnavailable } from '../lib/pg-errors.js';
import { JSON_UTF8 } from './envelope.js';

const CODE_BY_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  409: 'CONFLICT',
  410: 'GONE',
  413: 'PAYLOAD_TOO_LARGE',
  414: 'URI_TOO_LONG',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  416: 'RANGE_NOT_SATISFIABLE',
  422: 'VALIDATION_FAILED',
  429: 'RATE_LIMITED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

/** Seconds a client should wait before retrying while the database is unreachable. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

// Fastify's own error codes that deserve a specific sentence.
const FASTIFY_ERRORS: Record<string, { status: number; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, message: 'The request body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    message: 'The request body is empty but Content-Type is application/json',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, message: 'The request body is too large' },
  FST_REQ_FILE_TOO_LARGE: { status: 413, message: 'The uploaded file is too large' },
  FST_FILES_LIMIT: { status: 413, message: 'Too many files in the upload' },
  FST_PARTS_LIMIT: { status: 413, message: 'Too many parts in the upload' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, message: 'This Content-Type is not supported here' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, message: 'Content-Length does not match the body' },
  FST_INVALID_MULTIPART_CONTENT_TYPE: { status: 415, message: 'The request must be multipart/form-data' },
};

export function sendError(
  reply: FastifyReply,
  status: number,
  message: string,
  code = CODE_BY_STATUS[status] ?? 'ERROR',
  details?: FieldIssue[],
  data?: Record<string, unknown>,
) {
  return reply
    .code(status)
    .type(JSON_UTF8)
    .send({ error: true, status, message, code, ...(details ? { details } : {}), ...(data ? { data } : {}) });
}

interface AjvIssue {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

function fieldIssue(issue: AjvIssue, context: string | undefined): FieldIssue {
  const pathParts = issue.instancePath.split('/').filter(Boolean);
  if (issue.keyword === 'required' && typeof issue.params.missingProperty === 'string') {
    pathParts.push(issue.params.missingProperty);
  }
  const field = pathParts.join('.') || context || 'body';
  let message = issue.message ?? 'is invalid';
  if (issue.keyword === 'required') message = 'is required';
  if (issue.keyword === 'format') message = `must be a valid ${String(issue.params.format)}`;
  return { field, message };
}

function validationIssues(error: FastifyError): FieldIssue[] {
  const issues = (error.validation ?? []) as AjvIssue[];
  const seen = new Set<string>();
  const out: FieldIssue[] = [];
  for (const issue of issues) {
    const item = fieldIssue(issue, error.validationContext);
    // One sentence per field is enough: the first problem found.
    if (!seen.has(item.field)) {
      seen.add(item.field);
      out.push(item);
    }
  }
  return out;
}

/**
 * Errors the router raises before any route or error handler runs (a malformed %-escape, a path
 * segment over maxParamLength): Fastify would answer them with its own body, not the envelope.
 */
export function frameworkErrorHandler(error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  const status = error.statusCode ?? 400;
  const message =
    status === 414 ? 'A part of the URL is too long' : 'The URL is malformed (a bad percent-escape?)';
  return sendError(reply, status, message);
}

export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      if (error.headers) reply.headers(error.headers);
      return sendError(reply, error.status, error.message, error.code, error.details);
    }
    if (error.validation) {
      const details = validationIssues(error);
      const first = details[0];
      const message = first ? `${first.field} ${first.message}` : 'The request is invalid';
      return sendError(reply, 422, message, 'VALIDATION_FAILED', details);
    }
    const known = error.code ? FASTIFY_ERRORS[error.code] : undefined;
    if (known) return sendError(reply, known.status, known.message);
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return sendError(reply, status, error.message || 'The request could not be processed');
    }
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error, reqId: request.id }, 'database unavailable');
      reply.header('retry-after', String(UNAVAILABLE_RETRY_AFTER_SECONDS));
      return sendError(
        reply,
        503,
        'The service is temporarily unavailable; try again shortly',
        'UNAVAILABLE',
      );
    }
    request.log.error({ err: error, reqId: request.id }, 'unexpected error');
    return sendError(reply, 500, `Something went wrong on our side (request ${request.id})`, 'INTERNAL');
  });

  app.setNotFoundHandler((request, reply) =>
    sendError(reply, 404, `Route ${request.method} ${request.url.split('?')[0]} not found`),
  );
}
