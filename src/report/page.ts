/**
 * The HTML shell every report page shares: one self-contained file that opens offline. Styles are
 * inline, fonts are the system's, charts are inline SVG, and a Content-Security-Policy forbids
 * the browser any request at all, so a stray URL cannot leak out.
 */
import { escapeHtml } from './html.ts';

export interface Page {
  /** The browser tab's title, plain text. */
  readonly title: string;
  /** HTML for the top of the page: headline, what was run. */
  readonly header: string;
  /** HTML sections, in order. */
  readonly sections: readonly string[];
  /** Plain text for the foot of the page: where the numbers come from. */
  readonly footer?: string;
}

/**
 * The page's styles. A table wider than the column of text (`.table-scroll`, its box) may take
 * the page's right margin, up to 1.5rem from the window's edge (the body is centred, so
 * 50% + 50vw reaches that edge), and scrolls inside its own box only in a narrower window.
 */
const STYLE = `
  :root { color-scheme: light; }
  body { margin: 0 auto; max-width: 60rem; padding: 1.5rem; color: #1a1a1a; background: #fff;
    font: 15px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif; }
  h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
  h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; }
  .question { font-size: 1.1rem; font-style: italic; margin: .25rem 0 .75rem; }
  dl.facts { display: flex; flex-wrap: wrap; gap: .25rem 1.5rem; margin: 0; }
  dl.facts div { display: flex; gap: .4rem; }
  dl.facts dt { color: #666; }
  dl.facts dd { margin: 0; font-weight: 600; }
  ul.scenarios { margin: .75rem 0 0; padding-left: 1.2rem; }
  p.note { color: #444; max-width: 46rem; }
  .assumptions { max-width: 46rem; margin: .5rem 0; overflow-wrap: anywhere; }
  ul.assumptions { padding-left: 1.2rem; }
  .table-scroll { width: max-content; max-width: calc(50% + 50vw - 1.5rem); overflow-x: auto; }
  table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
  th, td { padding: .25rem .5rem; border-bottom: 1px solid #ddd; white-space: nowrap; }
  thead th { text-align: right; vertical-align: bottom; border-bottom: 2px solid #999;
    white-space: normal; min-width: 4.5rem; }
  thead th:first-child, tbody th { text-align: left; font-weight: 600; }
  td { text-align: right; }
  figure { margin: 2rem 0; }
  figure svg { max-width: 100%; height: auto; }
  figcaption { color: #444; max-width: 46rem; margin-top: .25rem; }
  footer { color: #666; font-size: .85rem; margin-top: 3rem; }
`;

/** No fetch of any kind; inline styles only (inline SVG needs no permission). */
const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'";

export function htmlPage(page: Page): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
${page.header}
</header>
<main>
${page.sections.join('\n')}
</main>
${page.footer === undefined ? '' : `<footer>${escapeHtml(page.footer)}</footer>\n`}</body>
</html>
`;
}
