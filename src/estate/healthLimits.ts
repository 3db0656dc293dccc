/** Tenants read at once by a Key Health refresh: each client keeps to its tenant's rate limits; this bounds the work
 * of the machine and lets the first rows show early. */
export const HEALTH_CONCURRENCY = 4;
