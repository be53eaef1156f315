import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { validThreadCreateRequest } from "~/lib/thread-request/arbitraries";
import {
  checkDraft,
  describePath,
  differingPaths,
  draftToRequest,
  emptyDraft,
  formLosses,
  newMessage,
  requestToDraft,
  type Draft,
  type DraftMessage,
} from "./draft";

const rows = (pairs: [string, string][]) => pairs.map(([key, value], index) => ({ id: `r${index}`, key, value }));

const draftWith = (patch: Partial<Draft>): Draft => ({ ...emptyDraft(), messages: [], ...patch });
const message = (patch: Partial<DraftMessage>): DraftMessage => ({ ...newMessage(), ...patch });

/** A request using every field the form can express. */
const everything = {
  messages: [
    {
      role: "user",
      content: [
        { type: "text", text: "What is in these images?" },
        { type: "image_url", image_url: { url: "https://example.com/cat.png", detail: "high" } },
        { type: "image_url", image_url: { url: "https://example.com/dog.png" } },
        { type: "image_file", image_file: { file_id: "file-img", detail: "low" } },
      ],
      attachments: [
        { file_id: "file-a", tools: [{ type: "code_interpreter" }, { type: "file_search" }] },
        { file_id: "file-b", tools: [] },
      ],
      metadata: { source: "composer" },
    },
    { role: "assistant", content: "Two cats." },
  ],
  tool_resources: {
    code_interpreter: { file_ids: ["file-1", "file-2"] },
    file_search: {
      vector_stores: [
        {
          file_ids: ["file-3"],
          chunking_strategy: { type: "static", static: { max_chunk_size_tokens: 800, chunk_overlap_tokens: 400 } },
          metadata: { team: "search" },
        },
      ],
    },
  },
  metadata: { project: "spool" },
};

describe("draftToRequest", () => {
  it("sends text messages as string content and leaves untouched metadata rows out", () => {
    const request = draftToRequest(
      draftWith({ messages: [message({ role: "assistant", text: "hi" })], metadata: rows([["team", "qa"], ["", ""]]) }),
    );
    expect(request).toEqual({ messages: [{ role: "assistant", content: "hi" }], metadata: { team: "qa" } });
  });

  it("omits everything that is empty: no messages, metadata, tool resources", () => {
    expect(draftToRequest(draftWith({ metadata: rows([["", ""]]) }))).toEqual({});
  });

  it("sends an existing vector store id, and the chosen one only: the two file_search choices are exclusive", () => {
    const draft = draftWith({});
    draft.fileSearch = { ...draft.fileSearch, mode: "existing", vectorStoreId: " vs_1 " };
    draft.fileSearch.newStore.fileIds = ["file-ignored"];
    expect(draftToRequest(draft)).toEqual({ tool_resources: { file_search: { vector_store_ids: ["vs_1"] } } });
  });

  it("leaves an empty chunk size out so the schema reports it as required", () => {
    const draft = draftWith({});
    draft.fileSearch.mode = "new";
    draft.fileSearch.newStore = { ...draft.fileSearch.newStore, chunking: "static", maxChunkSizeTokens: "", chunkOverlapTokens: "0" };
    const check = checkDraft(draft);
    expect(check.errors["tool_resources.file_search.vector_stores[0].chunking_strategy.static.max_chunk_size_tokens"]).toMatch(
      /required/,
    );
  });
});

describe("requestToDraft and back", () => {
  it("round-trips a request that uses every field the form can express, byte for byte", () => {
    const request = draftToRequest(requestToDraft(everything));
    expect(JSON.stringify(request)).toBe(JSON.stringify(everything));
    expect(formLosses(everything)).toEqual([]);
  });

  it("keeps every generated valid request, except the parts it names as lost", () => {
    fc.assert(
      fc.property(validThreadCreateRequest, (request) => {
        const back = draftToRequest(requestToDraft(request));
        const lost = new Set(formLosses(request));
        // Outside the listed paths the form gives back exactly what it was given.
        for (const path of differingPaths(request, back)) expect(lost.has(path)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it("names what the form cannot hold: unknown keys, nulls and empty lists", () => {
    expect(
      formLosses({
        messages: [{ role: "user", content: "hi", attachments: null, extra: 1 }],
        metadata: null,
      }),
    ).toEqual(["messages[0].attachments", "messages[0].extra", "metadata"]);
  });
});

describe("checkDraft", () => {
  it("accepts a valid draft with no problems", () => {
    const check = checkDraft(draftWith({ messages: [message({ text: "hello" })], metadata: rows([["team", "qa"]]) }));
    expect(check.problemCount).toBe(0);
    expect(check.errors).toEqual({});
  });

  it("flags a duplicated key on its second row, and the value error on the row whose value is sent", () => {
    const check = checkDraft(draftWith({ metadata: rows([["team", ""], ["team", "x".repeat(513)]]) }));
    expect(check.rowErrors.r1).toMatch(/used twice/);
    expect(check.rowErrors.r0).toBeUndefined();
    expect(check.problemCount).toBe(1);
  });

  it("reports 17 pairs on the metadata field as a whole", () => {
    const check = checkDraft(draftWith({ metadata: rows(Array.from({ length: 17 }, (_, i) => [`k${i}`, "v"] as [string, string])) }));
    expect(check.errors.metadata).toMatch(/16/);
    expect(check.problemCount).toBe(1);
  });

  it("puts a too-long key's error on that key's row, in a message's own metadata too", () => {
    const check = checkDraft(draftWith({ messages: [message({ text: "x", metadata: rows([["k".repeat(65), "v"]]) })] }));
    expect(check.rowErrors.r0).toMatch(/64/);
    expect(check.problems).toEqual([expect.objectContaining({ fieldId: "r0-key" })]);
  });

  it("says an overlap above half of the chunk size is the problem, at the overlap field", () => {
    const draft = draftWith({});
    draft.fileSearch.mode = "new";
    draft.fileSearch.newStore = { ...draft.fileSearch.newStore, chunking: "static", maxChunkSizeTokens: "800", chunkOverlapTokens: "401" };
    const check = checkDraft(draft);
    const path = "tool_resources.file_search.vector_stores[0].chunking_strategy.static.chunk_overlap_tokens";
    expect(check.errors[path]).toMatch(/half/);
    expect(check.problems.map((problem) => problem.path)).toEqual([path]);
  });

  it("requires at least one part when a message is built from parts", () => {
    const check = checkDraft(draftWith({ messages: [message({ contentKind: "parts", parts: [] })] }));
    expect(check.problems.map((problem) => problem.path)).toEqual(["messages[0].content"]);
  });
});

describe("describePath", () => {
  it("names a problem's place in the user's words", () => {
    expect(describePath("messages[1].content[0].image_url.url")).toBe("Message 2, part 1, URL");
    expect(describePath("tool_resources.code_interpreter.file_ids")).toBe("Code interpreter, file IDs");
    expect(describePath("tool_resources.file_search.vector_stores[0].chunking_strategy.static.chunk_overlap_tokens")).toBe(
      "New vector store, chunk overlap",
    );
    expect(describePath('metadata["my key"]')).toBe('Metadata, key "my key"');
    expect(describePath("")).toBe("Request");
  });
});
