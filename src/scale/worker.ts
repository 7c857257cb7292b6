/**
 * Worker-thread side of {@link ConvertPool}: converts a whole batch per message, because
 * one message per article costs more than the conversion itself (measured: two threads
 * fed one record at a time were slower than one thread).
 */
import { convert } from "../convert/index.js";
import type { ConvertOptions, ConvertResult } from "../convert/types.js";

/** One batch: the texts and the options they share. */
export interface Batch {
  texts: string[];
  options: ConvertOptions;
}

/** One text's outcome: a result, or the message of the error the converter threw on it. */
export type BatchItem = ConvertResult | { error: string };

/**
 * Convert every text of the batch. A converter error is caught per text, so one bad
 * article fails alone instead of taking its whole batch with it.
 */
export default function convertBatch(batch: Batch): BatchItem[] {
  return batch.texts.map((text) => {
    try {
      return convert(text, batch.options);
    } catch (error) {
      return { error: (error as Error)?.message ?? String(error) };
    }
  });
}
