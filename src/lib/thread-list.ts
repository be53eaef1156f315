/** Threads per list page; shared by the server render and the client's "Load more". */
export const THREAD_PAGE_SIZE = 25;
/** The page sizes a person can pick (`?size=`). */
export const THREAD_PAGE_SIZES = [25, 50, 100] as const;

/** `?size=` as one of the offered sizes; anything else is the default. */
export function pageSizeFrom(value: string | string[] | undefined): number {
  const size = Number(Array.isArray(value) ? value[0] : value);
  return (THREAD_PAGE_SIZES as readonly number[]).includes(size) ? size : THREAD_PAGE_SIZE;
}
