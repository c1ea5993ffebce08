/**
 * Open311 GeoReport v2 answers as JSON (PRODUCT.md §11); the .xml answers carry the same fields under
 * the root element each route names. The presenters' return types come from these (server/open311/).
 */
import { z } from 'zod';

/** GET /open311/discovery.json. */
export const ZOpen311DiscoverySchema = z.object({
  changeset: z.string(),
  contact: z.string(),
  key_service: z.string(),
  endpoints: z.array(z.object({ specification: z.string(), url: z.string(), changeset: z.string(), type: z.string(), formats: z.array(z.string()) })),
});
export type TOpen311Discovery = z.output<typeof ZOpen311DiscoverySchema>;

/** One service: a category of the dispatch rule table. */
export const ZOpen311ServiceSchema = z.object({
  service_code: z.string(),
  service_name: z.string(),
  description: z.string(),
  metadata: z.boolean(),
  type: z.literal('realtime'),
  keywords: z.string(),
  group: z.string(),
});
export type TOpen311Service = z.output<typeof ZOpen311ServiceSchema>;

/** GET /open311/v2/services.json. */
export const ZOpen311ServiceListSchema = z.array(ZOpen311ServiceSchema);

/** GET /open311/v2/services/:code.json: every service takes one attribute, the ticket's type. */
export const ZOpen311ServiceDefinitionSchema = z.object({
  service_code: z.string(),
  attributes: z.array(
    z.object({
      variable: z.boolean(),
      code: z.string(),
      datatype: z.string(),
      required: z.boolean(),
      datatype_description: z.string(),
      order: z.number().int(),
      description: z.string(),
      values: z.array(z.object({ key: z.string(), name: z.string() })),
    }),
  ),
});
export type TOpen311ServiceDefinition = z.output<typeof ZOpen311ServiceDefinitionSchema>;

/** POST /open311/v2/requests.json: the request filed (or the first filing, for a retried Idempotency-Key). */
export const ZOpen311FiledSchema = z.array(z.object({ service_request_id: z.string(), service_notice: z.string(), account_id: z.string().nullable() }));
export type TOpen311Filed = z.output<typeof ZOpen311FiledSchema>;

/** A service request as the public may read it: no caller's name or number, the address cut to road or compound. */
export const ZOpen311ServiceRequestSchema = z.object({
  service_request_id: z.string(),
  status: z.enum(['open', 'closed']),
  status_notes: z.string(),
  service_name: z.string(),
  service_code: z.string(),
  description: z.string(),
  agency_responsible: z.string().nullable(),
  service_notice: z.string(),
  requested_datetime: z.string(),
  updated_datetime: z.string(),
  expected_datetime: z.string().nullable(),
  /** Cut to road or compound; null when nothing public is left of it. */
  address: z.string().nullable(),
  address_id: z.string().nullable(),
  zipcode: z.null(),
  lat: z.number().nullable(),
  long: z.number().nullable(),
  media_url: z.string().nullable(),
});
export type TOpen311ServiceRequest = z.output<typeof ZOpen311ServiceRequestSchema>;

/** GET /open311/v2/requests.json (a page) and /open311/v2/requests/:id.json (one). */
export const ZOpen311ServiceRequestListSchema = z.array(ZOpen311ServiceRequestSchema);
