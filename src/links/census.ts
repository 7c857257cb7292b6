/**
 * The related-news link census (`scan`): how many boxes resolve to an article of the
 * archive, how many are dead, which articles are linked most. Fed with the outcomes of
 * {@link rewriteLinks}, one article at a time (mergeable: workers count apart).
 */
import type { LinkOutcome } from "./rewrite-links.js";

/** Counts of one kind of link. */
export interface LinkCounts {
  total: number;
  resolved: number;
  dead: number;
}

/** A dead link and the article it sits in. */
export interface DeadLink {
  article: string;
  url: string;
  where: string;
  line: number | null;
  column: number | null;
}

/** The census, ready for a report. */
export interface CensusSummary {
  /** Related-news boxes' `link=` values. */
  boxes: LinkCounts;
  /** Every link to the old site, boxes included. */
  links: LinkCounts;
  /** The most-linked articles (by any link), most first, ties by id. */
  mostLinked: { id: string; count: number }[];
  /** Every dead link, in the order added. */
  dead: DeadLink[];
}

/** Accumulates link outcomes into a {@link CensusSummary}. */
export class LinkCensus {
  private readonly boxes: LinkCounts = { total: 0, resolved: 0, dead: 0 };
  private readonly links: LinkCounts = { total: 0, resolved: 0, dead: 0 };
  private readonly linked = new Map<string, number>();
  private readonly deadLinks: DeadLink[] = [];

  /** Counts the outcomes of one article. */
  add(article: string, outcomes: readonly LinkOutcome[]): void {
    for (const outcome of outcomes) {
      const isBox = outcome.where === "related-news link" || outcome.where === "related-news url";
      const counts = isBox ? [this.links, this.boxes] : [this.links];
      for (const count of counts) count.total++;
      if (outcome.resolution.kind === "article") {
        for (const count of counts) count.resolved++;
        this.linked.set(outcome.resolution.id, (this.linked.get(outcome.resolution.id) ?? 0) + 1);
      } else if (outcome.resolution.kind === "dead") {
        for (const count of counts) count.dead++;
        const start = outcome.position?.start;
        this.deadLinks.push({ article, url: outcome.url, where: outcome.where, line: start?.line ?? null, column: start?.column ?? null });
      }
    }
  }

  /** Adds another census's summary (a worker's). */
  merge(other: CensusSummary): void {
    for (const key of ["total", "resolved", "dead"] as const) {
      this.boxes[key] += other.boxes[key];
      this.links[key] += other.links[key];
    }
    for (const { id, count } of other.mostLinked) this.linked.set(id, (this.linked.get(id) ?? 0) + count);
    for (const dead of other.dead) this.deadLinks.push(dead);
  }

  /**
   * The summary.
   * @param top how many most-linked articles to list (default: 10; `Infinity` for all, as a worker sends before a merge)
   */
  summary(top = 10): CensusSummary {
    const mostLinked = [...this.linked]
      .map(([id, count]) => ({ id, count }))
      .sort((a, b) => b.count - a.count || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .slice(0, top);
    return { boxes: { ...this.boxes }, links: { ...this.links }, mostLinked, dead: [...this.deadLinks] };
  }
}

/**
 * The census as text for `scan`: one line of counts, the most-linked articles, then each
 * dead link as `article:line:column  url` (at most `maxDead`, then how many more).
 * @param summary from {@link LinkCensus.summary}
 * @param maxDead dead links listed (default: 20)
 */
export function formatLinkCensus(summary: CensusSummary, maxDead = 20): string {
  const { boxes, links } = summary;
  const lines = [
    `Related-news boxes: ${boxes.total} linking to the old site · ${boxes.resolved} resolve · ${boxes.dead} dead`,
    `All links to the old site: ${links.total} · ${links.resolved} resolve · ${links.dead} dead`,
  ];
  if (summary.mostLinked.length > 0) lines.push(`Most linked: ${summary.mostLinked.map(({ id, count }) => `${id} (${count})`).join(", ")}`);
  if (summary.dead.length > 0) {
    lines.push("Dead links:");
    for (const dead of summary.dead.slice(0, maxDead))
      lines.push(`  ${dead.article}${dead.line === null ? "" : `:${dead.line}:${dead.column}`}  ${dead.url}  (${dead.where})`);
    if (summary.dead.length > maxDead) lines.push(`  … and ${summary.dead.length - maxDead} more`);
  }
  return `${lines.join("\n")}\n`;
}
