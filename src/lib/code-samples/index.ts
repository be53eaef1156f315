// The current draft as the equivalent call in curl and in each SDK teams use.
import { threadCreateRequestSchema } from "~/lib/thread-request/schema";
import { curlSample, nodeSample, pythonSample, rubySample } from "./dynamic-samples";
import { goSample } from "./go-sample";
import { javaSample } from "./java-sample";
import { Unsupported } from "./unsupported";

export const CODE_LANGUAGES = [
  { id: "curl", label: "curl", sdk: "HTTP" },
  { id: "node", label: "Node", sdk: "openai" },
  { id: "python", label: "Python", sdk: "openai" },
  { id: "ruby", label: "Ruby", sdk: "openai gem" },
  { id: "java", label: "Java", sdk: "openai-java" },
  { id: "go", label: "Go", sdk: "openai-go" },
] as const;

export type CodeLanguage = (typeof CODE_LANGUAGES)[number]["id"];

export type CodeSample = { code: string; /** Parts of the body this SDK's typed API cannot express. */ leftOut: readonly string[] };

/**
 * `request` as a program in `language`. curl, Node, Python and Ruby write any JSON body; the typed
 * SDKs (Java, Go) need a valid request, and say what their setters cannot hold.
 */
export function codeSample(language: CodeLanguage, request: unknown): CodeSample {
  const object = typeof request === "object" && request !== null && !Array.isArray(request) ? (request as Record<string, unknown>) : {};
  switch (language) {
    case "curl":
      return { code: curlSample(request), leftOut: [] };
    case "node":
      return { code: nodeSample(request), leftOut: [] };
    case "python":
      return { code: pythonSample(object), leftOut: [] };
    case "ruby":
      return { code: rubySample(object), leftOut: [] };
    case "java":
    case "go": {
      const parsed = threadCreateRequestSchema.safeParse(request);
      if (!parsed.success) {
        return { code: `// The draft is not a valid Create-thread request yet; fix the problems listed below.\n`, leftOut: [] };
      }
      const notes = new Unsupported();
      const code = language === "java" ? javaSample(parsed.data, notes) : goSample(parsed.data, notes);
      return { code, leftOut: notes.list };
    }
  }
}
