// Log lines as HTML: colours as classes (the CSP allows no inline style), text escaped, and
// no escape sequence leaving anything behind.
import test from 'ava';
import { createAnsiLineRenderer, removeEscapeSequences } from '../../../server/web/ansi-html.ts';
import { toLogView } from '../../../server/web/log-view.ts';

function renderLines(...lines: string[]): string[] {
  const render = createAnsiLineRenderer();
  return lines.map((line) => render(line));
}

test('colours and styles become classes, and a colour carries on to the next line as on a terminal', (t) => {
  t.deepEqual(renderLines('\u001b[1;31merror\u001b[0m: it broke', '\u001b[32mstill', 'green\u001b[m plain'), [
    '<span class="ansi-red-fg ansi-bold">error</span>: it broke',
    '<span class="ansi-green-fg">still</span>',
    '<span class="ansi-green-fg">green</span> plain',
  ]);
  t.deepEqual(renderLines('\u001b[3;4;2mquiet\u001b[0m \u001b[41;97malarm\u001b[0m'), [
    '<span class="ansi-faint ansi-italic ansi-underline">quiet</span> <span class="ansi-bright-white-fg ansi-red-bg">alarm</span>',
  ]);
});

test('256-colour and true-colour codes take the nearest of the 16 named colours', (t) => {
  t.deepEqual(renderLines('\u001b[38;5;196mred\u001b[0m \u001b[38;2;10;200;20mgreen\u001b[48;5;21m on blue\u001b[0m'), [
    '<span class="ansi-red-fg">red</span> <span class="ansi-green-fg">green</span><span class="ansi-green-fg ansi-blue-bg"> on blue</span>',
  ]);
});

test('markup in a log is escaped, never passed on', (t) => {
  t.deepEqual(renderLines('<script>alert("x")</script> & \'it\'', '\u001b[31m<img src=x onerror=alert(1)>\u001b[0m'), [
    '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;it&#x27;',
    '<span class="ansi-red-fg">&lt;img src=x onerror=alert(1)&gt;</span>',
  ]);
});

test('an OSC-8 hyperlink keeps its text and leaves no garbage; other sequences are removed whole', (t) => {
  // As `ls --hyperlink` and cargo write it: OSC 8 ; params ; URI ST, the text, then OSC 8 ; ; ST.
  const link = '\u001b]8;;file:///home/me/src/main.rs\u001b\\src/main.rs\u001b]8;;\u001b\\';
  const belLink = '\u001b]8;id=1;https://example.org/?a=1&b=2\u0007docs\u001b]8;;\u0007';
  t.deepEqual(renderLines(
    `warning: unused in ${link}:3`,
    `see ${belLink}.`,
    '\u001b]0;my title\u0007\u001b[2K\u001b[1Gdone\u001b[?25h\u001b(B\u001b=',
    'cut short \u001b]8;;https://example.org/partial',
    'half a code \u001b[3',
    '\u001b[38:2::255:0:0mcolon form\u001b[0m',
  ), [
    'warning: unused in src/main.rs:3',
    'see docs.',
    'done',
    'cut short ',
    'half a code ',
    'colon form',
  ]);
});

test('a redrawn line shows its last state; other control characters are made visible', (t) => {
  t.deepEqual(renderLines('10%\r55%\r100%', 'ends with CRLF\r', 'bell\u0007 nul\u0000 tab\tend'), [
    '100%',
    'ends with CRLF',
    'bell\uFFFD nul\uFFFD tab\tend',
  ]);
  t.is(removeEscapeSequences('\u001b[1mbold\u001b[0m \u001b]8;;https://x.org\u001b\\link\u001b]8;;\u001b\\ a\r\nb'), 'bold link a\r\nb');
});

test('lines are numbered as an editor numbers them, also in the tail of a long log', (t) => {
  const short = toLogView('one\ntwo\n', 'step-1');
  t.deepEqual(short.head.map((line) => [line.id, line.html]), [['step-1-L1', 'one'], ['step-1-L2', 'two']]);
  t.is(short.lineCount, 2);
  t.deepEqual(short.tail, []);
  t.is(toLogView('no final newline', 'step-2-errout').head[0]!.id, 'step-2-errout-L1');
  t.deepEqual(toLogView('', 'step-1'), { lineCount: 0, head: [], tail: [], hiddenText: '' });

  const long = toLogView(Array.from({ length: 500 }, (_, index) => `line ${index + 1}\n`).join(''), 'step-3');
  t.is(long.lineCount, 500);
  t.is(long.head.at(-1)!.id, 'step-3-L40');
  t.deepEqual([long.tail[0]!.id, long.tail[0]!.html], ['step-3-L421', 'line 421']);
  t.is(long.tail.at(-1)!.id, 'step-3-L500');
  t.is(long.hiddenText, '380 lines (3361 characters) not shown');

  // A tail cut by characters starts inside a line, which keeps that line's number.
  const wide = toLogView(`${'x'.repeat(30_000)}\nlast\n`, 'step-4');
  t.is(wide.tail[0]!.number, 1);
  t.deepEqual([wide.tail[1]!.number, wide.tail[1]!.html], [2, 'last']);
});
