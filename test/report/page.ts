/**
 * Reading a written report.html in tests: its figures, their text, its tables' rows, and the
 * titles of their axes and legends, independently of the code that wrote it.
 */

/** The producer kinds as a report names them (written out here, not read from the code). */
export const KIND_NAMES: Readonly<Record<string, string>> = {
  lab: 'labs',
  open_weight: 'open-weight providers',
  hyperscaler: 'hyperscalers',
  aggregator: 'aggregators',
  host: 'inference hosts',
  chip: 'chip vendors',
};

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
    .replace(/&nbsp;/g, ' ')
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

/** A mark's fields from its aria-label: "month: 2023-01; value: 12.5; series: labs". */
export function ariaFields(label: string): Record<string, string> {
  return Object.fromEntries(
    text(label)
      .split('; ')
      .map((pair) => {
        const at = pair.indexOf(': ');
        return [pair.slice(0, at), pair.slice(at + 2)];
      }),
  );
}

/** One line mark as drawn: its first point's fields, its vertices and its dash pattern. */
export interface DrawnLine {
  readonly fields: Record<string, string>;
  readonly vertices: readonly (readonly [number, number])[];
  readonly dash: string | undefined;
}

/**
 * A chart's line marks in the order drawn (later on top). Vega writes a line as one path whose
 * aria-label describes its first point; its vertices are read from the path's M and L commands
 * (a path with other commands, but the Z that ends a line of one point, fails loudly).
 */
export function drawnLines(svg: string): DrawnLine[] {
  return [...svg.matchAll(/<path [^>]*aria-roledescription="line mark"[^>]*>/g)].map((match) => {
    const tag = match[0];
    const attribute = (name: string) => new RegExp(` ${name}="([^"]*)"`).exec(tag)?.[1];
    const d = attribute('d') ?? '';
    // A line of one point is written `M x,y Z`: the Z closes nothing and adds no vertex.
    const commands = [...d.replace(/Z$/, '').matchAll(/([A-Za-z])([^A-Za-z]*)/g)];
    const vertices = commands.map(([, command, numbers]) => {
      if (command !== 'M' && command !== 'L') throw new Error(`unexpected path command ${command}`);
      const [x, y] = numbers!.split(',').map(Number);
      return [x!, y!] as const;
    });
    return {
      fields: ariaFields(attribute('aria-label') ?? ''),
      vertices,
      dash: attribute('stroke-dasharray'),
    };
  });
}

/** A chart's point marks: their fields, and where they are drawn. */
export function drawnPoints(
  svg: string,
): { fields: Record<string, string>; x: number; y: number }[] {
  return [
    ...svg.matchAll(
      /<path aria-label="([^"]*)"[^>]*aria-roledescription="point"[^>]*transform="translate\(([^,]+),([^)]+)\)"/g,
    ),
  ].map((match) => ({ fields: ariaFields(match[1]!), x: Number(match[2]), y: Number(match[3]) }));
}

/**
 * The labels of a chart's x or y axis, with their positions in the axis' frame: an x label at
 * its tick; a y label a fixed few pixels below its tick (its baseline). Unlabelled ticks left out.
 */
export function axisLabelPositions(
  svg: string,
  axis: 'X' | 'Y',
): { text: string; x: number; y: number }[] {
  const group = new RegExp(
    `aria-label="${axis}-axis[\\s\\S]*?role-axis-label"[^>]*>([\\s\\S]*?)</g>`,
  ).exec(svg);
  if (group === null) throw new Error(`no ${axis} axis`);
  return [
    ...group[1]!.matchAll(
      /<text[^>]*transform="translate\(([^,]+),([^)]+)\)"[^>]*>([^<]+)<\/text>/g,
    ),
  ].map((match) => ({ text: text(match[3]!), x: Number(match[1]), y: Number(match[2]) }));
}

/** The least-squares line y = intercept + slope x through the points, and its largest miss. */
export function affineFit(points: readonly (readonly [number, number])[]): {
  intercept: number;
  slope: number;
  at: (x: number) => number;
  largestMiss: number;
} {
  const n = points.length;
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / n;
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / n;
  const sxy = points.reduce((sum, [x, y]) => sum + (x - meanX) * (y - meanY), 0);
  const sxx = points.reduce((sum, [x]) => sum + (x - meanX) ** 2, 0);
  const slope = sxy / sxx;
  const intercept = meanY - slope * meanX;
  const at = (x: number) => intercept + slope * x;
  const largestMiss = Math.max(...points.map(([x, y]) => Math.abs(y - at(x))));
  return { intercept, slope, at, largestMiss };
}
