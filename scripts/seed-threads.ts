// Fills the database with realistic, varied threads, generated inside PostgreSQL
// (generate_series, INSERT … SELECT) in batches: a million threads take minutes, where
// row-by-row inserts through Prisma would take hours.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { PREVIEW_CHARS } from "../src/lib/thread-preview";

export type SeedProgress = { done: number; total: number; elapsedMs: number };

const BATCH = 50_000;

// Vocabularies: each value's share of threads differs, so filters range from "a third
// of everything" (team=support) to "a few hundred rows" (customer=cus_01234).
const TEAMS = ["support", "sales", "billing", "onboarding", "research", "success", "platform", "legal"];
const ENVS = ["prod", "staging", "dev"];
const PRIORITIES = ["low", "normal", "high", "urgent"];
const CHANNELS = ["email", "chat", "phone", "api", "slack"];
const LOCALES = ["en-US", "en-GB", "de-DE", "fr-FR", "es-ES", "pt-BR", "ja-JP", "nl-NL", "it-IT", "sv-SE"];
const PEOPLE = Array.from({ length: 40 }, (_, i) => `${["ada", "grace", "alan", "edsger", "barbara", "ken", "linus", "margaret"][i % 8]}.${i}@example.com`);
const PRODUCTS = [
  "Aurora", "Basalt", "Cobalt", "Dynamo", "Ember", "Fjord", "Granite", "Helix", "Indigo", "Juniper",
  "Kestrel", "Lumen", "Magnet", "Nimbus", "Onyx", "Pylon", "Quasar", "Rivet", "Sable", "Tundra",
  "Umbra", "Vertex", "Willow", "Xenon", "Yarrow", "Zephyr", "Anvil", "Beacon", "Cinder", "Delta",
];
const USER_LINES = [
  "Where is my order? It was supposed to arrive on Monday.",
  "I was charged twice for the same subscription this month.",
  "Can you help me reset my password? The email never arrives.",
  "The export to CSV fails with a timeout for large reports.",
  "How do I add a second admin to our workspace?",
  "Please cancel my plan at the end of the billing period.",
  "Our webhook deliveries started failing after the update.",
  "Is there a discount for annual billing or for nonprofits?",
  "The mobile app crashes when I open the settings screen.",
  "I need an invoice with our company VAT number on it.",
  "Can I migrate my data from the legacy dashboard?",
  "The search results look out of date since yesterday.",
  "We want to integrate your API with our warehouse system.",
  "My refund has not shown up on my card statement yet.",
  "How many seats are included in the team plan?",
  "The shipping address on my order is wrong, please update it.",
  "Single sign-on stopped working for half of our users.",
  "Could you summarise the contract renewal terms for me?",
  "The chart on the analytics page shows no data for March.",
  "I would like to upgrade to the enterprise tier.",
];
const ASSISTANT_LINES = [
  "Thanks for reaching out, let me look into that for you.",
  "I have checked your account and found the duplicate charge; a refund is on its way.",
  "Here is a step by step guide to resolve the issue.",
  "I have escalated this to our engineering team and will follow up within a day.",
  "Your order shipped yesterday; the tracking link is in your inbox.",
  "You can change this under Settings, then Billing, then Plan.",
  "That limit applies per workspace; contacting sales can raise it.",
  "I have updated the address; the courier will use the new one.",
  "The outage is resolved and deliveries are being retried now.",
  "Could you share the request id from the error message?",
  "Annual plans come with two months free compared to monthly billing.",
  "I have sent the corrected invoice to the billing contact on file.",
];

const sqlArray = (values: readonly string[]) => `ARRAY[${values.map((value) => `'${value.replaceAll("'", "''")}'`).join(", ")}]`;
/** A uniformly random element of a SQL array literal (1-based). */
const pick = (values: readonly string[]) => `(${sqlArray(values)})[1 + floor(random() * ${values.length})::int]`;

/** One batch, in one transaction: threads, their messages, their search text and their history. */
function batchSql(salt: string, from: number, to: number, nowSeconds: number) {
  const twoYears = 2 * 365 * 86_400;
  return `
CREATE TEMP TABLE seed_threads ON COMMIT DROP AS
SELECT g,
       'thread_' || substr(md5('${salt}' || g), 1, 24) AS id,
       -- Denser toward the present, like a team's growing use; whole seconds tie often.
       ${nowSeconds} - floor(power(random(), 2) * ${twoYears})::int AS created_at,
       jsonb_strip_nulls(jsonb_build_object(
         'team',       CASE WHEN random() < 0.9 THEN ${pick(TEAMS)} END,
         'env',        CASE WHEN random() < 0.7 THEN ${pick(ENVS)} END,
         'customer',   CASE WHEN random() < 0.5 THEN 'cus_' || lpad((floor(random() * 5000))::int::text, 5, '0') END,
         'priority',   CASE WHEN random() < 0.4 THEN ${pick(PRIORITIES)} END,
         'channel',    CASE WHEN random() < 0.6 THEN ${pick(CHANNELS)} END,
         'locale',     CASE WHEN random() < 0.3 THEN ${pick(LOCALES)} END,
         'ticket',     CASE WHEN random() < 0.2 THEN 'T-' || (100000 + g) END,
         'experiment', CASE WHEN random() < 0.1 THEN 'exp-' || (1 + floor(random() * 20))::int END
       )) AS metadata,
       CASE WHEN random() < 0.7 THEN ${pick(PEOPLE)} END AS created_by,
       random() < 0.05 AS imported,
       CASE WHEN random() < 0.015 THEN now() - random() * interval '90 days' END AS deleted_at,
       floor(random() * 7)::int AS message_count
  FROM generate_series(${from}, ${to}) g;

CREATE TEMP TABLE seed_messages ON COMMIT DROP AS
SELECT t.id AS thread_id, p AS position,
       CASE WHEN p % 2 = 0 THEN 'user' ELSE 'assistant' END AS role,
       CASE WHEN p % 2 = 0
            THEN ${pick(USER_LINES)} || ' It is about ' || ${pick(PRODUCTS)} || ', order ' || (10000 + floor(random() * 90000))::int || '.'
            ELSE ${pick(ASSISTANT_LINES)} || ' ' || ${pick(ASSISTANT_LINES)}
       END AS text,
       random() AS shape
  FROM seed_threads t, generate_series(0, t.message_count - 1) p
 WHERE NOT t.imported;

-- The count and last activity as Spool's create writes them; an imported thread's stay unknown.
INSERT INTO threads (id, object, created_at, metadata, tool_resources, request, response, created_by, origin, deleted_at, search_vector, preview,
                     recorded_at, message_count, last_activity_at)
SELECT t.id, 'thread', t.created_at, t.metadata, '{}'::jsonb,
       CASE WHEN NOT t.imported THEN jsonb_build_object('messages', coalesce(m.messages, '[]'::jsonb), 'metadata', t.metadata) END,
       jsonb_build_object('id', t.id, 'object', 'thread', 'created_at', t.created_at, 'metadata', t.metadata, 'tool_resources', '{}'::jsonb),
       CASE WHEN NOT t.imported THEN t.created_by END,
       (CASE WHEN t.imported THEN 'IMPORTED' ELSE 'CREATED' END)::thread_origin,
       t.deleted_at,
       to_tsvector('english', coalesce(m.text, '')),
       -- As message-preview.ts takes it: every seeded first message's content has its text first.
       left(m.first_text, ${PREVIEW_CHARS}),
       to_timestamp(t.created_at) + random() * interval '2 seconds',
       CASE WHEN NOT t.imported THEN t.message_count END,
       CASE WHEN NOT t.imported THEN to_timestamp(t.created_at) END
  FROM seed_threads t
  LEFT JOIN (
        SELECT thread_id,
               string_agg(text, ' ' ORDER BY position) AS text,
               (array_agg(text ORDER BY position))[1] AS first_text,
               jsonb_agg(jsonb_build_object('role', role, 'content', text) ORDER BY position) AS messages
          FROM seed_messages GROUP BY thread_id
       ) m ON m.thread_id = t.id;

-- Most content is a plain string; some is an array of parts, as the composer can send.
INSERT INTO thread_messages (id, thread_id, position, role, content, attachments, metadata)
SELECT gen_random_uuid(), thread_id, position, role,
       CASE WHEN shape < 0.8 THEN to_jsonb(text)
            WHEN shape < 0.95 THEN jsonb_build_array(jsonb_build_object('type', 'text', 'text', text))
            ELSE jsonb_build_array(jsonb_build_object('type', 'text', 'text', text),
                                   jsonb_build_object('type', 'image_url', 'image_url', jsonb_build_object('url', 'https://example.com/screenshots/' || thread_id || '.png', 'detail', 'auto')))
       END,
       CASE WHEN shape > 0.97 THEN jsonb_build_array(jsonb_build_object('file_id', 'file-' || substr(md5(thread_id || position), 1, 24), 'tools', jsonb_build_array(jsonb_build_object('type', 'file_search')))) END,
       NULL
  FROM seed_messages;

INSERT INTO thread_events (thread_id, kind, actor, at)
SELECT id, (CASE WHEN imported THEN 'IMPORTED' ELSE 'CREATED' END)::thread_event_kind, created_by, to_timestamp(created_at)
  FROM seed_threads
UNION ALL
SELECT id, 'DELETED', created_by, deleted_at FROM seed_threads WHERE deleted_at IS NOT NULL;
`;
}

/**
 * Adds `count` threads (with ~3 messages each, except imported ones) to the database at
 * `databaseUrl`. Each call uses fresh ids, so seeding twice adds rows rather than failing.
 */
export async function seedThreads(
  databaseUrl: string,
  count: number,
  onProgress: (progress: SeedProgress) => void = () => {},
): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const salt = randomBytes(6).toString("hex");
  const nowSeconds = Math.floor(Date.now() / 1000);
  const started = Date.now();
  try {
    for (let from = 1; from <= count; from += BATCH) {
      const to = Math.min(count, from + BATCH - 1);
      await client.query("BEGIN");
      try {
        await client.query(batchSql(salt, from, to, nowSeconds));
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
      onProgress({ done: to, total: count, elapsedMs: Date.now() - started });
    }
    // Fresh statistics, so the planner knows how selective each filter is.
    await client.query("ANALYZE threads, thread_messages, thread_events");
  } finally {
    await client.end();
  }
}
