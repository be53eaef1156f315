/** How much of the first message's text the thread list shows (src/server/threads/message-preview.ts stores it). */
export const PREVIEW_CHARS = 160;
