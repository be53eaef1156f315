// Exactly what openai-assistants-quickstart's thread route does
// (app/api/assistants/threads/route.ts): create the thread upstream, answer with it.
import OpenAI from "openai";

export const runtime = "nodejs";

// The quickstart's app/openai.ts: one client, configured from OPENAI_API_KEY / OPENAI_BASE_URL.
const openai = new OpenAI();

export async function POST(request: Request) {
  const body = await request.json();
  const thread = await openai.beta.threads.create(body);
  return Response.json(thread);
}
