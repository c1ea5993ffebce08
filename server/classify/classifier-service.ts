/**
 * The classifier of one server process: trained at start on the shipped examples plus every
 * operator's confirmed choice in the database (PRODUCT.md §5 "learns from operators' confirmed
 * choices"), then kept current by learning the choices other requests — or other processes —
 * have stored since. The model lives in memory; the choices live in the database, so every
 * process and every restart sees them.
 */
import { asc, gt } from 'drizzle-orm';
import type { Db, Queryable } from '../../db/client';
import { classifierChoices } from '../../db/schema';
import type { LabelledExample } from '../../shared/classify/labelled-examples';
import { isCategoryCode } from '../../shared/classify/labelled-examples';
import { trainClassifier, type Classifier } from '../../shared/classify/ngram-classifier';
import { shippedExamples } from './training-data';

export interface ClassifierServiceOptions {
  /** How often (ms) a request may look for choices stored since the last look. */
  syncIntervalMs: number;
  /** Most choices learned per look (the rest on the next). */
  syncBatch: number;
}

const DEFAULTS: ClassifierServiceOptions = { syncIntervalMs: 1000, syncBatch: 500 };

export interface ClassifierStatus {
  trainedAt: Date | null;
  trainingMs: number;
  examples: number;
  /** Operators' choices in the model: trained on at start plus learned since. */
  choices: number;
}

export class ClassifierService {
  private model: Classifier | null = null;
  private training: Promise<Classifier> | null = null;
  private syncing: Promise<void> | null = null;
  private lastChoiceId = 0;
  private lastSyncAt = 0;
  readonly status: ClassifierStatus = { trainedAt: null, trainingMs: 0, examples: 0, choices: 0 };
  private readonly opts: ClassifierServiceOptions;

  constructor(
    private readonly db: Db,
    opts: Partial<ClassifierServiceOptions> = {},
  ) {
    this.opts = { ...DEFAULTS, ...opts };
  }

  /** Trains once (concurrent callers share the training). */
  start(): Promise<Classifier> {
    this.training ??= this.train().catch((err: unknown) => {
      // A database hiccup at start must not leave the suggester broken for the process's life.
      this.training = null;
      throw err;
    });
    return this.training;
  }

  /** The model with every choice stored up to about `syncIntervalMs` ago. */
  async classifier(): Promise<Classifier> {
    const model = this.model ?? (await this.start());
    if (Date.now() - this.lastSyncAt >= this.opts.syncIntervalMs) {
      this.syncing ??= this.sync(model).finally(() => {
        this.syncing = null;
      });
      await this.syncing;
    }
    return model;
  }

  private async train(): Promise<Classifier> {
    const choices = await readChoices(this.db, 0, Number.MAX_SAFE_INTEGER);
    const examples: LabelledExample[] = [...shippedExamples(), ...choices.map((c) => ({ text: c.text, expect: c.expect }))];
    const started = performance.now();
    const model = trainClassifier(examples);
    Object.assign(this.status, {
      trainedAt: new Date(),
      trainingMs: Math.round(performance.now() - started),
      examples: examples.length,
      choices: choices.length,
    });
    this.lastChoiceId = choices.at(-1)?.id ?? 0;
    this.lastSyncAt = Date.now();
    this.model = model;
    return model;
  }

  private async sync(model: Classifier): Promise<void> {
    this.lastSyncAt = Date.now();
    const fresh = await readChoices(this.db, this.lastChoiceId, this.opts.syncBatch);
    for (const choice of fresh) model.learn(choice.text, choice.expect);
    const last = fresh.at(-1);
    if (last) {
      this.lastChoiceId = last.id;
      this.status.choices += fresh.length;
    }
  }
}

async function readChoices(q: Queryable, afterId: number, limit: number) {
  const rows = await q
    .select({ id: classifierChoices.id, text: classifierChoices.text, code: classifierChoices.categoryCode })
    .from(classifierChoices)
    .where(gt(classifierChoices.id, afterId))
    .orderBy(asc(classifierChoices.id))
    .limit(limit);
  return rows.flatMap((r) => (isCategoryCode(r.code) ? [{ id: r.id, text: r.text, expect: r.code }] : []));
}

const services = new WeakMap<Db, ClassifierService>();

/** One service per database handle: a process serving one database trains once. */
export function classifierFor(db: Db): ClassifierService {
  let service = services.get(db);
  if (!service) {
    service = new ClassifierService(db);
    services.set(db, service);
  }
  return service;
}
