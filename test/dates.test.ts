import {execFileSync} from 'node:child_process'
import {parseFrontmatter} from 'mdpost'
import {describe, expect, test} from 'vitest'

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
