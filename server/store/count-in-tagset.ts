// A result counts in its tagset once it is finished or abandoned, never while it runs, so the
// tagset's latest (dashboards, get_last_result_for_tagset, should-build, badges) is always a
// whole build. The latest is the highest key counted: a live build that began before another
// result and finished after it does not take its place.
import type Database from 'better-sqlite3';

/** `tagsetJson` is the canonical tagset's JSON, as the tagsets table shows it. */
export type CountInTagset = (tagsetKey: string, packageName: string, tagsetJson: string, resultKey: number) => void;

/** Prepares the update; call the result inside the transaction that finishes the result. */
export function prepareCountInTagset(database: Database.Database): CountInTagset {
  const upsert = database.prepare(`
    INSERT INTO tagsets (tagset_key, package, tags, latest_result_id, result_count)
    VALUES (?, ?, ?, ?, 1)
    ON CONFLICT (tagset_key) DO UPDATE SET
      latest_result_id = max(latest_result_id, excluded.latest_result_id),
      result_count = result_count + 1`);
  return (tagsetKey, packageName, tagsetJson, resultKey) => {
    upsert.run(tagsetKey, packageName, tagsetJson, resultKey);
  };
}
