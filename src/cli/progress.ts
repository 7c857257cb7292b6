/**
 * A one-line progress bar on stderr (files, MB/s, ETA), redrawn at most every 100 ms.
 * Only used on a terminal outside CI; everything else sees no escape sequences.
 */
export class Progress {
  private doneFiles = 0;
  private doneBytes = 0;
  private lastDraw = -Infinity;
  private visible = false;
  private readonly started: number;

  constructor(
    private readonly stream: { write(chunk: string): unknown; columns?: number },
    private readonly totalFiles: number,
    private readonly totalBytes: number,
    private readonly now: () => number,
  ) {
    this.started = now();
  }

  /** One more file done. */
  tick(bytes: number): void {
    this.doneFiles++;
    this.doneBytes += bytes;
    const t = this.now();
    if (t - this.lastDraw < 100 && this.doneFiles < this.totalFiles) return;
    this.lastDraw = t;
    this.draw(t);
  }

  /** Erase the bar so a log line can be written; the next tick redraws it. */
  clear(): void {
    if (!this.visible) return;
    this.stream.write("\r\x1b[2K");
    this.visible = false;
  }

  /** The bar's text (without escape sequences), for tests. */
  render(t: number): string {
    const elapsed = Math.max(1, t - this.started) / 1000;
    const rate = this.doneBytes / elapsed;
    const ratio = this.totalBytes > 0 ? this.doneBytes / this.totalBytes : this.doneFiles / Math.max(1, this.totalFiles);
    const width = 24;
    const filled = Math.min(width, Math.round(ratio * width));
    const remaining = rate > 0 ? Math.max(0, this.totalBytes - this.doneBytes) / rate : 0;
    const eta = remaining < 60 ? `${Math.ceil(remaining)}s` : `${Math.floor(remaining / 60)}m${String(Math.ceil(remaining % 60)).padStart(2, "0")}s`;
    return `[${"█".repeat(filled)}${"░".repeat(width - filled)}] ${this.doneFiles}/${this.totalFiles} files · ${(rate / 1e6).toFixed(1)} MB/s · ETA ${eta}`;
  }

  private draw(t: number): void {
    const columns = this.stream.columns ?? 80;
    this.stream.write("\r\x1b[2K" + this.render(t).slice(0, columns - 1));
    this.visible = true;
  }
}
