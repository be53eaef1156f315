/**
 * The contract's limits and the character count they use: plain constants and functions,
 * with no zod, so pages that only show counters or previews do not load the schema.
 * `./schema` re-exports all of it.
 */

// ---------------------------------------------------------------------------
// Limits (exported so the UI can show counters)
// ---------------------------------------------------------------------------

/** Metadata: at most 16 key-value pairs (contract prose). */
export const METADATA_MAX_PAIRS = 16;
/** Metadata: keys are at most 64 characters (code points; contract prose). */
export const METADATA_KEY_MAX = 64;
/** Metadata: values are at most 512 characters (code points; contract prose). */
export const METADATA_VALUE_MAX = 512;
/** `tool_resources.code_interpreter.file_ids`: `maxItems: 20`. */
export const CODE_INTERPRETER_MAX_FILES = 20;
/** `tool_resources.file_search.vector_store_ids`: `maxItems: 1`. */
export const FILE_SEARCH_MAX_VECTOR_STORE_IDS = 1;
/** `tool_resources.file_search.vector_stores`: `maxItems: 1`. */
export const FILE_SEARCH_MAX_VECTOR_STORES = 1;
/** `vector_stores[].file_ids`: `maxItems: 100000000`. */
export const VECTOR_STORE_MAX_FILES = 100_000_000;
/** Static chunking `max_chunk_size_tokens`: `minimum: 100`. */
export const CHUNK_SIZE_MIN = 100;
/** Static chunking `max_chunk_size_tokens`: `maximum: 4096`. */
export const CHUNK_SIZE_MAX = 4096;
/**
 * Static chunking `chunk_overlap_tokens` lower bound. NOTE: the contract's schema has no
 * `minimum` here; a negative token overlap is meaningless, and Spool rejects it on purpose.
 */
export const CHUNK_OVERLAP_MIN = 0;
/** Message `content` as an array: `minItems: 1`. */
export const MESSAGE_CONTENT_MIN_PARTS = 1;

export const MESSAGE_ROLES = ["user", "assistant"] as const;
export const IMAGE_DETAILS = ["auto", "low", "high"] as const;
export const CONTENT_PART_TYPES = ["text", "image_url", "image_file"] as const;
export const ATTACHMENT_TOOL_TYPES = ["code_interpreter", "file_search"] as const;
export const CHUNKING_STRATEGY_TYPES = ["auto", "static"] as const;

/** Largest `chunk_overlap_tokens` allowed for a given `max_chunk_size_tokens` ("must not exceed half"). */
export function maxChunkOverlapFor(maxChunkSizeTokens: number): number {
  return Math.floor(maxChunkSizeTokens / 2);
}

/**
 * Number of characters (Unicode code points) in `s` — the unit of the metadata limits.
 * An emoji counts as 1 even though its JS `.length` is 2.
 */
export function countChars(s: string): number {
  let count = 0;
  for (let i = 0; i < s.length; i++) {
    const unit = s.charCodeAt(i);
    // A high surrogate followed by a low surrogate is one code point.
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < s.length) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}
