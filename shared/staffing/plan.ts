/**
 * Forecast → requirement per half-hour (issue 18.2): the figures the plan page, the wallboard tile
 * and the bench share. Pure.
 */
import { requiredAgents, requiredAgentsErlangA, type StaffingTarget } from './erlang';
import type { DayForecast } from './forecast';

/** The line's default staffing target: 80 % in 20 s (GB/T 33358's 15 s selectable), operators at most 85 % busy, 30 % shrinkage. */
export const STAFFING_DEFAULTS = { answerWithinSeconds: 20, serviceLevel: 0.8, maxOccupancy: 0.85, shrinkage: 0.3 } as const;

export type StaffingSettings = {
  answerWithinSeconds: number;
  serviceLevel: number;
  maxOccupancy: number;
  shrinkage: number;
};

export type SlotRequirement = {
  slot: number;
  /** Calls forecast for the half-hour. */
  calls: number;
  /** Operators on the phones Erlang C (or A) asks for. */
  agents: number;
  /** Operators to roster: agents with shrinkage added. */
  scheduled: number;
  serviceLevel: number;
};

/** Each half-hour's requirement from its forecast calls (a half-hour's calls × 2 = calls per hour). */
export function slotRequirements(day: DayForecast, ahtSeconds: number, settings: StaffingSettings, patienceSeconds?: number): SlotRequirement[] {
  const target: StaffingTarget = { serviceLevel: settings.serviceLevel, maxOccupancy: settings.maxOccupancy, shrinkage: settings.shrinkage };
  return day.slots.map((calls, slot) => {
    const input = { callsPerHour: calls * 2, ahtSeconds, answerWithinSeconds: settings.answerWithinSeconds };
    const r = patienceSeconds === undefined ? requiredAgents(input, target) : requiredAgentsErlangA({ ...input, patienceSeconds }, target);
    return { slot, calls, agents: r.agents, scheduled: r.scheduled, serviceLevel: r.serviceLevel };
  });
}
