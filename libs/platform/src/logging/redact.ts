// A token in a log line is a session anyone with log access can use: ?access_token= (SSE), Bearer headers, bare JWTs.
const QUERY_TOKEN = /([?&](?:access_token|token|id_token|refresh_token)=)[^&#\s"']+/gi;
const BEARER = /(Bearer\s+)[A-Za-z0-9\-._~+/]+=*/gi;
const JWT = /\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g;

export const REDACTED = '[REDACTED]';

/** The text with every bearer token, JWT and token query parameter replaced by [REDACTED]. */
export function redactSecrets(text: string): string {
  return text.replace(QUERY_TOKEN, `$1${REDACTED}`).replace(BEARER, `$1${REDACTED}`).replace(JWT, REDACTED);
}
