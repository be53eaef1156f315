import { describe, expect, it } from "vitest";
import { dynamicLiteral } from "./dynamic-literal";
import { codeSample } from "./index";

const request = {
  messages: [
    {
      role: "user",
      content: [
        { type: "text", text: "It's \"quoted\" #{not} interpolated\n" },
        { type: "image_url", image_url: { url: "https://example.com/cat.png", detail: "high" } },
        { type: "image_file", image_file: { file_id: "file-img", detail: "low" } },
      ],
      attachments: [{ file_id: "file-a", tools: [{ type: "code_interpreter" }, { type: "file_search" }] }],
      metadata: { "my key": "v", __proto__: "kept" },
    },
    { role: "assistant", content: "Sure." },
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
// The literal above would set the prototype; make "__proto__" a real key, as JSON.parse does.
request.messages[0]!.metadata = JSON.parse('{"my key":"v","__proto__":"kept"}') as typeof request.messages[0]["metadata"];
// Spool refuses a "__proto__" key (see storable-input.ts); typed SDK samples need a valid draft.
const storableRequest = structuredClone(request);
storableRequest.messages[0]!.metadata = { "my key": "v", "odd-key": "kept" } as unknown as typeof request.messages[0]["metadata"];

describe("codeSample", () => {
  it("curl sends the exact body in one single-quoted word", () => {
    const { code } = codeSample("curl", request);
    expect(code).toContain('curl "$OPENAI_BASE_URL/threads"');
    expect(code).toContain('-H "OpenAI-Beta: assistants=v2"');
    const quoted = code.slice(code.indexOf("-d '") + 3);
    const body = quoted.slice(1, -1).replaceAll("'\\''", "'");
    expect(JSON.parse(body)).toStrictEqual(request);
  });

  it("Node passes an object literal that evaluates to the request, __proto__ key included", () => {
    const { code } = codeSample("node", request);
    expect(code).toContain("await client.beta.threads.create({");
    const literal = dynamicLiteral(request, "node");
    const value = new Function(`return ${literal};`)() as typeof request;
    expect(JSON.stringify(value)).toBe(JSON.stringify(request));
    expect(code).toContain('["__proto__"]: "kept"');
  });

  it("Python uses keyword arguments with Python literals", () => {
    const { code } = codeSample("python", { ...request, metadata: null });
    expect(code).toContain("client.beta.threads.create(\n    messages=[");
    expect(code).toContain("    metadata=None,");
    expect(code).toContain('"type": "image_url"');
  });

  it("Ruby calls openai.beta.threads.create with keyword arguments and symbols for names", () => {
    const { code } = codeSample("ruby", request);
    expect(code).toContain("thread = openai.beta.threads.create(\n  messages: [");
    expect(code).toContain("role: :user,");
    expect(code).toContain("type: :image_url,");
    expect(code).toContain("detail: :high,");
    expect(code).toContain('"my key": "v",');
    expect(code).toContain('text: "It\'s \\"quoted\\" \\#{not} interpolated\\n",');
  });

  it("Java builds ThreadCreateParams with the SDK's builders and imports only what it uses", () => {
    const { code, leftOut } = codeSample("java", storableRequest);
    expect(leftOut).toEqual([]);
    for (const expected of [
      "ThreadCreateParams params = ThreadCreateParams.builder()",
      ".role(ThreadCreateParams.Message.Role.USER)",
      ".contentOfArrayOfContentParts(List.of(",
      "MessageContentPartParam.ofImageUrl(ImageUrlContentBlock.builder()",
      ".detail(ImageUrl.Detail.HIGH)",
      ".detail(ImageFile.Detail.LOW)",
      ".addTool(CodeInterpreterTool.builder().build())",
      ".addToolFileSearch()",
      '.putAdditionalProperty("odd-key", JsonValue.from("kept"))',
      "ThreadCreateParams.ToolResources.FileSearch.VectorStore.ChunkingStrategy.Static.InnerStatic.builder()",
      ".maxChunkSizeTokens(800L)",
      "client.beta().threads().create(params)",
      "import com.openai.models.beta.assistants.CodeInterpreterTool;",
    ]) {
      expect(code).toContain(expected);
    }
    expect(codeSample("java", { messages: [{ role: "user", content: "hi" }] }).code).not.toContain("import java.util.List;");
  });

  it("Go fills openai.BetaThreadNewParams with the SDK's union fields", () => {
    const { code, leftOut } = codeSample("go", storableRequest);
    expect(leftOut).toEqual([]);
    for (const expected of [
      "client.Beta.Threads.New(context.TODO(), openai.BetaThreadNewParams{",
      "Messages: []openai.BetaThreadNewParamsMessage{",
      'Role: "user",',
      "OfArrayOfContentParts: []openai.MessageContentPartParamUnion{",
      "Detail: openai.ImageURLDetailHigh,",
      "{OfCodeInterpreter: &openai.CodeInterpreterToolParam{}}",
      '"github.com/openai/openai-go/v3/shared"',
      "OfStatic: &openai.BetaThreadNewParamsToolResourcesFileSearchVectorStoreChunkingStrategyStatic{",
      "MaxChunkSizeTokens: 800,",
      'Content: openai.BetaThreadNewParamsMessageContentUnion{\n\t\t\t\t\tOfString: openai.String("Sure."),',
    ]) {
      expect(code).toContain(expected);
    }
  });

  it("Python and Ruby send keys create() does not take in extra_body, so the sample still parses and runs", () => {
    const body = { messages: [{ role: "user", content: "hi" }], "my key": { nested: [1, null] }, timeout: 5 };
    const python = codeSample("python", body).code;
    expect(python).toContain('    messages=[');
    expect(python).toContain('    extra_body={\n        "my key": {');
    expect(python).toContain('        "timeout": 5,');
    expect(python).not.toMatch(/^\s+(my key|timeout)=/m);
    const ruby = codeSample("ruby", body).code;
    expect(ruby).toContain("  request_options: {\n    extra_body: {\n      \"my key\": {");
    expect(ruby).not.toMatch(/^\s+my key:/m);
    expect(codeSample("python", { metadata: {} }).code).not.toContain("extra_body");
  });

  it("Go writes explicit nulls with the SDK's param helpers", () => {
    const { code, leftOut } = codeSample("go", {
      messages: [{ role: "user", content: "x", attachments: null, metadata: null }],
      tool_resources: null,
      metadata: null,
    });
    expect(leftOut).toEqual([]);
    expect(code).toContain('"github.com/openai/openai-go/v3/packages/param"');
    expect(code).toContain("Attachments: param.NullSlice[[]openai.BetaThreadNewParamsMessageAttachment](),");
    expect(code).toContain("ToolResources: param.NullStruct[openai.BetaThreadNewParamsToolResources](),");
    expect(code).toContain("Metadata: param.NullMap[shared.Metadata](),");
  });

  it("typed SDKs name what they cannot express, and refuse an invalid draft", () => {
    expect(codeSample("go", { metadata: { a: "b" }, tool_resources: { extra: 1 } }).leftOut).toEqual(["tool_resources.extra"]);
    expect(codeSample("java", { messages: [{ role: "system", content: "x" }] }).code).toMatch(/not a valid Create-thread request/);
  });
});
