"use client";

// A CodeMirror 6 editor as a React component. It owns the EditorView; React owns the text.
// Only modules loaded on demand import this (the JSON tab, the code view), so CodeMirror
// never weighs on a page's first load.
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { bracketMatching, indentOnInput } from "@codemirror/language";
import { Compartment, EditorState, type Extension } from "@codemirror/state";
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
} from "@codemirror/view";
import { useEffect, useRef } from "react";
import { spoolEditorLook } from "./editor-theme";

type Props = {
  value: string;
  /** Called with the whole text after each edit; omit for a read-only view. */
  onChange?: (value: string) => void;
  /** The language and anything else particular to this editor. */
  extensions: Extension;
  /** ARIA attributes (label, description, invalid) and the id of the editable element. */
  contentAttributes: Record<string, string>;
  /** Receives the view once it exists, for callers that move the cursor. */
  onView?: (view: EditorView | null) => void;
  className?: string;
};

/**
 * Line numbers, bracket matching, the active line, undo history and the standard keys. Tab is
 * deliberately left unbound, as CodeMirror recommends for editors inside a page: it moves focus
 * on to the next control, so the editor is no keyboard trap. Enter keeps the line's indentation.
 */
const basics: Extension = [
  lineNumbers(),
  highlightActiveLineGutter(),
  highlightSpecialChars(),
  history(),
  drawSelection(),
  indentOnInput(),
  bracketMatching(),
  highlightActiveLine(),
  keymap.of([...defaultKeymap, ...historyKeymap]),
  spoolEditorLook,
];

/**
 * The page's CSP nonce. CodeMirror writes its styles into a <style> element, which Spool's
 * Content-Security-Policy (no `unsafe-inline`) refuses without it. The browser hides the nonce
 * attribute once the page has loaded but keeps it as the script element's `nonce` property;
 * the layout's theme script carries it.
 */
function pageNonce(): string {
  return document.querySelector<HTMLScriptElement>("script[nonce]")?.nonce ?? "";
}

export function CodeEditor({ value, onChange, extensions, contentAttributes, onView, className }: Props) {
  const parent = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const compartments = useRef({ extensions: new Compartment(), attributes: new Compartment() });
  // The latest callbacks, read by the long-lived view without recreating it.
  const latest = useRef({ onChange, onView });
  useEffect(() => {
    latest.current = { onChange, onView };
  });

  // The view is made once; later props are dispatched into it below.
  /* eslint-disable react-hooks/exhaustive-deps */
  useEffect(() => {
    const { extensions: language, attributes } = compartments.current;
    const created = new EditorView({
      parent: parent.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          EditorView.cspNonce.of(pageNonce()),
          basics,
          EditorState.readOnly.of(!onChange),
          language.of(extensions),
          attributes.of(EditorView.contentAttributes.of(contentAttributes)),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) latest.current.onChange?.(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = created;
    latest.current.onView?.(created);
    return () => {
      latest.current.onView?.(null);
      created.destroy();
      view.current = null;
    };
  }, []);
  /* eslint-enable react-hooks/exhaustive-deps */

  // Text set from outside (Format as JSON, another language's sample) replaces the document.
  useEffect(() => {
    const current = view.current;
    if (!current || current.state.doc.toString() === value) return;
    current.dispatch({ changes: { from: 0, to: current.state.doc.length, insert: value } });
  }, [value]);

  useEffect(() => {
    view.current?.dispatch({ effects: compartments.current.extensions.reconfigure(extensions) });
  }, [extensions]);

  const attributesKey = JSON.stringify(contentAttributes);
  useEffect(() => {
    view.current?.dispatch({
      effects: compartments.current.attributes.reconfigure(EditorView.contentAttributes.of(JSON.parse(attributesKey) as Record<string, string>)),
    });
  }, [attributesKey]);

  return <div ref={parent} className={className} />;
}
