/** Public API of the report area. */
export {};
