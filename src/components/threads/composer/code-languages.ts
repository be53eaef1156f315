// CodeMirror's language for each code sample, each loaded when its tab is first shown.
// curl and Ruby have no CodeMirror 6 grammar; CodeMirror's own legacy modes cover them.
import { StreamLanguage } from "@codemirror/language";
import type { Extension } from "@codemirror/state";
import type { CodeLanguage } from "~/lib/code-samples";

export const loadCodeLanguage: Record<CodeLanguage, () => Promise<Extension>> = {
  curl: async () => StreamLanguage.define((await import("@codemirror/legacy-modes/mode/shell")).shell),
  node: async () => (await import("@codemirror/lang-javascript")).javascript(),
  python: async () => (await import("@codemirror/lang-python")).python(),
  ruby: async () => StreamLanguage.define((await import("@codemirror/legacy-modes/mode/ruby")).ruby),
  java: async () => (await import("@codemirror/lang-java")).java(),
  go: async () => (await import("@codemirror/lang-go")).go(),
};
