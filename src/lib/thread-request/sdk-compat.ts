/**
 * COMPILE-TIME ONLY: proves that the zod-inferred request types line up with the OpenAI
 * SDK's parameter types. Nothing here exists at runtime (type-only import, type aliases
 * only); `tsc --noEmit` fails with "Type 'false' does not satisfy the constraint 'true'" on
 * the line of the direction that broke if someone changes the schema incompatibly.
 *
 * Direction 1 — zod ⊆ SDK (`ThreadCreateRequest extends ThreadCreateParams`): whatever the
 *   gate lets through can be handed to `client.beta.threads.create()` without a cast.
 * Direction 2 — SDK ⊆ zod: every shape the SDK can express is a shape the schema's type
 *   admits. The SDK uses closed `interface`s while `z.looseObject` infers an open
 *   `{ …; [k: string]: unknown }`, and a TypeScript interface is never assignable to a type
 *   with an index signature. So direction 2 first removes those "unknown extra keys"
 *   signatures from the zod type (`Closed<>`, which keeps real maps such as metadata's
 *   `Record<string, string>`). That is the only loosening.
 *
 * What neither direction can see (TypeScript cannot express it, so the runtime schema and
 * its tests own it):
 * - every count/length/range limit: metadata ≤16 pairs / key ≤64 / value ≤512, file_ids ≤20,
 *   vector_store_ids ≤1, vector_stores ≤1, chunk size 100–4096, overlap 0…⌊max/2⌋, integers,
 *   content array minItems 1, `format: uri`;
 * - file_search's "exactly one of vector_store_ids / vector_stores": the SDK types both as
 *   optional (looser than the contract); the zod type does too (the rule is a refinement),
 *   so the two agree at the type level;
 * - unknown keys: the SDK's closed interfaces are stricter than the contract where it is
 *   silent (`additionalProperties` absent); the zod type keeps `[k: string]: unknown` there,
 *   which is why direction 1 still holds (extra index signatures are assignable to an
 *   interface; excess-property checks apply only to object literals).
 * - attachment items: the contract's `required: [file_id, tools]` sits on the array, where
 *   it has no effect; the SDK agrees (`file_id?`, `tools?`), and so does the schema.
 */
import type { MessageCreateParams } from "openai/resources/beta/threads/messages";
import type { ThreadCreateParams, ThreadUpdateParams } from "openai/resources/beta/threads/threads";
import type {
  CreateMessage,
  MessageCreateRequest,
  MessageCreateRequestInput,
  ThreadCreateRequest,
  ThreadCreateRequestInput,
  ThreadModifyRequest,
  ThreadModifyRequestInput,
  ToolResources,
} from "./schema";

type Assert<T extends true> = T;
/** Non-distributive "A is assignable to B". */
type Extends<A, B> = [A] extends [B] ? true : false;
/** Type identity (not just mutual assignability): also tells `{ a?: X }` from `{}`. */
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** Index-signature keys of T whose value type is `unknown` (the ones `z.looseObject` adds). */
type OpenKey<T, K extends keyof T> = string extends K ? (unknown extends T[K] ? never : K) : K;

/**
 * Deeply removes `[k: string]: unknown` (loose-object) index signatures, keeping declared
 * keys, their optionality, unions, nulls, arrays and typed maps (e.g. `Record<string, string>`).
 */
type Closed<T> = T extends string | number | boolean | bigint | symbol | null | undefined
  ? T
  : T extends readonly (infer E)[]
    ? Closed<E>[]
    : T extends object
      ? { [K in keyof T as OpenKey<T, K>]: Closed<T[K]> }
      : T;

type SdkMessage = ThreadCreateParams.Message;
type SdkToolResources = ThreadCreateParams.ToolResources;
type SdkUpdateToolResources = ThreadUpdateParams.ToolResources;

// --- No transforms ------------------------------------------------------------------
// z.input === z.output: the schemas add no defaults, coercions or transforms, so the parsed
// value has the very type (and, per the tests, the very value) the caller sent.
export type _CreateNoTransform = Assert<Equals<ThreadCreateRequest, ThreadCreateRequestInput>>;
export type _ModifyNoTransform = Assert<Equals<ThreadModifyRequest, ThreadModifyRequestInput>>;

// --- Create thread -----------------------------------------------------------------
// Whole request, both directions.
export type _CreateZodToSdk = Assert<Extends<ThreadCreateRequest, ThreadCreateParams>>;
export type _CreateSdkToZod = Assert<Extends<ThreadCreateParams, Closed<ThreadCreateRequest>>>;
// Mutual assignability cannot notice a dropped OPTIONAL field (both sides would still accept
// each other), so also require identity once both are normalised by `Closed<>`: same keys,
// same optionality, same value types, all the way down.
export type _CreateExact = Assert<Equals<Closed<ThreadCreateRequest>, Closed<ThreadCreateParams>>>;

// Pieces, so a failure points near its cause.
// Message: role "user" | "assistant"; content string | parts; attachments (nullable); metadata (nullable).
export type _MessageZodToSdk = Assert<Extends<CreateMessage, SdkMessage>>;
export type _MessageSdkToZod = Assert<Extends<SdkMessage, Closed<CreateMessage>>>;
// Roles must match exactly (adding "system" to the schema breaks direction 1, removing one breaks 2).
export type _RoleExact = Assert<
  Extends<CreateMessage["role"], SdkMessage["role"]> & Extends<SdkMessage["role"], CreateMessage["role"]>
>;
// Content parts: text | image_url {url, detail?} | image_file {file_id, detail?}.
export type _ContentZodToSdk = Assert<Extends<CreateMessage["content"], SdkMessage["content"]>>;
export type _ContentSdkToZod = Assert<Extends<SdkMessage["content"], Closed<CreateMessage["content"]>>>;
// Attachments (both fields optional on both sides; tools code_interpreter | file_search).
export type _AttachmentsZodToSdk = Assert<Extends<CreateMessage["attachments"], SdkMessage["attachments"]>>;
export type _AttachmentsSdkToZod = Assert<Extends<SdkMessage["attachments"], Closed<CreateMessage["attachments"]>>>;
// Tool resources: code_interpreter.file_ids; file_search vector_store_ids | vector_stores with chunking auto | static.
export type _ToolResourcesZodToSdk = Assert<Extends<ToolResources, SdkToolResources>>;
export type _ToolResourcesSdkToZod = Assert<Extends<SdkToolResources, Closed<ToolResources>>>;
// Metadata: `{ [key: string]: string } | null` on both sides, exactly (no Closed<> needed).
export type _MetadataExact = Assert<
  Extends<ThreadCreateRequest["metadata"], ThreadCreateParams["metadata"]> &
    Extends<ThreadCreateParams["metadata"], ThreadCreateRequest["metadata"]>
>;

// --- Modify thread -----------------------------------------------------------------
export type _ModifyZodToSdk = Assert<Extends<ThreadModifyRequest, ThreadUpdateParams>>;
export type _ModifySdkToZod = Assert<Extends<ThreadUpdateParams, Closed<ThreadModifyRequest>>>;
export type _ModifyExact = Assert<Equals<Closed<ThreadModifyRequest>, Closed<ThreadUpdateParams>>>;
export type _ModifyToolResourcesZodToSdk = Assert<
  Extends<NonNullable<ThreadModifyRequest["tool_resources"]>, SdkUpdateToolResources>
>;
export type _ModifyToolResourcesSdkToZod = Assert<
  Extends<SdkUpdateToolResources, Closed<NonNullable<ThreadModifyRequest["tool_resources"]>>>
>;

// --- Create message (`client.beta.threads.messages.create`) --------------------------
// The add-message gate is the create-thread message schema; check it against the SDK's own
// parameter type for that endpoint too, so the two endpoints cannot drift apart unnoticed.
export type _MessageCreateNoTransform = Assert<Equals<MessageCreateRequest, MessageCreateRequestInput>>;
export type _MessageCreateZodToSdk = Assert<Extends<MessageCreateRequest, MessageCreateParams>>;
export type _MessageCreateSdkToZod = Assert<Extends<MessageCreateParams, Closed<MessageCreateRequest>>>;
export type _MessageCreateExact = Assert<Equals<Closed<MessageCreateRequest>, Closed<MessageCreateParams>>>;
