import test from 'ava';
import { getPythonVersionTag, parsePythonVersion } from '../../../recipes/lib/python-version.ts';

test("reads PY_VERSION from CPython's patchlevel.h", (t) => {
  const header = '#define PY_MINOR_VERSION        14\n/* Version as a string */\n#define PY_VERSION              "3.14.0a1+"\n';
  t.is(parsePythonVersion(header), '3.14.0a1+');
  t.is(parsePythonVersion('#  define PY_VERSION\t"3.13.1"'), '3.13.1');
  t.is(parsePythonVersion('#define PY_VERSION_HEX 0x030E00A1'), undefined);
  t.is(parsePythonVersion(''), undefined);
});

test('a version branch or release tag gives pythonX.Y, main gives python-main, anything else no tag', (t) => {
  t.is(getPythonVersionTag('3.13'), 'python3.13');
  t.is(getPythonVersionTag('3.9'), 'python3.9');
  t.is(getPythonVersionTag('v3.12.4'), 'python3.12');
  t.is(getPythonVersionTag('v3.14.0a1'), 'python3.14');
  t.is(getPythonVersionTag('main'), 'python-main');
  t.is(getPythonVersionTag('broken'), undefined);
  t.is(getPythonVersionTag('3ed2e12925b6f989301b209252ee9b88749ad2ec'), undefined);
  t.is(getPythonVersionTag('v3.13.0rc2'), 'python3.13');
  t.is(getPythonVersionTag('3.13-fix'), undefined);
});
