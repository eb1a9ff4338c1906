/**
 * The kinds of agent a scenario may declare. Apart from the schema (`schema.ts`), so that what
 * only needs the list (the command line's options, a report's colours) does not load it.
 */
export const AGENT_KINDS = [
  'lab',
  'open_weight',
  'hyperscaler',
  'aggregator',
  'host',
  'chip',
] as const;
export type AgentKind = (typeof AGENT_KINDS)[number];
