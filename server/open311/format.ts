/**
 * GeoReport v2 formats: XML (required by the standard) and JSON by the Spark convention, chosen
 * by the resource's suffix (.xml / .json). UTF-8 everywhere, the XML declaration first, no
 * namespace, the standard's element names.
 */
import type { Response } from 'express';

export type Open311Format = 'xml' | 'json';

export function formatOf(value: string | undefined): Open311Format | null {
  return value === 'xml' || value === 'json' ? value : null;
}

/** The element name of each item of a list element. */
const ITEM: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  errors: 'error',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
};

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

// XML 1.0 forbids most control characters even when escaped.
// eslint-disable-next-line no-control-regex -- matching exactly those characters is the point
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(s: string): string {
  return s.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function element(name: string, value: Json, indent: string): string {
  if (value === null || value === '') return `${indent}<${name}/>`;
  if (Array.isArray(value)) {
    const item = ITEM[name] ?? 'item';
    if (value.length === 0) return `${indent}<${name}/>`;
    return `${indent}<${name}>\n${value.map((v) => element(item, v, `${indent}  `)).join('\n')}\n${indent}</${name}>`;
  }
  if (typeof value === 'object') {
    const children = Object.entries(value).map(([k, v]) => element(k, v, `${indent}  `));
    return `${indent}<${name}>\n${children.join('\n')}\n${indent}</${name}>`;
  }
  return `${indent}<${name}>${escapeXml(String(value))}</${name}>`;
}

export function toXml(root: string, value: Json): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${element(root, value, '')}\n`;
}

/** An answer rendered once, to be sent as often as asked (the shared list pages). */
export interface RenderedOpen311 {
  contentType: string;
  body: string;
}

/** `value` under `root` (e.g. services, service_requests, errors) in the asked format. */
export function renderOpen311(format: Open311Format, root: string, value: Json): RenderedOpen311 {
  return format === 'xml'
    ? { contentType: 'text/xml; charset=utf-8', body: toXml(root, value) }
    : { contentType: 'application/json; charset=utf-8', body: JSON.stringify(value) };
}

/** Sends `value` under `root` (e.g. services, service_requests, errors) in the asked format. */
export function sendOpen311(res: Response, format: Open311Format, status: number, root: string, value: Json): void {
  const { contentType, body } = renderOpen311(format, root, value);
  res.status(status).type(contentType).send(body);
}

/** GeoReport v2 Errors: an array of { code, description }; 403 for the key, 404 for what does not exist, 400 otherwise. */
export function sendOpen311Errors(res: Response, format: Open311Format, status: number, errors: { code: number; description: string }[]): void {
  sendOpen311(res, format, status, 'errors', errors);
}

/** The format a path asks for: its suffix, XML when it has none we know (XML is the standard's default). */
export function formatOfPath(path: string): Open311Format {
  return path.endsWith('.json') ? 'json' : 'xml';
}
