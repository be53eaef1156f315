"use client";

// The JSON tab's editor: CodeMirror with the JSON language, loaded when the tab first opens.
// Following an error link moves its cursor to the problem (`reveal`).
import { json } from "@codemirror/lang-json";
import { EditorSelection } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { useEffect, useState } from "react";
import { CodeEditor } from "~/components/code-editor/CodeEditor";
import { locateInJson, type JsonSpot } from "./json-location";

/** A request to show a problem in the editor; a new `nonce` asks again for the same spot. */
export type JsonReveal = { spot: JsonSpot | null; nonce: number };

type Props = {
  text: string;
  onChange: (text: string) => void;
  contentAttributes: Record<string, string>;
  reveal: JsonReveal | null;
  /** Called once a reveal has been applied, so a later remount does not move the cursor again. */
  onRevealed: () => void;
};

const extensions = [
  json(),
  EditorView.lineWrapping,
  EditorView.theme({ "&": { maxHeight: "32rem" }, ".cm-scroller": { minHeight: "15rem" } }),
];

export default function JsonCodeEditor({ text, onChange, contentAttributes, reveal, onRevealed }: Props) {
  const [view, setView] = useState<EditorView | null>(null);

  useEffect(() => {
    if (!view || !reveal) return;
    const range = reveal.spot ? locateInJson(view.state.doc.toString(), reveal.spot) : undefined;
    view.focus();
    if (range) {
      view.dispatch({
        selection: EditorSelection.single(range.from, range.to),
        effects: EditorView.scrollIntoView(range.from, { y: "center" }),
      });
    }
    onRevealed();
  }, [view, reveal, onRevealed]);

  return (
    <CodeEditor
      value={text}
      onChange={onChange}
      extensions={extensions}
      contentAttributes={contentAttributes}
      onView={setView}
      className="overflow-hidden rounded-lg border border-slate-300"
    />
  );
}
