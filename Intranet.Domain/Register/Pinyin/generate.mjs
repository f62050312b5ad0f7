// Writes pinyin.txt, the table behind ChinesePinyin.cs. Not run by the build; see README.md beside it.
//
//   (in a scratch folder holding a copy of this script) npm install pinyin-pro@3.29.4 && node generate.mjs > pinyin.txt
//
// Two sections:
//   characters: reading<TAB>characters — every character of CJK Unified Ideographs (U+4E00–U+9FFF) that
//               pinyin-pro knows, under its most common reading;
//   surnames:   surname<TAB>readings — surnames read differently at the head of a name (曾 zeng, not ceng),
//               only where that differs from the characters' own readings.
import { pinyin } from 'pinyin-pro';

// Lower case without tone, ü as v: the way people type it (吕 → lv).
const options = { toneType: 'none', type: 'array', v: true };
const isReading = s => /^[a-z]+$/.test(s);

const byReading = new Map();
const readingOf = new Map();
for (let code = 0x4e00; code <= 0x9fff; code++) {
  const ch = String.fromCodePoint(code);
  const reading = pinyin(ch, options)[0];
  if (!reading || !isReading(reading)) {
    continue; // pinyin-pro does not know it and hands the character back
  }

  readingOf.set(ch, reading);
  if (!byReading.has(reading)) {
    byReading.set(reading, []);
  }
  byReading.get(reading).push(ch);
}

// pinyin-pro's own surname list, which its `surname: 'head'` option uses; it is not exported, so it is read
// from the file beside the package's entry point.
const { default: packageSurnames } = await import(new URL('data/surname.mjs', import.meta.resolve('pinyin-pro')));

// Surname readings that list lacks, from the usual lists of polyphonic surnames (多音字姓氏).
const extraSurnames = {
  祭: 'zhai', 黑: 'he', 种: 'chong', 秘: 'bi', 重: 'chong', 藏: 'zang', 蕃: 'pi',
};

const surnames = new Map();
for (const name of Object.keys(packageSurnames)) {
  surnames.set(name, pinyin(name, { ...options, surname: 'head' }).join(' '));
}
for (const [name, reading] of Object.entries(extraSurnames)) {
  surnames.set(name, reading);
}

const lines = ['# characters: reading<TAB>characters'];
for (const reading of [...byReading.keys()].sort()) {
  lines.push(`${reading}\t${byReading.get(reading).join('')}`);
}

lines.push('# surnames: surname<TAB>readings, where they differ from the characters\' own');
for (const name of [...surnames.keys()].sort()) {
  const reading = surnames.get(name);
  const plain = [...name].map(ch => readingOf.get(ch) ?? ch).join(' ');
  if (reading !== plain && reading.split(' ').every(isReading)) {
    lines.push(`${name}\t${reading}`);
  }
}

process.stdout.write(lines.join('\n') + '\n');
