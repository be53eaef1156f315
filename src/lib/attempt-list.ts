/** Attempts per list page; shared by the server render and the client's "Load more". */
export const ATTEMPT_PAGE_SIZE = 25;
