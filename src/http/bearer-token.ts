/** The API key sent as `Authorization: Bearer <key>`; undefined where there is no such header or it says otherwise. */
export function bearerToken(request: Request): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization')?.trim() ?? '')?.[1];
}
