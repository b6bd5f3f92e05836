// Which repositories each tagset builds, as its newest result recorded them: push hooks
// request builds of the tagsets a pushed repository feeds (README "Push hooks").

/** A tagset and the repository URLs its newest result names, exactly as the client sent them. */
export interface TagsetRepositoriesRecord {
  package: string;
  tagset: string[];
  tagsetKey: string;
  /** `client_info.repository` and each `client_info.checkouts[].repository` that is a string. */
  repositories: string[];
}

export interface TagsetRepositoryStore {
  /** Every tagset with the repositories its newest result names; reads those two fields of the bag only. */
  listTagsetRepositories(): Promise<TagsetRepositoriesRecord[]>;
}
