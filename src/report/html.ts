/** HTML text for reports: escaping and tables. Pure string functions. */

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text safe inside an element or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character]!);
}

/**
 * A table with a header row; the first column is a row heading, the others right-aligned. It
 * sits in a box that scrolls sideways when the table is wider than the page's column, so that
 * the page itself never does.
 */
export function htmlTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const head = headers.map((header) => `<th scope="col">${escapeHtml(header)}</th>`).join('');
  const body = rows
    .map(
      ([heading = '', ...values]) =>
        `<tr><th scope="row">${escapeHtml(heading)}</th>${values
          .map((value) => `<td>${cellHtml(value)}</td>`)
          .join('')}</tr>`,
    )
    .join('\n');
  return `<div class="table-scroll">\n<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>\n</div>`;
}

/**
 * A value cell's text, which never breaks: "17.1 % ±14.0" or "$1.2B to $3.4B" is read as one
 * value, so a narrow page scrolls the table sideways (headers may still wrap).
 */
function cellHtml(value: string): string {
  return escapeHtml(value).replace(/ /g, '&nbsp;');
}

/** A row of labelled facts ("seed 1", "months 36"), as the top of every report shows them. */
export function htmlFacts(facts: readonly (readonly [term: string, value: string])[]): string {
  const items = facts
    .map(([term, value]) => `<div><dt>${escapeHtml(term)}</dt><dd>${escapeHtml(value)}</dd></div>`)
    .join('');
  return `<dl class="facts">${items}</dl>`;
}

/**
 * What a result assumed, as output/assumptions.ts words it: the first line ("Assumptions: ...")
 * as a paragraph, any further lines (a batch's scenarios, each with its differences) as a list.
 */
export function assumptionsHtml(lines: readonly string[]): string {
  const [first = '', ...rest] = lines;
  const label = 'Assumptions:';
  const text = first.startsWith(label) ? first.slice(label.length).trim() : first;
  const paragraph = `<p class="assumptions"><strong>${label}</strong> ${escapeHtml(text)}</p>`;
  if (rest.length === 0) return paragraph;
  const items = rest.map((line) => `<li>${escapeHtml(line.trim())}</li>`).join('\n');
  return `${paragraph}\n<ul class="assumptions">\n${items}\n</ul>`;
}
