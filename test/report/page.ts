/**
 * Reading a written report.html in tests: its figures, their text, its tables' rows, and the
 * titles of their axes and legends, independently of the code that wrote it.
 */

/** The page's <figure> elements, each as its HTML. */
export function figures(page: string): string[] {
  return [...page.matchAll(/<figure>([\s\S]*?)<\/figure>/g)].map((match) => match[1]!);
}

/** Text with tags removed and the entities the report escapes put back. */
export function text(fragment: string): string {
  return fragment
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();
}

/** A table's body rows (those that open with a row header), each as the text of its cells. */
export function bodyRows(table: string): string[][] {
  return [...table.matchAll(/<tr><th scope="row">([\s\S]*?)<\/tr>/g)].map((match) =>
    match[0]
      .split(/<\/t[hd]>/)
      .slice(0, -1)
      .map(text),
  );
}

/** The distinct texts of a chart's axis and legend titles, sorted. */
export function guideTitles(svg: string): string[] {
  const titles = [
    ...svg.matchAll(/role-(?:axis|legend)-title[\s\S]*?<text[^>]*>([^<]+)<\/text>/g),
  ].map((match) => match[1]!.trim());
  return [...new Set(titles)].sort();
}
