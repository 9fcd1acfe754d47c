export const RAGS = ['red', 'amber', 'green'] as const;
export type Rag = (typeof RAGS)[number];
export const CHANNELS = ['teams', 'slack', 'import'] as const;
export type Channel = (typeof CHANNELS)[number];
