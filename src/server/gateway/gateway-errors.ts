import "server-only";

/**
 * An answer in the Assistants contract's error shape (`ErrorResponse`), so the official
 * SDKs raise their own typed errors (`AuthenticationError`, `BadRequestError`, …).
 */
export type OpenAIErrorBody = { message: string; type: string; param: string | null; code: string | null };

export function errorResponse(status: number, error: Partial<OpenAIErrorBody> & { message: string }, headers?: HeadersInit): Response {
  const body: OpenAIErrorBody = { type: typeFor(status), param: null, code: null, ...error };
  const out = new Headers(headers);
  out.set("content-type", "application/json");
  return new Response(JSON.stringify({ error: body }), { status, headers: out });
}

function typeFor(status: number): string {
  if (status === 429) return "rate_limit_exceeded";
  if (status >= 500) return "server_error";
  return "invalid_request_error";
}

/** A refusal the gateway decides by itself, thrown from deep in a handler and answered at the edge. */
export class GatewayRefusal extends Error {
  constructor(
    readonly status: number,
    readonly error: Partial<OpenAIErrorBody> & { message: string },
    readonly headers?: HeadersInit,
  ) {
    super(error.message);
  }

  toResponse(): Response {
    return errorResponse(this.status, this.error, this.headers);
  }
}
