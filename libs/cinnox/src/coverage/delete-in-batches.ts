// At most this many batches a sweep, so one sweep never holds the store for long.
const BATCHES = 100;
const BATCH_SIZE = 1000;

/** Calls `deleteBatch` until it deletes fewer than a batch (none left) or the sweep's batches are spent. */
export async function deleteInBatches(deleteBatch: (batchSize: number) => number | PromiseLike<number>): Promise<void> {
  for (let batch = 0; batch < BATCHES; batch++) {
    if ((await deleteBatch(BATCH_SIZE)) < BATCH_SIZE) return;
  }
}
