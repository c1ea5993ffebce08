/**
 * A vitest reporter that measures where each test file's time goes: preparing the worker,
 * importing the file (collect), its beforeAll hooks (a database, a server, a browser) and its
 * tests. Used next to the default reporter:
 *
 *   npx vitest run --reporter=default --reporter=./test/support/timing-reporter.ts
 *
 * prints per project the files, the mean setup (prepare + collect + beforeAll) per file and the
 * sums; TIMING_JSON=<file> also writes every file's figures.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

interface FileTiming {
  file: string;
  project: string;
  prepareMs: number;
  collectMs: number;
  beforeAllMs: number;
  testsMs: number;
  durationMs: number;
  /** When the file started and ended, ms after the run began (which files overlapped). */
  startMs: number;
  endMs: number;
}

type HookContext = Parameters<NonNullable<Reporter['onHookStart']>>[0];

export default class TimingReporter implements Reporter {
  private readonly runStart = performance.now();
  private readonly moduleStart = new Map<string, number>();
  private readonly started = new Map<string, number>();
  private readonly beforeAll = new Map<string, number>();
  private readonly files: FileTiming[] = [];

  onHookStart(hook: HookContext) {
    if (hook.name === 'beforeAll') this.started.set(hook.entity.id, performance.now());
  }

  onHookEnd(hook: HookContext) {
    if (hook.name !== 'beforeAll') return;
    const start = this.started.get(hook.entity.id);
    if (start === undefined) return;
    const moduleId = hook.entity.type === 'module' ? hook.entity.moduleId : hook.entity.module.moduleId;
    this.beforeAll.set(moduleId, (this.beforeAll.get(moduleId) ?? 0) + performance.now() - start);
  }

  onTestModuleStart(module: TestModule) {
    this.moduleStart.set(module.moduleId, performance.now() - this.runStart);
  }

  onTestModuleEnd(module: TestModule) {
    const d = module.diagnostic();
    let testsMs = 0;
    for (const test of module.children.allTests()) testsMs += test.diagnostic()?.duration ?? 0;
    this.files.push({
      file: path.relative(process.cwd(), module.moduleId),
      project: module.project.name,
      prepareMs: d.prepareDuration,
      collectMs: d.collectDuration,
      beforeAllMs: this.beforeAll.get(module.moduleId) ?? 0,
      testsMs,
      durationMs: d.duration,
      startMs: this.moduleStart.get(module.moduleId) ?? 0,
      endMs: performance.now() - this.runStart,
    });
  }

  onTestRunEnd() {
    const s = (ms: number) => (ms / 1000).toFixed(1);
    const projects = [...new Set(this.files.map((f) => f.project))];
    console.log('\nper project: files, mean setup per file (prepare + import + beforeAll), sums of setup and of tests');
    for (const project of projects) {
      const files = this.files.filter((f) => f.project === project);
      const setup = files.reduce((n, f) => n + f.prepareMs + f.collectMs + f.beforeAllMs, 0);
      const beforeAll = files.reduce((n, f) => n + f.beforeAllMs, 0);
      const tests = files.reduce((n, f) => n + f.testsMs, 0);
      const span = Math.max(...files.map((f) => f.endMs)) - Math.min(...files.map((f) => f.startMs));
      console.log(
        `  ${project.padEnd(12)} ${String(files.length).padStart(3)} files  setup/file ${s(setup / files.length)} s (beforeAll ${s(beforeAll / files.length)} s)  setup ${s(setup)} s  tests ${s(tests)} s  first start → last end ${s(span)} s`,
      );
    }
    if (process.env.TIMING_JSON) writeFileSync(process.env.TIMING_JSON, JSON.stringify(this.files, null, 2));
  }
}
