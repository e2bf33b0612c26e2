/** Colours shared by the HTML map and the GeoJSON simplestyle properties. */

/** Today's routes: warm, muted (they are what goes away). */
const BEFORE = ['#d62728', '#ff7f0e', '#8c564b', '#e7298a', '#bcbd22', '#b5651d', '#c44e52', '#dd8452'];
/** The new plan: cool, saturated. */
const AFTER = ['#1f77b4', '#2ca02c', '#9467bd', '#17becf', '#0b5394', '#38761d', '#674ea7', '#134f5c'];

export function routeColour(phase: 'before' | 'after', index: number): string {
  const palette = phase === 'before' ? BEFORE : AFTER;
  return palette[index % palette.length] as string;
}

export const ROLE_COLOURS = {
  hub: '#000000',
  outlet: '#7b3294',
  station: '#008837',
  village: '#555555',
  unserved: '#e41a1c',
} as const;
