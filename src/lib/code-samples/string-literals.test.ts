import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { goString, javaString, jsString, pythonString, rubyString, shellSingleQuoted } from "./string-literals";

const tricky = 'say "hi" \\ back\\slash\nnew line\ttab\r\u0000nul\u0007bell\u007fdel #{x} #@y #$z ${z} `b` \'q\' \\u000a 😀 é \u2028';

describe("string literals hold exactly the user's text", () => {
  it("JavaScript: evaluating the literal gives the text back, for any string", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        expect(new Function(`return ${jsString(text)};`)()).toBe(text);
      }),
    );
    expect(new Function(`return ${jsString(tricky)};`)()).toBe(tricky);
  });

  it("Python: JSON string syntax, which Python reads the same way", () => {
    expect(pythonString('a"b\\c\n')).toBe('"a\\"b\\\\c\\n"');
    expect(JSON.parse(pythonString(tricky))).toBe(tricky);
  });

  it("Ruby: escapes quotes, backslashes, control characters and every # (no interpolation)", () => {
    expect(rubyString('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(rubyString("#{system('rm')} #@x #$y")).toBe('"\\#{system(\'rm\')} \\#@x \\#$y"');
    expect(rubyString("line\nnext\ttab\u0000\u0007")).toBe('"line\\nnext\\ttab\\u0000\\u0007"');
    expect(rubyString("😀 é")).toBe('"😀 é"');
    expect(rubyString("half \ud83d")).toBe('"half \ufffd"');
  });

  it("Java: doubles backslashes so a typed \\u000a stays text, and writes controls as octal escapes", () => {
    expect(javaString("\\u000a")).toBe('"\\\\u000a"');
    expect(javaString('a"b')).toBe('"a\\"b"');
    expect(javaString("x\ny\r\u0000\u0007")).toBe('"x\\ny\\r\\000\\007"');
    expect(javaString("\u2028")).toBe('"\\u2028"');
    expect(javaString("😀")).toBe('"😀"');
  });

  it("Go: an interpreted literal with \\x escapes for controls and no lone surrogates", () => {
    expect(goString('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(goString("x\ny\u0000\u007f")).toBe('"x\\ny\\x00\\x7f"');
    expect(goString("`raw` ${x}")).toBe('"`raw` ${x}"');
    expect(goString("half \udc00")).toBe('"half \ufffd"');
    expect(goString("bom[\ufeff]")).toBe('"bom[\\ufeff]"');
  });

  it("shell: single quotes, with a quote written as '\\''", () => {
    expect(shellSingleQuoted(`it's $HOME and \`cmd\``)).toBe(`'it'\\''s $HOME and \`cmd\`'`);
  });
});
