export const L10N_PENDING: string[];
