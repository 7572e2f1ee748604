import {execFileSync} from 'node:child_process'
import fast from 'fast-check'
import {parseFrontmatter} from 'mdpost'
import {describe, expect, test} from 'vitest'
import {parseDateutil} from '../src/dateutil.js'
import {utcParts, zoneParts} from '../src/site/time.js'

const dateOf = (value: string) => parseFrontmatter(`---\ndate: ${value}\n---\n`, {strict: false})

describe('dates', () => {
  test('as written, with their offset', () => {
    expect(dateOf('2021-11-07T23:30:00-05:00').date).toMatchObject({
      year: 2021,
      month: 11,
      day: 7,
      hour: 23,
      minute: 30,
      offset: '-05:00',
      iso: '2021-11-07T23:30:00-05:00'
    })
    expect(dateOf('2016-05-21 08:15:00 +0200').date).toMatchObject({day: 21, hour: 8, offset: '+02:00', iso: '2016-05-21T08:15:00+02:00'})
    expect(dateOf('2018-03-03').date).toMatchObject({year: 2018, month: 3, day: 3, hour: null, offset: null, iso: '2018-03-03'})
    expect(dateOf('2018-03-03T10:00:00Z').date?.offset).toBe('Z')
    expect(dateOf('2018-03-03 23:30').date).toMatchObject({hour: 23, minute: 30, second: null, offset: null, iso: '2018-03-03T23:30:00'})
  })

  test('impossible and foreign dates are reported, never rolled over', () => {
    for (const value of [
      '2018-02-30',
      '2019-02-29',
      '2018-13-01',
      '2018-03-03T24:00:00',
      "'03/03/2018'",
      '1520035200',
      'yesterday',
      '0000-01-01'
    ]) {
      const front = dateOf(value)
      expect(front.date, value).toBeNull()
      expect(
        front.diagnostics.map((d) => [d.ruleId, d.line]),
        value
      ).toEqual([['date-invalid', 2]])
    }
    expect(dateOf('2020-02-29').date?.day).toBe(29)
  })

  test('the file name gives the date when front matter has none or an invalid one', () => {
    const named = parseFrontmatter('---\ntitle: x\n---\n', {path: '_posts/2013-05-06-hello.md'})
    expect(named.date).toMatchObject({iso: '2013-05-06', source: 'filename'})
    expect(named.slug).toBe('hello')
    const invalid = parseFrontmatter('---\ndate: 2013-02-30\n---\n', {path: '2013-05-06-hello.md'})
    expect(invalid.date?.source).toBe('filename')
    expect(invalid.diagnostics.map((d) => d.ruleId)).toEqual(['date-invalid'])
    const mismatch = parseFrontmatter('---\ndate: 2014-01-01\n---\n', {path: '2013-05-06-hello.md'})
    expect(mismatch.diagnostics.map((d) => d.ruleId)).toEqual(['date-filename-mismatch'])
  })

  test('updated from last_modified_at, lastmod, updated or modified; TOML dates too', () => {
    expect(parseFrontmatter('---\nlastmod: 2020-01-02\n---\n').updated?.iso).toBe('2020-01-02')
    const toml = parseFrontmatter('+++\ndate = 2021-11-07T23:30:00-05:00\nmodified = 2021-11-08\n+++\n')
    expect(toml.date?.iso).toBe('2021-11-07T23:30:00-05:00')
    expect(toml.date?.offset).toBe('-05:00')
    expect(toml.updated?.iso).toBe('2021-11-08')
  })

  test('identical under every TZ', () => {
    const script = `
      import {parseFrontmatter} from 'mdpost'
      const values = ['2018-03-03', '2021-11-07T23:30:00-05:00', '2016-05-21 08:15:00 +0200', '2018-03-03 23:30:00', '2018-12-31T23:59:59']
      console.log(JSON.stringify(values.map((value) => parseFrontmatter('---\\ndate: ' + value + '\\n---\\n').date)))
    `
    const outputs = ['America/Los_Angeles', 'Pacific/Kiritimati', 'UTC'].map((zone) =>
      execFileSync(process.execPath, ['--input-type=module', '-e', script], {env: {...process.env, TZ: zone}, encoding: 'utf8'})
    )
    expect(JSON.parse(outputs[0] as string)[0]).toMatchObject({day: 3, iso: '2018-03-03'})
    expect(outputs[1]).toBe(outputs[0])
    expect(outputs[2]).toBe(outputs[0])
  })
})

describe('parseDateutil: dates as Pelican reads them (python-dateutil)', () => {
  // Expected values printed by python-dateutil 2.8 on 2026-12-03 (Pelican 4.8's `get_date`):
  //   python3 -c "from dateutil.parser import parse; from datetime import datetime;
  //               print(parse('08-02-21 15:00', default=datetime(2026, 12, 3)).isoformat())"
  // null: dateutil raises ValueError (Pelican then skips the file).
  const table: Array<[string, string | null]> = [
    ['08-02-21 15:00', '2021-08-02T15:00:00'],
    ['24-05-2015', '2015-05-24T00:00:00'],
    ['05-24-2015', '2015-05-24T00:00:00'],
    ['08/02/21', '2021-08-02T00:00:00'],
    ['08.02.2021', '2021-08-02T00:00:00'],
    ['2021/08/02', '2021-08-02T00:00:00'],
    ['2021.08.02 09:30', '2021-08-02T09:30:00'],
    ['2021-8-2', '2021-08-02T00:00:00'],
    ['08-02-2021 15:00:30', '2021-08-02T15:00:30'],
    ['02-08-21', '2021-02-08T00:00:00'],
    ['31-12-21', '2021-12-31T00:00:00'],
    ['21-12-31', '2031-12-21T00:00:00'],
    ['99-01-01', '1999-01-01T00:00:00'],
    ['69-01-01', '2069-01-01T00:00:00'],
    ['01-02-03', '2003-01-02T00:00:00'],
    ['2 May 2015', '2015-05-02T00:00:00'],
    ['May 2, 2015', '2015-05-02T00:00:00'],
    ['May 2 2015 10:00', '2015-05-02T10:00:00'],
    ['Sept 9, 2019', '2019-09-09T00:00:00'],
    ['2014-Aug-20', '2014-08-20T00:00:00'],
    ['2014/Aug/20 10:30', '2014-08-20T10:30:00'],
    ['Aug-20-2014', '2014-08-20T00:00:00'],
    ['20-Aug-2014', '2014-08-20T00:00:00'],
    ['20.Aug.2014', '2014-08-20T00:00:00'],
    ['2014 Aug 20', '2014-08-20T00:00:00'],
    ['Sun, 01 Nov 2015 10:00:00 GMT', '2015-11-01T10:00:00+00:00'],
    ['2015-05-02 10:00 -0300', '2015-05-02T10:00:00-03:00'],
    ['2021-08-02T15:00', '2021-08-02T15:00:00'],
    ['1/2/2021 9:05', '2021-01-02T09:05:00'],
    ['13-13-2021', null],
    ['31-02-2021', null],
    ['2021-13-01', null],
    ['02 de maio de 2015', null],
    ['2021-08-02 25:00', null]
  ]
  test.each(table)('%s', (text, expected) => {
    const result = parseDateutil(text, 'frontmatter', 2026)
    if (expected === null) {
      expect(result).toMatchObject({error: expect.stringContaining('Unexpected')})
      return
    }
    if (!result || !('date' in result)) throw new Error(`no date: ${JSON.stringify(result)}`)
    const {year, month, day, hour, minute, second, offset} = result.date
    const two = (value: number | null) => String(value ?? 0).padStart(2, '0')
    const zone = offset === null ? '' : offset === 'Z' ? '+00:00' : offset
    expect(`${year}-${two(month)}-${two(day)}T${two(hour)}:${two(minute)}:${two(second)}${zone}`).toBe(expected)
  })
})

describe('calendar parts of an instant in UTC', () => {
  test('computed from the instant, they are what Intl.DateTimeFormat gives (year 1 to 9999; seed printed by the setup)', () => {
    // Date.UTC reads years 0–99 as 1900–1999: year 1 is set apart. A day before it is in 1 BC (year 0).
    const first = new Date(0).setUTCFullYear(1, 0, 1) - 1000 * 86_400
    const last = Date.UTC(9999, 11, 31, 23, 59, 59)
    for (const instant of [first, Date.UTC(2004, 1, 29), Date.UTC(1970, 0, 1), Date.UTC(2000, 1, 29, 23, 59, 59), last]) {
      expect(utcParts(instant)).toEqual(zoneParts(instant, 'UTC'))
    }
    fast.assert(
      fast.property(fast.integer({min: first, max: last}), (instant) => {
        expect(utcParts(instant)).toEqual(zoneParts(instant, 'UTC'))
      }),
      {numRuns: 2000}
    )
  })
})

describe('parseDateutil: parts left out, digits alone, am/pm (python-dateutil)', () => {
  // Expected values printed by python-dateutil 2.9 with Pelican's default, the build's day at
  // midnight (here 31 December 2026, so a shorter month ends on its last day):
  //   python3 -c "from dateutil.parser import parse; from datetime import datetime;
  //               print(parse('2025-02', default=datetime(2026, 12, 31)).isoformat())"
  const today = new Date(2026, 11, 31)
  const table: Array<[string, string | null]> = [
    ['2022', '2022-12-31T00:00:00'],
    ['2025-01', '2025-01-31T00:00:00'],
    ['2024-02', '2024-02-29T00:00:00'],
    ['2021/08', '2021-08-31T00:00:00'],
    ['08-2021', '2021-08-31T00:00:00'],
    ['2023-09 10:00', '2023-09-30T10:00:00'],
    ['Aug 2021', '2021-08-31T00:00:00'],
    ['May 2', '2026-05-02T00:00:00'],
    ['2 May', '2026-05-02T00:00:00'],
    ['8/21', '2026-08-21T00:00:00'],
    ['20210802', '2021-08-02T00:00:00'],
    ['202108021030', '2021-08-02T10:30:00'],
    ['20210802103000', '2021-08-02T10:30:00'],
    ['2021-08-02 3pm', '2021-08-02T15:00:00'],
    ['2021-08-02 3:30 PM', '2021-08-02T15:30:00'],
    ['2021-08-02 10:00pm', '2021-08-02T22:00:00'],
    ['2021-08-02 12am', '2021-08-02T00:00:00'],
    ['2 May, 2021 3pm', '2021-05-02T15:00:00'],
    ['2021080210', null],
    ['2021-08-02 13pm', null],
    ['13/02', null]
  ]
  test.each(table)('%s', (text, expected) => {
    const result = parseDateutil(text, 'frontmatter', 2026, today)
    if (expected === null) {
      expect(result).toMatchObject({error: expect.stringContaining('Unexpected')})
      return
    }
    if (!result || !('date' in result)) throw new Error(`no date: ${JSON.stringify(result)}`)
    const {year, month, day, hour, minute, second} = result.date
    const two = (value: number | null) => String(value ?? 0).padStart(2, '0')
    expect(`${year}-${two(month)}-${two(day)}T${two(hour)}:${two(minute)}:${two(second)}`).toBe(expected)
  })
})
