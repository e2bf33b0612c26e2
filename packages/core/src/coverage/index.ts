/** Public API of the coverage area. */
export {};
