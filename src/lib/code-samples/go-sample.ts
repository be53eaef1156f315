// Go (openai-go v3): BetaThreadNewParams as a composite literal.
// @see https://github.com/openai/openai-go (betathread.go, betathreadmessage.go)
import type { CreateMessage, MessageContentPart, ThreadCreateRequest, ToolResources } from "~/lib/thread-request/schema";
import { goString } from "./string-literals";
import type { Unsupported } from "./unsupported";

const VS = "openai.BetaThreadNewParamsToolResourcesFileSearchVectorStore";
type VectorStore = NonNullable<NonNullable<ToolResources["file_search"]>["vector_stores"]>[number];

const DETAIL = { auto: "Auto", low: "Low", high: "High" } as const;

class GoWriter {
  usesShared = false;
  usesParam = false;
  constructor(readonly notes: Unsupported) {}

  /** `Type{\n Field: value,\n}` with one field per line; `{}` when empty. */
  struct(type: string, fields: [string, string][], indent: string): string {
    if (fields.length === 0) return `${type}{}`;
    const inner = `${indent}\t`;
    return `${type}{\n${fields.map(([name, value]) => `${inner}${name}: ${value},`).join("\n")}\n${indent}}`;
  }

  slice(type: string, items: string[], indent: string): string {
    if (items.length === 0) return `${type}{}`;
    const inner = `${indent}\t`;
    return `${type}{\n${items.map((item) => `${inner}${item},`).join("\n")}\n${indent}}`;
  }

  /** An explicit JSON null, from the SDK's param package (a zero value would be left out). */
  null(constructor: string): string {
    this.usesParam = true;
    return `param.${constructor}()`;
  }

  strings(values: string[], indent: string): string {
    return this.slice("[]string", values.map(goString), indent);
  }

  metadata(value: Record<string, string> | null | undefined, path: string, indent: string): [string, string] | undefined {
    if (value === undefined) return undefined;
    this.usesShared = true;
    if (value === null) return ["Metadata", this.null("NullMap[shared.Metadata]")];
    const inner = `${indent}\t`;
    const entries = Object.entries(value);
    const body = entries.length === 0 ? "shared.Metadata{}" : `shared.Metadata{\n${entries.map(([k, v]) => `${inner}${goString(k)}: ${goString(v)},`).join("\n")}\n${indent}}`;
    return ["Metadata", body];
  }

  part(part: MessageContentPart, indent: string, path: string): string {
    this.notes.extraKeys(part, ["type", part.type], path);
    const inner = `${indent}\t`;
    switch (part.type) {
      case "text":
        return this.struct("", [["OfText", this.struct("&openai.TextContentBlockParam", [["Text", goString(part.text)]], inner)]], indent);
      case "image_url": {
        this.notes.extraKeys(part.image_url, ["url", "detail"], `${path}.image_url`);
        const fields: [string, string][] = [["URL", goString(part.image_url.url)]];
        if (part.image_url.detail) fields.push(["Detail", `openai.ImageURLDetail${DETAIL[part.image_url.detail]}`]);
        const block = this.struct("&openai.ImageURLContentBlockParam", [["ImageURL", this.struct("openai.ImageURLParam", fields, `${inner}\t`)]], inner);
        return this.struct("", [["OfImageURL", block]], indent);
      }
      case "image_file": {
        this.notes.extraKeys(part.image_file, ["file_id", "detail"], `${path}.image_file`);
        const fields: [string, string][] = [["FileID", goString(part.image_file.file_id)]];
        if (part.image_file.detail) fields.push(["Detail", `openai.ImageFileDetail${DETAIL[part.image_file.detail]}`]);
        const block = this.struct("&openai.ImageFileContentBlockParam", [["ImageFile", this.struct("openai.ImageFileParam", fields, `${inner}\t`)]], inner);
        return this.struct("", [["OfImageFile", block]], indent);
      }
    }
  }

  message(message: CreateMessage, indent: string, path: string): string {
    this.notes.extraKeys(message, ["role", "content", "attachments", "metadata"], path);
    const inner = `${indent}\t`;
    const content =
      typeof message.content === "string"
        ? this.struct("openai.BetaThreadNewParamsMessageContentUnion", [["OfString", `openai.String(${goString(message.content)})`]], inner)
        : this.struct(
            "openai.BetaThreadNewParamsMessageContentUnion",
            [
              [
                "OfArrayOfContentParts",
                this.slice(
                  "[]openai.MessageContentPartParamUnion",
                  message.content.map((part, i) => this.part(part, `${inner}\t\t`, `${path}.content[${i}]`)),
                  `${inner}\t`,
                ),
              ],
            ],
            inner,
          );
    const fields: [string, string][] = [
      ["Role", goString(message.role)],
      ["Content", content],
    ];
    if (message.attachments === null) fields.push(["Attachments", this.null("NullSlice[[]openai.BetaThreadNewParamsMessageAttachment]")]);
    if (message.attachments) {
      const items = message.attachments.map((attachment, i) => {
        this.notes.extraKeys(attachment, ["file_id", "tools"], `${path}.attachments[${i}]`);
        const attachmentFields: [string, string][] = [];
        if (attachment.file_id !== undefined) attachmentFields.push(["FileID", `openai.String(${goString(attachment.file_id)})`]);
        if (attachment.tools) {
          const tools = attachment.tools.map((tool) =>
            tool.type === "code_interpreter"
              ? "{OfCodeInterpreter: &openai.CodeInterpreterToolParam{}}"
              : "{OfFileSearch: &openai.BetaThreadNewParamsMessageAttachmentToolFileSearch{}}",
          );
          attachmentFields.push(["Tools", this.slice("[]openai.BetaThreadNewParamsMessageAttachmentToolUnion", tools, `${inner}\t\t`)]);
        }
        return this.struct("", attachmentFields, `${inner}\t`);
      });
      fields.push(["Attachments", this.slice("[]openai.BetaThreadNewParamsMessageAttachment", items, inner)]);
    }
    const metadata = this.metadata(message.metadata, `${path}.metadata`, inner);
    if (metadata) fields.push(metadata);
    return this.struct("", fields, indent);
  }

  vectorStore(store: VectorStore, indent: string, path: string): string {
    this.notes.extraKeys(store, ["file_ids", "chunking_strategy", "metadata"], path);
    const inner = `${indent}\t`;
    const fields: [string, string][] = [];
    if (store.file_ids) fields.push(["FileIDs", this.strings(store.file_ids, inner)]);
    const strategy = store.chunking_strategy;
    if (strategy?.type === "auto") {
      fields.push(["ChunkingStrategy", `${VS}ChunkingStrategyUnion{OfAuto: &${VS}ChunkingStrategyAuto{}}`]);
    }
    if (strategy?.type === "static") {
      const settings = this.struct(
        `${VS}ChunkingStrategyStaticStatic`,
        [
          ["MaxChunkSizeTokens", String(strategy.static.max_chunk_size_tokens)],
          ["ChunkOverlapTokens", String(strategy.static.chunk_overlap_tokens)],
        ],
        `${inner}\t\t`,
      );
      const variant = this.struct(`&${VS}ChunkingStrategyStatic`, [["Static", settings]], `${inner}\t`);
      fields.push(["ChunkingStrategy", this.struct(`${VS}ChunkingStrategyUnion`, [["OfStatic", variant]], inner)]);
    }
    const metadata = this.metadata(store.metadata, `${path}.metadata`, inner);
    if (metadata) fields.push(metadata);
    return this.struct("", fields, indent);
  }

  toolResources(resources: ToolResources, indent: string): string {
    this.notes.extraKeys(resources, ["code_interpreter", "file_search"], "tool_resources");
    const inner = `${indent}\t`;
    const fields: [string, string][] = [];
    if (resources.code_interpreter) {
      this.notes.extraKeys(resources.code_interpreter, ["file_ids"], "tool_resources.code_interpreter");
      const ids = resources.code_interpreter.file_ids;
      fields.push([
        "CodeInterpreter",
        this.struct("openai.BetaThreadNewParamsToolResourcesCodeInterpreter", ids ? [["FileIDs", this.strings(ids, `${inner}\t`)]] : [], inner),
      ]);
    }
    const fs = resources.file_search;
    if (fs) {
      this.notes.extraKeys(fs, ["vector_store_ids", "vector_stores"], "tool_resources.file_search");
      const fsFields: [string, string][] = [];
      if (fs.vector_store_ids) fsFields.push(["VectorStoreIDs", this.strings(fs.vector_store_ids, `${inner}\t`)]);
      if (fs.vector_stores) {
        const stores = fs.vector_stores.map((store, i) => this.vectorStore(store, `${inner}\t\t`, `tool_resources.file_search.vector_stores[${i}]`));
        fsFields.push(["VectorStores", this.slice(`[]${VS}`, stores, `${inner}\t`)]);
      }
      fields.push(["FileSearch", this.struct("openai.BetaThreadNewParamsToolResourcesFileSearch", fsFields, inner)]);
    }
    return this.struct("openai.BetaThreadNewParamsToolResources", fields, indent);
  }
}

export function goSample(request: ThreadCreateRequest, notes: Unsupported): string {
  const writer = new GoWriter(notes);
  const indent = "\t";
  const fields: [string, string][] = [];
  if (request.messages) {
    const messages = request.messages.map((message, i) => writer.message(message, `${indent}\t\t`, `messages[${i}]`));
    fields.push(["Messages", writer.slice("[]openai.BetaThreadNewParamsMessage", messages, `${indent}\t`)]);
  }
  if (request.tool_resources === null) fields.push(["ToolResources", writer.null("NullStruct[openai.BetaThreadNewParamsToolResources]")]);
  if (request.tool_resources) fields.push(["ToolResources", writer.toolResources(request.tool_resources, `${indent}\t`)]);
  const metadata = writer.metadata(request.metadata, "metadata", `${indent}\t`);
  if (metadata) fields.push(metadata);
  const params = writer.struct("openai.BetaThreadNewParams", fields, indent);
  return `package main

import (
\t"context"
\t"fmt"

\t"github.com/openai/openai-go/v3"${writer.usesParam ? '\n\t"github.com/openai/openai-go/v3/packages/param"' : ""}${writer.usesShared ? '\n\t"github.com/openai/openai-go/v3/shared"' : ""}
)

func main() {
\t// Reads OPENAI_API_KEY and OPENAI_BASE_URL from the environment.
\tclient := openai.NewClient()
${notes.comment("\t// ")}\tthread, err := client.Beta.Threads.New(context.TODO(), ${params})
\tif err != nil {
\t\tpanic(err.Error())
\t}
\tfmt.Println(thread.ID)
}
`;
}
