export const RAGS = ['red', 'amber', 'green'] as const;
export type Rag = (typeof RAGS)[number];
export const CHANNELS = ['teams', 'slack', 'import'] as const;
export type Channel = (typeof CHANNELS)[number];
/** Where a priority or target stands (Melton's improvement plan): absent means open. */
export const ITEM_STATUSES = ['open', 'complete', 'deleted'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];
