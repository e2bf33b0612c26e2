/**
 * Checks shared by the report's browser tests: what the page shows, read back from the DOM and
 * compared with what routes.csv and stops.csv say.
 */
import { parseString } from 'fast-csv';
import type { Page } from 'puppeteer-core';

export async function csvRows(text: string): Promise<Record<string, string>[]> {
  const out: Record<string, string>[] = [];
  await new Promise<void>((resolve, reject) => {
    parseString(text, { headers: true }).on('data', (row: Record<string, string>) => out.push(row)).on('error', reject).on('end', () => resolve());
  });
  return out;
}

/** "H:MM" as seconds after midnight. */
export const seconds = (clock: string): number => {
  const [h, m] = clock.split(':').map(Number);
  return (h! * 60 + m!) * 60;
};

/** The focused route (phase and id) and its stop list as the panel beside the map shows it. */
export async function focusedStops(page: Page): Promise<{ phase: string; id: string; stops: { id: string; arrival: string }[] }> {
  return page.evaluate(() => {
    const table = document.getElementById('focus-stops') as HTMLElement;
    const key = Number(table.dataset.routeKey);
    const { route } = (window as unknown as { postroute: { routes: { route: { phase: string; id: string } }[] } }).postroute.routes[key]!;
    const stops = [...table.querySelectorAll('tbody tr[data-stop]')].map((row) => ({ id: (row as HTMLElement).dataset.stop!, arrival: row.children[2]!.textContent!.split(' ')[0]! }));
    return { phase: route.phase, id: route.id, stops };
  });
}

/** The stops of one route in stops.csv, in order. */
export function csvStops(rows: Record<string, string>[], phase: string, id: string): { id: string; arrival: string }[] {
  return rows.filter((row) => row.phase === phase && row.route_id === id).map((row) => ({ id: row.stop_id!, arrival: row.arrival! }));
}

/** Every timeline bar's start and end, in seconds, read from where it is drawn on the time axis. */
export async function timelineBars(page: Page): Promise<{ phase: string; id: string; day: string; start: number; end: number }[]> {
  return page.evaluate(() => {
    const routes = (window as unknown as { postroute: { routes: { route: { phase: string; id: string } }[] } }).postroute.routes;
    return [...document.querySelectorAll('svg.timeline rect.bar')].map((bar) => {
      const svg = bar.closest('svg') as SVGSVGElement;
      const t0 = Number(svg.dataset.t0);
      const perPx = Number(svg.dataset.secondsPerPx);
      const x0 = Number(svg.dataset.x0);
      const box = (bar as SVGRectElement).getBBox();
      const { route } = routes[Number((bar as SVGRectElement).dataset.key)]!;
      return { phase: route.phase, id: route.id, day: svg.dataset.day ?? '', start: t0 + (box.x - x0) * perPx, end: t0 + (box.x + box.width - x0) * perPx };
    });
  });
}
