// Java (openai-java): ThreadCreateParams built with its builders.
// @see https://github.com/openai/openai-java (models/beta/threads/ThreadCreateParams.kt)
import type { CreateMessage, MessageContentPart, ThreadCreateRequest, ToolResources } from "~/lib/thread-request/schema";
import { javaString } from "./string-literals";
import type { Unsupported } from "./unsupported";

const P = "ThreadCreateParams";
type VectorStore = NonNullable<NonNullable<ToolResources["file_search"]>["vector_stores"]>[number];

class JavaWriter {
  readonly imports = new Set<string>(["com.openai.client.OpenAIClient", "com.openai.client.okhttp.OpenAIOkHttpClient", "com.openai.models.beta.threads.Thread", "com.openai.models.beta.threads.ThreadCreateParams"]);
  constructor(readonly notes: Unsupported) {}

  use(name: string) {
    this.imports.add(name);
  }

  /** `Builder.builder()\n .a(x)\n .build()` at `indent`. */
  builder(type: string, calls: string[], indent: string): string {
    if (calls.length === 0) return `${type}.builder().build()`;
    const inner = `${indent}    `;
    return `${type}.builder()\n${calls.map((call) => `${inner}${call}`).join("\n")}\n${inner}.build()`;
  }

  list(items: string[], indent: string): string {
    this.use("java.util.List");
    if (items.length === 0) return "List.of()";
    const inner = `${indent}    `;
    return `List.of(\n${items.map((item) => `${inner}${item}`).join(",\n")})`;
  }

  metadata(type: string, value: Record<string, string> | null | undefined, indent: string): string | undefined {
    if (value === undefined) return undefined;
    if (value === null) {
      this.use("java.util.Optional");
      return ".metadata(Optional.empty())";
    }
    this.use("com.openai.core.JsonValue");
    const calls = Object.entries(value).map(([key, v]) => `.putAdditionalProperty(${javaString(key)}, JsonValue.from(${javaString(v)}))`);
    return `.metadata(${this.builder(`${type}.Metadata`, calls, indent)})`;
  }

  part(part: MessageContentPart, indent: string, path: string): string {
    this.use("com.openai.models.beta.threads.messages.MessageContentPartParam");
    this.notes.extraKeys(part, ["type", part.type], path);
    switch (part.type) {
      case "text":
        this.use("com.openai.models.beta.threads.messages.TextContentBlockParam");
        return `MessageContentPartParam.ofText(${this.builder("TextContentBlockParam", [`.text(${javaString(part.text)})`], indent)})`;
      case "image_url": {
        this.use("com.openai.models.beta.threads.messages.ImageUrlContentBlock");
        this.use("com.openai.models.beta.threads.messages.ImageUrl");
        const image = part.image_url;
        this.notes.extraKeys(image, ["url", "detail"], `${path}.image_url`);
        const calls = [`.url(${javaString(image.url)})`];
        if (image.detail) calls.push(`.detail(ImageUrl.Detail.${image.detail.toUpperCase()})`);
        const inner = `${indent}        `;
        return `MessageContentPartParam.ofImageUrl(${this.builder("ImageUrlContentBlock", [`.imageUrl(${this.builder("ImageUrl", calls, inner)})`], indent)})`;
      }
      case "image_file": {
        this.use("com.openai.models.beta.threads.messages.ImageFileContentBlock");
        this.use("com.openai.models.beta.threads.messages.ImageFile");
        const image = part.image_file;
        this.notes.extraKeys(image, ["file_id", "detail"], `${path}.image_file`);
        const calls = [`.fileId(${javaString(image.file_id)})`];
        if (image.detail) calls.push(`.detail(ImageFile.Detail.${image.detail.toUpperCase()})`);
        const inner = `${indent}        `;
        return `MessageContentPartParam.ofImageFile(${this.builder("ImageFileContentBlock", [`.imageFile(${this.builder("ImageFile", calls, inner)})`], indent)})`;
      }
    }
  }

  message(message: CreateMessage, indent: string, path: string): string {
    this.notes.extraKeys(message, ["role", "content", "attachments", "metadata"], path);
    const inner = `${indent}    `;
    const calls = [`.role(${P}.Message.Role.${message.role.toUpperCase()})`];
    if (typeof message.content === "string") calls.push(`.content(${javaString(message.content)})`);
    else {
      const parts = message.content.map((part, i) => this.part(part, `${inner}    `, `${path}.content[${i}]`));
      calls.push(`.contentOfArrayOfContentParts(${this.list(parts, inner)})`);
    }
    if (message.attachments === null) {
      this.use("java.util.Optional");
      calls.push(".attachments(Optional.empty())");
    } else if (message.attachments !== undefined) {
      if (message.attachments.length === 0) calls.push(`.attachments(${this.list([], inner)})`);
      message.attachments.forEach((attachment, i) => {
        this.notes.extraKeys(attachment, ["file_id", "tools"], `${path}.attachments[${i}]`);
        const attachmentCalls: string[] = [];
        if (attachment.file_id !== undefined) attachmentCalls.push(`.fileId(${javaString(attachment.file_id)})`);
        if (attachment.tools?.length === 0) attachmentCalls.push(`.tools(${this.list([], `${inner}    `)})`);
        for (const tool of attachment.tools ?? []) {
          if (tool.type === "code_interpreter") {
            this.use("com.openai.models.beta.assistants.CodeInterpreterTool");
            attachmentCalls.push(".addTool(CodeInterpreterTool.builder().build())");
          } else attachmentCalls.push(".addToolFileSearch()");
        }
        calls.push(`.addAttachment(${this.builder(`${P}.Message.Attachment`, attachmentCalls, inner)})`);
      });
    }
    const metadata = this.metadata(`${P}.Message`, message.metadata, inner);
    if (metadata) calls.push(metadata);
    return this.builder(`${P}.Message`, calls, indent);
  }

  vectorStore(store: VectorStore, indent: string, path: string): string {
    const type = `${P}.ToolResources.FileSearch.VectorStore`;
    this.notes.extraKeys(store, ["file_ids", "chunking_strategy", "metadata"], path);
    const inner = `${indent}    `;
    const calls: string[] = [];
    if (store.file_ids?.length === 0) calls.push(`.fileIds(${this.list([], inner)})`);
    for (const id of store.file_ids ?? []) calls.push(`.addFileId(${javaString(id)})`);
    const strategy = store.chunking_strategy;
    if (strategy?.type === "auto") calls.push(".chunkingStrategyAuto()");
    if (strategy?.type === "static") {
      const settings = [
        `.maxChunkSizeTokens(${strategy.static.max_chunk_size_tokens}L)`,
        `.chunkOverlapTokens(${strategy.static.chunk_overlap_tokens}L)`,
      ];
      calls.push(`.staticChunkingStrategy(${this.builder(`${type}.ChunkingStrategy.Static.InnerStatic`, settings, inner)})`);
    }
    const metadata = this.metadata(type, store.metadata, inner);
    if (metadata) calls.push(metadata);
    return this.builder(type, calls, indent);
  }

  toolResources(resources: ToolResources, indent: string): string {
    const inner = `${indent}    `;
    this.notes.extraKeys(resources, ["code_interpreter", "file_search"], "tool_resources");
    const calls: string[] = [];
    const ci = resources.code_interpreter;
    if (ci) {
      this.notes.extraKeys(ci, ["file_ids"], "tool_resources.code_interpreter");
      const ciCalls = ci.file_ids?.length === 0 ? [`.fileIds(${this.list([], inner)})`] : (ci.file_ids ?? []).map((id) => `.addFileId(${javaString(id)})`);
      calls.push(`.codeInterpreter(${this.builder(`${P}.ToolResources.CodeInterpreter`, ciCalls, inner)})`);
    }
    const fs = resources.file_search;
    if (fs) {
      this.notes.extraKeys(fs, ["vector_store_ids", "vector_stores"], "tool_resources.file_search");
      const fsCalls: string[] = [];
      if (fs.vector_store_ids?.length === 0) fsCalls.push(`.vectorStoreIds(${this.list([], inner)})`);
      for (const id of fs.vector_store_ids ?? []) fsCalls.push(`.addVectorStoreId(${javaString(id)})`);
      if (fs.vector_stores?.length === 0) fsCalls.push(`.vectorStores(${this.list([], inner)})`);
      fs.vector_stores?.forEach((store, i) =>
        fsCalls.push(`.addVectorStore(${this.vectorStore(store, `${inner}    `, `tool_resources.file_search.vector_stores[${i}]`)})`),
      );
      calls.push(`.fileSearch(${this.builder(`${P}.ToolResources.FileSearch`, fsCalls, inner)})`);
    }
    return this.builder(`${P}.ToolResources`, calls, indent);
  }
}

export function javaSample(request: ThreadCreateRequest, notes: Unsupported): string {
  const writer = new JavaWriter(notes);
  const indent = "        ";
  const calls: string[] = [];
  if (request.messages?.length === 0) calls.push(`.messages(${writer.list([], indent)})`);
  request.messages?.forEach((message, i) => calls.push(`.addMessage(${writer.message(message, `${indent}    `, `messages[${i}]`)})`));
  if (request.tool_resources === null) {
    writer.use("java.util.Optional");
    calls.push(".toolResources(Optional.empty())");
  } else if (request.tool_resources) calls.push(`.toolResources(${writer.toolResources(request.tool_resources, `${indent}    `)})`);
  const metadata = writer.metadata(P, request.metadata, `${indent}    `);
  if (metadata) calls.push(metadata);
  const params = writer.builder(P, calls, indent);
  const imports = [...writer.imports].sort().map((name) => `import ${name};`).join("\n");
  return `${imports}

public final class CreateThread {
    public static void main(String[] args) {
        // Reads OPENAI_API_KEY and OPENAI_BASE_URL from the environment.
        OpenAIClient client = OpenAIOkHttpClient.fromEnv();
${notes.comment("        // ")}
        ${P} params = ${params};
        Thread thread = client.beta().threads().create(params);
        System.out.println(thread.id());
    }
}
`;
}
