/** Rows per page of the popup's lazy lists (components/shared/ShowMore.tsx); the data loader reads evidence for the first page only. */
export const PAGE = 20;
