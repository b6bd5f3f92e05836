// Terminal colours in logs, as HTML the page's strict CSP accepts. ansi_up parses the colour
// codes and escapes the text; the page allows no inline styles, so every style it would write
// becomes a class of the stylesheet. What ansi_up does not handle (window titles, hyperlinks,
// cursor moves, erase-line) is removed first, so no escape sequence leaves garbage behind.
import { AnsiUp } from 'ansi_up';

/** HTML made from untrusted text by `createAnsiLineRenderer` alone: escaped, with only `<span class>`. */
export type AnsiHtml = string & { readonly __escapedByAnsiUp: unique symbol };

// OSC (title, OSC-8 hyperlink markers: the link's text stays), ended by BEL or ST, or cut off.
const OSC = /\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\|$)/g;
// CSI that is not a plain SGR (colours), and SGR with colon sub-parameters, which ansi_up rejects.
const CSI = /\u001b\[([0-?]*)([ -/]*)([@-~]|$)/g;
// Any other escape: charset selection, keypad modes, save and restore cursor, a lone ESC.
const OTHER_ESCAPE = /\u001b(?:[ -/]*[0-~]|$)/g;
// Invisible or rejected by HTML; a visible replacement shows that something was there. Tabs,
// newlines and carriage returns (Windows line ends in a test's message) are text.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

// ansi_up's palette for the 16 named colours; 256-colour and true-colour codes take the nearest.
const NAMED_COLOURS: Array<[string, [number, number, number]]> = [
  ['black', [0, 0, 0]], ['red', [187, 0, 0]], ['green', [0, 187, 0]], ['yellow', [187, 187, 0]],
  ['blue', [0, 0, 187]], ['magenta', [187, 0, 187]], ['cyan', [0, 187, 187]], ['white', [255, 255, 255]],
  ['bright-black', [85, 85, 85]], ['bright-red', [255, 85, 85]], ['bright-green', [0, 255, 0]],
  ['bright-yellow', [255, 255, 85]], ['bright-blue', [85, 85, 255]], ['bright-magenta', [255, 85, 255]],
  ['bright-cyan', [85, 255, 255]], ['bright-white', [255, 255, 255]],
];

/**
 * Renders a stream's lines in order, carrying colours from one line to the next as a
 * terminal would. Each call takes one line without its newline.
 */
export function createAnsiLineRenderer(): (line: string) => AnsiHtml {
  const ansiUp = new AnsiUp();
  ansiUp.escape_html = true;
  ansiUp.use_classes = true;
  // Class names in place of styles; toClassOnlySpans moves them into the class attribute.
  ansiUp.boldStyle = 'ansi-bold';
  ansiUp.faintStyle = 'ansi-faint';
  ansiUp.italicStyle = 'ansi-italic';
  ansiUp.underlineStyle = 'ansi-underline';
  return (line) => toClassOnlySpans(ansiUp.ansi_to_html(keepOnlyColourCodes(showLastOverwrite(line)))) as AnsiHtml;
}

/** Text without any escape sequence (colours included), other controls made visible. */
export function removeEscapeSequences(line: string): string {
  return keepOnlyColourCodes(line).replace(/\u001b\[[\d;]*m/g, '');
}

// A progress bar redraws its line after each carriage return; the terminal shows the last one.
function showLastOverwrite(line: string): string {
  const parts = line.split('\r').filter((part) => part !== '');
  return parts.at(-1) ?? '';
}

function keepOnlyColourCodes(line: string): string {
  return line
    .replace(OSC, '')
    .replace(CSI, (sequence, parameters: string, intermediates: string, final: string) =>
      final === 'm' && intermediates === '' && /^[\d;]*$/.test(parameters) ? sequence : '')
    .replace(OTHER_ESCAPE, (sequence) => (sequence.startsWith('\u001b[') ? sequence : ''))
    .replace(CONTROL, (character) => (character === '\u001b' ? character : '\uFFFD'));
}

// ansi_up's output is escaped text and `<span style="..." class="...">` only, so the
// attributes can be read back without parsing HTML.
function toClassOnlySpans(html: string): string {
  return html.replace(/<span(?: style="([^"]*)")?(?: class="([^"]*)")?>/g, (_span, style: string | undefined, classes: string | undefined) => {
    const names = [...(classes?.split(' ') ?? []), ...(style?.split(';').map(toClassName) ?? [])].filter((name) => name !== '');
    return `<span class="${names.join(' ')}">`;
  });
}

function toClassName(declaration: string): string {
  if (/^ansi-[a-z]+$/.test(declaration)) {
    return declaration;
  }
  const colour = /^(color|background-color):rgb\((\d+),(\d+),(\d+)\)$/.exec(declaration);
  if (!colour) {
    return '';
  }
  const [, property, red, green, blue] = colour;
  return `ansi-${findNearestColour([Number(red), Number(green), Number(blue)])}-${property === 'color' ? 'fg' : 'bg'}`;
}

function findNearestColour(rgb: [number, number, number]): string {
  let nearest = NAMED_COLOURS[0]!;
  let nearestDistance = Infinity;
  for (const named of NAMED_COLOURS) {
    const distance = named[1].reduce((sum, channel, index) => sum + (channel - rgb[index]!) ** 2, 0);
    if (distance < nearestDistance) {
      nearest = named;
      nearestDistance = distance;
    }
  }
  return nearest[0];
}
