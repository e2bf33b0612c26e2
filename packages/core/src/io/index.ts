/** Public API of the io area. */
export {};
