/**
 * Access tokens for the browser softphone (@twilio/voice-sdk): an AccessToken with a VoiceGrant
 * that lets the operator's browser receive the calls the console sends to `<Client>user-N`
 * and place calls through the TwiML app. Minted offline from the API key; never stored.
 */
import twilio from 'twilio';
import type { Config } from '../platform/config';

export const VOICE_TOKEN_TTL_SECONDS = 3600;

/** Null when the softphone cannot work: simulator mode, or no API key / TwiML app configured. */
export function mintVoiceToken(config: Config, identity: string): string | null {
  const { TWILIO_ACCOUNT_SID: account, TWILIO_AUTH_TOKEN: auth, TWILIO_API_KEY: key, TWILIO_API_SECRET: secret, TWILIO_TWIML_APP_SID: app } = config;
  if (!account || !auth || !key || !secret || !app) return null;
  const { AccessToken } = twilio.jwt;
  const token = new AccessToken(account, key, secret, { identity, ttl: VOICE_TOKEN_TTL_SECONDS });
  token.addGrant(new AccessToken.VoiceGrant({ outgoingApplicationSid: app, incomingAllow: true }));
  return token.toJwt();
}
