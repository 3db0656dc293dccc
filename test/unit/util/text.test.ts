// Issue 12: the one module that makes other people's text inert. Properties over any input, and the payloads an
// attacker would write.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { displayJson, inert, inertLines, markdownText, TEXT_LIMITS } from '../../../src/util/text';

/** True when `text` carries nothing `inert` would change (length aside). */
const isInert = (text: string): boolean => inert(text, Number.MAX_SAFE_INTEGER) === text;

/** Pieces an attacker combines: link, icon, markdown and HTML syntax, controls, bidi and zero-width characters. */
const PIECES = [
  '[',
  ']',
  '(',
  ')',
  '](',
  '$(',
  '$',
  '<',
  '>',
  '</',
  '<!',
  '<?',
  'a',
  'command:workbench.action.terminal.new',
  'https://evil.example',
  '\u0000',
  '\u0007',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u009b',
  '\u200b',
  '\u200d',
  '\u200e',
  '\u200f',
  '\u202a',
  '\u202b',
  '\u202c',
  '\u202d',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\u061c',
  '\u2028',
  '\u2029',
  '\ufeff',
  '\u00ad',
  '\udb40\udc01',
  '\n',
  '\t',
  '*',
  '_',
  '`',
  '#',
  '|',
  '🙂',
  '👩‍💻',
  'é',
  '\u115f',
  '\u1160',
  '\u3164',
  '\uffa0',
  '\u034f',
  '\ufe0f',
  '\udb40\udd00',
];
const hostile = fc.oneof(
  fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((p) => p.join('')),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ maxLength: 200 }),
);
const CONTROL_OR_BIDI = /[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\u2028\u2029]/u;
const HTML_TAG = /<[A-Za-z/!?]/;

describe('util/text: untrusted text stays text', () => {
  it('for any input: no link or icon syntax, no HTML tag, no control, format or bidi character, at most N characters', () => {
    fc.assert(
      fc.property(hostile, fc.integer({ min: 1, max: 300 }), (s, max) => {
        const out = inert(s, max);
        assert.ok(!out.includes(']('), JSON.stringify(out));
        assert.ok(!out.includes('$('), JSON.stringify(out));
        assert.ok(!HTML_TAG.test(out), JSON.stringify(out));
        assert.ok(!CONTROL_OR_BIDI.test(out), JSON.stringify(out));
        assert.ok(out.length <= max, `${out.length} > ${max}`);
        assert.ok(isInert(out), 'inert output is a fixed point');
      }),
      { numRuns: 3000 },
    );
  });

  it('leaves ordinary names and sentences unchanged', () => {
    const ordinary = fc
      .stringMatching(/^[A-Za-z0-9][A-Za-z0-9 .,:;'"!?&%+=/@#*_()-]{0,60}$/)
      .filter((s) => !s.includes('$(') && !s.includes(']('));
    fc.assert(
      fc.property(ordinary, (s) => assert.equal(inert(s), s)),
      { numRuns: 2000 },
    );
    for (const name of [
      'Production CMK',
      'CI pipeline (nightly)',
      'acme',
      'Ådne Ørsted – DR key',
      'schlüssel für Prod',
      '鍵 東京',
      'a < b and c > d',
      '$5 budget',
      'arn:aws:kms:eu-west-1:123456789012:key/mrk-0123456789abcdef0123456789abcdef',
    ]) {
      assert.equal(inert(name), name);
    }
  });

  it('turns the attacks from the issue into plain text', () => {
    assert.equal(inert('[Click me](command:workbench.action.terminal.new)'), '[Click me] (command:workbench.action.terminal.new)');
    assert.equal(inert('see [docs](https://evil.example)'), 'see [docs] (https://evil.example)');
    assert.equal(inert('$(check) verified'), '$ (check) verified');
    assert.equal(inert('<img src=x onerror=alert(1)>'), '< img src=x onerror=alert(1)>');
    assert.equal(inert('abc\u202Etxt.exe'), 'abctxt.exe');
    assert.equal(inert('line one\nline two'), 'line one line two');
    // A zero-width character between "]" and "(" must not survive as a link once it is removed.
    assert.equal(inert('[x]\u200b(command:y)'), '[x] (command:y)');
    assert.equal(inert('\u001b[31mred'), ' [31mred');
  });

  it('inertLines keeps line breaks and nothing else', () => {
    assert.equal(inertLines('Could not load.\n\nHTTP 403 · [x](command:y)\r\nok'), 'Could not load.\n\nHTTP 403 · [x] (command:y)\nok');
    fc.assert(
      fc.property(hostile, (s) =>
        assert.ok(
          inertLines(s)
            .split('\n')
            .every((l) => isInert(l)),
        ),
      ),
      { numRuns: 500 },
    );
  });

  it('cuts long text with an ellipsis, never inside a surrogate pair', () => {
    assert.equal(inert('x'.repeat(10_000), TEXT_LIMITS.name), `${'x'.repeat(TEXT_LIMITS.name - 1)}…`);
    assert.equal(inert('ab🙂cd', 4), 'ab…');
    assert.equal(inert('abc', 3), 'abc');
    assert.equal(inert(undefined), '');
    assert.equal(inert(42), '42');
  });

  it('markdownText escapes every markdown and autolink character', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const out = markdownText(s);
        // Every ASCII punctuation character is preceded by a backslash.
        assert.ok(!/[!-/:-@[-`{-~]/.test(out.replace(/\\[!-/:-@[-`{-~]/g, '')), JSON.stringify(out));
      }),
      { numRuns: 1000 },
    );
    assert.equal(markdownText('**bold** https://x.example a@b.example'), '\\*\\*bold\\*\\* https\\:\\/\\/x\\.example a\\@b\\.example');
  });

  it('displayJson keeps every value in full and writes invisible characters as escapes', () => {
    const body = { description: `${'d'.repeat(5000)}\u202e\u200b\u0085\u2028`, name: 'x\u0000y' };
    const text = displayJson(body);
    assert.ok(!/[\u007f-\u009f\p{Cf}\u2028\u2029]/u.test(text));
    assert.deepEqual(JSON.parse(text), body, 'the document parses back to exactly what the service sent');
  });
});
