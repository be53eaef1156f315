// curl, Node, Python and Ruby: the body is written out as a literal, whatever it holds.
import { dynamicLiteral, keywordArguments, splitSdkArguments } from "./dynamic-literal";
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
  // openai-python's create() takes only the contract's fields as keywords; anything else would
  // be a TypeError, so it travels in extra_body, which the SDK merges into the JSON body.
  const { named, extra } = splitSdkArguments(request);
  const args = extra ? { ...named, extra_body: extra } : named;
  return `from openai import OpenAI

# ${ENV_NOTE}
client = OpenAI()

thread = client.beta.threads.create(${keywordArguments(args, "python", "    ")})
print(thread.id)
`;
}

export function rubySample(request: Record<string, unknown>): string {
  // As in Python: the gem's create() takes the contract's fields; the rest goes in extra_body.
  const { named, extra } = splitSdkArguments(request);
  const args = extra ? { ...named, request_options: { extra_body: extra } } : named;
  return `require "openai"

openai = OpenAI::Client.new(api_key: ENV["OPENAI_API_KEY"], base_url: ENV["OPENAI_BASE_URL"])

thread = openai.beta.threads.create(${keywordArguments(args, "ruby", "  ")})
puts(thread.id)
`;
}
