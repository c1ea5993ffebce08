/**
 * Twilio request signing (X-Twilio-Signature: HMAC-SHA1 of the URL plus the sorted POST
 * parameters, keyed by the auth token), with twilio's own helpers. The console checks it on
 * every webhook; the simulator and `hotline simulate-call` sign with the same function.
 */
import type { NextFunction, Request, Response } from 'express';
import twilio from 'twilio';
import { AppError } from '../../shared/errors';
import type { AppContext } from '../platform/context';
import { publicBaseUrl, webhookAuthToken } from './settings';

export type WebhookParams = Record<string, string>;

/** Refuses (403, nothing recorded) a request whose signature does not match PUBLIC_BASE_URL + path. */
export function verifyTwilioSignature(ctx: AppContext) {
  return (req: Request, _res: Response, next: NextFunction) => {
    const header = req.get('x-twilio-signature');
    const params = (req.body && typeof req.body === 'object' ? req.body : {}) as WebhookParams;
    const url = publicBaseUrl(ctx.config, req) + req.originalUrl;
    if (!header || !twilio.validateRequest(webhookAuthToken(ctx.config), header, url, params)) {
      req.log?.warn({ path: req.path, signed: Boolean(header) }, 'telephony request with a bad signature refused');
      return next(new AppError('bad_signature', '请求签名无效，已拒绝'));
    }
    next();
  };
}

export function signParams(authToken: string, url: string, params: WebhookParams): string {
  return twilio.getExpectedTwilioSignature(authToken, url, params);
}

export interface SignedPost {
  authToken: string;
  /** The URL the signature covers (PUBLIC_BASE_URL + path). */
  signatureUrl: string;
  /** Where to send it (may differ: the simulator posts over loopback). */
  targetUrl: string;
  params: WebhookParams;
}

/** Posts a form-encoded, signed request the way Twilio does; answers the response text. */
export async function postSigned(p: SignedPost): Promise<{ status: number; text: string }> {
  const res = await fetch(p.targetUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': signParams(p.authToken, p.signatureUrl, p.params),
      'user-agent': 'TwilioProxy/1.1 (hotline simulator)',
    },
    body: new URLSearchParams(p.params).toString(),
  });
  return { status: res.status, text: await res.text() };
}
