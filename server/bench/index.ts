/**
 * `npm run bench`: the load and speed figures of issue 9, printed as a table and written to
 * docs/PERFORMANCE.md with the machine they were measured on.
 *
 *   npm run bench                        # everything, 1,000,000 tickets, 1,000 sockets
 *   npm run bench -- --only intake,fanout --seconds 5
 *   npm run bench -- --only open311                 # updates only its own section of docs/PERFORMANCE.md
 *   npm run bench -- --only lighthouse --no-build   # the same: Lighthouse on the login and operator pages
 *   npm run bench -- --only restart                 # the same: `npm start` after a crash, both engines
 *   npm run bench -- --tickets 100000 --out /tmp/perf.md
 *   npm run bench -- --only intake --cpu-prof /tmp/prof   # the console's CPU profile during the intake run
 *
 * PostgreSQL: the server in DATABASE_URL (fresh scratch databases, dropped afterwards), or a
 * throwaway cluster of our own when none is set. Nothing here runs in `npm test`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { REPO } from '../../test/faults/processes';
import { benchClient } from './client';
import { summariseCpuProfile } from './cpu-profile';
import { benchFanOut } from './fan-out';
import { SECTIONS, type BenchFigures, type Section } from './figures';
import { benchForecast } from './forecast';
import { benchIntake } from './intake';
import { benchLighthouse } from './lighthouse';
import { describeMachine, machineLines } from './machine';
import { benchOpen311 } from './open311';
import { benchPostgres } from './postgres';
import { benchQueries } from './queries';
import { renderReport, summaryRows } from './report';
import { benchRestart } from './restart';
import { SPLICEABLE, spliceSection } from './splice';
import { round, textTable } from './stats';

async function main() {
  const { values } = parseArgs({
    options: {
      tickets: { type: 'string', default: '1000000' },
      sockets: { type: 'string', default: '1000' },
      clients: { type: 'string', default: '1,50,200' },
      seconds: { type: 'string', default: '10' },
      rounds: { type: 'string', default: '100' },
      repeat: { type: 'string', default: '3' },
      iterations: { type: 'string', default: '300' },
      only: { type: 'string' },
      'no-build': { type: 'boolean', default: false },
      'cpu-prof': { type: 'string' },
      out: { type: 'string' },
    },
  });
  const only = new Set((values.only?.split(',') ?? SECTIONS) as Section[]);
  const options = {
    tickets: Number(values.tickets),
    sockets: Number(values.sockets),
    clients: values.clients!.split(',').map(Number),
    seconds: Number(values.seconds),
    rounds: Number(values.rounds),
    repeat: Number(values.repeat),
    iterations: Number(values.iterations),
  };
  const log = (s: string) => console.log(s);
  const machine = describeMachine();
  const figures: BenchFigures = { machine, options, failures: [] };
  const pg = await benchPostgres(log);
  machine.postgres = pg.version;
  machine.postgresSettings = pg.settings;
  console.log(
    ['== machine (figures are only as quiet as the machine; the lead reruns them on a quiet one)', ...machineLines(machine).map((l) => `  ${l}`)].join('\n'),
  );

  const section = async (name: Section, fn: () => Promise<void>) => {
    if (!only.has(name)) return;
    console.log(`\n== ${name}`);
    const t0 = performance.now();
    try {
      await fn();
    } catch (err) {
      figures.failures.push({ section: name, error: (err as Error).stack ?? String(err) });
      console.error(`  FAILED: ${(err as Error).message}`);
    }
    console.log(`  (${round((performance.now() - t0) / 1000, 0)} s)`);
  };

  try {
    await section('classify', async () => {
      // Provided by the classifier's engineer (server/bench/classify.ts); called when present.
      const mod = await import('./classify').catch(() => null);
      if (!mod?.benchClassify) {
        figures.classify = { skipped: 'server/bench/classify.ts not present' };
        return;
      }
      const c = mod.benchClassify({ rounds: 5 });
      figures.classify = c;
      log(
        `  suggest(): p50 ${c.suggest.p50Ms} ms, p99 ${c.suggest.p99Ms} ms per text; classifier rank p50 ${c.rank.p50Ms} ms; top-1 ${c.heldOut.top1}, top-3 ${c.heldOut.top3} held out`,
      );
    });
    await section('intake', async () => {
      const url = await pg.createDatabase('hotline_bench_intake');
      figures.intake = await benchIntake({
        databaseUrl: url,
        levels: options.clients,
        durationMs: options.seconds * 1000,
        warmupMs: 2000,
        repeat: options.repeat,
        log,
        cpuProfileDir: values['cpu-prof'],
      });
      const profile = values['cpu-prof'] ? summariseCpuProfile(values['cpu-prof']) : null;
      if (profile) {
        log(`  the console's CPU profile (${profile.file}): ${profile.busyMs} ms busy, idle ${round(profile.idleShare * 100, 0)} % of the run`);
        for (const [what, share] of profile.top)
          log(
            `    ${round(share * 100, 1)
              .toFixed(1)
              .padStart(5)} %  ${what}`,
          );
      }
    });
    await section('fanout', async () => {
      const url = await pg.createDatabase('hotline_bench_fanout');
      figures.fanOut = await benchFanOut({ databaseUrl: url, sockets: options.sockets, rounds: options.rounds, log });
    });
    await section('client', async () => {
      const url = await pg.createDatabase('hotline_bench_client');
      figures.client = await benchClient({ databaseUrl: url, build: !values['no-build'], runs: 5, log });
    });
    await section('lighthouse', async () => {
      const url = await pg.createDatabase('hotline_bench_lighthouse');
      figures.lighthouse = await benchLighthouse({ databaseUrl: url, runs: 3, log });
    });
    await section('queries', async () => {
      figures.queries = await benchQueries({ pg, tickets: options.tickets, iterations: options.iterations, log });
    });
    await section('open311', async () => {
      const url = await pg.createDatabase('hotline_bench_open311');
      figures.open311 = await benchOpen311({ databaseUrl: url, readers: 20, seed: 1000, durationMs: options.seconds * 1000, warmupMs: 2000, log });
    });
    await section('forecast', async () => {
      // A fixed end: the same figure on every run (the demo itself ends at the moment it is seeded).
      figures.forecast = benchForecast({ endDate: '2026-12-07', log });
    });
    await section('restart', async () => {
      const url = await pg.createDatabase('hotline_bench_restart');
      figures.restart = await benchRestart({ databaseUrl: url, restarts: 3, log });
    });
  } finally {
    await pg.close();
  }

  machine.loadAverage.end = round(loadavg()[0] ?? 0, 2);
  console.log(`\n== summary\n${textTable(['what', 'figure'], summaryRows(figures))}`);
  console.log(
    `\n${machineLines(machine)
      .map((l) => `  ${l}`)
      .join('\n')}`,
  );

  const complete = SECTIONS.every((s) => only.has(s)) && figures.failures.length === 0;
  const performanceMd = path.join(REPO, 'docs', 'PERFORMANCE.md');
  const out = values.out ?? (complete ? performanceMd : null);
  const measured = SECTIONS.filter((s) => only.has(s));
  if (out) {
    writeFileSync(out, renderReport(figures));
    console.log(`\nwritten: ${path.relative(process.cwd(), out) || out}`);
  } else if (figures.failures.length === 0 && measured.length > 0 && measured.every((s) => SPLICEABLE[s])) {
    // Sections that keep their own part of the report update it and leave the rest as the last full run wrote it.
    let doc = readFileSync(performanceMd, 'utf8');
    for (const s of measured) {
      const part = SPLICEABLE[s]?.(figures);
      if (part) doc = spliceSection(doc, s, part.block, part.rows);
    }
    writeFileSync(performanceMd, doc);
    console.log(`\nupdated its section of ${path.relative(process.cwd(), performanceMd)}: ${measured.join(', ')}`);
  } else {
    console.log('\n(partial run: docs/PERFORMANCE.md left as it is; pass --out <file> to write this run)');
  }
  if (figures.failures.length > 0) process.exitCode = 1;
}

await main();
