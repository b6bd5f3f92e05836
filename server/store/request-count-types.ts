// Requests counted in the store, for limits.requests_per_minute across every server instance
// sharing it (server/http/limit-requests.ts).

export interface SharedRequestCounts {
  /**
   * Counts one request of an address group (server/http/address-group.ts) in a minute (Unix
   * seconds / 60, rounded down), for every instance at once; answers the group's requests in
   * that minute, this one included.
   */
  countRequest(addressGroup: string, minute: number): Promise<number>;
}
