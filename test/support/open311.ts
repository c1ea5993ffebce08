/** Filing a request through the public Open311 endpoint as a GeoReport v2 client does (form-encoded, the demo key). */

/** The demo console's Open311 key (server/demo). */
export const DEMO_OPEN311_KEY = 'demo-open311-key';

/** POST /open311/v2/requests.json with `fields` (api_key and a sanitation service code unless given). */
export function fileOpen311Request(consoleUrl: string, fields: Record<string, string>): Promise<Response> {
  return fetch(`${consoleUrl}/open311/v2/requests.json`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ api_key: DEMO_OPEN311_KEY, service_code: 'sanitation', ...fields }).toString(),
  });
}
