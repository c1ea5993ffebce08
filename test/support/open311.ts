/** Filing a request through the public Open311 endpoint as a GeoReport v2 client does (form-encoded, the demo key). */

/** The demo console's Open311 key (server/demo). */
export const DEMO_OPEN311_KEY = 'demo-open311-key';

/** A fetch init that POSTs `fields` as the standard's form (application/x-www-form-urlencoded). */
export const open311Form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

/**
 * The GeoReport v2 specification's example POST (wiki.open311.org/GeoReport_v2), field for field;
 * its service code and place are San Francisco's, these are the town's.
 */
export const SPEC_EXAMPLE_POST = {
  api_key: DEMO_OPEN311_KEY,
  jurisdiction_id: 'city.gov',
  service_code: 'sanitation',
  lat: '31.1168',
  long: '121.3226',
  address_string: '易富路88弄',
  email: 'smit333@sfgov.edu',
  device_id: 'tt222111',
  account_id: '123456',
  first_name: 'john',
  last_name: 'smith',
  phone: '13800001111',
  description: 'A large sinkhole is forming in the middle of the road',
  media_url: 'http://images.sfgov.org/oa234sd08f.png',
};

/** POST /open311/v2/requests.json with `fields` (api_key and a sanitation service code unless given). */
export function fileOpen311Request(consoleUrl: string, fields: Record<string, string>): Promise<Response> {
  return fetch(`${consoleUrl}/open311/v2/requests.json`, open311Form({ api_key: DEMO_OPEN311_KEY, service_code: 'sanitation', ...fields }));
}
