/** Public API of the graph area. */
export {};
