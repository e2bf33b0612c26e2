// Read time of the OSM downloads against their GeoJSON extracts: readRoads (file → features) and
// buildNetwork, median of --runs (default 3). Usage, after `npx tsc -b packages/core packages/cli`:
//   node benchmarks/graph/read-roads.mjs [--runs 3]
import os from 'node:os';
import { buildNetwork, readRoads } from '../../packages/core/dist/index.js';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 3;
const files = [
  ['andorra', 'roads.geojson'], ['andorra', 'andorra.osm.pbf'],
  ['north-bayreuth', 'roads.geojson'], ['north-bayreuth', 'north-bayreuth.osm.gz'],
];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, ${runs} runs, median`);
console.log('| area | file | read (ms) | build (ms) | features | nodes | edges | km |');
console.log('|---|---|---:|---:|---:|---:|---:|---:|');
for (const [area, file] of files) {
  const read = [];
  const build = [];
  let network;
  let features = 0;
  for (let r = 0; r < runs; r++) {
    let t = performance.now();
    const roads = await readRoads(`examples/data/osm/${area}/${file}`);
    read.push(performance.now() - t);
    features = roads.features.length;
    t = performance.now();
    network = buildNetwork(roads);
    build.push(performance.now() - t);
  }
  console.log(`| ${area} | ${file} | ${median(read).toFixed(0)} | ${median(build).toFixed(0)} | ${features} | ${network.stats.nodes} | ${network.stats.edges} | ${(network.stats.length / 1000).toFixed(3)} |`);
}
