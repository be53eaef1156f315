// How Spool's CodeMirror editors look, light and dark. Colours are CSS variables set on the
// editor and turned over under the `dark` class on <html> (the app's dark mode, see
// globals.css), so the editor follows the system setting and the toggle with no JavaScript.
// Every token colour meets WCAG AA (4.5:1) against the background, the active line and the
// selection, in both modes (e2e/code-editor.spec.ts checks the rendered page).
import { HighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { EditorView } from "@codemirror/view";
import { tags as t } from "@lezer/highlight";

const light = {
  "--cm-background": "#ffffff",
  "--cm-text": "#0f172a", // slate-900
  "--cm-gutter-background": "#f8fafc", // slate-50
  "--cm-gutter-text": "#475569", // slate-600, 7.2:1
  "--cm-border": "#cbd5e1", // slate-300
  "--cm-active-line": "rgb(148 163 184 / 0.14)", // slate-400, see-through: the selection is drawn beneath it
  "--cm-selection": "#e0e7ff", // indigo-100
  "--cm-bracket": "#bbf7d0", // green-200
  "--cm-caret": "#4338ca", // indigo-700
  "--cm-property": "#1d4ed8", // blue-700
  "--cm-string": "#065f46", // emerald-800
  "--cm-number": "#92400e", // amber-800
  "--cm-keyword": "#6d28d9", // violet-700
  "--cm-comment": "#475569", // slate-600
  "--cm-type": "#155e75", // cyan-800
  "--cm-function": "#be185d", // pink-700
  "--cm-invalid": "#b91c1c", // red-700
};

const dark: typeof light = {
  "--cm-background": "#0f172a", // slate-900, the dark surface
  "--cm-text": "#e2e8f0", // slate-200
  "--cm-gutter-background": "#020617", // slate-950
  "--cm-gutter-text": "#94a3b8", // slate-400
  "--cm-border": "#334155", // slate-700
  "--cm-active-line": "rgb(51 65 85 / 0.45)", // slate-700
  "--cm-selection": "#3730a3", // indigo-800
  "--cm-bracket": "#166534", // green-800
  "--cm-caret": "#a5b4fc", // indigo-300
  "--cm-property": "#93c5fd", // blue-300
  "--cm-string": "#6ee7b7", // emerald-300
  "--cm-number": "#fcd34d", // amber-300
  "--cm-keyword": "#c4b5fd", // violet-300
  "--cm-comment": "#94a3b8", // slate-400
  "--cm-type": "#67e8f9", // cyan-300
  "--cm-function": "#f9a8d4", // pink-300
  "--cm-invalid": "#fca5a5", // red-300
};

const mono = 'ui-monospace, SFMono-Regular, Menlo, Monaco, Consolas, "Liberation Mono", "Courier New", monospace';

const editorTheme = EditorView.theme({
  "&": { ...light, color: "var(--cm-text)", backgroundColor: "var(--cm-background)", fontSize: "0.8125rem" },
  ".dark &": dark,
  // The outer box takes the focus ring; the editable area inside it would draw a second one.
  "&.cm-focused": { outline: "2px solid #4f46e5", outlineOffset: "2px" },
  ".dark &.cm-focused": { outline: "2px solid #818cf8" },
  ".cm-content:focus-visible": { outline: "none" },
  ".cm-scroller": { fontFamily: mono, lineHeight: "1.25rem" },
  ".cm-content": { caretColor: "var(--cm-caret)", padding: "0.5rem 0" },
  ".cm-cursor, .cm-dropCursor": { borderLeftColor: "var(--cm-caret)", borderLeftWidth: "2px" },
  ".cm-gutters": {
    backgroundColor: "var(--cm-gutter-background)",
    color: "var(--cm-gutter-text)",
    borderRight: "1px solid var(--cm-border)",
  },
  ".cm-activeLine": { backgroundColor: "var(--cm-active-line)" },
  ".cm-activeLineGutter": { backgroundColor: "var(--cm-active-line)", color: "var(--cm-text)", fontWeight: "600" },
  "&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground": {
    backgroundColor: "var(--cm-selection)",
  },
  ".cm-matchingBracket, &.cm-focused .cm-matchingBracket": { backgroundColor: "var(--cm-bracket)", color: "inherit" },
  ".cm-nonmatchingBracket, &.cm-focused .cm-nonmatchingBracket": {
    backgroundColor: "transparent",
    color: "var(--cm-invalid)",
    textDecoration: "underline wavy",
  },
});

const highlightStyle = HighlightStyle.define([
  { tag: [t.propertyName, t.attributeName], color: "var(--cm-property)" },
  { tag: [t.string, t.special(t.string), t.regexp, t.character], color: "var(--cm-string)" },
  { tag: [t.number, t.bool, t.null, t.atom], color: "var(--cm-number)" },
  { tag: [t.keyword, t.modifier, t.controlKeyword, t.definitionKeyword, t.moduleKeyword, t.operatorKeyword], color: "var(--cm-keyword)" },
  { tag: [t.comment, t.lineComment, t.blockComment], color: "var(--cm-comment)", fontStyle: "italic" },
  { tag: [t.typeName, t.className, t.namespace], color: "var(--cm-type)" },
  { tag: [t.function(t.variableName), t.function(t.propertyName), t.definition(t.variableName)], color: "var(--cm-function)" },
  { tag: [t.escape, t.meta], color: "var(--cm-keyword)" },
  { tag: t.invalid, color: "var(--cm-invalid)" },
]);

/** The look every Spool editor shares: colours for both modes and syntax highlighting. */
export const spoolEditorLook = [editorTheme, syntaxHighlighting(highlightStyle)];
