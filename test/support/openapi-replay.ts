/**
 * Issue 19.1: real answers replayed against the OpenAPI document. Each recorded exchange must meet
 * an operation of the document, a status it declares and a media type it declares, and a JSON body
 * must validate against that media type's schema (ajv, JSON Schema 2020-12: OpenAPI 3.1's dialect).
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020';
import addFormatsModule from 'ajv-formats';
import type { RecordedExchange } from './server';

// ajv-formats is CommonJS: its default export arrives wrapped under ESM interop.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as typeof addFormatsModule;

interface OpenApiDoc {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>>;
  components: { schemas: Record<string, unknown> };
}

/** A path template of the document as a regular expression; literal paths are tried before templated ones. */
function templates(doc: OpenApiDoc) {
  return Object.keys(doc.paths)
    .map((template) => {
      const params = (template.match(/\{\w+\}/g) ?? []).length;
      const source = template
        .split(/\{\w+\}/)
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('([^/]+?)');
      return { template, params, re: new RegExp(`^${source}$`) };
    })
    .sort((a, b) => a.params - b.params || b.template.length - a.template.length);
}

/** The problems found, one line each (method, path, status and what is wrong); empty when every answer is declared. */
export function undeclaredAnswers(doc: OpenApiDoc, exchanges: readonly RecordedExchange[]): string[] {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const compiled = new Map<unknown, ValidateFunction>();
  // The document's references (#/components/schemas/…) resolve inside each compiled schema.
  const validatorOf = (schema: unknown) => {
    let v = compiled.get(schema);
    if (!v) {
      const text = JSON.stringify(schema).replaceAll('"#/components/schemas/', '"#/$defs/');
      const own = JSON.parse(text) as Record<string, unknown>;
      v = ajv.compile({ ...own, $defs: { ...(own.$defs as object | undefined), ...doc.components.schemas } });
      compiled.set(schema, v);
    }
    return v;
  };
  const paths = templates(doc);
  const problems = new Set<string>();
  for (const x of exchanges) {
    const method = x.method.toLowerCase();
    const where = `${x.method} ${x.path} → ${x.status}`;
    const found = paths.find((p) => p.re.test(x.path) && doc.paths[p.template]![method]);
    if (!found) {
      // A path no route serves: the console's one 404 for it (on-error.ts), which no operation can list.
      const notFound =
        x.status === 404 &&
        validatorOf({ $ref: '#/components/schemas/ApiError' })(x.body) &&
        (x.body as { error: { code: string } }).error.code === 'not_found';
      if (!notFound) problems.add(`${where}: no operation in the document`);
      continue;
    }
    const op = doc.paths[found.template]![method]!;
    const status = String(x.status);
    const response = op.responses[status] ?? op.responses[`${status[0]}XX`] ?? op.responses.default;
    if (!response) {
      problems.add(`${x.method} ${found.template} → ${x.status}: status not declared (declared: ${Object.keys(op.responses).join(', ')})`);
      continue;
    }
    const mediaType = (x.contentType ?? '').split(';')[0]!.trim();
    if (!mediaType && (x.body === null || x.body === '')) continue;
    const media = response.content?.[mediaType];
    if (!media) {
      problems.add(`${x.method} ${found.template} → ${x.status}: media type ${mediaType || '(none)'} not declared`);
      continue;
    }
    if (!mediaType.endsWith('json')) continue;
    const validate = validatorOf(media.schema);
    if (!validate(x.body)) {
      const errors = (validate.errors ?? []).slice(0, 3).map((e) => `${e.instancePath || '/'} ${e.message}`);
      problems.add(`${x.method} ${found.template} → ${x.status}: body does not validate: ${errors.join('; ')}`);
    }
  }
  return [...problems].sort();
}

/** The document the server serves, and what its recorded answers do not match (for `expect(…).toEqual([])`). */
export async function answersNotInDocument(t: { url: string; recorded: readonly RecordedExchange[] }): Promise<string[]> {
  const doc = (await (await fetch(`${t.url}/api/openapi.json`)).json()) as OpenApiDoc;
  if (t.recorded.length === 0) return ['nothing was recorded: start the server with record: true'];
  return undeclaredAnswers(doc, t.recorded);
}
