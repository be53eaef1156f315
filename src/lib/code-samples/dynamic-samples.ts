// curl, Node, Python and Ruby: the body is written out as a literal, whatever it holds.
import { dynamicLiteral, keywordArguments } from "./dynamic-literal";
import { shellSingleQuoted } from "./string-literals";

const ENV_NOTE = "Reads OPENAI_API_KEY and OPENAI_BASE_URL from the environment.";

export function curlSample(request: unknown): string {
  return [
    'curl "$OPENAI_BASE_URL/threads" \\',
    '  -H "Content-Type: application/json" \\',
    '  -H "Authorization: Bearer $OPENAI_API_KEY" \\',
    '  -H "OpenAI-Beta: assistants=v2" \\',
    `  -d ${shellSingleQuoted(JSON.stringify(request, null, 2))}`,
  ].join("\n");
}

export function nodeSample(request: unknown): string {
  return `import OpenAI from "openai";

// ${ENV_NOTE}
const client = new OpenAI();

const thread = await client.beta.threads.create(${dynamicLiteral(request, "node")});
console.log(thread.id);
`;
}

export function pythonSample(request: Record<string, unknown>): string {
  return `from openai import OpenAI

# ${ENV_NOTE}
client = OpenAI()

thread = client.beta.threads.create(${keywordArguments(request, "python", "    ")})
print(thread.id)
`;
}

export function rubySample(request: Record<string, unknown>): string {
  return `require "openai"

openai = OpenAI::Client.new(api_key: ENV["OPENAI_API_KEY"], base_url: ENV["OPENAI_BASE_URL"])

thread = openai.beta.threads.create(${keywordArguments(request, "ruby", "  ")})
puts(thread.id)
`;
}
