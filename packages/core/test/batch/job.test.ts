import { describe, expect, it } from 'vitest';
import { runCountyJob, readCountyInputs, type CountyJob } from '../../src/batch/job.js';
import { countyJobKey } from '../../src/batch/key.js';
import { planNetwork } from '../../src/plan/plan.js';
import { planReportFiles } from '../../src/report/files.js';
import { gridCounty, type CountyTexts } from './counties.js';

function jobOf(texts: CountyTexts): CountyJob {
  const fields = {
    plan: { path: 'c/plan.json', text: texts.plan },
    roads: { path: 'c/roads.geojson', text: texts.roads },
    places: { path: 'c/places.geojson', text: texts.places },
    baseline: { path: 'c/today.csv', text: texts.baseline },
  };
  return { key: countyJobKey(fields), ...fields };
}

describe('runCountyJob', () => {
  it('gives the files of the plan pipeline run alone, and the county\'s figures', async () => {
    const job = jobOf(gridCounty({ size: 5, every: 3 }));
    const outcome = await runCountyJob(job);
    expect(outcome.status).toBe('done');
    if (outcome.status !== 'done') return;
    const alone = await planNetwork(await readCountyInputs(job), { generatedBy: 'postroute batch' });
    const files = await planReportFiles(alone.report, { osm: true });
    expect(outcome.files.map((f) => f.name)).toEqual(['summary.json', 'routes.csv', 'stops.csv', 'routes.geojson', 'report.html', 'sheets.html']);
    // All but report.html, which carries its run time.
    for (const i of [0, 1, 2, 3, 5]) expect(outcome.files[i]?.text).toBe(files[i]?.text);
    expect(outcome.summary).toEqual(alone.report.summary);
    expect(outcome.key).toBe(job.key);
    expect(outcome.overview.hubs).toEqual([{ name: 'Hub', lon: 11.5, lat: 50 }]);
    expect(outcome.overview.bbox).toEqual([11.5, 50, 11.54, 50.04]);
    expect(outcome.overview.routes.length).toBe(alone.report.after.length);
  });

  it('returns a bad county as failed with its located error instead of throwing', async () => {
    const texts = gridCounty();
    const outcome = await runCountyJob(jobOf({ ...texts, places: '{"type":"FeatureCollection","features":[{"type":"Feature"}]}' }));
    expect(outcome.status).toBe('failed');
    if (outcome.status !== 'failed') return;
    expect(outcome.error.kind).toBe('input');
    expect(outcome.error.message).toMatch(/^c\/places\.geojson/);
  });

  it('calls a county whose hub is off the roads infeasible', async () => {
    const texts = gridCounty();
    const places = JSON.parse(texts.places) as { features: { id: string; geometry: { coordinates: number[] } }[] };
    (places.features[0] as { geometry: { coordinates: number[] } }).geometry.coordinates = [12.5, 51];
    const outcome = await runCountyJob(jobOf({ ...texts, places: JSON.stringify(places) }));
    expect(outcome.status === 'failed' && outcome.error.kind).toBe('infeasible');
  });
});
