"use client";

import type { Extension } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { useEffect, useMemo, useState } from "react";
import { CodeEditor } from "~/components/code-editor/CodeEditor";
import { CODE_LANGUAGES, codeSample, type CodeLanguage } from "~/lib/code-samples";
import { loadCodeLanguage } from "./code-languages";
import { secondaryButton } from "./styles";
import { TabList } from "./TabList";

const sizing = EditorView.theme({ "&": { maxHeight: "32rem" } });

export function CodeView({ request }: { request: unknown }) {
  const [language, setLanguage] = useState<CodeLanguage>("curl");
  const [copied, setCopied] = useState(false);
  const sample = useMemo(() => codeSample(language, request), [language, request]);
  const current = CODE_LANGUAGES.find((entry) => entry.id === language)!;
  // The sample shows at once, plain; its highlighting follows when the language has loaded.
  const [highlighting, setHighlighting] = useState<{ language: CodeLanguage; extension: Extension } | null>(null);
  useEffect(() => {
    let current = true;
    void loadCodeLanguage[language]().then((extension) => {
      if (current) setHighlighting({ language, extension });
    });
    return () => {
      current = false;
    };
  }, [language]);
  const extensions = useMemo(
    () => [sizing, highlighting?.language === language ? highlighting.extension : []],
    [highlighting, language],
  );

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <TabList
          label="Language"
          tabs={CODE_LANGUAGES}
          selected={language}
          onSelect={(id) => {
            setLanguage(id);
            setCopied(false);
          }}
          idPrefix="code-tab"
          panelId="code-panel"
          className="flex gap-0.5 overflow-x-auto sm:gap-1"
          tabClassName={(selected) =>
            `shrink-0 rounded-md px-2.5 py-1.5 text-sm sm:px-3 font-medium ${
              selected ? "bg-indigo-600 text-white" : "text-slate-700 hover:bg-slate-200"
            }`
          }
        />
        <button
          type="button"
          className={secondaryButton}
          onClick={async () => {
            await navigator.clipboard?.writeText(sample.code);
            setCopied(true);
          }}
        >
          <span aria-live="polite">{copied ? "Copied" : "Copy code"}</span>
        </button>
      </div>
      <div id="code-panel" role="tabpanel" aria-labelledby={`code-tab-${language}`} className="space-y-2">
        <p className="text-xs text-slate-500">
          {current.sdk === "HTTP" ? "Plain HTTP with curl." : `The ${current.sdk} SDK.`} Set OPENAI_API_KEY and OPENAI_BASE_URL (your
          Assistants-compatible server) before running it.
        </p>
        <div data-testid="code-sample">
          {/* Read-only but focusable, so the code can be selected and scrolled with the keyboard;
              `inputmode="none"` keeps a phone's keyboard closed. */}
          <CodeEditor
            value={sample.code}
            extensions={extensions}
            contentAttributes={{ "aria-label": `${current.label} code`, "aria-readonly": "true", inputmode: "none" }}
            className="overflow-hidden rounded-lg border border-slate-300"
          />
        </div>
        {sample.leftOut.length > 0 && (
          <p className="text-xs text-amber-800">
            {current.label} has no typed setter for {sample.leftOut.join(", ")}; they are left out here. The curl tab sends them.
          </p>
        )}
      </div>
    </div>
  );
}
