import { describe, expect, it } from 'vitest';
import { CsvReader } from './csv.ts';

function read(chunks: string[], maxRowChars = 10_000) {
  const rows: { fields: string[]; line: number }[] = [];
  const oversized: number[] = [];
  const reader = new CsvReader(
    { onRow: (fields, line) => rows.push({ fields, line }), onOversized: (line) => oversized.push(line) },
    maxRowChars,
  );
  for (const c of chunks) reader.write(c);
  reader.end();
  return { rows, oversized };
}

// Strava's shape: quoted dates with commas, a description over two lines, an empty quoted field, CRLF.
const TEXT =
  '\uFEFFActivity ID,Activity Date,Activity Name,Activity Description,Distance\r\n' +
  '1,"May 9, 2023, 10:09:29 AM",Morning Run,"525 Training Load\r\n-- from COROS",10.02\r\n' +
  '2,"May 10, 2023, 6:00:00 PM","He said ""go""","",\r\n' +
  '3,"May 11, 2023, 7:00:00 AM",Last,no newline,5';

describe('CsvReader', () => {
  it('reads quoted commas, line breaks and doubled quotes, drops the BOM, keeps the last row without a line break', () => {
    const { rows } = read([TEXT]);
    expect(rows.map((r) => r.fields)).toEqual([
      ['Activity ID', 'Activity Date', 'Activity Name', 'Activity Description', 'Distance'],
      ['1', 'May 9, 2023, 10:09:29 AM', 'Morning Run', '525 Training Load\r\n-- from COROS', '10.02'],
      ['2', 'May 10, 2023, 6:00:00 PM', 'He said "go"', '', ''],
      ['3', 'May 11, 2023, 7:00:00 AM', 'Last', 'no newline', '5'],
    ]);
    // A row spanning two lines: the next row starts on line 4.
    expect(rows.map((r) => r.line)).toEqual([1, 2, 4, 5]);
  });

  it('gives the same rows however the text is cut into chunks (every cut point, and one character at a time)', () => {
    const whole = read([TEXT]).rows.map((r) => r.fields);
    for (let cut = 1; cut < TEXT.length; cut++)
      expect(read([TEXT.slice(0, cut), TEXT.slice(cut)]).rows.map((r) => r.fields)).toEqual(whole);
    expect(read([...TEXT]).rows.map((r) => r.fields)).toEqual(whole);
  });

  it('skips blank lines, keeps a row of one empty quoted field, and reads LF and lone CR line ends', () => {
    const { rows } = read(['a,b\n\n""\rc,d\n']);
    expect(rows.map((r) => r.fields)).toEqual([['a', 'b'], [''], ['c', 'd']]);
  });

  it('passes over a row longer than the cap and reads on', () => {
    const { rows, oversized } = read([`id,text\n1,"${'x'.repeat(500)}\n${'y'.repeat(500)}"\n2,short\n`], 200);
    expect(rows.map((r) => r.fields)).toEqual([
      ['id', 'text'],
      ['2', 'short'],
    ]);
    expect(oversized).toEqual([2]);
  });

  it('ends a file cut inside quotes with the row it was reading', () => {
    expect(read(['a,"unfinished\nvalue']).rows.map((r) => r.fields)).toEqual([['a', 'unfinished\nvalue']]);
  });
});
