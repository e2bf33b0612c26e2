/** Public API of the matrix area. */
export {};
