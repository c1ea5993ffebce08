import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { AppError } from '../shared/errors';
import { userRoutes } from './accounts/user-routes';
import { suggestRoutes } from './classify/routes';
import { calendarRoutes } from './clock/calendar-routes';
import { policyAssignmentRoutes } from './clock/policy-assignment-routes';
import { policyRoutes } from './clock/policy-routes';
import { presenceRoutes } from './console/presence-routes';
import { queueRoutes } from './console/queue-routes';
import { wallboardRoutes } from './console/wallboard-routes';
import { knowledgeRoutes } from './knowledge/routes';
import { apiKeyRoutes } from './open311/api-key-routes';
import { open311Routes } from './open311/routes';
import { authenticate } from './platform/auth/authenticate';
import { authRoutes } from './platform/auth/routes';
import type { AppContext } from './platform/context';
import { healthRoutes } from './platform/health-routes';
import { onError } from './platform/on-error';
import { openApiRoutes } from './platform/openapi';
import { publicEndpointLimit } from './platform/rate-limits';
import { requestLog } from './platform/request-log';
import { hashedAssets, staticClient } from './platform/static-client';
import { callerRoutes } from './repeats/caller-routes';
import { clusterRoutes } from './repeats/cluster-routes';
import { repeatSettingsRoutes } from './repeats/settings-routes';
import { reportRoutes } from './reports/routes';
import { searchRoutes } from './search/routes';
import { staffingRoutes } from './staffing/routes';
import { supervisionRoutes } from './supervision/routes';
import { callRoutes } from './telephony/call-routes';
import { telephonyMode } from './telephony/settings';
import { telephonyRoutes } from './telephony/webhook-routes';
import { ticketCommandRoutes } from './tickets/command-routes';
import { decisionRoutes } from './tickets/decision-routes';
import { recordCorrectionRoutes } from './tickets/record-correction-routes';
import { ticketRoutes } from './tickets/routes';
import { addressRoutes } from './units/address-routes';
import { unitRoutes } from './units/routes';
import { ruleRoutes } from './units/rule-routes';
import { unitAdminRoutes } from './units/unit-admin-routes';

export const CLIENT_DIST = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'client');

/**
 * What the Twilio Voice JavaScript SDK (2.18) connects to, per its source and Twilio's "Voice SDKs
 * network connectivity requirements": signalling `wss://voice-js.<edge>.twilio.com/signal` (the
 * edge is `roaming` by default and may change to the home region's), Insights
 * `https://eventgw[.<region>].twilio.com`, and its ring and dial tones fetched from
 * `https://sdk.twilio.com`. CSP wildcards stand only for the leftmost labels: `*.twilio.com` is
 * those hosts and Twilio's other subdomains, nothing outside twilio.com.
 */
const TWILIO_VOICE_CONNECT = ['wss://*.twilio.com', 'https://*.twilio.com'];
/** The tones again, when the SDK falls back to an <audio> element. */
const TWILIO_VOICE_MEDIA = ['https://sdk.twilio.com'];

export function createApp(ctx: AppContext): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  // Method, route pattern, status, duration, user and request id: no URL, no headers (privacy.md).
  app.use(requestLog(ctx.logger, { ignore: (req) => req.path === '/api/health' }));
  // The client's hashed scripts and stylesheets, ahead of helmet: a document's headers are no use
  // on them (platform/static-client.ts).
  if (existsSync(CLIENT_DIST)) app.use('/assets', hashedAssets(CLIENT_DIST));
  app.use(
    helmet({
      // On a plain-HTTP intranet host these two break the console (../shared/NOTES.md).
      hsts: ctx.config.HTTPS,
      contentSecurityPolicy: {
        directives: {
          'upgrade-insecure-requests': ctx.config.HTTPS ? [] : null,
          // 'self' covers the live socket (ws/wss to this origin, CSP Level 3; checked by the
          // browser tests); Twilio's hosts only when the softphone can run (issue 14 item 10).
          'connect-src': ["'self'", ...(telephonyMode(ctx.config) === 'twilio' ? TWILIO_VOICE_CONNECT : [])],
          ...(telephonyMode(ctx.config) === 'twilio' ? { 'media-src': ["'self'", ...TWILIO_VOICE_MEDIA] } : {}),
        },
      },
    }),
  );
  // Public machine endpoints are throttled per address before anything else runs, each by its own
  // limiter: a flood of Open311 reads must not throttle Twilio's webhooks (Open311's is in its router).
  app.use('/telephony', publicEndpointLimit(ctx.config.PUBLIC_RATE_LIMIT_PER_MINUTE));
  // Twilio posts form-encoded webhooks; they carry no session and are checked by signature.
  app.use('/telephony', telephonyRoutes(ctx));
  // Open311 GeoReport v2: form-encoded, no session, key-checked, its own limits and error format.
  app.use('/open311', open311Routes(ctx));
  app.use('/api', express.json({ limit: '64kb' }));
  // Only the API reads the session: the client's files, the page and the socket (which checks the
  // cookie itself) are served without a database round trip each (issue 17.6: a cold operator
  // page fetches some fifty files).
  app.use('/api', authenticate(ctx));
  app.use('/api/auth', authRoutes(ctx));
  app.use('/api/tickets', ticketRoutes(ctx));
  app.use('/api/tickets', ticketCommandRoutes(ctx));
  app.use('/api/tickets', recordCorrectionRoutes(ctx));
  app.use('/api/calls', callRoutes(ctx));
  app.use('/api/calendar', calendarRoutes(ctx));
  app.use('/api/decisions', decisionRoutes(ctx));
  app.use('/api/policies', policyRoutes(ctx));
  app.use('/api/policy-assignments', policyAssignmentRoutes(ctx));
  app.use('/api', suggestRoutes(ctx));
  app.use('/api/addresses', addressRoutes(ctx));
  app.use('/api/callers', callerRoutes(ctx));
  app.use('/api/search', searchRoutes(ctx));
  app.use('/api', ruleRoutes(ctx));
  app.use('/api', repeatSettingsRoutes(ctx));
  app.use('/api', clusterRoutes(ctx));
  app.use('/api/supervisions', supervisionRoutes(ctx));
  app.use('/api/reports', reportRoutes(ctx));
  app.use('/api/api-keys', apiKeyRoutes(ctx));
  app.use('/api/users', userRoutes(ctx));
  app.use('/api/units', unitAdminRoutes(ctx));
  app.use('/api/knowledge', knowledgeRoutes(ctx));
  app.use('/api/presence', presenceRoutes(ctx));
  app.use('/api/queues', queueRoutes(ctx));
  app.use('/api/wallboard', wallboardRoutes(ctx));
  app.use('/api/staffing', staffingRoutes(ctx));
  app.use('/api', openApiRoutes(ctx));
  app.use('/api', healthRoutes(ctx));
  app.use('/api', unitRoutes(ctx));
  app.use('/api', (_req, _res, next) => next(new AppError('not_found', '接口不存在')));

  if (existsSync(CLIENT_DIST)) {
    app.use(staticClient(CLIENT_DIST));
    // Client-side routes: every other GET gets the single page — but not a missing asset, which
    // a stale page would otherwise run as HTML.
    app.get(/^\/(?!api|socket\.io|assets(\/|$)).*/, (_req, res) => res.sendFile(path.join(CLIENT_DIST, 'index.html')));
  }
  // Whatever nothing answered (any method, any path): JSON, never express's "Cannot POST /" page.
  app.use((_req, _res, next) => next(new AppError('not_found', '页面或接口不存在')));
  app.use(onError(ctx.logger));
  return app;
}
