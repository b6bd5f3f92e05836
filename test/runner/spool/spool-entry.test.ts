import { readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import test from 'ava';
import { getSpoolDirectory } from '../../../runner/spool/spool-directory.ts';
import { listSpoolEntries, readSpoolEntry, removeSpoolEntry, setSpoolEntryAside, writeSpoolEntry, type SpoolEntry } from '../../../runner/spool/spool-entry.ts';
import { makeTempDir } from '../../helpers/temp.ts';

const entry = (id: string): SpoolEntry => ({
  server: 'http://ci.example.org/',
  client_info: { package: 'p', host: 'h', arch: 'a', success: true, tags: [], submission_id: id },
  results_list: [{ name: 's', type: 'build', status: 0, output: 'out\n', errout: '', command: 's', duration: 1 }],
});

test('the spool is PONY_BUILD_SPOOL, else ~/.pony-build/spool', (t) => {
  t.is(getSpoolDirectory({ PONY_BUILD_SPOOL: '/srv/spool' }), '/srv/spool');
  t.regex(getSpoolDirectory({}), /\/\.pony-build\/spool$/);
});

test('entries are listed oldest first, whatever their ids, and only entries are listed', async (t) => {
  const directory = path.join(makeTempDir(t), 'spool');
  t.deepEqual(await listSpoolEntries(directory), [], 'no spool yet is an empty spool');
  const newer = await writeSpoolEntry(directory, entry('0000-first-by-id'), 1_700_000_000_500);
  const older = await writeSpoolEntry(directory, entry('ffff-last-by-id'), 999_999_999_999);
  writeFileSync(path.join(directory, 'notes.txt'), 'not an entry');
  t.deepEqual(await listSpoolEntries(directory), [older, newer]);
  t.is(path.basename(older), '000999999999999-ffff-last-by-id.json');
  t.deepEqual(readdirSync(directory).sort(), [path.basename(older), path.basename(newer), 'notes.txt'], 'no temp file is left');
  t.is(statSync(older).mode & 0o777, 0o600);
  t.is(statSync(directory).mode & 0o777, 0o700);
  t.deepEqual(await readSpoolEntry(older), entry('ffff-last-by-id'));
});

test('removing is idempotent, and a refused entry is set aside where no run lists it', async (t) => {
  const directory = makeTempDir(t);
  const file = await writeSpoolEntry(directory, entry('a'));
  const aside = await setSpoolEntryAside(file);
  t.is(aside, path.join(directory, 'rejected', path.basename(file)));
  t.deepEqual(await listSpoolEntries(directory), []);
  await removeSpoolEntry(aside);
  await removeSpoolEntry(aside);
  t.deepEqual(readdirSync(path.join(directory, 'rejected')), []);
});

test('an entry that is not one is named with what was expected', async (t) => {
  const directory = makeTempDir(t);
  const broken = path.join(directory, '1-broken.json');
  writeFileSync(broken, JSON.stringify({ ...entry('b'), server: 1 }));
  await t.throwsAsync(readSpoolEntry(broken), { message: `${broken}: expected a spooled result to name its \`server\` as a string` });
  writeFileSync(broken, JSON.stringify({ ...entry('b'), update_token: 5 }));
  await t.throwsAsync(readSpoolEntry(broken), { message: `${broken}: expected \`update_token\` to be a string when present` });
  writeFileSync(broken, '{"server": "http://a/", "client_info": {"package": "p"}, "results_list": {}}');
  await t.throwsAsync(readSpoolEntry(broken), { message: `${broken}: expected \`results_list\` to be an array of steps` });
  writeFileSync(broken, '{');
  await t.throwsAsync(readSpoolEntry(broken), { message: /not valid JSON/ });
});
