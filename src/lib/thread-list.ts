/** Threads per list page; shared by the server render and the client's "Load more". */
export const THREAD_PAGE_SIZE = 25;
