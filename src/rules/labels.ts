/** Localized labels of generated blocks. Add a locale by adding an entry. */
const LABELS: Record<string, { relatedOne: string; relatedMany: string }> = {
  tr: { relatedOne: "İlgili Haber", relatedMany: "İlgili Haberler" },
  en: { relatedOne: "Related article", relatedMany: "Related articles" },
  de: { relatedOne: "Verwandter Artikel", relatedMany: "Verwandte Artikel" },
  fr: { relatedOne: "Article lié", relatedMany: "Articles liés" },
};

/**
 * The related-news label for `locale` (`"tr"`, `"tr-TR"` …; unknown locales fall back to English).
 * @param count number of boxes in the group
 */
export function relatedNewsLabel(locale: string, count: number): string {
  const labels = LABELS[locale] ?? LABELS[locale.toLowerCase().split(/[-_]/)[0]!] ?? LABELS["en"]!;
  return count === 1 ? labels.relatedOne : labels.relatedMany;
}
