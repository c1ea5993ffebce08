/**
 * vitest globalSetup of the projects that open databases (integration, e2e): the template
 * databases of test/support/template.ts, built once per run for the engine in use and shared by
 * every project (each project runs its own global setup, in this one process).
 */
import type { TestProject } from 'vitest/node';
import { testDatabaseUrl } from './db';
import { buildTemplates, type Templates } from './template';

interface Shared {
  built: Promise<{ templates: Templates; remove(): Promise<void> }>;
  users: number;
}
const shared = globalThis as typeof globalThis & { __hotlineTemplates?: Shared };

export default async function setup(project: TestProject) {
  const startedAt = performance.now();
  const state = (shared.__hotlineTemplates ??= { built: buildTemplates(testDatabaseUrl()), users: 0 });
  state.users++;
  const { templates } = await state.built;
  if (state.users === 1) console.log(`[db] template databases (${templates.engine}) ready in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
  project.provide('dbTemplates', templates);
  return async () => {
    if (--state.users > 0) return;
    shared.__hotlineTemplates = undefined;
    await (await state.built).remove();
  };
}
