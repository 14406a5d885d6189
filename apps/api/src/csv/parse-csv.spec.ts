import { readFileSync } from 'node:fs';
import { toCsv, type IngestKind } from '@firewatch/shared';
import { describe, expect, it } from 'vitest';
import { parseCsv, validateCsvItems, type CsvItems } from './parse-csv.js';

const fixture = (name: string): Buffer =>
  readFileSync(new URL(`../../../../test/fixtures/csv/${name}`, import.meta.url));

/** Parses and expects success. */
function read(kind: IngestKind, input: string | Buffer): CsvItems {
  const result = parseCsv(kind, input);
  if ('problems' in result) throw new Error(`unexpected problems: ${JSON.stringify(result.problems)}`);
  return result;
}

function problemsOf(kind: IngestKind, input: string | Buffer) {
  const result = parseCsv(kind, input);
  if (!('problems' in result)) throw new Error('expected problems');
  return result.problems;
}

describe('parseCsv on the fixtures', () => {
  it('reads quoted commas, a two-line title, lists and roles from a BOM + CRLF spreadsheet export', () => {
    const { items, lines } = read('incidents', fixture('incidents.csv'));
    expect(lines).toEqual([2, 3, 5]); // inc-2's title spans lines 3–4, so inc-3 starts on line 5
    expect(items[0]).toEqual({
      externalId: 'inc-1', // no BOM glued to the first header
      title: 'Checkout errors, EU region',
      kind: 'incident',
      severity: 2,
      team: 'team-pay',
      services: ['svc-pay', 'svc-api'],
      causes: ['deploy', 'config'],
      declaredAt: '2026-03-02T10:15:00Z',
      startedAt: '2026-03-02T10:05:00Z',
      acknowledgedAt: '2026-03-02T10:18:00Z',
      mitigatedAt: '2026-03-02T11:00:00Z',
      resolvedAt: '2026-03-02T11:30:00Z',
      roles: [
        { responder: 'r-1', role: 'lead' },
        { responder: 'r-3', role: 'comms' },
      ],
    });
    expect(items[1]).toMatchObject({ title: 'Database failover\r\n(follow-up to "inc-1")', severity: 1 });
    expect(items[1]).not.toHaveProperty('startedAt'); // empty cell → field omitted
    expect(items[2]).toMatchObject({ services: ['svc-api', 'svc-db'], kind: 'game_day' }); // "svc-api; svc-db"
    expect(items[2]).not.toHaveProperty('causes');
    expect(validateCsvItems('incidents', items, lines)).toEqual([]);
  });

  it.each([
    ['teams', 'teams.csv', 2],
    ['services', 'services.csv', 3],
    ['responders', 'responders.csv', 3],
    ['activity', 'activity.csv', 5],
  ] as const)('reads and validates %s', (kind, file, count) => {
    const { items, lines } = read(kind, fixture(file));
    expect(items).toHaveLength(count);
    expect(lines).toEqual(Array.from({ length: count }, (_, i) => i + 2)); // one line per record
    expect(validateCsvItems(kind, items, lines)).toEqual([]);
  });

  it('reads numbers, JSON working hours and empty cells', () => {
    const services = read('services', fixture('services.csv')).items;
    expect(services.map((s) => s['tier'])).toEqual([1, 1, 2]);
    const [ada, grace] = read('responders', fixture('responders.csv')).items;
    expect(ada['workingHours']).toEqual({ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' });
    expect(grace).toEqual({
      externalId: 'r-2',
      name: 'Grace Hopper',
      email: 'grace@example.com',
      team: 'team-core',
      timezone: 'America/New_York',
      holidayCountry: 'US',
    });
    const activity = read('activity', fixture('activity.csv')).items;
    expect(activity[0]).not.toHaveProperty('endAt');
    expect(activity[1]).toMatchObject({ kind: 'call', endAt: '2026-03-02T10:55:00Z' });
  });

  it('names the line and field of the bad row after a two-line record', () => {
    const { items, lines } = read('incidents', fixture('incidents-bad-row.csv'));
    expect(lines).toEqual([2, 3, 5, 6]);
    expect(validateCsvItems('incidents', items, lines)).toEqual([
      {
        line: 5, // header 1, inc-10 2, inc-11 3–4, inc-12 5: 2026-04-31 does not exist
        path: 'declaredAt',
        message: 'must be an ISO 8601 date-time with an offset, e.g. 2026-03-01T10:15:00Z',
      },
    ]);
  });
});

describe('parseCsv line numbers', () => {
  it.each([
    ['LF', 'externalId,name\na,A\nb,"B\nB"\nc,C\n', [2, 3, 5]],
    ['CRLF with CRLF inside a cell', 'externalId,name\r\na,A\r\nb,"B\r\nB"\r\nc,C\r\n', [2, 3, 5]],
    ['CR only', 'externalId,name\ra,A\rb,"B\rB"\rc,C', [2, 3, 5]],
    ['blank lines skipped but counted', 'externalId,name\n\na,A\n\n\nb,B\n\n', [3, 6]],
    ['rows of bare delimiters and spaces skipped but counted', 'externalId,name\na,A\n,\n ,\n   \nb,B\n', [2, 6]],
    ['three-line cell, no final line break', 'externalId,name\na,"A\n\nA"\nb,B', [2, 5]],
    ['BOM', '\uFEFFexternalId,name\na,A\n', [2]],
  ])('%s', (_, csv, expected) => {
    const { items, lines } = read('teams', csv);
    expect(lines).toEqual(expected);
    expect(items.map((item) => item['externalId'])).toEqual(['a', 'b', 'c'].slice(0, expected.length));
  });

  it('strips a BOM given as bytes', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('externalId,name\nä,Zoë\n')]);
    expect(read('teams', bytes).items).toEqual([{ externalId: 'ä', name: 'Zoë' }]);
  });
});

describe('parseCsv header problems', () => {
  it('names an unknown column on line 1', () => {
    expect(problemsOf('teams', 'externalId,name,colour\nt,T,red\n')).toEqual([
      { line: 1, path: 'colour', message: 'is not a field of teams; the fields are externalId, source, name' },
    ]);
  });

  it('rejects a repeated column and a column without a name', () => {
    expect(problemsOf('teams', 'externalId,name,name,\nt,T,U,\n')).toEqual([
      { line: 1, path: 'name', message: 'appears more than once in the header' },
      { line: 1, path: '', message: 'column 4 has no name' },
    ]);
  });

  it('ignores spaces around header names', () => {
    expect(read('teams', 'externalId , name\nt,T\n').items).toEqual([{ externalId: 't', name: 'T' }]);
  });

  it.each([
    ['', 'the file is empty; line 1 must name the fields'],
    ['\n\n', 'the file is empty; line 1 must name the fields'],
    ['externalId,name\n', 'the file has a header but no records'],
  ])('rejects %j', (csv, message) => {
    expect(problemsOf('teams', csv)).toEqual([{ line: 1, path: '', message }]);
  });

  it('rejects bytes that are not UTF-8 (a Windows-1252 export)', () => {
    const latin1 = Buffer.from('externalId,name\nt,Zo\xeb\n', 'latin1');
    expect(problemsOf('teams', latin1)).toEqual([
      { line: 1, path: '', message: 'the file is not UTF-8 text; save it as "CSV UTF-8"' },
    ]);
  });

  it('reports missing required columns per record through validation', () => {
    const { items, lines } = read('incidents', 'externalId,title\ninc-1,Outage\n');
    expect(validateCsvItems('incidents', items, lines)).toEqual([
      { line: 2, path: 'severity', message: 'is required' },
      { line: 2, path: 'declaredAt', message: 'is required' },
    ]);
  });
});

describe('parseCsv malformed CSV', () => {
  const quoteAdvice = 'quote the whole cell and double any quote inside it ("")';
  it.each([
    ['a quote never closed', 'externalId,name\na,A\nb,"B\nc,C\n', 3, 'has a quoted cell that is never closed'],
    [
      'a bad quote after blank lines and a two-line record',
      'externalId,name\n\na,"A\n"\n\nb,"B"x\n',
      6, // blank 2, a 3–4, blank 5, b 6
      `has text after the closing quote of a cell; ${quoteAdvice}`,
    ],
    ['too many cells', 'externalId,name\na,A\nb,B,extra\n', 3, 'has 3 cells but the header has 2'],
    ['too few cells after a CRLF two-line record', 'externalId,name\r\na,"A\r\nA"\r\nb\r\n', 4, 'has 1 cells but the header has 2'],
    [
      'text after a closing quote',
      'externalId,name\na,"A"x\n',
      2,
      `has text after the closing quote of a cell; ${quoteAdvice}`,
    ],
    [
      'a quote inside an unquoted cell',
      'externalId,name\na,x"A"\n',
      2,
      `has a quote inside an unquoted cell; ${quoteAdvice}`,
    ],
  ])('%s → a problem on its line, no throw', (_, csv, line, message) => {
    expect(problemsOf('teams', csv)).toEqual([{ line, path: '', message }]);
  });

  it('reports every record with the wrong number of cells', () => {
    expect(problemsOf('teams', 'externalId,name\na,A,x\nb,B\nc\n')).toEqual([
      { line: 2, path: '', message: 'has 3 cells but the header has 2' },
      { line: 4, path: '', message: 'has 1 cells but the header has 2' },
    ]);
  });
});

describe('parseCsv cells', () => {
  const header = 'externalId,title,severity,declaredAt,roles\n';

  it.each([
    ['3', 3],
    [' 3 ', 3],
    ['-2', -2],
    ['1.5', 1.5],
    ['2e0', 2],
    ['high', 'high'],
    ['0x3', '0x3'],
    ['Infinity', 'Infinity'],
  ])('severity %j → %j', (cell, value) => {
    expect(read('incidents', `${header}i,T,${cell},,\n`).items[0]?.['severity']).toEqual(value);
  });

  it('lets the schema name a number cell that is not a number', () => {
    const { items, lines } = read('incidents', `${header}i,T,high,2026-03-01T10:00:00Z,\n`);
    expect(validateCsvItems('incidents', items, lines)).toEqual([
      { line: 2, path: 'severity', message: 'Invalid input: expected number, received string' },
    ]);
  });

  it('reads role pairs, splitting at the last colon', () => {
    const item = read('incidents', `${header}i,T,2,2026-03-01T10:00:00Z, pd:r-1 : lead ;;r-2:comms;\n`).items[0];
    expect(item?.['roles']).toEqual([
      { responder: 'pd:r-1', role: 'lead' },
      { responder: 'r-2', role: 'comms' },
    ]);
  });

  it('names a role entry that is not a pair', () => {
    expect(problemsOf('incidents', `${header}i,T,2,2026-03-01T10:00:00Z,r-1:lead;r-2\n`)).toEqual([
      { line: 2, path: 'roles.1', message: 'must be responder:role pairs separated by ";", e.g. r-1:lead;r-2:comms' },
    ]);
  });

  it('reports a bad role with its dotted path', () => {
    const { items, lines } = read('incidents', `${header}i,T,2,2026-03-01T10:00:00Z,r-1:lead;r-2:Comms\n`);
    expect(validateCsvItems('incidents', items, lines)).toEqual([
      { line: 2, path: 'roles.1.role', message: 'must be a lowercase role name such as lead or comms' },
    ]);
  });

  it('names a working-hours cell that is not JSON, and every such cell in the file', () => {
    const csv = 'externalId,name,workingHours\nr-1,Ada,{days:[1]}\nr-2,Grace,"{""days"":[1]}"\nr-3,Kim,9-5\n';
    expect(problemsOf('responders', csv)).toEqual([
      { line: 2, path: 'workingHours', message: expect.stringMatching(/^must be JSON \(.+\)$/) },
      { line: 4, path: 'workingHours', message: expect.stringMatching(/^must be JSON \(.+\)$/) },
    ]);
  });

  it('validates the JSON of working hours with the schema', () => {
    const csv = 'externalId,name,workingHours\nr-1,Ada,"{""days"":[1,8],""start"":""09:00"",""end"":""17:00""}"\n';
    const { items, lines } = read('responders', csv);
    expect(validateCsvItems('responders', items, lines)).toEqual([
      { line: 2, path: 'workingHours.days.1', message: 'must be 1..7' },
    ]);
  });

  it('keeps text cells as written and lets the schema judge them', () => {
    const csv = 'externalId,responder,incident,at,kind\na 1,r-1,i,2026-03-01T10:00:00Z,call\n';
    const { items, lines } = read('activity', csv);
    expect(items[0]?.['externalId']).toBe('a 1');
    expect(validateCsvItems('activity', items, lines)).toEqual([
      { line: 2, path: 'externalId', message: 'must not contain whitespace or control characters' },
      { line: 2, path: 'endAt', message: 'is required for kind call' },
    ]);
  });

  it('lists every invalid record of the file by line', () => {
    const csv = 'externalId,name\nok,Fine\nbad one,Named\nalso-ok,Fine\n,Nameless\n';
    const { items, lines } = read('teams', csv);
    expect(validateCsvItems('teams', items, lines)).toEqual([
      { line: 3, path: 'externalId', message: 'must not contain whitespace or control characters' },
      { line: 5, path: 'externalId', message: 'is required' },
    ]);
  });

  it('names the line an identity repeats', () => {
    const csv = 'externalId,name,source\nt-1,A,\nt-2,"B\nB",\nt-1,C,api\nt-1,D,pagerduty\n';
    const { items, lines } = read('teams', csv);
    expect(validateCsvItems('teams', items, lines)).toEqual([
      { line: 5, path: 'externalId', message: 'repeats line 2 (same source and externalId)' }, // source defaults to api
    ]);
  });
});

describe('toCsv and parseCsv', () => {
  it('round-trips through parseCsv', () => {
    const teams = [
      { externalId: 'team-core', source: 'api', name: 'Core Platform' },
      { externalId: 'team-pay', source: 'api', name: 'Payments, Billing & "Fraud"' },
      { externalId: 'team-ops', source: 'pagerduty', name: 'Ops\nnight shift' },
    ];
    const result = parseCsv('teams', toCsv(teams, ['externalId', 'source', 'name']));
    expect(result).toEqual({ items: teams, lines: [2, 3, 4] });
    if ('items' in result) expect(validateCsvItems('teams', result.items, result.lines)).toEqual([]);

    const services = [{ externalId: 'svc-api', name: 'API', team: 'team-core', tier: 1, source: 'api' }];
    expect(parseCsv('services', toCsv(services, ['externalId', 'name', 'team', 'tier']))).toEqual({
      items: [{ externalId: 'svc-api', name: 'API', team: 'team-core', tier: 1 }],
      lines: [2],
    });
  });
});
