/**
 * A background job's rhythm (the clock sweep, calendar recomputes): `task` now and every
 * `intervalMs` after, never two runs at once — a run still going when the timer fires is not
 * doubled, the next tick looks again. The timer only decides when to look; what is due comes from
 * the database (PRODUCT.md §4), so a restart loses nothing. A failed run goes to `onError` and the
 * rhythm goes on. The timer never keeps the process up.
 */
export function every(intervalMs: number, task: () => Promise<void>, onError: (err: unknown) => void): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await task();
    } catch (err) {
      onError(err);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  void tick();
  return () => clearInterval(timer);
}
