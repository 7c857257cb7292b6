/**
 * A bounded window of work in flight whose results are used in input order: up to
 * `limit` items are started ahead of the oldest unfinished one; each result is handed to
 * `emit` once it and every result before it are done. Items are pulled from `source`
 * only when there is room, so an async source (an NDJSON stream) is read at the pace of
 * the work and memory stays at `limit` items whatever the source's length.
 *
 * @param source the items, in input order
 * @param limit most items started and not yet emitted (at least 1)
 * @param start begins the work of one item; should not reject (a rejection ends the run)
 * @param emit uses one result, in input order; awaited before the next
 */
export async function inOrder<I, R>(
  source: Iterable<I> | AsyncIterable<I>,
  limit: number,
  start: (item: I, index: number) => Promise<R>,
  emit: (result: R, item: I, index: number) => Promise<void> | void,
): Promise<void> {
  const pending: Array<{ item: I; index: number; promise: Promise<R> }> = [];
  let head = 0;
  let index = 0;
  const emitHead = async (): Promise<void> => {
    const next = pending[head]!;
    pending[head++] = undefined as never;
    await emit(await next.promise, next.item, next.index);
    if (head > 1024 && head * 2 > pending.length) {
      pending.splice(0, head);
      head = 0;
    }
  };
  try {
    for await (const item of source as AsyncIterable<I>) {
      const promise = start(item, index);
      // Awaited in order below; until then a rejection must not count as unhandled.
      promise.catch(() => undefined);
      pending.push({ item, index: index++, promise });
      if (pending.length - head >= Math.max(1, limit)) await emitHead();
    }
    while (head < pending.length) await emitHead();
  } finally {
    // On an early exit, let the work already started settle before the caller closes its pool.
    await Promise.allSettled(pending.slice(head).map((p) => p?.promise));
  }
}
