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

export default function convertBatch(batch: Batch): ConvertResult[] {
  return batch.texts.map((text) => convert(text, batch.options));
}
