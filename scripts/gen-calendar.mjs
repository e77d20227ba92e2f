#!/usr/bin/env node
// Generate the built-in holiday schedules src/rules/calendar/schedules/YYYY.ts (2019–2026) from the data
// of the `chinese-days` package (node_modules/chinese-days/dist/years/YYYY.json), then apply the
// corrections below, which were checked by hand against the State Council notices.
//
//   node scripts/gen-calendar.mjs          write the files
//   node scripts/gen-calendar.mjs --check  exit 1 when the files on disk differ from what would be written
//
// Only the years 2019–2026 are generated on purpose: any other year is "unpublished" for the rules and
// is counted provisionally (Monday–Friday). Later years are published by administrators at run time
// (`gongkai calendar import FILE`).
import { readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkgDir = join(root, 'node_modules', 'chinese-days', 'dist', 'years');
const outDir = join(root, 'src', 'rules', 'calendar', 'schedules');
const FIRST = 2019;
const LAST = 2026;

// chinese-days holiday labels → the names used in the notices.
const NAMES = {
  元旦: '元旦',
  春节: '春节',
  清明: '清明节',
  劳动节: '劳动节',
  端午: '端午节',
  中秋: '中秋节',
  国庆节: '国庆节',
};

// The notices (all issued by 国务院办公厅; numbers checked against re-published copies of the notices).
const SOURCES = {
  2019: '国务院办公厅关于2019年部分节假日安排的通知（国办发明电〔2018〕15号）；国务院办公厅关于调整2019年劳动节假期安排的通知（国办发明电〔2019〕3号）',
  2020: '国务院办公厅关于2020年部分节假日安排的通知（国办发明电〔2019〕16号）；国务院办公厅关于延长2020年春节假期的通知（国办发明电〔2020〕1号）',
  2021: '国务院办公厅关于2021年部分节假日安排的通知（国办发明电〔2020〕27号）',
  2022: '国务院办公厅关于2022年部分节假日安排的通知（国办发明电〔2021〕11号）；12月31日依据国务院办公厅关于2023年部分节假日安排的通知（国办发明电〔2022〕16号）',
  2023: '国务院办公厅关于2023年部分节假日安排的通知（国办发明电〔2022〕16号）',
  2024: '国务院办公厅关于2024年部分节假日安排的通知（国办发明电〔2023〕7号）',
  2025: '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）',
  2026: '国务院办公厅关于2026年部分节假日安排的通知（国办发明电〔2025〕7号）',
};

const NOTES = {
  2019: '元旦假期中2018年12月29日（星期六）上班、12月30日至31日放假属于2018年，不在本年数据内。劳动节按国办发明电〔2019〕3号调整为5月1日至4日放假，4月28日、5月5日上班。',
  2020: '春节假期按国办发明电〔2020〕1号延长至2月2日：1月31日、2月1日（原定调休上班的星期六，改为放假）、2月2日放假，2月3日起正常上班。10月1日至8日为国庆节、中秋节合并放假。',
  2023: '元旦假期为2022年12月31日至2023年1月2日（12月31日列入2022年数据）。9月29日至10月6日为中秋节、国庆节合并放假。',
  2025: '自2025年起依照修订后的《全国年节及纪念日放假办法》（国务院令第795号），春节、劳动节各增加1天。10月1日至8日为国庆节、中秋节合并放假。',
};

// Hand corrections, applied after the package data. Each one states the notice it follows.
const CORRECTIONS = [
  {
    year: 2020,
    why: '国办发明电〔2020〕1号：春节假期延长至2月2日，2月1日（星期六）不再调休上班',
    holidays: [
      ['2020-01-31', '春节'],
      ['2020-02-01', '春节'],
      ['2020-02-02', '春节'],
    ],
    removeWorkdays: ['2020-02-01'],
  },
];

// Spans that the notices name jointly (「国庆节、中秋节：10月1日至8日」); the package labels them by one name.
const JOINT_NAMES = [
  { from: '2020-09-27', to: '2020-10-10', name: '国庆节、中秋节' },
  { from: '2023-09-29', to: '2023-10-08', name: '中秋节、国庆节' },
  { from: '2025-09-28', to: '2025-10-11', name: '国庆节、中秋节' },
];

function nameOf(label, date) {
  const joint = JOINT_NAMES.find((j) => date >= j.from && date <= j.to);
  if (joint) return joint.name;
  const zh = label.split(',')[1];
  const name = NAMES[zh];
  if (!name) throw new Error(`unknown holiday label "${label}" on ${date}`);
  return name;
}

function weekday(date) {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

function build(year) {
  const file = join(pkgDir, `${year}.json`);
  if (!existsSync(file)) throw new Error(`missing ${file}: is chinese-days installed?`);
  const data = JSON.parse(readFileSync(file, 'utf8'));
  const holidays = new Map();
  const workdays = new Map();
  for (const [date, label] of Object.entries(data.holidays ?? {})) {
    if (date.startsWith(`${year}-`)) holidays.set(date, nameOf(label, date));
  }
  for (const [date, label] of Object.entries(data.workdays ?? {})) {
    if (date.startsWith(`${year}-`)) workdays.set(date, nameOf(label, date));
  }
  const log = [];
  for (const c of CORRECTIONS.filter((c) => c.year === year)) {
    for (const [date, name] of c.holidays ?? []) {
      if (holidays.get(date) !== name) log.push(`+ holiday ${date} ${name}`);
      holidays.set(date, name);
    }
    for (const date of c.removeWorkdays ?? []) {
      if (workdays.delete(date)) log.push(`- workday ${date}`);
    }
    console.log(`${year}: correction (${c.why}): ${log.length ? log.join(', ') : 'already in the package data'}`);
  }
  for (const date of workdays.keys()) {
    const w = weekday(date);
    if (w !== 0 && w !== 6) throw new Error(`${date}: a make-up working day must be a Saturday or Sunday`);
    if (holidays.has(date)) throw new Error(`${date}: both a holiday and a make-up working day`);
  }
  const sort = (m) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, name]) => ({ date, name }));
  const schedule = { year, holidays: sort(holidays), workdays: sort(workdays), source: SOURCES[year] };
  if (NOTES[year]) schedule.note = NOTES[year];
  return schedule;
}

function render(s) {
  const days = (list) => list.map((d) => `    { date: '${d.date}', name: '${d.name}' },`).join('\n');
  return `// Generated by scripts/gen-calendar.mjs from the chinese-days package data, checked against the State
// Council notice(s) named in \`source\`. Do not edit by hand: change the script and run it again.
import type { YearSchedule } from '../schedule.js';

export const schedule${s.year}: YearSchedule = {
  year: ${s.year},
  source: '${s.source}',
${s.note ? `  note: '${s.note}',\n` : ''}  holidays: [
${days(s.holidays)}
  ],
  workdays: [
${days(s.workdays)}
  ],
};
`;
}

const check = process.argv.includes('--check');
let stale = 0;
mkdirSync(outDir, { recursive: true });
for (let year = FIRST; year <= LAST; year++) {
  const text = render(build(year));
  const path = join(outDir, `${year}.ts`);
  if (check) {
    if (!existsSync(path) || readFileSync(path, 'utf8') !== text) {
      console.error(`${path} is out of date`);
      stale++;
    }
  } else {
    writeFileSync(path, text);
    console.log(`wrote ${path}`);
  }
}
if (stale > 0) process.exit(1);
