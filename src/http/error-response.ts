/**
 * A request refused before GraphQL runs it, answered as a GraphQL response holding one error, so that a client reads
 * every refusal the same way.
 */
export function errorResponse(
  status: number,
  message: string,
  extensions: { code: string } & Record<string, unknown>,
  headers?: HeadersInit,
): Response {
  return Response.json({ errors: [{ message, extensions }] }, { status, headers });
}
